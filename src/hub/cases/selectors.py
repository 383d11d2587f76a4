"""Reads of cases: one case with everything its page shows (a fixed number of queries however
much it holds), the people to add to a team, and the work that falls due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from hub.organisations.models import Area, Membership, User
from hub.people.models import Person
from hub.platform.access import Permission, access_object, permissions_reaching, scoped
from hub.platform.audit import audit_record
from hub.platform.chronology import events_for
from hub.platform.models import ChronologyEvent

from .models import Action, Case, CaseMember, CaseRisk, CaseSubject, SafetyPlan, VoiceRecord
from .practice import case_practice

CHRONOLOGY_SHOWN = 30
_OPEN = Q(status=Action.Status.OPEN)
# A case's actions as they are worked: the open ones first, soonest due (so overdue) first,
# then the closed ones (done or cancelled), the most recently closed first. Not by `status`,
# whose alphabet put cancelled and done before open.
ACTION_ORDER = (
    models.Case(When(_OPEN, then=Value(0)), default=Value(1)),
    models.Case(When(_OPEN, then=F("due_on"))).asc(),
    F("done_at").desc(nulls_last=True),
    "pk",
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


@dataclass(frozen=True)
class CasePage:
    """A case as its page shows it."""

    case: Case
    subjects: list[CaseSubject]
    members: list[CaseMember]
    risks: list[CaseRisk]
    plan: SafetyPlan | None
    actions: list[Action]
    voices: list[VoiceRecord]
    events: list[ChronologyEvent]
    events_total: int
    can_work: bool
    can_manage: bool
    can_sign_off: bool
    outcome_title: str
    other_areas: list[Area]


def case_page(*, actor: User, case_id: object) -> CasePage:
    """Everything the case page shows, in a fixed number of queries."""
    case = access_case(actor=actor, case_id=case_id, purpose="view case")
    subjects = list(case.subjects.select_related("person", "person__home_area"))
    person_ids = [s.person_id for s in subjects]
    events = events_for(actor=actor, subject_type="person", subject_ids=person_ids)
    total = events.count()
    recent = list(
        events.select_related(None)
        .only("occurred_at", "title")
        .order_by("-occurred_at", "-pk")[:CHRONOLOGY_SHOWN]
    )
    reach = permissions_reaching(
        actor, case, [Permission.CASE_WORK, Permission.CASE_MANAGE, Permission.CASE_SIGN_OFF]
    )
    open_case = case.status != Case.Status.CLOSED
    outcome = case_practice().outcome(case.outcome)
    return CasePage(
        case=case,
        subjects=subjects,
        members=list(case.members.filter(left_at__isnull=True).select_related("user", "agency")),
        risks=list(case.risks.select_related("recorded_by").order_by("-recorded_at", "-pk")),
        plan=case.plans.select_related("created_by").order_by("-version").first(),
        actions=list(
            case.actions.select_related("owner", "owner_agency")
            .only(*_ACTION_COLUMNS)
            .order_by(*ACTION_ORDER)
        ),
        voices=list(
            case.voices.select_related("recorded_by", "person")
            .only(*_VOICE_COLUMNS)
            .order_by("-said_on", "-pk")[:20]
        ),
        events=recent,
        events_total=total,
        can_work=open_case and Permission.CASE_WORK in reach,
        can_manage=open_case and Permission.CASE_MANAGE in reach,
        can_sign_off=case.status == Case.Status.CLOSING
        and Permission.CASE_SIGN_OFF in reach
        and case.closure_requested_by_id != actor.pk,
        outcome_title=outcome.title if outcome else "",
        other_areas=list(Area.objects.filter(in_region=True).exclude(pk=case.area_id)),
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
