"""The planned cases and meetings written as rows, with the chronology events the services
record (cases/services `_event` and `voice_record`, meetings/services `meeting_held`), and the
deadlines still open "now", opened through the deadline engine as plan_save and meeting_held
open them: each open case's plan review, the last MACE panel's review, and the conferences
that may still follow recent strategy discussions.

Rows go in as tuples with their ids given where others point at them; PostgreSQL's sequences
are moved on after (the rest take the database's own ids).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from hub.alerts.models import Deadline
from hub.alerts.services import deadlines_for
from hub.cases.models import (
    Action,
    Case,
    CaseMember,
    CaseRisk,
    CaseSubject,
    SafetyPlan,
    VoiceRecord,
)
from hub.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingDecision,
    SharedInformation,
)
from hub.meetings.practice import meeting_types
from hub.platform.models import ChronologyEvent

from ..referrals.clock import working_days_before
from ..referrals.rows import EVENT_FIELDS
from ..screenings.timing import local_day
from ..tables import day_value, insert_rows, moment_adapter, next_id, reset_sequences
from .records import CaseStatus, MeetingStatus, PlannedCase, PlannedMeeting

if TYPE_CHECKING:
    from .records import Act

Visibility = ChronologyEvent.Visibility
CONTEXTS = dict(VoiceRecord.Context.choices)
# A strategy discussion's conference may still be to come within this many working days
# (older ones went ahead, or enquiries ended, outside the hub's meetings).
CONFERENCE_WINDOW = 25

# fmt: off
CASE_FIELDS = (
    "id", "area", "status", "lead_agency", "lead_professional", "opened_by", "opened_at",
    "decision", "screening", "risk_level", "risk_title", "next_review_on", "outcome",
    "closure_reason", "closure_requested_by", "closure_requested_at", "closed_by", "closed_at",
    "updated_at",
)
SUBJECT_FIELDS = ("case", "person", "added_at")
MEMBER_FIELDS = ("case", "user", "agency", "role", "joined_at", "left_at", "added_by")
RISK_FIELDS = ("case", "level", "title", "reason", "screening", "recorded_by", "recorded_at")
PLAN_FIELDS = (
    "case", "version", "goals", "person_views", "family_views", "contingency", "created_by",
    "created_at", "review_on",
)
ACTION_FIELDS = (
    "id", "case", "goal_key", "kind", "text", "owner_agency", "owner", "owner_team", "due_on",
    "status", "created_by", "created_at", "done_at", "done_by", "note",
)
VOICE_FIELDS = (
    "id", "person", "case", "context", "words", "place", "said_on", "recorded_by", "recorded_at",
)
MEETING_FIELDS = (
    "id", "type_code", "types_version", "area", "title", "starts_at", "place", "chair", "status",
    "created_by", "created_at", "held_at", "finalised_at", "finalised_by", "follow_up_title",
    "follow_up_due", "follows", "attendance_short",
)
ITEM_FIELDS = ("id", "meeting", "position", "case", "person", "title", "discussion")
ATTENDANCE_FIELDS = ("meeting", "agency", "name", "role", "user", "status")
SHARED_FIELDS = (
    "meeting", "item", "agency", "summary", "handling", "conditions", "recorded_by",
)
DECISION_FIELDS = ("meeting", "item", "text", "recorded_by")
MEETING_ACTION_FIELDS = ("meeting", "item", "action")
# fmt: on
GIVEN_IDS = (Case, Action, VoiceRecord, Meeting, AgendaItem)


def number(cases: list[PlannedCase], meetings: list[PlannedMeeting]) -> None:
    """Ids in order of time: cases by opening, actions by setting, voices by recording,
    meetings by start."""
    cases.sort(key=lambda case: case.opened_at)
    first = next_id(Case)
    for offset, case in enumerate(cases):
        case.pk = first + offset
    acts = sorted((a for case in cases for a in case.actions), key=lambda a: a.created_at)
    first = next_id(Action)
    for offset, act in enumerate(acts):
        act.pk = first + offset
    voices = sorted((v for case in cases for v in case.voices), key=lambda v: v.at)
    first = next_id(VoiceRecord)
    for offset, voice in enumerate(voices):
        voice.pk = first + offset
    meetings.sort(key=lambda meeting: (meeting.starts_at, meeting.type_code))
    first, item_id = next_id(Meeting), next_id(AgendaItem)
    for offset, meeting in enumerate(meetings):
        meeting.pk = first + offset
        for item in meeting.items:
            item.pk, item_id = item_id, item_id + 1


class Writer:
    """Case and meeting rows, their events, and their open deadlines."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.moment = moment_adapter()
        self.types = meeting_types()
        self.rows: dict[str, list[tuple]] = {}
        self.counts: dict[str, int] = {}

    def _add(self, key: str, row: tuple) -> None:
        self.rows.setdefault(key, []).append(row)

    def write(self, cases: list[PlannedCase], meetings: list[PlannedMeeting]) -> None:
        for case in cases:
            self._case(case)
        for meeting in meetings:
            self._meeting(meeting)
        for key, model, fields in (
            ("case", Case, CASE_FIELDS), ("subject", CaseSubject, SUBJECT_FIELDS),
            ("member", CaseMember, MEMBER_FIELDS), ("risk", CaseRisk, RISK_FIELDS),
            ("plan", SafetyPlan, PLAN_FIELDS), ("action", Action, ACTION_FIELDS),
            ("voice", VoiceRecord, VOICE_FIELDS), ("meeting", Meeting, MEETING_FIELDS),
            ("item", AgendaItem, ITEM_FIELDS), ("attendance", Attendance, ATTENDANCE_FIELDS),
            ("shared", SharedInformation, SHARED_FIELDS),
            ("decision", MeetingDecision, DECISION_FIELDS),
            ("meeting_action", MeetingAction, MEETING_ACTION_FIELDS),
            ("event", ChronologyEvent, EVENT_FIELDS),
        ):  # fmt: skip
            insert_rows(model, fields, self.rows.get(key, []))
        self.counts["case_events"] = len(self.rows.get("event", []))

    def _case(self, case: PlannedCase) -> None:
        m, opening = self.moment, case.opening
        # The last closure asked for: its outcome and reason stay while it waits or once it
        # is signed off; a manager keeping the case open clears them (who asked stays).
        outcome = reason = ""
        asked_by = asked_at = closed_by = closed_at = None
        if case.closures:
            last = case.closures[-1]
            if last.approved or last.answered_at is None:
                outcome, reason = last.outcome, last.reason
            asked_by, asked_at = last.by.id, m(last.requested_at)
            if last.approved and last.answered_by is not None:
                closed_by, closed_at = last.answered_by.id, m(last.answered_at)
        risk = case.risks[-1]
        self._add("case", (
            case.pk, case.area.pk, case.status, case.lead.agency_id, case.lead.user.id,
            case.opened_by.id, m(case.opened_at), opening.decision_id, opening.screening_id,
            risk.level, risk.title, day_value(case.next_review_on), outcome, reason, asked_by,
            asked_at, closed_by, closed_at, m(max(t.at for t in case.told)),
        ))  # fmt: skip
        for person in opening.persons:
            self._add("subject", (case.pk, person.pk, m(case.opened_at)))
        for member in case.members:
            self._add("member", (
                case.pk, member.staff.user.id, member.staff.agency_id, member.role,
                m(member.joined_at), m(member.left_at), member.added_by.id,
            ))  # fmt: skip
        for r in case.risks:
            self._add(
                "risk", (case.pk, r.level, r.title, r.reason, r.screening_id, r.by.id, m(r.at))
            )
        for plan in case.plans:
            goals = json.dumps([{"key": key, "text": text} for key, text in plan.goals])
            self._add("plan", (
                case.pk, plan.version, goals, plan.person_views, plan.family_views,
                plan.contingency, plan.by.id, m(plan.at), day_value(plan.review_on),
            ))  # fmt: skip
        for act in case.actions:
            self._action(act, case.pk)
        for told in case.told:
            for person in opening.persons:
                self._add("event", (
                    "person", person.pk, "case", m(told.at), m(told.at),
                    f"{case.reference}: {told.title}"[:200], told.summary, Visibility.PARTNERSHIP,
                    case.area.pk, case.lead.agency_id, told.by.id, "case", case.pk,
                ))  # fmt: skip
        for voice in case.voices:
            self._add("voice", (
                voice.pk, voice.person.pk, case.pk, voice.context, voice.words, voice.place,
                day_value(voice.said_on), voice.by.id, m(voice.at),
            ))  # fmt: skip
            title = f"In their own words ({CONTEXTS[voice.context].lower()})"
            self._add("event", (
                "person", voice.person.pk, "voice", m(voice.at), m(voice.at), title, voice.words,
                Visibility.PARTNERSHIP, None, None, voice.by.id, "voice", voice.pk,
            ))  # fmt: skip

    def _action(self, act: Act, case_id: int | None) -> None:
        m = self.moment
        self._add("action", (
            act.pk, case_id, act.goal_key, act.kind, act.text, act.owner.agency_id,
            act.owner.user.id, act.owner.team.id, day_value(act.due_on), act.status,
            act.created_by.id, m(act.created_at), m(act.done_at),
            act.done_by.id if act.done_by else None, act.note,
        ))  # fmt: skip

    def _meeting(self, meeting: PlannedMeeting) -> None:
        m = self.moment
        final = meeting.status == MeetingStatus.FINAL
        self._add("meeting", (
            meeting.pk, meeting.type_code, self.types.version, meeting.area.pk, meeting.title,
            m(meeting.starts_at), meeting.place, meeting.chair.id, meeting.status,
            meeting.created_by.id, m(meeting.created_at), m(meeting.held_at),
            m(meeting.finalised_at), meeting.chair.id if final else None,
            meeting.follow_up_title, day_value(meeting.follow_up_due),
            meeting.follows.pk if meeting.follows else None, json.dumps(meeting.attendance_short),
        ))  # fmt: skip
        for position, item in enumerate(meeting.items, start=1):
            names = ", ".join(p.full_name for p in item.case.opening.persons)
            self._add("item", (
                item.pk, meeting.pk, position, item.case.pk, None,
                f"{item.case.reference}: {names}"[:200], item.discussion,
            ))  # fmt: skip
            for agency, summary, handling, conditions, by in item.shared:
                self._add(
                    "shared", (meeting.pk, item.pk, agency.pk, summary, handling, conditions, by.id)
                )
            for text, by in item.decisions:
                self._add("decision", (meeting.pk, item.pk, text, by.id))
            for act in item.actions:
                self._add("meeting_action", (meeting.pk, item.pk, act.pk))
        for agency, summary, handling, conditions, by in meeting.shared:
            self._add("shared", (meeting.pk, None, agency.pk, summary, handling, conditions, by.id))
        for text, by in meeting.decisions:
            self._add("decision", (meeting.pk, None, text, by.id))
        for a in meeting.attendance:
            self._add("attendance", (
                meeting.pk, a.agency.pk, a.name, a.role, a.user.id if a.user else None, a.status,
            ))  # fmt: skip
        if meeting.held_at is None:
            return
        title = self.types.get(meeting.type_code)
        label = title.title if title else meeting.type_code
        persons = sorted({p.pk for item in meeting.items for p in item.case.opening.persons})
        for person in persons:
            self._add("event", (
                "person", person, "meeting", m(meeting.starts_at), m(meeting.held_at),
                f"Discussed at {label} {meeting.reference}"[:200], "", Visibility.PARTNERSHIP,
                meeting.area.pk, None, meeting.chair.id, "meeting", meeting.pk,
            ))  # fmt: skip

    def open_deadlines(self, cases: list[PlannedCase], meetings: list[PlannedMeeting]) -> None:
        """What is still open "now": each open case's plan review (the last plan_save's),
        and the follow-ups of held meetings no later meeting has met."""
        made: list[Deadline] = []
        hubs: dict[int, int | None] = {}
        for case in cases:
            if case.status == CaseStatus.CLOSED or not case.plans:
                continue
            plan = case.plans[-1]
            made += deadlines_for(
                event=f"plan_saved_{plan.level}", key=f"case:{case.pk}:plan",
                reference=case.reference, area_id=case.area.pk, source_type="case",
                source_id=case.pk, start=plan.at, person_id=case.opening.persons[0].pk,
                owner_id=plan.lead.id, hubs=hubs,
            )  # fmt: skip
        followed = {id(m.follows) for m in meetings if m.follows and m.held_at is not None}
        window = working_days_before(local_day(self.now), CONFERENCE_WINDOW)
        for meeting in meetings:
            if meeting.held_at is None or id(meeting) in followed:
                continue
            if meeting.type_code != "mace_panel" and not (
                local_day(meeting.starts_at) >= window
                and all(item.case.status != CaseStatus.CLOSED for item in meeting.items)
            ):
                continue
            made += deadlines_for(
                event=f"{meeting.type_code}_held", key=f"meeting:{meeting.pk}:follow_up",
                reference=meeting.reference, area_id=meeting.area.pk, source_type="meeting",
                source_id=meeting.pk, start=meeting.starts_at, owner_id=meeting.chair.id,
                hubs=hubs,
            )  # fmt: skip
        # One bulk insert, not one per case and meeting: a region has thousands of each.
        Deadline.objects.bulk_create(made)
        self.counts["case_deadlines"] = len(made)

    @staticmethod
    def finish() -> None:
        """Move PostgreSQL's id sequences past the ids given (SQLite moves its own)."""
        reset_sequences(GIVEN_IDS)
