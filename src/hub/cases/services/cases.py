"""Writes of a case: open it, its team, its status, its risk, transfer, and closing with a
manager's sign-off. Every write reads the case through the access layer, in its transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_cancel
from hub.cases.models import Action, Case, CaseMember, CaseRisk, CaseSubject
from hub.cases.practice import case_practice
from hub.organisations.models import Area, Membership, Team, User
from hub.people.models import Person
from hub.platform.access import (
    NotFound,
    Permission,
    access_object,
    grants_of,
    parse_id,
    require_permission,
    scoped,
)
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError
from hub.screening.thresholds import threshold_document

if TYPE_CHECKING:
    from hub.referrals.models import TriageDecision
    from hub.screening.models import Screening

register_event_kind("case", "Case")

ERROR_NO_PERSON = "Choose at least one person the case is about"
ERROR_LEAD_AGENCY = "Select the lead agency"
ERROR_MEMBER = "There is no active user with that name you can add"
ERROR_ALREADY_MEMBER = "They are already on the case team"
ERROR_LAST_LEAD = "Choose another lead professional before the lead leaves"
ERROR_STATUS = "A case cannot move from {current} to {wanted}"
ERROR_OUTCOME = "Select the outcome"
ERROR_CLOSE_REASON = "Say why the case can close"
ERROR_OPEN_ACTIONS = "Finish or cancel the open actions first: {actions}"
ERROR_NOT_CLOSING = "This case is not waiting for closure sign-off"
ERROR_OWN_CLOSURE = "You cannot sign off a closure you asked for. Ask another manager"
ERROR_RETURN_NOTE = "Say why the case stays open"
ERROR_LEVEL = "Select a risk level"
ERROR_RISK_REASON = "Say why the risk is at this level"
ERROR_TRANSFER_AREA = "Select another area of the region"
ERROR_CLOSED = "This case is closed"

# The moves a worker may make; closing goes through a request and its sign-off.
MOVES: dict[str, set[str]] = {
    Case.Status.OPEN: {Case.Status.ASSESSMENT, Case.Status.PLAN},
    Case.Status.ASSESSMENT: {Case.Status.PLAN},
    Case.Status.PLAN: {Case.Status.REVIEW},
    Case.Status.REVIEW: {Case.Status.PLAN, Case.Status.ASSESSMENT},
}


def case_for(
    *, actor: User, case_id: object, purpose: str, permission: Permission = Permission.CASE_WORK
) -> Case:
    """A case the actor may change, locked, and logged as a change; closed cases are read-only."""
    case = access_object(
        actor=actor,
        permission=permission,
        queryset=Case.objects.select_for_update(),
        id=case_id,
        purpose=purpose,
        action="update",
    )
    if case.status == Case.Status.CLOSED:
        raise ServiceError(ERROR_CLOSED)
    return case


def _event(actor: User, case: Case, title: str, summary: str = "") -> None:
    """A case event on the timeline of each of its persons."""
    for person_id in case.subjects.values_list("person_id", flat=True):
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=person_id,
                kind="case",
                occurred_at=timezone.now(),
                title=f"{case.reference}: {title}",
                summary=summary,
                area_id=case.area_id,
                agency_id=case.lead_agency_id,
                source_type="case",
                source_id=case.pk,
            ),
        )


def _team_of(user: User, agency_id: int | None = None) -> Team | None:
    memberships = Membership.objects.filter(user=user).select_related("team")
    if agency_id is not None:
        memberships = memberships.filter(team__agency_id=agency_id)
    membership = memberships.order_by("pk").first()
    return membership.team if membership else None


def _set_risk(
    actor: User, case: Case, *, level: str, reason: str, screening: Screening | None = None
) -> None:
    document = threshold_document()
    title = next(lvl.title for lvl in document.levels if lvl.id == level)
    now = timezone.now()
    CaseRisk.objects.create(
        case=case, level=level, title=title, reason=reason, screening=screening,
        recorded_by=actor, recorded_at=now,
    )  # fmt: skip
    case.risk_level, case.risk_title = level, title
    case.next_review_on = case_practice().review_on(level, timezone.now())


def ensure_transition_actions(*, actor: User, case: Case) -> list[Action]:
    """A child on the case who turns 18 within the practice's months gets a transition action
    for the lead professional (once), to involve adult services in time."""
    months = case_practice().transition_months
    today = timezone.localdate()
    made: list[Action] = []
    owner = case.lead_professional or case.opened_by
    team = _team_of(owner, case.lead_agency_id) or _team_of(owner)
    if team is None:
        return made
    for subject in case.subjects.select_related("person"):
        person = subject.person
        birthday = person.eighteenth_birthday()
        if birthday is None or birthday <= today:
            continue
        within = (birthday.year - today.year) * 12 + birthday.month - today.month
        if within > months:
            continue
        text = f"Plan {person.full_name}'s move to adult services (18 on {birthday:%-d %B %Y})"
        if Action.objects.filter(case=case, kind=Action.Kind.TRANSITION, text=text).exists():
            continue
        made.append(
            Action.objects.create(
                case=case,
                kind=Action.Kind.TRANSITION,
                text=text,
                owner=owner,
                owner_agency_id=team.agency_id,
                owner_team=team,
                due_on=max(today, birthday - timedelta(days=90)),
                created_by=actor,
                created_at=timezone.now(),
            )
        )
    return made


def case_open(
    *,
    actor: User,
    person_ids: list[int],
    lead_agency_id: int | None = None,
    lead_professional_id: int | None = None,
    decision: TriageDecision | None = None,
    screening: Screening | None = None,
    reason: str = "",
) -> Case:
    """Open a case about one or more persons the actor may see, led by an agency.

    The case sits with the actor's hub area; its first risk level comes from the screening it
    was opened from (its final grade), else "emerging". The opener and the lead professional
    form the first case team.
    """
    require_permission(actor, Permission.CASE_MANAGE)
    if not person_ids:
        raise ServiceError(ERROR_NO_PERSON, field="persons")
    hub = _team_of(actor)
    grants = [g for g in grants_of(actor) if g.permission == Permission.CASE_MANAGE]
    area_id = grants[0].area_id if grants else (hub.area_id if hub else None)
    if area_id is None:  # pragma: no cover (require_permission passed, so a grant exists)
        raise ServiceError("You are not in a team that may open cases")
    with transaction.atomic():
        persons = list(
            scoped(
                actor, Permission.PERSON_VIEW, Person.objects.filter(merged_into__isnull=True)
            ).filter(pk__in=person_ids)
        )
        if len(persons) != len(set(person_ids)):
            raise ServiceError(ERROR_NO_PERSON, field="persons")
        lead = None
        if lead_professional_id is not None:
            lead = User.objects.filter(pk=lead_professional_id, is_active=True).first()
            if lead is None:
                raise ServiceError(ERROR_MEMBER, field="lead_professional")
        agency_id = lead_agency_id or (hub.agency_id if hub else None)
        if agency_id is None:
            raise ServiceError(ERROR_LEAD_AGENCY, field="lead_agency")
        now = timezone.now()
        case = Case(
            area_id=area_id,
            lead_agency_id=agency_id,
            lead_professional=lead or actor,
            opened_by=actor,
            opened_at=now,
            decision=decision,
            screening=screening,
        )
        level, why = "emerging", reason or "Opened after triage; no screening yet"
        if screening is not None:
            from hub.screening.tools import get_tool

            tool = get_tool(screening.tool_id, screening.tool_version)
            grade = tool.grade(screening.final_overall)
            level = grade.level
            why = f"Screening {screening.reference}: {grade.title}"
        case.risk_level, case.risk_title = level, ""
        case.save()
        for person in persons:
            CaseSubject.objects.create(case=case, person=person)
        for member, role in (
            (lead or actor, CaseMember.Role.LEAD),
            (actor, CaseMember.Role.MEMBER),
        ):
            if not case.members.filter(user=member, left_at__isnull=True).exists():
                team = _team_of(member)
                CaseMember.objects.create(
                    case=case, user=member, agency_id=team.agency_id if team else agency_id,
                    role=role, joined_at=now, added_by=actor,
                )  # fmt: skip
        _set_risk(actor, case, level=level, reason=why, screening=screening)
        case.save(update_fields=["risk_level", "risk_title", "next_review_on", "updated_at"])
        audit_record(actor=actor, action="create", object_type="case", object_id=case.pk)
        _event(actor, case, "case opened", f"Risk: {case.risk_title}. {why}")
        ensure_transition_actions(actor=actor, case=case)
    return case


def case_member_add(
    *, actor: User, case_id: object, user_id: object, role: str = CaseMember.Role.MEMBER
) -> CaseMember:
    """Add a worker to the case team: from now on they reach the case and its persons."""
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="add to team")
        user = User.objects.filter(pk=parse_id(user_id), is_active=True).first()
        if user is None:
            raise ServiceError(ERROR_MEMBER, field="user")
        if case.members.filter(user=user, left_at__isnull=True).exists():
            raise ServiceError(ERROR_ALREADY_MEMBER, field="user")
        team = _team_of(user)
        if team is None:
            raise ServiceError(ERROR_MEMBER, field="user")
        if role == CaseMember.Role.LEAD:
            case.members.filter(role=CaseMember.Role.LEAD, left_at__isnull=True).update(
                role=CaseMember.Role.MEMBER
            )
            case.lead_professional = user
            case.lead_agency_id = team.agency_id
            case.save(update_fields=["lead_professional", "lead_agency", "updated_at"])
        member = CaseMember.objects.create(
            case=case, user=user, agency_id=team.agency_id, role=role,
            joined_at=timezone.now(), added_by=actor,
        )  # fmt: skip
        _event(actor, case, f"{user} ({team.agency.name}) joined the case team")
    return member


def case_member_leave(*, actor: User, case_id: object, member_id: object) -> CaseMember:
    """A worker leaves the team: their case-team access ends at once."""
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="leave team")
        member = case.members.filter(pk=parse_id(member_id), left_at__isnull=True).first()
        if member is None:
            raise NotFound
        if member.role == CaseMember.Role.LEAD:
            raise ServiceError(ERROR_LAST_LEAD)
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        _event(actor, case, f"{member.user} left the case team")
    return member


def case_move(*, actor: User, case_id: object, status: str) -> Case:
    """Move the case along: open, assessment, plan in place, under review."""
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="status")
        if status not in MOVES.get(case.status, set()):
            raise ServiceError(
                ERROR_STATUS.format(
                    current=case.get_status_display(),
                    wanted=dict(Case.Status.choices).get(status, status),
                ),
                field="status",
            )
        case.status = status
        case.save(update_fields=["status", "updated_at"])
        _event(actor, case, f"now {case.get_status_display().lower()}")
    return case


def case_risk_update(*, actor: User, case_id: object, level: str, reason: str) -> Case:
    """A professional's view of the risk now, with why; the review date follows the level."""
    if level not in [lvl.id for lvl in threshold_document().levels]:
        raise ServiceError(ERROR_LEVEL, field="level")
    if not reason.strip():
        raise ServiceError(ERROR_RISK_REASON, field="reason")
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="risk")
        _set_risk(actor, case, level=level, reason=reason.strip())
        case.save(update_fields=["risk_level", "risk_title", "next_review_on", "updated_at"])
        _event(actor, case, f"risk now {case.risk_title.lower()}", reason.strip())
    return case


def case_request_close(*, actor: User, case_id: object, outcome: str, reason: str) -> Case:
    """Ask to close the case with its outcome: not while actions are open; a manager signs off."""
    if case_practice().outcome(outcome) is None:
        raise ServiceError(ERROR_OUTCOME, field="outcome")
    if not reason.strip():
        raise ServiceError(ERROR_CLOSE_REASON, field="reason")
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="close")
        open_actions = list(
            case.actions.filter(status=Action.Status.OPEN).values_list("text", flat=True)[:5]
        )
        if open_actions:
            raise ServiceError(
                ERROR_OPEN_ACTIONS.format(actions="; ".join(open_actions)), field="outcome"
            )
        case.outcome, case.closure_reason = outcome, reason.strip()
        case.closure_requested_by, case.closure_requested_at = actor, timezone.now()
        if case_practice().closure_needs_sign_off:
            case.status = Case.Status.CLOSING
        else:
            case.status, case.closed_by, case.closed_at = Case.Status.CLOSED, actor, timezone.now()
            deadline_cancel(key=f"case:{case.pk}:plan")
        case.save()
        _event(
            actor,
            case,
            "closure asked for" if case.status == Case.Status.CLOSING else "closed",
            reason.strip(),
        )
    return case


def case_sign_off_close(*, actor: User, case_id: object, approve: bool, note: str = "") -> Case:
    """A manager closes the case, or keeps it open with a note."""
    with transaction.atomic():
        case = case_for(
            actor=actor,
            case_id=case_id,
            purpose="sign off closure",
            permission=Permission.CASE_SIGN_OFF,
        )
        if case.status != Case.Status.CLOSING:
            raise ServiceError(ERROR_NOT_CLOSING)
        if case.closure_requested_by_id == actor.pk:
            raise ServiceError(ERROR_OWN_CLOSURE)
        if approve:
            case.status, case.closed_by, case.closed_at = Case.Status.CLOSED, actor, timezone.now()
            deadline_cancel(key=f"case:{case.pk}:plan")
            outcome = case_practice().outcome(case.outcome)
            title = outcome.title if outcome else case.outcome
            _event(actor, case, "closed", f"{title}. {case.closure_reason}")
        else:
            if not note.strip():
                raise ServiceError(ERROR_RETURN_NOTE, field="note")
            case.status, case.outcome, case.closure_reason = Case.Status.REVIEW, "", ""
            _event(actor, case, "stays open", note.strip())
        case.save()
    return case


def case_transfer(*, actor: User, case_id: object, area_id: object, reason: str) -> Case:
    """Move the case to another area's hub (the person moved, say); the team stays on it."""
    with transaction.atomic():
        case = case_for(
            actor=actor, case_id=case_id, purpose="transfer", permission=Permission.CASE_MANAGE
        )
        target = (
            Area.objects.filter(pk=parse_id(area_id) if area_id else 0, in_region=True)
            .exclude(pk=case.area_id)
            .first()
        )
        if target is None:
            raise ServiceError(ERROR_TRANSFER_AREA, field="area")
        before = case.area.name
        case.area = target
        case.save(update_fields=["area", "updated_at"])
        _event(actor, case, f"transferred from {before} to {target.name}", reason.strip())
    return case
