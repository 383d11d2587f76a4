"""The pages that make and change person records."""

from __future__ import annotations

from django.urls import reverse

from hub.people.models import Person, PersonAlias
from hub.people.services.records import ERROR_DOB_FUTURE
from hub.platform.models import AccessLogEntry
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

TOKEN = "a-form-token-0123456789"


def person_form(**overrides):
    data = {
        "given_name": "Kaiden",
        "family_name": "Smyth",
        "date_of_birth_day": "3",
        "date_of_birth_month": "4",
        "date_of_birth_year": "2010",
        "gender": "male",
        "ethnicity": "NOT_KNOWN",
        "immigration_status": "not_known",
        "sen_status": "not_known",
        "care_status": "not_known",
        "education_status": "not_known",
        "token": TOKEN,
    }
    data.update(overrides)
    return data


class TestCreatePageAccess(AuthorizationContract):
    def url(self, world):
        return reverse("people:create")

    def allowed(self, world):
        return world.bham_school_practitioner

    def forbidden(self, world):
        return world.dpo


class TestEditPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:edit", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestAddNamePageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:alias-add", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestMergePageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("people:merge", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.bham_school_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_manager


def test_possible_duplicates_come_before_a_new_record(world, client):
    client.force_login(world.bham_hub_practitioner)
    url = reverse("people:create")
    known = Person.objects.get(pk=world.bham_person.pk)
    first = client.post(url, person_form(given_name="Aaliya", family_name="Begum"))
    page = first.content.decode()
    assert first.status_code == 200 and "Check before you make a new record" in page
    assert known.reference in page
    assert 'value="Aaliya"' in page  # what was typed is still there
    assert not Person.objects.filter(given_name="Aaliya").exists()
    confirmed = client.post(
        url, person_form(given_name="Aaliya", family_name="Begum", checked_duplicates="on")
    )
    made = Person.objects.get(given_name="Aaliya")
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/people/{made.pk}/"


def test_no_duplicates_saves_straight_away_and_a_resend_makes_no_second(world, client):
    client.force_login(world.bham_school_practitioner)
    url = reverse("people:create")
    first = client.post(url, person_form(given_name="Zainab", family_name="Qureshi"))
    again = client.post(url, person_form(given_name="Zainab", family_name="Qureshi"))
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Person.objects.filter(family_name="Qureshi").count() == 1


def test_bad_input_keeps_what_was_typed(world, client):
    client.force_login(world.bham_hub_practitioner)
    response = client.post(
        reverse("people:create"),
        person_form(given_name="Zainab", other_names="Zee", date_of_birth_year="2999"),
    )
    page = response.content.decode()
    assert ERROR_DOB_FUTURE in page
    assert 'value="Zainab"' in page and "Zee</textarea>" in page and 'value="2999"' in page
    response = client.post(reverse("people:create"), person_form(date_of_birth_month="13"))
    assert "Date of birth must be a real date" in response.content.decode()
    response = client.post(reverse("people:create"), person_form(date_of_birth_month=""))
    assert "Date of birth must include a month" in response.content.decode()


def test_the_record_page_shows_what_it_holds_and_offers_changes_to_those_who_may(world, client):
    client.force_login(world.bham_hub_practitioner)
    client.post(
        reverse("people:alias-add", args=[world.bham_person.pk]),
        {"kind": "street_name", "name": "Lil A"},
    )
    assert PersonAlias.objects.filter(person=world.bham_person, name="Lil A").exists()
    page = client.get(reverse("people:detail", args=[world.bham_person.pk])).content.decode()
    assert "Lil A" in page and "Change details" in page and "Merge a duplicate" in page
    assert AccessLogEntry.objects.filter(action="update", object_id=world.bham_person.pk).exists()


def test_merge_page_compares_then_merges(world, client):
    duplicate = Person.objects.create(
        given_name="Aaliya", family_name="Begum", home_area=world.birmingham
    )
    client.force_login(world.bham_hub_manager)
    url = reverse("people:merge", args=[world.bham_person.pk])
    data = {"duplicate_reference": duplicate.reference, "reason": "Same child, name misspelt"}
    compared = client.post(url, data)
    assert "Record kept" in compared.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    done = client.post(url, {**data, "confirmed": "on"})
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == world.bham_person.pk
    page = client.get(reverse("people:detail", args=[duplicate.pk])).content.decode()
    assert "This record was merged into" in page
    missing = client.post(url, {**data, "duplicate_reference": "P9999999"})
    assert "There is no record with that reference that you can merge" in missing.content.decode()
