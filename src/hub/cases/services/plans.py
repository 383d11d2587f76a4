"""Writes of the case's work: safety plan versions (two people editing at once are told, never
overwritten), actions with an owner and a due date, and the person's voice."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_meet, deadline_open
from hub.cases.models import Action, Case, SafetyPlan, VoiceRecord
from hub.cases.practice import case_practice
from hub.cases.selectors import current_plan
from hub.organisations.models import Membership, User
from hub.people.models import Person
from hub.platform.access import NotFound, Permission, access_object, parse_id
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import Conflict, ServiceError

from .cases import _event, case_for

register_event_kind("voice", "The person's own words")

ERROR_PLAN_CHANGED = (
    "{who} saved version {version} of this plan at {when}, after you opened it. Nothing you "
    "typed was saved: it is below, beside their version, to copy what you need"
)
ERROR_ACTION_TEXT = "Say what needs doing"
ERROR_ACTION_OWNER = "Choose who will do it"
ERROR_ACTION_DUE = "The due date must be today or later"
ERROR_ACTION_DONE = "This action is already done or cancelled"
ERROR_VOICE_WORDS = "Write down what the person said, in their own words"
ERROR_VOICE_DATE = "The date they said it must be today or in the past"
ERROR_CONTEXT = "Select where they said it"
ERROR_GOALS = "Write at least one goal"


@dataclass(frozen=True)
class PlanInput:
    """A plan as written: goals (existing ones keep their key), views, contingency steps."""

    goals: tuple[tuple[str, str], ...]  # (key or "", text)
    person_views: str = ""
    family_views: str = ""
    contingency: str = ""


def plan_save(
    *, actor: User, case_id: object, based_on_version: int, data: PlanInput
) -> SafetyPlan:
    """Save a new version of the safety plan, written from version `based_on_version` (0 for
    the first). If someone saved a newer version meanwhile, refuse and say who and when."""
    goals = [(key, " ".join(text.split())) for key, text in data.goals if text.strip()]
    if not goals:
        raise ServiceError(ERROR_GOALS, field="goals")
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="plan")
        latest = current_plan(case.pk)
        if (latest.version if latest else 0) != based_on_version:
            if latest is None:
                raise Conflict("The plan is not as you saw it: reload the page")
            raise Conflict(
                ERROR_PLAN_CHANGED.format(
                    who=latest.created_by,
                    version=latest.version,
                    when=timezone.localtime(latest.created_at).strftime("%H:%M on %-d %B"),
                )
            )
        plan = SafetyPlan.objects.create(
            case=case,
            version=based_on_version + 1,
            goals=[
                {"key": key or secrets.token_hex(4), "text": text[:1000]} for key, text in goals
            ],
            person_views=data.person_views.strip(),
            family_views=data.family_views.strip(),
            contingency=data.contingency.strip(),
            created_by=actor,
            created_at=timezone.now(),
            review_on=case_practice().review_on(case.risk_level, timezone.now()),
        )
        case.next_review_on = plan.review_on
        if case.status in (case.Status.OPEN, case.Status.ASSESSMENT, case.Status.REVIEW):
            case.status = case.Status.PLAN
        case.save(update_fields=["next_review_on", "status", "updated_at"])
        _event(actor, case, f"safety plan version {plan.version}", plan.contingency)
        key = f"case:{case.pk}:plan"
        deadline_meet(event="plan_saved", key=key, at=plan.created_at)
        deadline_open(
            event=f"plan_saved_{case.risk_level}",
            key=key,
            reference=case.reference,
            area_id=case.area_id,
            source_type="case",
            source_id=case.pk,
            start=plan.created_at,
            person_id=case.subjects.values_list("person_id", flat=True).first(),
            owner_id=case.lead_professional_id,
        )
    return plan


def _owner_team(owner: User, agency_id: int | None) -> Membership | None:
    memberships = Membership.objects.filter(user=owner).select_related("team")
    if agency_id:
        preferred = memberships.filter(team__agency_id=agency_id).order_by("pk").first()
        if preferred is not None:
            return preferred
    return memberships.order_by("pk").first()


def new_action(
    *,
    actor: User,
    text: str,
    owner_id: object,
    due_on: date | None,
    case: Case | None = None,
    goal_key: str = "",
    kind: str = Action.Kind.CASE,
) -> Action:
    """Make an action once its case (or meeting) has been read for a change: the owner must be
    an active user, the due date today or later. It lands in the owner's tray and team's."""
    text = text.strip()
    if not text:
        raise ServiceError(ERROR_ACTION_TEXT, field="text")
    owner = User.objects.filter(pk=parse_id(owner_id), is_active=True).first() if owner_id else None
    if owner is None:
        raise ServiceError(ERROR_ACTION_OWNER, field="owner")
    if due_on is None or due_on < timezone.localdate():
        raise ServiceError(ERROR_ACTION_DUE, field="due_on")
    membership = _owner_team(owner, None)
    if membership is None:
        raise ServiceError(ERROR_ACTION_OWNER, field="owner")
    return Action.objects.create(
        case=case,
        kind=kind,
        goal_key=goal_key[:20],
        text=text[:2000],
        owner=owner,
        owner_agency_id=membership.team.agency_id,
        owner_team=membership.team,
        due_on=due_on,
        created_by=actor,
        created_at=timezone.now(),
    )


def action_add(
    *,
    actor: User,
    case_id: object,
    text: str,
    owner_id: object,
    due_on: date | None,
    goal_key: str = "",
    kind: str = Action.Kind.CASE,
) -> Action:
    """An action on a case, for a named owner by a date."""
    with transaction.atomic():
        case = case_for(actor=actor, case_id=case_id, purpose="action")
        return new_action(
            actor=actor, text=text, owner_id=owner_id, due_on=due_on, case=case,
            goal_key=goal_key, kind=kind,
        )  # fmt: skip


def action_for(*, actor: User, action_id: object) -> Action:
    """An open action the actor owns, or may work on through its case (locked)."""
    action = Action.objects.select_for_update().filter(pk=parse_id(action_id)).first()
    if action is None:
        raise NotFound
    if action.owner_id != actor.pk:
        if action.case_id is None:
            raise NotFound
        case_for(actor=actor, case_id=action.case_id, purpose="action")
    if action.status != Action.Status.OPEN:
        raise ServiceError(ERROR_ACTION_DONE)
    return action


def action_complete(
    *, actor: User, action_id: object, note: str = "", cancel: bool = False
) -> Action:
    """Mark an action done (or cancelled, with a note)."""
    with transaction.atomic():
        action = action_for(actor=actor, action_id=action_id)
        action.status = Action.Status.CANCELLED if cancel else Action.Status.DONE
        action.done_at, action.done_by = timezone.now(), actor
        action.note = note.strip()[:2000]
        action.save(update_fields=["status", "done_at", "done_by", "note"])
    return action


def voice_record(
    *,
    actor: User,
    person_id: object,
    context: str,
    words: str,
    said_on: date,
    place: str = "",
    case_id: object = None,
) -> VoiceRecord:
    """What the person said, in their own words: on their timeline, their case, agenda packs."""
    if context not in VoiceRecord.Context.values:
        raise ServiceError(ERROR_CONTEXT, field="context")
    words = words.strip()
    if not words:
        raise ServiceError(ERROR_VOICE_WORDS, field="words")
    if said_on > timezone.localdate():
        raise ServiceError(ERROR_VOICE_DATE, field="said_on")
    with transaction.atomic():
        person = access_object(
            actor=actor,
            permission=Permission.PERSON_VIEW,
            queryset=Person.objects.all(),
            id=person_id,
            purpose="record their voice",
            action="update",
        )
        case = None
        if case_id:
            case = case_for(actor=actor, case_id=case_id, purpose="voice")
            if not case.subjects.filter(person=person).exists():
                raise NotFound
        voice = VoiceRecord.objects.create(
            person=person,
            case=case,
            context=context,
            words=words[:10000],
            place=place.strip()[:200],
            said_on=said_on,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=person.pk,
                kind="voice",
                occurred_at=timezone.now(),
                title=f"In their own words ({voice.get_context_display().lower()})",
                summary=voice.words,
                source_type="voice",
                source_id=voice.pk,
            ),
        )
    return voice
