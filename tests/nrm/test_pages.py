"""The NRM pages: a person's referrals and the form to refer, one referral with its
decisions and defence notes, the list, and the Duty to Notify record. Bad input keeps what
was typed; the record of an adult who did not consent shows nothing that identifies them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hub.nrm.models import DutyToNotify, NrmDecision, NrmReferral
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

from .conftest import refer

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month),
            f"{name}_year": str(day.year)}  # fmt: skip


class TestPersonPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("nrm:person", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestReferralPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        referral = refer(world.bham_hub_practitioner, world.bham_person).referral
        return reverse("nrm:detail", args=[referral.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestListAccess(AuthorizationContract):
    def url(self, world):
        return reverse("nrm:list")

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo


def test_refer_a_child_from_the_person_page_then_record_the_decision(world, child, client):
    client.force_login(world.bham_hub_practitioner)
    record = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert reverse("nrm:person", args=[child.pk]) in record
    page = client.get(reverse("nrm:person", args=[child.pk])).content.decode()
    assert "A child: no consent is needed" in page
    posted = client.post(
        reverse("nrm:refer", args=[child.pk]),
        {**_date("submitted_on", TODAY), "exploitation_types": ["criminal", "labour"],
         "county_lines": "on", "competent_authority": "sca", "summary": "Runs for a line",
         "support_status": "local_authority"},
    )  # fmt: skip
    referral = NrmReferral.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == reverse("nrm:detail", args=[referral.pk])
    detail = client.get(posted["Location"]).content.decode()
    assert "Awaiting the reasonable grounds decision" in detail and "County lines" in detail
    decided = client.post(
        reverse("nrm:decision", args=[referral.pk]),
        {"kind": "reasonable_grounds", "outcome": "positive", **_date("decided_on", TODAY)},
    )
    assert decided.status_code == 302
    assert NrmDecision.objects.get().outcome == "positive"
    recovery = TODAY + dt.timedelta(days=30)
    assert f"at least to {recovery:%-d %B %Y}" in client.get(decided["Location"]).content.decode()


def test_a_decision_dated_before_the_referral_is_refused_and_what_was_typed_is_kept(
    world, child, client
):
    referral = refer(world.bham_hub_practitioner, child).referral
    client.force_login(world.bham_hub_practitioner)
    posted = client.post(
        reverse("nrm:decision", args=[referral.pk]),
        {"kind": "reasonable_grounds", "outcome": "negative", "notes": "Insufficient detail",
         **_date("decided_on", TODAY - dt.timedelta(days=3))},
    )  # fmt: skip
    assert posted.status_code == 200
    text = posted.content.decode()
    assert "The decision cannot be dated before the referral was submitted" in text
    assert "Insufficient detail" in text and not NrmDecision.objects.exists()


def test_an_adult_without_a_consent_answer_is_told_and_nothing_is_lost(world, adult, client):
    client.force_login(world.bham_hub_practitioner)
    posted = client.post(
        reverse("nrm:refer", args=[adult.pk]),
        {**_date("submitted_on", TODAY), "exploitation_types": ["labour"],
         "competent_authority": "sca", "summary": "Car wash, no pay", "support_status": "awaiting"},
    )  # fmt: skip
    assert posted.status_code == 200
    text = posted.content.decode()
    assert "Say whether the adult gave informed consent to the referral" in text
    assert "Car wash, no pay" in text
    assert not NrmReferral.objects.exists() and not DutyToNotify.objects.exists()


def test_an_adult_who_does_not_consent_gets_an_anonymous_duty_to_notify_page(world, adult, client):
    client.force_login(world.bham_hub_practitioner)
    posted = client.post(
        reverse("nrm:refer", args=[adult.pk]),
        {**_date("submitted_on", TODAY), "consent": "no", "exploitation_types": ["labour"],
         "summary": "Car wash, no pay", "support_status": "declined"},
    )  # fmt: skip
    notification = DutyToNotify.objects.get()
    assert posted["Location"] == reverse("nrm:notification", args=[notification.pk])
    page = client.get(posted["Location"]).content.decode()
    assert "Labour exploitation" in page and "25-34" in page
    for identifying in ("Marius", "Popescu", "17 August 1994", adult.reference, "Car wash"):
        assert identifying not in page
    listed = client.get(reverse("nrm:list")).content.decode()
    assert notification.reference in listed and "Marius" not in listed


def test_a_defence_note_on_a_schedule_4_offence_is_flagged(world, child, client):
    referral = refer(world.bham_hub_practitioner, child).referral
    client.force_login(world.bham_hub_practitioner)
    posted = client.post(
        reverse("nrm:defence", args=[referral.pk]),
        {"offence": "robbery", "notes": "Made to take a phone", "crime_reference": "CR/77"},
    )
    assert posted.status_code == 302
    page = client.get(posted["Location"]).content.decode()
    assert "Schedule 4: no defence" in page and "CR/77" in page and "Robbery" in page
