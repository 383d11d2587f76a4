"""The case page reads a case in a fixed number of queries: a case with many chronology events,
actions, voices, risks, plan versions and team members takes no more than a case with one of
each (the benchmark in benchmarks/cases.py measures the same at 500 events and 100 actions)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hub.cases.models import Action, VoiceRecord
from hub.cases.services import (
    PlanInput,
    action_add,
    action_complete,
    case_member_add,
    case_open,
    case_risk_update,
    plan_save,
    voice_record,
)
from hub.platform.chronology import EventInput, chronology_record
from hub.platform.models import ChronologyEvent
from tests.factories import person_known_to

pytestmark = pytest.mark.django_db


def a_case(world, *, given_name: str, size: int):
    """A case about a new Birmingham child with `size` of everything the page lists."""
    actor = world.bham_hub_practitioner
    person = person_known_to(world.bham_hub, given_name=given_name, family_name="Walker")
    case = case_open(actor=actor, person_ids=[person.pk], reason="Query count test")
    for user in (world.bham_hub_manager, world.bham_school_practitioner)[: max(1, size // 10)]:
        case_member_add(actor=actor, case_id=case.pk, user_id=user.pk)
    for version in range(min(size, 3)):
        plan_save(
            actor=actor,
            case_id=case.pk,
            based_on_version=version,
            data=PlanInput(goals=(("", f"Goal {version}"),), contingency="Call the hub."),
        )
    for number in range(size):
        case_risk_update(
            actor=actor, case_id=case.pk, level="significant", reason=f"Review {number}"
        )
        voice_record(
            actor=actor,
            person_id=person.pk,
            case_id=case.pk,
            context=VoiceRecord.Context.SCHOOL,
            words=f"What I said, time {number}",
            said_on=timezone.localdate() - dt.timedelta(days=number),
        )
    owners = (actor, world.bham_hub_manager, world.bham_school_practitioner)
    for number in range(size * 3):
        action = action_add(
            actor=actor,
            case_id=case.pk,
            text=f"Action {number}",
            owner_id=owners[number % len(owners)].pk,
            due_on=timezone.localdate() + dt.timedelta(days=number),
        )
        if number % 2:
            action_complete(actor=actor, action_id=action.pk, note="Done")
    for number in range(size * 4):
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=person.pk,
                kind="agency_note",
                occurred_at=timezone.now() - dt.timedelta(hours=number),
                title=f"Note {number}",
                visibility=ChronologyEvent.Visibility.RECORDING_AGENCY,
                agency_id=world.bham_hub.agency_id
                if number % 2
                else world.police_bham_team.agency_id,
            ),
        )
    return case


def page_queries(client, case) -> tuple[int, str]:
    url = reverse("cases:detail", args=[case.pk])
    client.get(url)  # the first request may fill caches (definitions, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_case_page_takes_the_same_queries_however_much_the_case_holds(world, client):
    small = a_case(world, given_name="Amara", size=1)
    big = a_case(world, given_name="Bilal", size=20)
    assert big.actions.count() == 60 and big.voices.count() == 20
    client.force_login(world.bham_hub_practitioner)

    small_count, _ = page_queries(client, small)
    big_count, page = page_queries(client, big)

    assert big_count == small_count
    # Every open action (the even ones), and of the 30 closed (the odd ones, each closed just
    # after it was added) the latest 10 only; the count of events it may read.
    shown = [number for number in range(60) if f"Action {number}<" in page]
    assert shown == sorted([*range(0, 60, 2), *range(41, 60, 2)])
    assert page.count("Mark done") == big.actions.filter(status=Action.Status.OPEN).count() == 30
    assert "30 open, 30 done or cancelled (the latest 10 shown here)" in page
    assert reverse("cases:case-actions", args=[big.pk]) in page
    readable = ChronologyEvent.objects.filter(subject_id=big.subjects.get().person_id).exclude(
        agency_id=world.police_bham_team.agency_id,
        visibility=ChronologyEvent.Visibility.RECORDING_AGENCY,
    )
    assert f"of {readable.count()} events" in page


def test_the_case_page_costs_no_more_for_a_long_closed_history(world, client):
    """The page's rows stay the same once closed actions pass the ten it shows."""
    big = a_case(world, given_name="Bilal", size=20)
    client.force_login(world.bham_hub_practitioner)
    _, before = page_queries(client, big)
    for action in big.actions.filter(status=Action.Status.OPEN)[:10]:
        action_complete(actor=world.bham_hub_practitioner, action_id=action.pk, note="Done")

    _, after = page_queries(client, big)

    assert before.count('<tr class="govuk-table__row">') == 1 + 40
    assert after.count('<tr class="govuk-table__row">') == 1 + 30  # 20 open, 10 closed
    assert "20 open, 40 done or cancelled (the latest 10 shown here)" in after


def test_the_case_action_list_shows_every_action_in_the_same_queries(world, client):
    small = a_case(world, given_name="Amara", size=1)
    big = a_case(world, given_name="Bilal", size=20)
    client.force_login(world.bham_hub_practitioner)
    counts = {}
    for name, case in (("small", small), ("big", big)):
        url = reverse("cases:case-actions", args=[case.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[name] = len(queries)
    page = response.content.decode()

    assert counts["big"] == counts["small"]
    # Open first by due date (the even ones, due a day apart), then closed, latest first.
    positions = [
        page.index(f"Action {number}<") for number in (*range(0, 60, 2), *range(59, 0, -2))
    ]
    assert positions == sorted(positions)
    assert page.count("Mark done") == 30
