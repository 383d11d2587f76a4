"""Meetings: scheduled with a chair, an agenda from cases, attendance checked against the
type's minimum, information shared with its handling, decisions, actions in trays, minutes
made final, the follow-up's deadline derived, and who may read the minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from hub.cases.selectors import actions_due
from hub.cases.services import case_open, voice_record
from hub.meetings.models import Meeting
from hub.meetings.selectors import HIGHLIGHTS, access_meeting, agenda_pack, meeting_page
from hub.meetings.services import (
    agenda_add,
    attendance_add,
    decision_add,
    information_add,
    meeting_action_add,
    meeting_finalise,
    meeting_held,
    meeting_schedule,
)
from hub.meetings.services.meetings import ERROR_CHAIR, ERROR_CONDITIONS, ERROR_NOT_HELD
from hub.organisations.models import Agency
from hub.platform.access import NotFound, PermissionDenied
from hub.platform.models import ChronologyEvent
from hub.platform.services import ServiceError
from hub.platform.timescales import timescales_definition
from tests.factories import AgencyFactory, person_known_to, user_with_role

pytestmark = pytest.mark.django_db


def schedule(world, type_code="mace_panel", **extra):
    return meeting_schedule(
        actor=world.bham_hub_manager,
        type_code=type_code,
        title=extra.pop("title", "Birmingham MACE, December"),
        starts_at=extra.pop("starts_at", timezone.now() + dt.timedelta(days=2)),
        chair_id=extra.pop("chair_id", world.bham_hub_manager.pk),
        **extra,
    )


def test_a_meeting_needs_a_chair_and_a_type(world):
    with pytest.raises(ServiceError, match=ERROR_CHAIR):
        schedule(world, chair_id=None)
    with pytest.raises(ServiceError):
        schedule(world, type_code="tea_party")
    with pytest.raises(PermissionDenied):
        meeting_schedule(
            actor=world.bham_school_practitioner,
            type_code="mace_panel",
            title="x",
            starts_at=timezone.now(),
            chair_id=world.bham_hub_manager.pk,
        )
    meeting = schedule(world)
    assert meeting.area == world.birmingham and meeting.status == Meeting.Status.SCHEDULED


def test_a_strategy_discussion_below_its_minimum_attendance_is_flagged(world):
    meeting = schedule(world, type_code="strategy_discussion", title="Strategy discussion: A.B.")
    police = world.police_bham_team.agency
    attendance_add(
        actor=world.bham_hub_manager,
        meeting_id=meeting.pk,
        agency_id=world.bham_hub.agency_id,
        name="Priya Sharma",
        status="attended",
    )
    attendance_add(
        actor=world.bham_hub_manager,
        meeting_id=meeting.pk,
        agency_id=police.pk,
        name="DC Khan",
        status="apologies",
    )
    held = meeting_held(actor=world.bham_hub_manager, meeting_id=meeting.pk)
    assert held.attendance_short == ["police", "health"]
    page = meeting_page(actor=world.bham_hub_manager, meeting_id=meeting.pk)
    assert page.missing_attendance == ["police", "health"]
    # shown by their titles, not their codes ("childrensservices")
    assert page.minimum_titles == ["Children's services", "Police force", "Health"]
    assert page.missing_titles == ["Police force", "Health"]
    # The ICPC must follow within 15 working days of the strategy discussion.
    due = timescales_definition().get("initial_child_protection_conference").due(held.starts_at)
    assert held.follow_up_due == timezone.localtime(due).date()
    trust = AgencyFactory(
        name="Birmingham Community Health", kind=Agency.Kind.HEALTH_TRUST, area=world.birmingham
    )
    second = schedule(world, type_code="strategy_discussion")
    for agency in (world.bham_hub.agency, police, trust):
        attendance_add(
            actor=world.bham_hub_manager,
            meeting_id=second.pk,
            agency_id=agency.pk,
            name="Someone",
            status="attended",
        )
    assert meeting_held(actor=world.bham_hub_manager, meeting_id=second.pk).attendance_short == []


def test_a_mace_panel_end_to_end(world):
    manager, hub = world.bham_hub_manager, world.bham_hub_practitioner
    case = case_open(actor=hub, person_ids=[world.bham_person.pk])
    meeting = schedule(world)
    item = agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)
    assert item.title == f"{case.reference}: Aaliyah Begum"
    with pytest.raises(ServiceError):
        agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)  # once
    with pytest.raises(ServiceError, match=ERROR_CONDITIONS):
        information_add(
            actor=manager,
            meeting_id=meeting.pk,
            item_id=item.pk,
            agency_id=world.police_bham_team.agency_id,
            summary="Seen with a known supplier",
            handling="C",
        )
    information_add(
        actor=manager,
        meeting_id=meeting.pk,
        item_id=item.pk,
        agency_id=world.police_bham_team.agency_id,
        summary="Seen with a known supplier",
        handling="C",
        conditions="Not to be shared with the family",
    )
    decision_add(
        actor=manager,
        meeting_id=meeting.pk,
        item_id=item.pk,
        text="Disruption plan for the supplier",
    )
    soon = timezone.localdate() + dt.timedelta(days=7)
    link = meeting_action_add(
        actor=manager,
        meeting_id=meeting.pk,
        item_id=item.pk,
        text="Serve a CAWN on the supplier",
        owner_id=hub.pk,
        due_on=soon,
    )
    assert link.action.case == case and list(actions_due(actor=hub)) == [link.action]
    with pytest.raises(ServiceError, match=ERROR_NOT_HELD):
        meeting_finalise(actor=manager, meeting_id=meeting.pk)
    meeting_held(actor=manager, meeting_id=meeting.pk)
    meeting_finalise(actor=manager, meeting_id=meeting.pk)
    with pytest.raises(ServiceError):  # final: nothing more
        decision_add(actor=manager, meeting_id=meeting.pk, text="Late thought")
    _, pack = agenda_pack(actor=manager, meeting_id=meeting.pk)
    assert [p.person for p in pack[0].persons] == [world.bham_person]


def test_minutes_are_for_attending_agencies_and_the_case_teams_concerned(world):
    manager = world.bham_hub_manager
    case = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
    meeting = schedule(world)
    agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)
    police_officer = user_with_role("practitioner", world.police_bham_team, username="pc.one")
    school_dsl = world.bham_school_practitioner
    with pytest.raises(NotFound):
        access_meeting(actor=police_officer, meeting_id=meeting.pk, purpose="read")
    attendance_add(
        actor=manager,
        meeting_id=meeting.pk,
        agency_id=world.police_bham_team.agency_id,
        name="DC One",
        status="attended",
    )
    police_officer = type(police_officer).objects.get(pk=police_officer.pk)
    assert access_meeting(actor=police_officer, meeting_id=meeting.pk, purpose="read")
    with pytest.raises(NotFound):  # the school neither attended nor is on the case team
        access_meeting(actor=school_dsl, meeting_id=meeting.pk, purpose="read")
    from hub.cases.services import case_member_add

    case_member_add(actor=world.bham_hub_practitioner, case_id=case.pk, user_id=school_dsl.pk)
    school_dsl = type(school_dsl).objects.get(pk=school_dsl.pk)
    assert access_meeting(actor=school_dsl, meeting_id=meeting.pk, purpose="read")


def test_the_agenda_pack_prints_each_case_with_its_highlights_and_the_persons_words(world, client):
    manager = world.bham_hub_manager
    case = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
    voice_record(
        actor=world.bham_hub_practitioner,
        person_id=world.bham_person.pk,
        case_id=case.pk,
        context="school",
        words="I want to stay at my school.",
        said_on=timezone.localdate(),
    )
    meeting = schedule(world)
    agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)
    client.force_login(manager)

    response = client.get(reverse("meetings:pack-pdf", args=[meeting.pk]))

    assert response.content.startswith(b"%PDF")
    html = render_to_string("meetings/pack_print.html", response.context[0].flatten())
    assert html.count("OFFICIAL-SENSITIVE") == 2  # the marking, at the top and foot of each page
    assert f"Case {case.reference}: Open; risk" in html
    assert "“I want to stay at my school.” (at school or college," in html
    day = timezone.localdate()
    line = f"{day.day} {day:%b %Y} \N{EN DASH} {case.reference}: case opened"
    assert f'<p class="highlight">{line}</p>' in html


def test_each_person_in_the_pack_has_their_highlights_however_busy_the_others_are(world):
    """A person with many recent events does not crowd the others' highlights out."""
    manager = world.bham_hub_manager
    quiet = world.bham_person
    busy = person_known_to(world.bham_hub, given_name="Bilal", family_name="Walker")
    cases = [
        case_open(actor=world.bham_hub_practitioner, person_ids=[person.pk])
        for person in (quiet, busy)
    ]
    now = timezone.now()
    ChronologyEvent.objects.filter(subject_id__in=[quiet.pk, busy.pk]).update(
        occurred_at=now - dt.timedelta(days=30)
    )
    ChronologyEvent.objects.bulk_create(
        ChronologyEvent(
            subject_type="person",
            subject_id=busy.pk,
            kind="case",
            occurred_at=now - dt.timedelta(hours=number),
            title=f"Busy {number}",
            visibility=ChronologyEvent.Visibility.PARTNERSHIP,
            recorded_by=manager,
        )
        for number in range(100)
    )
    meeting = schedule(world)
    for case in cases:
        agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)

    _, pack = agenda_pack(actor=manager, meeting_id=meeting.pk)

    highlights = {p.person.pk: [e.title for e in p.highlights] for e in pack for p in e.persons}
    assert highlights[busy.pk] == [f"Busy {number}" for number in range(HIGHLIGHTS)]
    assert f"{cases[0].reference}: case opened" in highlights[quiet.pk]


def test_the_pack_prints_the_screenings_grades_and_pathway_by_their_titles(world, client):
    from hub.screening.services import ScreeningAnswers, screening_confirm, screening_start
    from hub.screening.thresholds import threshold_document
    from hub.screening.tools import get_tool

    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    draft = screening_start(
        actor=hub,
        person_id=world.bham_person.pk,
        tool_id="child_exploitation",
        token="pack-screening-0123456789",
    )
    screening = screening_confirm(
        actor=hub,
        screening_id=draft.pk,
        answers=ScreeningAnswers(answers={"missing_repeatedly": "recent"}, circumstances={}),
        final_overall="serious_risk",
        rationale="Seen in a car with two men known for supply; missing three nights",
    )
    assert screening.computed_overall == "significant_risk"
    assert screening.pathway == "strategy_discussion"
    case = case_open(actor=hub, person_ids=[world.bham_person.pk])
    meeting = schedule(world)
    agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)
    client.force_login(manager)

    response = client.get(reverse("meetings:pack-pdf", args=[meeting.pk]))

    html = render_to_string("meetings/pack_print.html", response.context[0].flatten())
    grades = {grade.id: grade.title for grade in get_tool("child_exploitation").grades}
    pathway = threshold_document().pathway("strategy_discussion").title
    assert (
        f"final grade <strong>{grades['serious_risk']}</strong> "
        f"(the tool gave {grades['significant_risk']}); pathway: {pathway}." in html
    )
    for run_together in ("seriousrisk", "significantrisk", "strategydiscussion"):
        assert run_together not in html


def test_the_pack_shows_the_highlights_of_records_merged_into_a_person(world):
    from hub.people.services import person_merge

    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    kept = world.bham_person
    duplicate = person_known_to(world.bham_hub, given_name="Aliyah", family_name="Begum")
    case = case_open(actor=hub, person_ids=[kept.pk])
    now = timezone.now()
    ChronologyEvent.objects.filter(subject_id=kept.pk).update(
        occurred_at=now - dt.timedelta(days=30)
    )
    ChronologyEvent.objects.bulk_create(
        ChronologyEvent(
            subject_type="person",
            subject_id=duplicate.pk,
            kind="case",
            occurred_at=now - dt.timedelta(days=number),
            title=f"Under the other record {number}",
            visibility=ChronologyEvent.Visibility.PARTNERSHIP,
            recorded_by=manager,
        )
        for number in range(HIGHLIGHTS - 2)
    )
    person_merge(
        actor=hub,
        kept_id=kept.pk,
        duplicate_id=duplicate.pk,
        reason="Same NHS number and date of birth; the school misspelt the name",
    )
    meeting = schedule(world)
    agenda_add(actor=manager, meeting_id=meeting.pk, case_id=case.pk)

    _, pack = agenda_pack(actor=manager, meeting_id=meeting.pk)

    (person,) = pack[0].persons
    titles = [event.title for event in person.highlights]
    # The merged record's events among the kept record's own, the latest first, no more than
    # HIGHLIGHTS of them together.
    merged = [title for title in titles if title.startswith("Under the other record")]
    assert merged == [f"Under the other record {n}" for n in range(HIGHLIGHTS - 2)]
    assert len(titles) == HIGHLIGHTS and len(merged) < len(titles)
    times = [event.occurred_at for event in person.highlights]
    assert times == sorted(times, reverse=True)
