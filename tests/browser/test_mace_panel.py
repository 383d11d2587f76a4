"""A MACE panel in a real browser: scheduled, its agenda built from three cases, attendance,
minutes and decisions recorded, actions landing in their owners' trays, the minutes made
final and opened as a PDF; and a strategy discussion below its minimum attendance flagged."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from hub.cases.services import case_open
from hub.meetings.models import Meeting
from hub.people.models import Person
from tests.factories import person_known_to

from .axe import assert_accessible
from .test_need_to_know import menu, shot, sign_in, sign_out


@pytest.mark.django_db(transaction=True)
def test_a_mace_panel_from_agenda_to_final_minutes(live_server, world, page):
    base = live_server.url
    hub = world.bham_hub_practitioner
    people = [world.bham_person] + [
        person_known_to(world.bham_hub, given_name=given, family_name=family)
        for given, family in (("Jordan", "Reid"), ("Mia", "Kowalski"))
    ]
    cases = [case_open(actor=hub, person_ids=[p.pk]) for p in people]
    when = timezone.localtime() + dt.timedelta(days=1)

    sign_in(page, base, "bham.hm")
    menu(page, "Meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Kind of meeting").select_option(
        label="Multi-agency child exploitation (MACE) panel"
    )
    page.get_by_label("Title").fill("Birmingham MACE panel")
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Time").fill("10:00")
    page.get_by_label("Chair").select_option(label="Dele Adeyemi")
    page.get_by_role("button", name="Schedule").click()
    assert page.get_by_role("heading", name="Birmingham MACE panel").is_visible()
    for case in cases:
        page.get_by_label("Add a case to the agenda").select_option(value=str(case.pk))
        page.get_by_role("button", name="Add to the agenda").click()
    assert page.locator(".govuk-summary-card").count() == 3
    for agency, name in (
        ("Birmingham Children's Services", "Priya Sharma"),
        ("West Midlands Police", "DC Khan"),
    ):
        page.get_by_label("Agency", exact=True).select_option(label=agency)
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Attended", exact=True).check()
        page.get_by_role("button", name="Add", exact=True).click()
    assert_accessible(page)
    first = page.get_by_role("region", name=re.compile(r"^1\. "))
    first.get_by_label("What was discussed").fill(
        "Missing twice this month; seen with the same car."
    )
    first.get_by_role("button", name=re.compile("Save the minutes")).click()
    page.get_by_text("Record a decision").click()
    page.locator("#id_decision-item").select_option(index=1)
    page.get_by_label("Decision", exact=True).fill("Disruption plan for the car's driver")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Set an action").click()
    page.locator("#id_action-item").select_option(index=1)
    page.get_by_label("Action", exact=True).fill("Check the car's registration with the police")
    page.get_by_label("Who will do it").select_option(label="Priya Sharma")
    due = timezone.localdate() + dt.timedelta(days=5)
    action_form = page.locator("form[action$='/actions/']")
    action_form.get_by_label("Day").fill(str(due.day))
    action_form.get_by_label("Month").fill(str(due.month))
    action_form.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Set the action").click()
    assert page.get_by_text("Action set: it is in its owner's tray.").is_visible()
    page.get_by_role("button", name="Mark as held").click()
    # Health and education did not come: the panel is below its minimum, and says so.
    assert page.get_by_text("Below the minimum attendance").is_visible()
    page.get_by_role("button", name="Make the minutes final").click()
    assert page.get_by_text("Minutes final").first.is_visible()
    assert_accessible(page)
    shot(page, "mace-minutes")
    with page.expect_download() as download:
        page.get_by_role("link", name="Minutes (PDF)").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    with page.expect_download() as pack:
        page.get_by_role("link", name="Agenda pack (PDF)").click()
    assert pack.value.path().read_bytes().startswith(b"%PDF")
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.FINAL and meeting.items.count() == 3
    sign_out(page)

    # The action is in its owner's tray.
    sign_in(page, base, "bham.hp")
    assert page.get_by_role("heading", name="Your actions").is_visible()
    assert page.get_by_text("Check the car's registration with the police").is_visible()
    assert_accessible(page)
    shot(page, "home-with-actions")
    assert Person.objects.count() >= 3


@pytest.mark.django_db(transaction=True)
def test_a_strategy_discussion_below_its_minimum_attendance_is_flagged(live_server, world, page):
    from hub.meetings.services import attendance_add, meeting_schedule

    meeting = meeting_schedule(
        actor=world.bham_hub_manager,
        type_code="strategy_discussion",
        title="Strategy discussion: Aaliyah Begum",
        starts_at=timezone.now(),
        chair_id=world.bham_hub_manager.pk,
    )
    attendance_add(
        actor=world.bham_hub_manager,
        meeting_id=meeting.pk,
        agency_id=world.bham_hub.agency_id,
        name="Priya Sharma",
        status="attended",
    )
    sign_in(page, live_server.url, "bham.hm")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Mark as held").click()
    flag = page.get_by_role("alert").filter(has_text="Below the minimum attendance")
    assert flag.is_visible()
    assert "No one has attended for: Police force, Health." in flag.inner_text()
    assert_accessible(page)
    shot(page, "strategy-discussion-below-minimum")
