"""Writes of a meeting: schedule it with a chair, build its agenda from cases and persons,
record who came, what was shared (with its handling), decisions and actions, mark it held
(attendance checked against the type's minimum; the follow-up's deadline derived), and make
the minutes final. Every write reads the meeting through the access layer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hub.alerts.services import deadline_meet, deadline_open
from hub.cases.models import Action, Case, CaseSubject
from hub.cases.services import new_action
from hub.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingDecision,
    SharedInformation,
)
from hub.meetings.practice import meeting_types
from hub.organisations.models import Agency, User
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
from hub.platform.timescales import timescales_definition

register_event_kind("meeting", "Multi-agency meeting")

ERROR_TYPE = "Select the kind of meeting"
ERROR_CHAIR = "Choose who will chair the meeting"
ERROR_WHEN = "Enter when the meeting is: a real date and time, no more than a year ago"
ERROR_TITLE = "Give the meeting a title"
ERROR_ABOUT = "Choose a case or a person you can see"
ERROR_ON_AGENDA = "That case is already on the agenda"
ERROR_AGENCY = "Select the agency"
ERROR_NAME = "Enter the person's name"
ERROR_ATTENDANCE = "Select whether they attended or sent apologies"
ERROR_SUMMARY = "Say what was shared"
ERROR_HANDLING = "Select how it may be shared"
ERROR_CONDITIONS = "Say the conditions on sharing it"
ERROR_DECISION = "Write the decision"
ERROR_CLOSED = "The minutes are final; nothing more can be added"
ERROR_NOT_HELD = "Mark the meeting held before making the minutes final"


def meeting_schedule(
    *,
    actor: User,
    type_code: str,
    title: str,
    starts_at: datetime | None,
    chair_id: object,
    place: str = "",
    follows_id: object = None,
) -> Meeting:
    """Schedule a meeting of a defined type, in the actor's area, with a chair."""
    require_permission(actor, Permission.MEETING_MANAGE)
    definition = meeting_types()
    if definition.get(type_code) is None:
        raise ServiceError(ERROR_TYPE, field="type_code")
    if not title.strip():
        raise ServiceError(ERROR_TITLE, field="title")
    if starts_at is None or starts_at < timezone.now() - timedelta(days=365):
        raise ServiceError(ERROR_WHEN, field="starts_at")
    chair = User.objects.filter(pk=parse_id(chair_id), is_active=True).first() if chair_id else None
    if chair is None:
        raise ServiceError(ERROR_CHAIR, field="chair")
    grant = next(g for g in grants_of(actor) if g.permission == Permission.MEETING_MANAGE)
    with transaction.atomic():
        follows = None
        if follows_id:
            follows = _meeting_for(actor, follows_id, purpose="follow up", allow_final=True)
        meeting = Meeting.objects.create(
            type_code=type_code,
            types_version=definition.version,
            area_id=follows.area_id if follows else grant.area_id,
            title=title.strip()[:200],
            starts_at=starts_at,
            place=place.strip()[:200],
            chair=chair,
            created_by=actor,
            follows=follows,
        )
        audit_record(actor=actor, action="create", object_type="meeting", object_id=meeting.pk)
    return meeting


def _meeting_for(
    actor: User, meeting_id: object, *, purpose: str, allow_final: bool = False
) -> Meeting:
    meeting = access_object(
        actor=actor,
        permission=Permission.MEETING_MANAGE,
        queryset=Meeting.objects.select_for_update(),
        id=meeting_id,
        purpose=purpose,
        action="update",
    )
    if not allow_final and meeting.status in (Meeting.Status.FINAL, Meeting.Status.CANCELLED):
        raise ServiceError(ERROR_CLOSED)
    return meeting


def _item(meeting: Meeting, item_id: object) -> AgendaItem | None:
    if not item_id:
        return None
    item = meeting.items.filter(pk=parse_id(item_id)).first()
    if item is None:
        raise NotFound
    return item


def agenda_add(
    *, actor: User, meeting_id: object, case_id: object = None, person_id: object = None
) -> AgendaItem:
    """Bring a case (or a person without one) the actor may see to the meeting."""
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="agenda")
        case = person = None
        if case_id:
            case = (
                scoped(actor, Permission.CASE_VIEW, Case.objects.all())
                .filter(pk=parse_id(case_id))
                .first()
            )
            if case is None:
                raise ServiceError(ERROR_ABOUT, field="case")
            if meeting.items.filter(case=case).exists():
                raise ServiceError(ERROR_ON_AGENDA, field="case")
        elif person_id:
            person = (
                scoped(actor, Permission.PERSON_VIEW, Person.objects.all())
                .filter(pk=parse_id(person_id))
                .first()
            )
            if person is None:
                raise ServiceError(ERROR_ABOUT, field="person")
        else:
            raise ServiceError(ERROR_ABOUT, field="case")
        position = (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1
        if case is not None:
            names = ", ".join(s.person.full_name for s in case.subjects.select_related("person"))
            title = f"{case.reference}: {names}"
        elif person is not None:
            title = f"{person.full_name} ({person.reference})"
        return AgendaItem.objects.create(
            meeting=meeting, position=position, case=case, person=person, title=title
        )


def attendance_add(
    *,
    actor: User,
    meeting_id: object,
    agency_id: object,
    name: str,
    status: str,
    role: str = "",
    user_id: object = None,
) -> Attendance:
    """Record someone who came, or sent apologies, for an agency."""
    if status not in Attendance.Status.values:
        raise ServiceError(ERROR_ATTENDANCE, field="status")
    if not name.strip():
        raise ServiceError(ERROR_NAME, field="name")
    agency = Agency.objects.filter(pk=parse_id(agency_id)).first() if agency_id else None
    if agency is None:
        raise ServiceError(ERROR_AGENCY, field="agency")
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="attendance")
        user = User.objects.filter(pk=parse_id(user_id)).first() if user_id else None
        return Attendance.objects.create(
            meeting=meeting,
            agency=agency,
            name=name.strip()[:200],
            role=role.strip()[:200],
            user=user,
            status=status,
        )


def information_add(
    *,
    actor: User,
    meeting_id: object,
    agency_id: object,
    summary: str,
    handling: str,
    conditions: str = "",
    item_id: object = None,
) -> SharedInformation:
    """Record what an agency shared and how it may be passed on (conditions when 'C')."""
    if not summary.strip():
        raise ServiceError(ERROR_SUMMARY, field="summary")
    if handling not in SharedInformation.Handling.values:
        raise ServiceError(ERROR_HANDLING, field="handling")
    if handling == SharedInformation.Handling.CONDITIONS and not conditions.strip():
        raise ServiceError(ERROR_CONDITIONS, field="conditions")
    agency = Agency.objects.filter(pk=parse_id(agency_id)).first() if agency_id else None
    if agency is None:
        raise ServiceError(ERROR_AGENCY, field="agency")
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="information shared")
        return SharedInformation.objects.create(
            meeting=meeting, item=_item(meeting, item_id), agency=agency, summary=summary.strip(),
            handling=handling, conditions=conditions.strip(), recorded_by=actor,
        )  # fmt: skip


def decision_add(
    *, actor: User, meeting_id: object, text: str, item_id: object = None
) -> MeetingDecision:
    """Record a decision of the meeting."""
    if not text.strip():
        raise ServiceError(ERROR_DECISION, field="text")
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="decision")
        return MeetingDecision.objects.create(
            meeting=meeting, item=_item(meeting, item_id), text=text.strip(), recorded_by=actor
        )


def discussion_save(*, actor: User, meeting_id: object, item_id: object, text: str) -> AgendaItem:
    """What was said about an agenda item (the minutes' narrative for it)."""
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="minutes")
        item = _item(meeting, item_id)
        if item is None:
            raise NotFound
        item.discussion = text.strip()
        item.save(update_fields=["discussion"])
    return item


def meeting_action_add(
    *,
    actor: User,
    meeting_id: object,
    text: str,
    owner_id: object,
    due_on: date | None,
    item_id: object = None,
) -> MeetingAction:
    """An action the meeting set, for a named owner by a date: it lands in their tray (and on
    the case, when it is about an agenda item's case)."""
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="action")
        item = _item(meeting, item_id)
        action = new_action(
            actor=actor, text=text, owner_id=owner_id, due_on=due_on,
            case=item.case if item else None, kind=Action.Kind.MEETING,
        )  # fmt: skip
        return MeetingAction.objects.create(meeting=meeting, item=item, action=action)


def _persons_on(meeting: Meeting) -> list[int]:
    ids = set(meeting.items.filter(person__isnull=False).values_list("person_id", flat=True))
    cases = meeting.items.filter(case__isnull=False).values("case_id")
    ids |= set(CaseSubject.objects.filter(case_id__in=cases).values_list("person_id", flat=True))
    return sorted(ids)


def meeting_held(*, actor: User, meeting_id: object) -> Meeting:
    """The meeting took place: attendance is checked against the type's minimum (a shortfall
    is recorded and shown, not hidden), the follow-up's deadline is derived, and the persons
    discussed get it on their timelines (that it happened, not what was said)."""
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="held")
        definition = meeting_types()
        meeting_type = definition.get(meeting.type_code)
        attended = set(
            meeting.attendance.filter(status=Attendance.Status.ATTENDED).values_list(
                "agency__kind", flat=True
            )
        )
        meeting.attendance_short = (
            definition.missing(meeting_type, attended) if meeting_type else []
        )
        meeting.status = Meeting.Status.HELD
        meeting.held_at = timezone.now()
        if meeting_type and meeting_type.follow_ups:
            follow_up = meeting_type.follow_ups[0]
            due = timescales_definition().get(follow_up.timescale).due(meeting.starts_at)
            meeting.follow_up_title = follow_up.title
            meeting.follow_up_due = timezone.localtime(due).date()
        meeting.save()
        deadline_open(
            event=f"{meeting.type_code}_held",
            key=f"meeting:{meeting.pk}:follow_up",
            reference=meeting.reference,
            area_id=meeting.area_id,
            source_type="meeting",
            source_id=meeting.pk,
            start=meeting.starts_at,
            owner_id=meeting.chair_id,
        )
        if meeting.follows_id:
            deadline_meet(event="follow_up_held", key=f"meeting:{meeting.follows_id}:follow_up")
        title = meeting_type.title if meeting_type else meeting.type_code
        for person_id in _persons_on(meeting):
            chronology_record(
                actor=actor,
                event=EventInput(
                    subject_type="person",
                    subject_id=person_id,
                    kind="meeting",
                    occurred_at=meeting.starts_at,
                    title=f"Discussed at {title} {meeting.reference}",
                    area_id=meeting.area_id,
                    source_type="meeting",
                    source_id=meeting.pk,
                ),
            )
    return meeting


def meeting_finalise(*, actor: User, meeting_id: object) -> Meeting:
    """Make the minutes final: nothing more is added after."""
    with transaction.atomic():
        meeting = _meeting_for(actor, meeting_id, purpose="finalise")
        if meeting.status != Meeting.Status.HELD:
            raise ServiceError(ERROR_NOT_HELD)
        meeting.status = Meeting.Status.FINAL
        meeting.finalised_at, meeting.finalised_by = timezone.now(), actor
        meeting.save(update_fields=["status", "finalised_at", "finalised_by"])
    return meeting
