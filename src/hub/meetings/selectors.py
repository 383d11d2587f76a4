"""Reads of meetings: one meeting with its minutes, the agenda pack (each case's summary,
latest screening, chronology highlights, the person's voice), lists, and what falls due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from hub.cases.models import Case, CaseSubject, VoiceRecord
from hub.organisations.models import Agency, User
from hub.people.models import Person
from hub.people.selectors import merged_ids_of
from hub.platform.access import Permission, access_object, permissions_reaching, scoped
from hub.platform.audit import audit_record
from hub.platform.chronology import events_for
from hub.platform.models import ChronologyEvent
from hub.screening.models import Screening
from hub.screening.thresholds import threshold_document
from hub.screening.tools import get_tool

from .models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingDecision,
    SharedInformation,
)
from .practice import MeetingType, meeting_types

HIGHLIGHTS = 8
VOICES = 3


def access_meeting(
    *, actor: User, meeting_id: object, purpose: str, action: str = "view"
) -> Meeting:
    """The one read path for a meeting and its minutes."""
    return access_object(
        actor=actor,
        permission=Permission.MEETING_VIEW,
        queryset=Meeting.objects.select_related("area", "chair", "finalised_by", "follows"),
        id=meeting_id,
        purpose=purpose,
        action=action,
    )


@dataclass(frozen=True)
class MeetingPage:
    """A meeting as its page (and its printed minutes) show it."""

    meeting: Meeting
    meeting_type: MeetingType | None
    items: list[AgendaItem]
    attendance: list[Attendance]
    shared: list[SharedInformation]
    decisions: list[MeetingDecision]
    actions: list[MeetingAction]
    missing_attendance: list[str]  # attendance group codes
    can_manage: bool
    # the meeting type's minimum attendance and the groups missing from it, by their titles
    minimum_titles: list[str] = field(default_factory=list)
    missing_titles: list[str] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)


def meeting_page(*, actor: User, meeting_id: object, action: str = "view") -> MeetingPage:
    """Everything the meeting's page shows, read once through the access layer."""
    meeting = access_meeting(actor=actor, meeting_id=meeting_id, purpose="meeting", action=action)
    definition = meeting_types()
    meeting_type = definition.get(meeting.type_code)
    attendance = list(meeting.attendance.select_related("agency"))
    attended = {a.agency.kind for a in attendance if a.status == Attendance.Status.ATTENDED}
    reach = permissions_reaching(actor, meeting, [Permission.MEETING_MANAGE])
    missing = definition.missing(meeting_type, attended) if meeting_type else []
    minimum = list(meeting_type.minimum_attendance) if meeting_type else []
    return MeetingPage(
        meeting=meeting,
        meeting_type=meeting_type,
        items=list(meeting.items.select_related("case", "person")),
        attendance=attendance,
        shared=list(meeting.shared.select_related("agency", "item")),
        decisions=list(meeting.decisions.select_related("item")),
        actions=list(
            meeting.meeting_actions.select_related("action__owner", "action__owner_agency", "item")
        ),
        missing_attendance=missing,
        can_manage=Permission.MEETING_MANAGE in reach
        and meeting.status not in (Meeting.Status.FINAL, Meeting.Status.CANCELLED),
        agencies=list(Agency.objects.order_by("name")),
        minimum_titles=[definition.group_title(group) for group in minimum],
        missing_titles=[definition.group_title(group) for group in missing],
    )


@dataclass(frozen=True)
class PackScreening:
    """A person's latest screening as the pack prints it: its grades and pathway by their
    titles (the grades' of the tool version that scored it), not their ids."""

    screening: Screening
    final_title: str
    computed_title: str
    pathway_title: str

    @classmethod
    def of(cls, screening: Screening) -> PackScreening:
        tool = get_tool(screening.tool_id, screening.tool_version)
        grades = {grade.id: grade.title for grade in tool.grades}
        pathways = {pathway.id: pathway.title for pathway in threshold_document().pathways}
        return cls(
            screening=screening,
            final_title=grades.get(screening.final_overall, screening.final_overall),
            computed_title=grades.get(screening.computed_overall, screening.computed_overall),
            pathway_title=pathways.get(screening.pathway, screening.pathway),
        )


@dataclass(frozen=True)
class PackPerson:
    person: Person
    screening: PackScreening | None
    highlights: list[ChronologyEvent]
    voices: list[VoiceRecord]


@dataclass(frozen=True)
class PackItem:
    item: AgendaItem
    case: Case | None
    persons: list[PackPerson]


def agenda_pack(*, actor: User, meeting_id: object) -> tuple[MeetingPage, list[PackItem]]:
    """The pack for the meeting: for each item, the case's summary and, for each person, the
    latest screening, chronology highlights and their own words (what the reader may see).
    Printing it is logged as a print."""
    page = meeting_page(actor=actor, meeting_id=meeting_id, action="print")
    cases = {
        case.pk: case
        for case in scoped(actor, Permission.CASE_VIEW, Case.objects.all())
        .filter(pk__in=[i.case_id for i in page.items if i.case_id])
        .select_related("lead_agency", "lead_professional")
        .prefetch_related(
            Prefetch("subjects", queryset=CaseSubject.objects.select_related("person"))
        )
    }
    persons_of: dict[int, list[Person]] = {}
    for item in page.items:
        case = cases.get(item.case_id) if item.case_id else None
        persons_of[item.pk] = (
            [s.person for s in case.subjects.all()]
            if case
            else ([item.person] if item.person else [])
        )
    person_ids = sorted({p.pk for people in persons_of.values() for p in people})
    visible = set(
        scoped(actor, Permission.PERSON_VIEW, Person.objects.filter(pk__in=person_ids)).values_list(
            "pk", flat=True
        )
    )
    latest: dict[int, Screening] = {}
    for screening in (
        scoped(actor, Permission.SCREENING_VIEW, Screening.objects.filter(person_id__in=visible))
        .exclude(status=Screening.Status.DRAFT)
        .order_by("person_id", "-assessed_on", "-pk")
    ):
        latest.setdefault(screening.person_id, screening)
    voices: dict[int, list[VoiceRecord]] = {}
    for voice in VoiceRecord.objects.filter(person_id__in=visible).order_by("-said_on", "-pk"):
        if len(voices.setdefault(voice.person_id, [])) < VOICES:
            voices[voice.person_id].append(voice)
    # Each person's latest HIGHLIGHTS, ranked per record in the query: a cap on all of them
    # together let one person with many recent events crowd the others out of the pack.
    # Events of records merged into a person's are part of their timeline, as on the person's
    # and the case's pages: each record's latest are read, and a person's latest of those kept.
    merged = merged_ids_of(sorted(visible))
    person_of = {pk: person for person, ids in merged.items() for pk in ids}
    latest_first = (F("occurred_at").desc(), F("pk").desc())
    highlights: dict[int, list[ChronologyEvent]] = {}
    for event in (
        events_for(actor=actor, subject_type="person", subject_ids=sorted(person_of))
        .select_related(None)
        .only("subject_id", "occurred_at", "title")
        .annotate(rank=Window(RowNumber(), partition_by=F("subject_id"), order_by=latest_first))
        .filter(rank__lte=HIGHLIGHTS)
        .order_by("subject_id", *latest_first)
    ):
        highlights.setdefault(person_of[event.subject_id], []).append(event)
    for person_id, events in highlights.items():
        if len(merged[person_id]) > 1:
            events.sort(key=lambda e: (e.occurred_at, e.pk), reverse=True)
            del events[HIGHLIGHTS:]
    pack = [
        PackItem(
            item=item,
            case=cases.get(item.case_id) if item.case_id else None,
            persons=[
                PackPerson(
                    person=p,
                    screening=PackScreening.of(latest[p.pk]) if p.pk in latest else None,
                    highlights=highlights.get(p.pk, []),
                    voices=voices.get(p.pk, []),
                )
                for p in persons_of[item.pk]
                if p.pk in visible
            ],
        )
        for item in page.items
    ]
    return page, pack


def area_meetings(*, actor: User, limit: int = 100) -> list[Meeting]:
    """Meetings the actor may see, the coming ones first, then the most recent."""
    now = timezone.now()
    meetings = scoped(
        actor, Permission.MEETING_VIEW, Meeting.objects.all(), include_break_glass=False
    )
    coming = list(
        meetings.filter(starts_at__gte=now - timedelta(hours=12)).order_by("starts_at")[:limit]
    )
    past = list(
        meetings.filter(starts_at__lt=now - timedelta(hours=12)).order_by("-starts_at")[:limit]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="meeting",
        purpose="meetings",
        detail={"results": len(coming) + len(past)},
    )
    return coming + past


def meetings_coming(*, actor: User, days: int = 14) -> list[Meeting]:
    """Meetings the actor chairs or an agency of theirs attends, in the coming days."""
    now = timezone.now()
    meetings = scoped(
        actor, Permission.MEETING_VIEW, Meeting.objects.all(), include_break_glass=False
    )
    return list(
        meetings.filter(
            Q(chair=actor) | Q(created_by=actor),
            starts_at__gte=now,
            starts_at__lte=now + timedelta(days=days),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:20]
    )


def follow_ups_due(*, actor: User, days: int = 14) -> list[Meeting]:
    """Meetings the actor chairs whose follow-up (an ICPC, a MACE review) falls due soon."""
    soon = timezone.localdate() + timedelta(days=days)
    return list(
        Meeting.objects.filter(chair=actor, follow_up_due__lte=soon, follow_ups__isnull=True)
        .exclude(follow_up_due__isnull=True)
        .order_by("follow_up_due")[:20]
    )
