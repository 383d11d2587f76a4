"""One chronology per person: every event the viewer may see, and no more."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from hub.platform.chronology import EventInput, chronology_record, events_for
from hub.platform.models import AccessLogEntry
from hub.platform.timescales import LOCAL
from tests.authz import ScopedAuthorizationContract


def record(world, kind, title, *, visibility="partnership", day=1, agency=None, area=None):
    return chronology_record(
        actor=world.bham_hub_practitioner,
        event=EventInput(
            subject_type="person",
            subject_id=world.bham_person.pk,
            kind=kind,
            occurred_at=datetime(2026, 11, day, 10, 0, tzinfo=LOCAL),
            title=title,
            visibility=visibility,
            agency_id=agency.pk if agency else None,
            area_id=area.pk if area else None,
        ),
    )


@pytest.fixture
def events(world):
    school = world.bham_school_team.agency
    hub_agency = world.bham_hub.agency
    record(world, "referral_received", "Referral from school", day=1, agency=school)
    record(
        world,
        "triage_note",
        "Hub checked police records",
        visibility="hub",
        day=2,
        agency=hub_agency,
        area=world.birmingham,
    )
    record(world, "school_note", "Attendance dropped", visibility="agency", day=3, agency=school)
    record(world, "triage_decision", "Strategy discussion", day=4, agency=hub_agency)


class TestChronologyAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:chronology", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.admin

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


def titles(world, actor, **filters):
    return [
        e.title
        for e in events_for(
            actor=actor, subject_type="person", subject_ids=[world.bham_person.pk], **filters
        )
    ]


def test_the_hub_sees_its_notes_but_not_another_agencys_own(world, events):
    assert titles(world, world.bham_hub_practitioner) == [
        "Referral from school",
        "Hub checked police records",
        "Strategy discussion",
    ]


def test_a_school_sees_the_outcome_and_its_own_notes_not_the_hubs(world, events):
    assert titles(world, world.bham_school_practitioner) == [
        "Referral from school",
        "Attendance dropped",
        "Strategy discussion",
    ]


def test_another_areas_hub_does_not_see_this_hubs_notes(world, events):
    assert "Hub checked police records" not in titles(world, world.cov_hub_manager)


def test_filters_by_kind_and_agency(world, events):
    actor = world.bham_hub_practitioner
    assert titles(world, actor, kinds=["triage_decision"]) == ["Strategy discussion"]
    school = world.bham_school_team.agency
    assert titles(world, actor, agency_id=school.pk) == ["Referral from school"]


def test_the_page_shows_the_timeline_and_audits_the_read(world, events, client):
    client.force_login(world.bham_hub_practitioner)
    url = reverse("people:chronology", args=[world.bham_person.pk])
    page = client.get(url).content.decode()
    assert page.index("Referral from school") < page.index("Strategy discussion")
    assert "Attendance dropped" not in page
    assert AccessLogEntry.objects.filter(
        action="view", object_id=world.bham_person.pk, purpose="view chronology"
    ).exists()
    filtered = client.get(url, {"kind": "triage_decision"}).content.decode()
    assert "Strategy discussion" in filtered and "Referral from school" not in filtered


@pytest.mark.parametrize("query", [{"agency": "abc"}, {"agency": "-4"}, {"kind": "x" * 500}])
def test_odd_filters_are_ignored_not_errors(world, events, client, query):
    client.force_login(world.bham_hub_practitioner)
    response = client.get(reverse("people:chronology", args=[world.bham_person.pk]), query)
    assert response.status_code == 200


def test_a_hub_event_must_name_its_area(world):
    with pytest.raises(IntegrityError):
        record(world, "triage_note", "No area", visibility="hub")


class TestChronologyPdfAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:chronology-pdf", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


def test_the_chronology_prints_to_pdf_and_the_print_is_logged(world, events, client):
    client.force_login(world.bham_hub_practitioner)
    response = client.get(
        reverse("people:chronology-pdf", args=[world.bham_person.pk]), {"kind": "triage_note"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f"chronology-{world.bham_person.reference}.pdf" in response["Content-Disposition"]
    printed = AccessLogEntry.objects.get(action="print", object_id=world.bham_person.pk)
    assert printed.purpose == "print chronology"
    assert printed.actor == world.bham_hub_practitioner
