"""Reads of cases: one case with everything its page shows (a fixed number of queries however
much it holds), the people to add to a team, and the work that falls due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from hub.organisations.models import Area, Membership, User
from hub.people.models import Person
from hub.people.selectors import merged_ids_of
from hub.platform.access import (
    NotFound,
    Permission,
    access_object,
    permissions_reaching,
    scoped,
)
from hub.platform.audit import audit_record
from hub.platform.chronology import events_for

from .models import Action, Case, CaseMember, CaseRisk, CaseSubject, SafetyPlan, VoiceRecord
from .practice import case_practice

CHRONOLOGY_SHOWN = 30
# The case page shows every open action but only the latest closed ones (the rest are on the
# case's action list), so that its cost does not grow with the case's history.
CLOSED_ACTIONS_SHOWN = 10
_OPEN = Q(status=Action.Status.OPEN)
# A case's actions as they are worked: the open ones first, soonest due (so overdue) first,
# then the closed ones (done or cancelled), the most recently closed first. Not by `status`,
# whose alphabet put cancelled and done before open.
_OPEN_ORDER = ("due_on", "pk")
_CLOSED_ORDER = (F("done_at").desc(nulls_last=True), "pk")
ACTION_ORDER = (
    models.Case(When(_OPEN, then=Value(0)), default=Value(1)),
    models.Case(When(_OPEN, then=F("due_on"))).asc(),
    *_CLOSED_ORDER,
)
# The columns the case page shows of a user (its name) and of each listed row: a case's
# actions and events are many, and each column not read is one fewer to convert per row.
_NAME = ("first_name", "last_name", "username")
_ACTION_COLUMNS = (
    "case_id", "kind", "text", "status", "due_on", "done_at", "owner_agency__name",
    *(f"owner__{column}" for column in _NAME),
)  # fmt: skip
_VOICE_COLUMNS = (
    "case_id", "words", "context", "place", "said_on", "person__given_name",
    "person__family_name",
    *(f"recorded_by__{column}" for column in _NAME),
)  # fmt: skip


def access_case(*, actor: User, case_id: object, purpose: str, action: str = "view") -> Case:
    """The one read path for a case: in scope, audited, else NotFound."""
    return access_object(
        actor=actor,
        permission=Permission.CASE_VIEW,
        queryset=Case.objects.select_related(
            "area",
            "lead_agency",
            "lead_professional",
            "opened_by",
            "closure_requested_by",
            "closed_by",
        ),
        id=case_id,
        purpose=purpose,
        action=action,
    )


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value: date) -> str:
    """A date as the case page writes it, "3 Mar 2026" (the `date:"j M Y"` filter's text,
    made once per row here rather than by the filter's formatter in the template)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action as a list of a case's actions shows it, its text made ready: a case has
    many actions, and each lookup and filter in a template row costs on every page view."""

    pk: int
    text: str
    short_text: str  # for the "Mark done" button's hidden label
    kind_title: str  # empty for the case's own actions
    owner: str
    agency: str
    due_on: date
    due: str
    status: str
    status_title: str
    closed_on: str  # when done or cancelled; empty while open
    done_url: str  # where "Mark done" posts; empty once closed

    @classmethod
    def of(cls, action: Action, done_url: str = "") -> ActionRow:
        """The row of one action; `done_url` is where "Mark done" posts (action_rows makes
        it for many rows at once)."""
        is_open = action.status == Action.Status.OPEN
        text = action.text
        return cls(
            pk=action.pk,
            text=text,
            # Truncator counts characters as the eye does; a text no longer than that is kept.
            short_text=text if len(text) <= 40 else Truncator(text).chars(40),
            kind_title="" if action.kind == Action.Kind.CASE else _KIND_TITLES[action.kind],
            owner=str(action.owner),
            agency=action.owner_agency.name,
            due_on=action.due_on,
            due=short_date(action.due_on),
            status=action.status,
            status_title=_STATUS_TITLES[action.status],
            closed_on=short_date(timezone.localtime(action.done_at)) if action.done_at else "",
            done_url=(done_url or reverse("cases:action-done", args=[action.pk]))
            if is_open
            else "",
        )


_KIND_TITLES = {kind.value: str(kind.label) for kind in Action.Kind}
_STATUS_TITLES = {status.value: str(status.label) for status in Action.Status}
_PK_MARK = 2147483647  # an id no action has, to stand for one in a reversed address


def action_rows(actions: list[Action]) -> list[ActionRow]:
    """The rows of many actions: the "Mark done" address reversed once for all of them (a
    reverse per row was a fifth of a row's cost)."""
    done = reverse("cases:action-done", args=[_PK_MARK])
    return [ActionRow.of(a, done.replace(str(_PK_MARK), str(a.pk))) for a in actions]


@dataclass(frozen=True, slots=True)
class EventLine:
    """One chronology event as the case page lists it."""

    on: str
    title: str


@dataclass(frozen=True)
class CasePage:
    """A case as its page shows it."""

    case: Case
    subjects: list[CaseSubject]
    members: list[CaseMember]
    risks: list[CaseRisk]
    plan: SafetyPlan | None
    actions: list[ActionRow]  # every open one, then the latest closed (CLOSED_ACTIONS_SHOWN)
    open_actions: int
    closed_actions: int  # all the case's closed actions, shown or not
    voices: list[VoiceRecord]
    events: list[EventLine]
    events_total: int
    can_work: bool
    can_manage: bool
    can_sign_off: bool
    outcome_title: str

    @property
    def closed_shown(self) -> int:
        """How many of the closed actions the page lists."""
        return len(self.actions) - self.open_actions

    @property
    def closed_hidden(self) -> int:
        """How many closed actions only the case's action list shows."""
        return self.closed_actions - self.closed_shown


def case_page(*, actor: User, case_id: object) -> CasePage:
    """Everything the case page shows, in a fixed number of queries."""
    case = access_case(actor=actor, case_id=case_id, purpose="view case")
    subjects = list(case.subjects.select_related("person", "person__home_area"))
    # Events of records merged into a subject's are part of its timeline, as on its own page.
    merged = merged_ids_of([s.person_id for s in subjects])
    person_ids = sorted(pk for ids in merged.values() for pk in ids)
    events = events_for(actor=actor, subject_type="person", subject_ids=person_ids)
    # The count of all the events the actor may read rides on the latest rows (a window over
    # the rows before the limit), as the closed actions' count does below: no query of its own.
    recent = list(
        events.select_related(None)
        .only("occurred_at", "title")
        .annotate(readable=Window(Count("pk")))
        .order_by("-occurred_at", "-pk")[:CHRONOLOGY_SHOWN]
    )
    reach = permissions_reaching(
        actor, case, [Permission.CASE_WORK, Permission.CASE_MANAGE, Permission.CASE_SIGN_OFF]
    )
    open_case = case.status != Case.Status.CLOSED
    outcome = case_practice().outcome(case.outcome)
    actions = case.actions.select_related("owner", "owner_agency").only(*_ACTION_COLUMNS)
    open_actions = list(actions.filter(_OPEN).order_by(*_OPEN_ORDER))
    closed_actions = list(
        actions.exclude(_OPEN)
        .annotate(closed_total=Window(Count("pk")))
        .order_by(*_CLOSED_ORDER)[:CLOSED_ACTIONS_SHOWN]
    )
    return CasePage(
        case=case,
        subjects=subjects,
        members=list(case.members.filter(left_at__isnull=True).select_related("user", "agency")),
        risks=list(case.risks.select_related("recorded_by").order_by("-recorded_at", "-pk")),
        plan=case.plans.select_related("created_by").order_by("-version").first(),
        actions=action_rows([*open_actions, *closed_actions]),
        open_actions=len(open_actions),
        closed_actions=closed_actions[0].closed_total if closed_actions else 0,
        voices=list(
            case.voices.select_related("recorded_by", "person")
            .only(*_VOICE_COLUMNS)
            .order_by("-said_on", "-pk")[:20]
        ),
        events=[
            EventLine(on=short_date(timezone.localtime(event.occurred_at)), title=event.title)
            for event in recent
        ],
        events_total=recent[0].readable if recent else 0,
        can_work=open_case and Permission.CASE_WORK in reach,
        can_manage=open_case and Permission.CASE_MANAGE in reach,
        can_sign_off=case.status == Case.Status.CLOSING
        and Permission.CASE_SIGN_OFF in reach
        and case.closure_requested_by_id != actor.pk,
        outcome_title=outcome.title if outcome else "",
    )


def case_to_work(
    *, actor: User, case_id: object, purpose: str, permission: Permission = Permission.CASE_WORK
) -> Case:
    """A case for one of the forms that work on it (add an action, a team member, their words,
    the risk, closing, a transfer): read and audited as the case page reads it, and only while
    it is open and in the reach of `permission`; else NotFound, as for a case out of scope."""
    case = access_case(actor=actor, case_id=case_id, purpose=purpose)
    if case.status == Case.Status.CLOSED or permission not in permissions_reaching(
        actor, case, [permission]
    ):
        raise NotFound
    return case


def case_persons(case: Case) -> list[Person]:
    """The people a case is about (read inside a case already read and checked)."""
    return [subject.person for subject in case.subjects.select_related("person")]


def other_areas(case: Case) -> list[Area]:
    """The region's areas a case may be transferred to (all but its own)."""
    return list(Area.objects.filter(in_region=True).exclude(pk=case.area_id))


@dataclass(frozen=True)
class CaseActions:
    """A case's actions, all of them, as its action list shows them."""

    case: Case
    subjects: list[CaseSubject]
    actions: list[ActionRow]
    can_work: bool


def actions_of(case: Case) -> list[ActionRow]:
    """All of a case's actions in ACTION_ORDER (read inside a case already read and checked)."""
    actions = case.actions.select_related("owner", "owner_agency").only(*_ACTION_COLUMNS)
    return action_rows(list(actions.order_by(*ACTION_ORDER)))


def case_actions(*, actor: User, case_id: object) -> CaseActions:
    """Every action of a case, open and closed, for its action list (logged as a view)."""
    case = access_case(actor=actor, case_id=case_id, purpose="view case actions")
    reach = permissions_reaching(actor, case, [Permission.CASE_WORK])
    return CaseActions(
        case=case,
        subjects=list(case.subjects.select_related("person")),
        actions=actions_of(case),
        can_work=case.status != Case.Status.CLOSED and Permission.CASE_WORK in reach,
    )


def plan_versions(*, actor: User, case_id: object) -> tuple[Case, list[SafetyPlan]]:
    """A case's plan versions, newest first (for the plan page and its printed copy)."""
    case = access_case(actor=actor, case_id=case_id, purpose="view plan")
    return case, list(case.plans.select_related("created_by").order_by("-version"))


def my_cases(*, actor: User, limit: int = 50) -> list[Case]:
    """Open cases the actor is on the team of, most recent first (logged with its length)."""
    cases = list(
        scoped(actor, Permission.CASE_VIEW, Case.objects.exclude(status=Case.Status.CLOSED))
        .filter(members__user=actor, members__left_at__isnull=True)
        .select_related("area")
        .prefetch_related(
            Prefetch("subjects", queryset=CaseSubject.objects.select_related("person"))
        )
        .distinct()
        .order_by("-opened_at")[:limit]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="case",
        purpose="my cases",
        detail={"results": len(cases)},
    )
    return cases


def area_cases(*, actor: User, status: str = "", limit: int = 200) -> list[Case]:
    """The cases of the actor's area(s), for the hub (logged with its length)."""
    cases = scoped(actor, Permission.CASE_VIEW, Case.objects.all(), include_break_glass=False)
    cases = cases.filter(status=status) if status else cases.exclude(status=Case.Status.CLOSED)
    found = list(
        cases.select_related("area", "lead_agency", "lead_professional")
        .prefetch_related(
            Prefetch("subjects", queryset=CaseSubject.objects.select_related("person"))
        )
        .order_by("next_review_on", "pk")[:limit]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="case",
        purpose="cases",
        detail={"results": len(found)},
    )
    return found


def colleagues(*, actor: User) -> list[User]:
    """Users a case team can take (the active users of the partnership), by name."""
    return list(
        User.objects.filter(is_active=True)
        .exclude(memberships=None)
        .order_by("last_name", "first_name")
    )


def actions_due(*, actor: User, team: bool = False, horizon_days: int = 14) -> QuerySet[Action]:
    """Open actions of the actor (or of the actor's teams) due within the horizon or overdue."""
    soon = timezone.localdate() + timedelta(days=horizon_days)
    if team:
        teams = Membership.objects.filter(user=actor).values("team_id")
        mine = Q(owner_team_id__in=teams)
    else:
        mine = Q(owner=actor)
    return (
        Action.objects.filter(mine, status=Action.Status.OPEN, due_on__lte=soon)
        .select_related("case", "owner")
        .order_by("due_on", "pk")
    )


def reviews_due(*, actor: User, horizon_days: int = 14) -> list[Case]:
    """Cases the actor leads whose review falls due within the horizon, or is overdue."""
    soon = timezone.localdate() + timedelta(days=horizon_days)
    return list(
        Case.objects.filter(lead_professional=actor, next_review_on__lte=soon)
        .exclude(status__in=[Case.Status.CLOSED, Case.Status.CLOSING])
        .order_by("next_review_on")[:20]
    )


def closures_to_sign_off(*, actor: User) -> list[Case]:
    """Cases asking to close, in the actor's reach as a manager, not asked for by them."""
    return list(
        scoped(
            actor,
            Permission.CASE_SIGN_OFF,
            Case.objects.filter(status=Case.Status.CLOSING),
            include_break_glass=False,
        )
        .exclude(closure_requested_by=actor)
        .order_by("closure_requested_at")[:20]
    )


def rag_for(due: date, today: date | None = None) -> str:
    """Red when overdue, amber within the week, green otherwise."""
    today = today or timezone.localdate()
    if due < today:
        return "red"
    return "amber" if due <= today + timedelta(days=7) else "green"


def current_plan(case_id: int) -> SafetyPlan | None:
    """The case's newest plan version, if any (read inside a case already read and checked)."""
    return SafetyPlan.objects.filter(case_id=case_id).order_by("-version").first()


def open_case_concern(person: Person) -> str | None:
    """Why a person is of concern to another area's hub: the open case about them (no more
    than its reference, area and risk; the grant lets the hub read the rest)."""
    case = (
        Case.objects.filter(subjects__person=person)
        .exclude(status=Case.Status.CLOSED)
        .select_related("area")
        .order_by("-opened_at")
        .first()
    )
    if case is None:
        return None
    return f"Open case {case.reference} in {case.area.name} (risk: {case.risk_title.lower()})"
