"""Person pages: the authorization contract, search, not-found and break-glass."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.platform.models import AccessLogEntry, BreakGlassAccess
from hub.platform.services import ERROR_REASON_TOO_SHORT
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

REASON = "Found at a known county lines address by police tonight; need the care plan contacts."


class TestPersonDetailAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:detail", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.admin

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestPersonSearchAccess(AuthorizationContract):
    def url(self, world):
        return reverse("people:search") + "?q=Begum"

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo


class TestBreakGlassPageAccess(AuthorizationContract):
    def url(self, world):
        return reverse("people:break-glass", args=[world.cov_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.admin


def test_person_page_shows_the_record(world, client):
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("people:detail", args=[world.bham_person.pk])).content.decode()
    assert "Aaliyah Begum" in page and world.bham_person.reference in page


def test_person_page_query_count_is_bounded(world, client):
    client.force_login(world.bham_hub_practitioner)
    url = reverse("people:detail", args=[world.bham_person.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 20


def page_text(response, pk: int) -> str:
    """The page without what differs on every response anyway: the CSRF token, the id asked."""
    html = response.content.decode().replace(f"P{pk:07d}", "REF").replace(f"/{pk}/", "/ID/")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_not_found_reads_the_same_for_missing_and_out_of_scope(world, client):
    client.force_login(world.bham_hub_practitioner)
    hidden = client.get(reverse("people:detail", args=[world.cov_person.pk]))
    missing_id = world.cov_person.pk + 1000
    missing = client.get(reverse("people:detail", args=[missing_id]))
    assert hidden.status_code == missing.status_code == 404
    assert page_text(hidden, world.cov_person.pk) == page_text(missing, missing_id)
    assert "Kaiden" not in hidden.content.decode()


def test_absurd_ids_are_not_found(world, client):
    client.force_login(world.bham_hub_practitioner)
    for path in ["/people/99999999999999999999999999/", "/people/abc/", "/people/-1/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "Traceback" not in response.content.decode()


def test_search_finds_only_people_in_scope(world, client):
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("people:search"), {"q": "S"}).content.decode()
    assert "Kaiden" not in page  # Coventry's Kaiden Smyth
    page = client.get(reverse("people:search"), {"q": "Begum"}).content.decode()
    assert "Aaliyah Begum" in page
    assert AccessLogEntry.objects.filter(action="search").count() == 2


def test_break_glass_journey(world, client):
    client.force_login(world.bham_hub_practitioner)
    url = reverse("people:break-glass", args=[world.cov_person.pk])
    short = client.post(url, {"reason": "urgent"})
    assert ERROR_REASON_TOO_SHORT in short.content.decode()
    assert "urgent" in short.content.decode()  # what was typed is kept
    done = client.post(url, {"reason": REASON})
    assert done.status_code == 302
    page = client.get(done["Location"])
    assert page.status_code == 200 and "Kaiden Smyth" in page.content.decode()
    assert BreakGlassAccess.objects.get().reason == REASON


def test_break_glass_offer_only_for_roles_that_have_it(world, client):
    client.force_login(world.cov_hub_practitioner)
    page = client.get(reverse("people:detail", args=[world.bham_person.pk])).content.decode()
    assert "Request break-glass access" in page
    client.force_login(world.bham_school_practitioner)
    page = client.get(reverse("people:detail", args=[world.cov_person.pk])).content.decode()
    assert "Request break-glass access" in page  # practitioners may, in an emergency


def test_recently_viewed_list_is_scoped_and_logged(world, client):
    client.force_login(world.bham_hub_practitioner)
    client.get(reverse("people:detail", args=[world.bham_person.pk]))
    home = client.get("/").content.decode()
    assert "Aaliyah Begum" in home
    listed = AccessLogEntry.objects.filter(action="list", purpose="my work: recently viewed").get()
    assert listed.detail == {"results": 1} and listed.actor == world.bham_hub_practitioner
