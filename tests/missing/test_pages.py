"""The missing pages: a person's episodes and placements, one episode (found, interview),
the profile, the grab sheet, who is missing now. Bad input keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.missing.models import MissingEpisode
from hub.missing.services.placements import ProfileInput, philomena_save
from hub.platform.models import AccessLogEntry
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

from .conftest import report

pytestmark = pytest.mark.django_db


class TestPersonPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("missing:person", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestEpisodePageAccess(ScopedAuthorizationContract):
    def url(self, world):
        episode = report(world.bham_hub_practitioner, world.bham_person)
        return reverse("missing:detail", args=[episode.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestListAccess(AuthorizationContract):
    def url(self, world):
        return reverse("missing:list")

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo


def test_report_missing_from_the_person_page_then_found(world, client):
    client.force_login(world.bham_hub_practitioner)
    record = client.get(reverse("people:detail", args=[world.bham_person.pk])).content.decode()
    assert reverse("missing:person", args=[world.bham_person.pk]) in record
    posted = client.post(
        reverse("missing:report", args=[world.bham_person.pk]),
        {
            "missing_from": "home", "reported_at_day": "1", "reported_at_month": "12",
            "reported_at_year": "2026", "reported_at_time": "2:15am", "risk_grade": "medium",
            "police_reference": "WMP-991", "clothing": "Grey hoodie",
        },
    )  # fmt: skip
    episode = MissingEpisode.objects.get()
    assert posted.status_code == 302 and posted["Location"] == reverse(
        "missing:detail", args=[episode.pk]
    )
    assert f"{timezone.localtime(episode.reported_at):%d/%m %H:%M}" == "01/12 02:15"
    page = client.get(posted["Location"]).content.decode()
    assert "Medium risk" in page and "Grey hoodie" in page and "Record as found" in page
    found = client.post(
        reverse("missing:found", args=[episode.pk]),
        {
            "found_at_day": "1", "found_at_month": "12", "found_at_year": "2026",
            "found_at_time": "01:00", "found_postcode": "B5 4BU",
        },
    )  # fmt: skip
    assert found.status_code == 200  # found before reported: refused, what was typed kept
    text = found.content.decode()
    assert "The time found must be after the time they were reported missing" in text
    assert 'value="B5 4BU"' in text and 'value="01:00"' in text


def test_a_bad_time_is_named(world, client):
    client.force_login(world.bham_hub_practitioner)
    posted = client.post(
        reverse("missing:report", args=[world.bham_person.pk]),
        {
            "missing_from": "home", "reported_at_day": "1", "reported_at_month": "12",
            "reported_at_year": "2026", "reported_at_time": "25:99", "risk_grade": "low",
        },
    )  # fmt: skip
    assert posted.status_code == 200
    assert "Time reported missing: enter the time like 14:30 or 2:30pm" in posted.content.decode()
    assert not MissingEpisode.objects.exists()


def test_the_grab_sheet_is_a_pdf_and_its_printing_is_logged(placed, client):
    philomena_save(
        actor=placed.walsall_social_worker, person_id=placed.child.pk,
        profile=ProfileInput(description="Slim, short dark hair", phones="07700 900123"),
        based_on=None,
    )  # fmt: skip
    report(placed.walsall_social_worker, placed.child, clothing="Red coat")
    client.force_login(placed.walsall_social_worker)
    response = client.get(reverse("missing:grab-sheet", args=[placed.child.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        action="print", object_type="person", object_id=placed.child.pk
    ).exists()


def test_the_missing_now_list_and_the_work_tray(placed, client):
    report(placed.walsall_social_worker, placed.child)
    client.force_login(placed.walsall_hub_practitioner)
    listed = client.get(reverse("missing:list")).content.decode()
    assert "Jayden Price" in listed and "High risk" in listed
    home = client.get(reverse("home")).content.decode()
    assert "Missing now" in home and "Jayden Price" in home
