"""The synthetic region's cases, safety plans and a year of multi-agency meetings, recorded as
the cases and meetings services would have recorded them, with the deadlines still open.

One tiny region is built for the whole module (building is the slow part), inside a
transaction rolled back at the end; each test runs in its own savepoint within it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from django.utils import timezone

from hub.alerts.models import Deadline
from hub.alerts.services import deadline_open
from hub.cases.models import Action, Case, CaseMember, CaseRisk, SafetyPlan, VoiceRecord
from hub.cases.practice import case_practice
from hub.cases.services import PlanInput, case_request_close, plan_save
from hub.cases.services.cases import ERROR_OPEN_ACTIONS
from hub.demo.generator import BuildOptions, BuildResult, region_build
from hub.demo.generator.cases.sources import OPENED_SHARES
from hub.demo.generator.referrals.clock import world_now
from hub.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingDecision,
    SharedInformation,
)
from hub.meetings.practice import meeting_types
from hub.meetings.services import agenda_add, meeting_held
from hub.organisations.models import Membership, User
from hub.platform.access import Permission, scoped
from hub.platform.audit import verify_chain
from hub.platform.models import ChronologyEvent
from hub.platform.services import ServiceError
from hub.platform.timescales import timescales_definition
from hub.referrals.models import TriageDecision
from hub.screening.models import Screening
from hub.screening.thresholds import threshold_document
from hub.screening.tools import get_tool

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 4)  # a Wednesday
SEED = 3
Status = Case.Status
SignOff = TriageDecision.SignOff
NOW = world_now(AS_OF)
TODAY = AS_OF


@dataclass(frozen=True)
class Built:
    result: BuildResult
    first_build: tuple[dict[str, int], list[tuple], list[tuple]]


def _rows() -> tuple[list[tuple], list[tuple]]:
    cases = list(
        Case.objects.order_by("pk", "subjects__person__given_name").values_list(
            "area__slug",
            "status",
            "lead_professional__username",
            "opened_at",
            "risk_level",
            "closed_at",
            "subjects__person__given_name",
        )
    )
    meetings = list(
        Meeting.objects.order_by("pk").values_list("type_code", "title", "starts_at", "status")
    )
    return cases, meetings


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """A tiny region, built twice from the same seed (the first rolled back), kept for the
    module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            first = region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF))
            earlier = (first.counts, *_rows())
            transaction.set_rollback(True)
        yield Built(
            region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF)), earlier
        )
        transaction.set_rollback(True)


def cases() -> list[Case]:
    return list(
        Case.objects.select_related("area", "decision__subject__referral", "screening__team")
        .prefetch_related("subjects__person", "members__user", "risks", "plans", "actions")
        .order_by("pk")
    )


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def test_the_same_seed_makes_the_same_cases_and_meetings(region):
    counts, case_rows, meeting_rows = region.first_build
    assert region.result.counts == counts
    assert _rows() == (case_rows, meeting_rows)
    assert counts["cases"] == Case.objects.count() >= 8
    assert counts["meetings"] == Meeting.objects.count()
    assert counts["safety_plans"] == SafetyPlan.objects.count()
    # the voices heard on cases (later steps record others, at return home interviews)
    assert counts["voice_records"] == VoiceRecord.objects.filter(case__isnull=False).count()


def test_cases_open_from_decisions_in_force_about_everyone_decided_alike(region):
    from_decisions = [c for c in cases() if c.decision_id is not None]
    assert from_decisions
    for case in from_decisions:
        decision = case.decision
        assert case.screening_id is None
        assert decision.code in OPENED_SHARES
        assert decision.sign_off in (SignOff.NOT_NEEDED, SignOff.APPROVED)
        referral = decision.subject.referral
        assert case.area_id == referral.area_id
        alike = set(
            TriageDecision.objects.filter(
                subject__referral=referral, code=decision.code, subject__person__isnull=False
            ).values_list("subject__person_id", flat=True)
        )
        persons = {s.person_id for s in case.subjects.all()}
        assert persons <= alike, case.reference
        assert case.opened_at > (decision.signed_off_at or decision.decided_at)
        first = case.risks.all()[0]
        assert first.screening_id is None and first.level == "emerging"


def test_cases_open_from_completed_screenings_at_their_grade(region):
    from_screenings = [c for c in cases() if c.screening_id is not None]
    assert from_screenings
    for case in from_screenings:
        screening = case.screening
        assert screening.status == Screening.Status.COMPLETE
        assert [s.person_id for s in case.subjects.all()] == [screening.person_id]
        assert case.area_id == screening.team.area_id
        finished = screening.reviewed_at if screening.review_needed else screening.confirmed_at
        assert case.opened_at > finished
        grade = get_tool(screening.tool_id, screening.tool_version).grade(screening.final_overall)
        first = case.risks.all()[0]
        assert (first.level, first.screening_id) == (grade.level, screening.pk)
        assert first.reason == f"Screening {screening.reference}: {grade.title}"


def test_a_person_is_on_one_open_case_at_a_time(region):
    spans = defaultdict(list)
    for case in cases():
        for subject in case.subjects.all():
            spans[subject.person_id].append((case.opened_at, case.closed_at))
    for opened in spans.values():
        opened.sort()
        for (_, closed), (later, _) in pairwise(opened):
            assert closed is not None and closed < later


def test_the_case_team_is_led_by_one_member_and_reaches_the_case(region):
    for case in cases():
        members = list(case.members.all())
        leads = [m for m in members if m.role == CaseMember.Role.LEAD]
        assert len(leads) == 1 and leads[0].user_id == case.lead_professional_id
        assert leads[0].left_at is None
        lead_team = Membership.objects.get(user=case.lead_professional_id).team
        assert case.lead_agency_id == lead_team.agency_id
        assert any(m.user_id == case.opened_by_id for m in members)
        for member in members:
            team = Membership.objects.get(user=member.user_id).team
            assert member.agency_id == team.agency_id
            assert member.joined_at >= case.opened_at
            assert member.left_at is None or member.left_at > member.joined_at
            visible = scoped(member.user, Permission.CASE_VIEW, Case.objects.filter(pk=case.pk))
            area_wide = team.is_hub or member.user.username.endswith(".meeting.chair")
            if member.left_at is None or area_wide:
                assert visible.exists(), (case.reference, member.user.username)
            else:  # leaving ended their case-team reach
                assert not visible.exists(), (case.reference, member.user.username)
    kinds = Counter(m.agency.kind for m in CaseMember.objects.select_related("agency"))
    assert {"police", "childrens_services"} <= set(kinds)


def test_risk_over_time_has_its_reasons_and_sets_the_review_date(region):
    titles = {level.id: level.title for level in threshold_document().levels}
    practice = case_practice()
    for case in cases():
        risks = list(case.risks.all())
        assert risks[0].recorded_at == case.opened_at
        assert [r.recorded_at for r in risks] == sorted(r.recorded_at for r in risks)
        assert all(r.reason and "{" not in r.reason and r.title == titles[r.level] for r in risks)
        assert (case.risk_level, case.risk_title) == (risks[-1].level, risks[-1].title)
        plans = list(case.plans.all())
        last_plan = max(plans, key=lambda p: p.created_at, default=None)
        if last_plan is not None and last_plan.created_at > risks[-1].recorded_at:
            assert case.next_review_on == last_plan.review_on
        else:
            assert case.next_review_on == practice.review_on(risks[-1].level, risks[-1].recorded_at)
    assert CaseRisk.objects.count() > Case.objects.count()  # risk changes over time


def test_safety_plans_are_versions_reviewed_at_the_cadence_the_risk_sets(region):
    practice = case_practice()
    planned = [c for c in cases() if c.plans.exists()]
    assert planned and any(c.plans.count() >= 2 for c in planned)
    for case in planned:
        plans = sorted(case.plans.all(), key=lambda p: p.version)
        assert [p.version for p in plans] == list(range(1, len(plans) + 1))
        assert [p.created_at for p in plans] == sorted(p.created_at for p in plans)
        assert case.status in (Status.PLAN, Status.REVIEW, Status.CLOSING, Status.CLOSED)
        risks = list(case.risks.all())
        for before, plan in zip([None, *plans], plans, strict=False):
            level = [r for r in risks if r.recorded_at <= plan.created_at][-1].level
            assert plan.review_on == practice.review_on(level, plan.created_at)
            assert plan.goals and all(re.fullmatch(r"[0-9a-f]{8}", g["key"]) for g in plan.goals)
            assert plan.person_views and plan.family_views and plan.contingency
            if before is not None:  # a goal keeps its key across versions
                assert {g["key"] for g in before.goals} & {g["key"] for g in plan.goals}
            assert plan.created_at >= case.opened_at
    for case in cases():
        if not case.plans.exists():
            assert case.status in (Status.OPEN, Status.ASSESSMENT)


def test_actions_land_with_their_owners_and_end_on_time_late_or_not_yet(region):
    actions = list(Action.objects.select_related("owner", "owner_team", "case"))
    assert actions
    states = Counter()
    for action in actions:
        team = Membership.objects.get(user=action.owner_id).team
        assert (action.owner_team_id, action.owner_agency_id) == (team.id, team.agency_id)
        assert action.owner.is_active
        assert action.due_on >= _day(action.created_at)
        assert action.created_at < NOW and action.text and "{" not in action.text
        if action.status == Action.Status.OPEN:
            assert action.done_at is None and action.done_by_id is None
            states["overdue" if action.due_on < TODAY else "open"] += 1
        else:
            assert action.done_at > action.created_at and action.done_at < NOW
            assert action.done_by_id == action.owner_id
            states["late" if _day(action.done_at) > action.due_on else action.status] += 1
        if action.kind == Action.Kind.PLAN:
            keys = {g["key"] for p in action.case.plans.all() for g in p.goals}
            assert action.goal_key in keys
        if action.kind == Action.Kind.MEETING:
            assert MeetingAction.objects.filter(action=action).exists()
    assert {"open", "overdue", "late", "done"} <= set(states), states


def test_closing_waits_for_the_actions_and_another_managers_sign_off(region):
    outcomes = {o.code for o in case_practice().outcomes}
    closed = [c for c in cases() if c.status in (Status.CLOSING, Status.CLOSED)]
    assert any(c.status == Status.CLOSED for c in closed)
    for case in closed:
        assert case.outcome in outcomes and case.closure_reason
        asked = case.closure_requested_at
        assert not case.actions.filter(created_at__lt=asked, status=Action.Status.OPEN).exists()
        assert not case.actions.filter(created_at__gte=asked).exists()
        if case.status == Status.CLOSED:
            assert case.closed_by.username == f"{case.area.slug}.hub.manager"
            assert case.closed_by_id != case.closure_requested_by_id
            assert case.closed_at > asked
            assert not Deadline.objects.filter(
                key=f"case:{case.pk}:plan", status=Deadline.Status.OPEN
            ).exists()
        else:
            assert case.closed_at is None and case.closed_by_id is None
    for case in cases():
        if case.status not in (Status.CLOSING, Status.CLOSED):
            assert case.outcome == "" and case.closed_at is None


def test_a_child_near_18_gets_the_transition_task_once(region):
    months = case_practice().transition_months
    found = 0
    for case in cases():
        persons = [s.person for s in case.subjects.all()]
        transitions = [a for a in case.actions.all() if a.kind == Action.Kind.TRANSITION]
        assert len({a.text for a in transitions}) == len(transitions)
        for action in transitions:
            found += 1
            made = _day(action.created_at)
            person = next(p for p in persons if p.full_name in action.text)
            birthday = person.eighteenth_birthday()
            assert action.text == (
                f"Plan {person.full_name}'s move to adult services (18 on {birthday:%-d %B %Y})"
            )
            assert made < birthday
            within = (birthday.year - made.year) * 12 + birthday.month - made.month
            assert within <= months
            assert action.due_on == max(made, birthday - timedelta(days=90))
            assert action.owner_id == case.lead_professional_id
    assert found == region.result.counts["transition_actions"]


def test_the_persons_voice_is_in_their_own_words_with_who_when_and_where(region):
    voices = list(
        VoiceRecord.objects.filter(case__isnull=False).select_related("case", "recorded_by")
    )
    assert len(voices) >= 5
    assert len({v.context for v in voices}) >= 3
    for voice in voices:
        assert voice.case.subjects.filter(person=voice.person_id).exists()
        assert voice.words and voice.place and "{" not in voice.place
        assert voice.said_on <= _day(voice.recorded_at) and voice.recorded_at < NOW
        assert voice.recorded_at > voice.case.opened_at
        assert voice.case.members.filter(
            user=voice.recorded_by_id, joined_at__lte=voice.recorded_at
        ).exists()
        event = ChronologyEvent.objects.get(source_type="voice", source_id=voice.pk)
        assert (event.subject_id, event.kind, event.summary) == (
            voice.person_id,
            "voice",
            voice.words,
        )
        assert event.title == f"In their own words ({voice.get_context_display().lower()})"


def test_case_events_are_on_every_subjects_timeline(region):
    for case in cases():
        persons = sorted(s.person_id for s in case.subjects.all())
        events = ChronologyEvent.objects.filter(source_type="case", source_id=case.pk)
        opened = events.filter(title=f"{case.reference}: case opened")
        assert sorted(opened.values_list("subject_id", flat=True)) == persons
        first = case.risks.all()[0]
        for event in opened:
            assert event.summary == f"Risk: {first.title}. {first.reason}"
            assert event.occurred_at == case.opened_at
            assert (event.area_id, event.agency_id) == (case.area_id, case.lead_agency_id)
        for plan in case.plans.all():
            title = f"{case.reference}: safety plan version {plan.version}"
            assert events.filter(title=title).count() == len(persons)
        assert case.updated_at == max(events.values_list("occurred_at", flat=True))


def test_every_areas_mace_panel_meets_monthly_and_the_next_is_scheduled(region):
    panels = Meeting.objects.filter(type_code="mace_panel").order_by("starts_at")
    by_area = defaultdict(list)
    for panel in panels:
        by_area[panel.area_id].append(panel)
    assert len(by_area) == 7
    for area_panels in by_area.values():
        held = [p for p in area_panels if p.status != Meeting.Status.SCHEDULED]
        assert 11 <= len(held) <= 13
        scheduled = [p for p in area_panels if p.status == Meeting.Status.SCHEDULED]
        assert len(scheduled) == 1 and scheduled[0].starts_at > NOW
        for before, after in pairwise(area_panels):
            assert after.follows_id == before.pk
            assert 20 <= (after.starts_at - before.starts_at).days <= 40


def test_meetings_record_what_the_services_record(region):
    definition = meeting_types()
    meetings = list(Meeting.objects.prefetch_related("attendance__agency", "items"))
    assert {m.type_code for m in meetings} >= {"mace_panel", "strategy_discussion"}
    short = 0
    for meeting in meetings:
        meeting_type = definition.get(meeting.type_code)
        assert meeting_type is not None and meeting.types_version == definition.version
        assert meeting.chair.is_active and meeting.title
        assert meeting.created_at < min(meeting.starts_at, NOW)
        if meeting.status == Meeting.Status.SCHEDULED:
            assert meeting.held_at is None and not meeting.attendance.exists()
            continue
        attended = {
            a.agency.kind
            for a in meeting.attendance.all()
            if a.status == Attendance.Status.ATTENDED
        }
        assert meeting.attendance_short == definition.missing(meeting_type, attended)
        short += bool(meeting.attendance_short)
        assert meeting.attendance.filter(user=meeting.chair_id).exists()
        assert meeting.held_at > meeting.starts_at
        if meeting_type.follow_ups:
            follow_up = meeting_type.follow_ups[0]
            due = timescales_definition().get(follow_up.timescale).due(meeting.starts_at)
            assert (meeting.follow_up_title, meeting.follow_up_due) == (follow_up.title, _day(due))
        if meeting.status == Meeting.Status.FINAL:
            assert NOW > meeting.finalised_at > meeting.held_at
            assert meeting.finalised_by_id == meeting.chair_id
        assert MeetingDecision.objects.filter(meeting=meeting).exists()
        for item in meeting.items.all():
            case = item.case
            assert case.area_id == meeting.area_id
            assert case.opened_at < meeting.starts_at
            assert case.closed_at is None or case.closed_at > meeting.starts_at
            names = ", ".join(s.person.full_name for s in case.subjects.select_related("person"))
            assert item.title == f"{case.reference}: {names}" and item.discussion
    assert short >= 1
    conditional = SharedInformation.objects.filter(handling=SharedInformation.Handling.CONDITIONS)
    assert conditional.exists() and not conditional.filter(conditions="").exists()
    assert MeetingAction.objects.exists() and AgendaItem.objects.exists()


def test_child_strategy_discussions_follow_the_decisions_to_hold_them(region):
    discussions = Meeting.objects.filter(type_code__in=("strategy_discussion", "complex_strategy"))
    assert discussions.exists()
    for meeting in discussions:
        (item,) = meeting.items.all()
        case = item.case
        source = case.decision.code if case.decision else case.screening.pathway
        assert source == "strategy_discussion"  # decided at triage, or the screening's pathway
        assert meeting.starts_at - case.opened_at < timedelta(days=2)
        minimum = set(meeting_types().get(meeting.type_code).minimum_attendance)
        assert {"childrens_services", "police", "health"} == minimum


def test_adults_meetings_follow_section_42_enquiries_and_nrm_referrals(region):
    sources = {"section_42_planning": "section_42_enquiry", "slavery_conference": "nrm_referral"}
    for meeting in Meeting.objects.filter(type_code__in=sources):  # none, in some tiny regions
        (item,) = meeting.items.all()
        case = item.case
        source = case.decision.code if case.decision else case.screening.pathway
        assert source == sources[meeting.type_code]
        for subject in case.subjects.select_related("person"):
            assert not subject.person.is_child_on(_day(meeting.starts_at))
        assert case.opened_at < meeting.starts_at < case.opened_at + timedelta(days=14)


def test_persons_discussed_have_the_meeting_on_their_timeline(region):
    for meeting in Meeting.objects.exclude(status=Meeting.Status.SCHEDULED):
        persons = sorted(
            {s.person_id for item in meeting.items.all() for s in item.case.subjects.all()}
        )
        events = ChronologyEvent.objects.filter(source_type="meeting", source_id=meeting.pk)
        assert sorted(events.values_list("subject_id", flat=True)) == persons
        title = meeting_types().get(meeting.type_code).title
        for event in events:
            assert event.title == f"Discussed at {title} {meeting.reference}"
            assert (event.occurred_at, event.recorded_at) == (meeting.starts_at, meeting.held_at)
            assert event.summary == ""  # that it happened, not what was said


DEADLINE_FIELDS = (
    "event", "title", "timescale", "definitions_version", "person_id", "area_id", "owner_id",
    "team_id", "source_type", "source_id", "started_at", "due_at", "amber_at",
)  # fmt: skip


def _as_opened(deadline: Deadline, **arguments) -> None:
    """The deadline equals what the service's deadline_open makes from the same event."""
    with transaction.atomic():
        (fresh,) = deadline_open(key=deadline.key, **arguments)
        transaction.set_rollback(True)
    assert [getattr(deadline, f) for f in DEADLINE_FIELDS] == [
        getattr(fresh, f) for f in DEADLINE_FIELDS
    ]


def test_each_open_cases_plan_review_is_open_as_plan_save_leaves_it(region):
    deadlines = {d.key: d for d in Deadline.objects.filter(key__startswith="case:")}
    expected = set()
    for case in cases():
        if case.status == Status.CLOSED or not case.plans.exists():
            continue
        key = f"case:{case.pk}:plan"
        expected.add(key)
        plan = max(case.plans.all(), key=lambda p: p.version)
        level = [r for r in case.risks.all() if r.recorded_at <= plan.created_at][-1].level
        person = case.subjects.order_by("pk").first().person_id
        _as_opened(
            deadlines[key], event=f"plan_saved_{level}", reference=case.reference,
            area_id=case.area_id, source_type="case", source_id=case.pk, start=plan.created_at,
            person_id=person, owner_id=case.lead_professional_id,
        )  # fmt: skip
        assert _day(deadlines[key].due_at) == plan.review_on
    assert expected and set(deadlines) == expected
    assert all(d.status == Deadline.Status.OPEN for d in deadlines.values())


def test_meeting_follow_ups_are_open_until_a_later_meeting_meets_them(region):
    deadlines = {d.source_id: d for d in Deadline.objects.filter(source_type="meeting")}
    held = Meeting.objects.exclude(status=Meeting.Status.SCHEDULED)
    followed = set(held.filter(follows__isnull=False).values_list("follows_id", flat=True))
    for meeting in held.filter(type_code="mace_panel"):
        if meeting.pk in followed:
            assert meeting.pk not in deadlines
        else:  # the area's last panel held: its review is still to come
            _as_opened(
                deadlines[meeting.pk], event="mace_panel_held", reference=meeting.reference,
                area_id=meeting.area_id, source_type="meeting", source_id=meeting.pk,
                start=meeting.starts_at, owner_id=meeting.chair_id,
            )  # fmt: skip
    for pk, deadline in deadlines.items():
        meeting = Meeting.objects.get(pk=pk)
        assert deadline.key == f"meeting:{pk}:follow_up" and deadline.status == "open"
        if meeting.type_code == "strategy_discussion":
            _as_opened(
                deadline, event="strategy_discussion_held", reference=meeting.reference,
                area_id=meeting.area_id, source_type="meeting", source_id=meeting.pk,
                start=meeting.starts_at, owner_id=meeting.chair_id,
            )  # fmt: skip
    assert sum(1 for d in deadlines.values() if d.event == "mace_panel_held") == 7


def test_the_services_carry_on_from_where_the_build_left_off(region):
    """The lead saves the next plan version (meeting the open review, opening the next); a
    case with open actions cannot ask to close; the chair holds next month's panel."""
    case = next(c for c in cases() if c.status == Status.PLAN)
    lead = User.objects.get(pk=case.lead_professional_id)
    version = case.plans.count()
    plan_save(
        actor=lead, case_id=case.pk, based_on_version=version,
        data=PlanInput(goals=(("", "Keep going to college"),), person_views="Fine"),
    )  # fmt: skip
    key = f"case:{case.pk}:plan"
    assert Deadline.objects.filter(key=key, status=Deadline.Status.MET).count() == 1
    assert Deadline.objects.filter(key=key, status=Deadline.Status.OPEN).count() == 1

    busy = next(
        c for c in cases() if c.status != Status.CLOSING and c.actions.filter(status="open")
    )
    hub = User.objects.get(username=f"{busy.area.slug}.hub.practitioner")
    with pytest.raises(ServiceError) as refused:
        case_request_close(actor=hub, case_id=busy.pk, outcome="risk_reduced", reason="Done")
    assert refused.value.message.startswith(ERROR_OPEN_ACTIONS.split("{")[0])

    panel = Meeting.objects.get(type_code="mace_panel", status=Meeting.Status.SCHEDULED,
                                area=case.area)  # fmt: skip
    chair = panel.chair
    if not panel.items.filter(case=case).exists():
        agenda_add(actor=chair, meeting_id=panel.pk, case_id=case.pk)
    meeting_held(actor=chair, meeting_id=panel.pk)
    before = Deadline.objects.get(key=f"meeting:{panel.follows_id}:follow_up")
    assert before.status == Deadline.Status.MET


def test_records_made_after_the_build_get_ids_of_their_own(region):
    models = (Case, Action, VoiceRecord, Meeting, AgendaItem)
    last = {m: m.objects.order_by("-pk").values_list("pk", flat=True)[0] for m in models}
    old = Case.objects.order_by("-pk").first()
    case = Case.objects.create(
        area=old.area, lead_agency=old.lead_agency, opened_by=old.opened_by,
        opened_at=timezone.now(), risk_level="emerging", risk_title="Emerging",
    )  # fmt: skip
    action = Action.objects.create(
        case=case, text="Later", owner=old.opened_by, owner_agency=old.lead_agency,
        owner_team=Membership.objects.get(user=old.opened_by).team, due_on=TODAY,
        created_by=old.opened_by, created_at=timezone.now(),
    )  # fmt: skip
    person = old.subjects.first().person
    voice = VoiceRecord.objects.create(
        person=person, case=case, context="other", words="Later", said_on=TODAY,
        recorded_by=old.opened_by, recorded_at=timezone.now(),
    )  # fmt: skip
    meeting = Meeting.objects.create(
        type_code="mace_panel", types_version=1, area=old.area, title="Later",
        starts_at=timezone.now(), chair=old.opened_by, created_by=old.opened_by,
    )  # fmt: skip
    item = AgendaItem.objects.create(meeting=meeting, position=1, case=case, title="Later")
    for row in (case, action, voice, meeting, item):
        assert row.pk > last[type(row)]


def test_the_audit_chain_still_verifies(region):
    assert verify_chain().ok
