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
    # The big page did show what it holds: every action, and the count of events it may read.
    assert all(f"Action {number}<" in page for number in range(60))
    assert page.count("Mark done") == big.actions.filter(status=Action.Status.OPEN).count()
    readable = ChronologyEvent.objects.filter(subject_id=big.subjects.get().person_id).exclude(
        agency_id=world.police_bham_team.agency_id,
        visibility=ChronologyEvent.Visibility.RECORDING_AGENCY,
    )
    assert f"of {readable.count()} events" in page
