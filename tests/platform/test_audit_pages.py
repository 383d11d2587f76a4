"""Who has viewed a record, and the break-glass review queue."""

from __future__ import annotations

from django.urls import reverse

from hub.people.selectors import access_person
from hub.platform.models import BreakGlassAccess
from hub.platform.services import break_glass_open
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

REASON = "Child in custody overnight; need to know the allocated social worker now."


class TestRecordAccessPage(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("audit:record-access", args=["person", world.bham_person.pk])

    def allowed(self, world):
        return world.dpo

    def forbidden(self, world):
        return world.bham_hub_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestBreakGlassQueueAccess(AuthorizationContract):
    def url(self, world):
        return reverse("audit:break-glass-queue")

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.bham_hub_practitioner


def test_who_has_viewed_shows_normal_and_break_glass_reads(world, client):
    access_person(actor=world.bham_hub_practitioner, id=world.bham_person.pk, purpose="triage")
    break_glass_open(
        actor=world.cov_hub_practitioner,
        object_type="person",
        object_id=world.bham_person.pk,
        reason=REASON,
    )
    access_person(actor=world.cov_hub_practitioner, id=world.bham_person.pk, purpose="emergency")
    for viewer in (world.dpo, world.bham_hub_manager):
        client.force_login(viewer)
        page = client.get(
            reverse("audit:record-access", args=["person", world.bham_person.pk])
        ).content.decode()
        assert world.bham_hub_practitioner.get_full_name() in page  # "Priya Sharma"
        assert page.count("Break-glass") >= 1
        assert REASON in page
        # The trail names people and times, never the record's content.
        assert "Aaliyah" not in page


def test_dpo_finds_a_trail_by_reference(world, client):
    client.force_login(world.dpo)
    response = client.get(reverse("audit:record-access-search"), {"reference": "P0000999x"})
    assert "Enter a record reference, like P0000123" in response.content.decode()
    response = client.get(
        reverse("audit:record-access-search"), {"reference": world.bham_person.reference}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "audit:record-access", args=["person", world.bham_person.pk]
    )


def test_unknown_record_types_are_not_found(world, client):
    client.force_login(world.dpo)
    assert client.get("/audit/records/spaceship/1/").status_code == 404


def test_manager_reviews_break_glass(world, client):
    access = break_glass_open(
        actor=world.bham_hub_practitioner,
        object_type="person",
        object_id=world.cov_person.pk,
        reason=REASON,
    )
    client.force_login(world.cov_hub_manager)
    assert REASON[:40] in client.get(reverse("audit:break-glass-queue")).content.decode()
    home = client.get("/").content.decode()
    assert "Break-glass access to review" in home
    url = reverse("audit:break-glass-review", args=[access.pk])
    assert "Select whether the access was justified" in client.post(url, {}).content.decode()
    response = client.post(url, {"outcome": "justified", "note": "Police request at 02:10"})
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.reviewed_by == world.cov_hub_manager and access.outcome == "justified"
    assert BreakGlassAccess.objects.awaiting_review().count() == 0
    # The actor cannot review their own access.
    client.force_login(world.bham_hub_practitioner)
    assert client.get(url).status_code == 403
