"""The front door's pages: the referral form keeps everything typed, the referrer sees the
outcome only, and the hub works through its queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.platform.models import AccessLogEntry
from hub.referrals.models import Referral, TriageDecision
from hub.referrals.services import triage_decide, triage_note_add
from hub.referrals.services.drafts import ERROR_FILE_TYPE, ERROR_WHAT_HAPPENED
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

from .test_drafts import PDF

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    today = dt.date.today()
    data = {
        "subject-TOTAL_FORMS": "1",
        "subject-INITIAL_FORMS": "0",
        "subject-MIN_NUM_FORMS": "1",
        "subject-MAX_NUM_FORMS": "12",
        "subject-0-given_name": "Kaiden",
        "subject-0-family_name": "Smyth",
        "subject-0-other_names": "K Dog",
        "subject-0-date_of_birth_day": "3",
        "subject-0-date_of_birth_month": "4",
        "subject-0-date_of_birth_year": "2010",
        "exploitation_types": ["CCE", "COUNTY_LINES"],
        "what_happened": "In a car with an older man at 1am, two phones and cash.",
        "happened_on_day": str(today.day),
        "happened_on_month": str(today.month),
        "happened_on_year": str(today.year),
        "place": "Bristol Road car park",
        "persons_words": "He looks after me",
        "person_knows": "yes",
        "family_knows": "not_told",
        "consent": "given",
        "capacity": "not_applicable",
        "lawful_basis": "public_task_safeguarding",
        "action": "continue",
    }
    data.update(overrides)
    return data


def started(client, world, danger="no"):
    client.force_login(world.bham_school_practitioner)
    response = client.post(
        reverse("referrals:start"), {"immediate_danger": danger, "token": "t" * 24}
    )
    return Referral.objects.filter(status=Referral.Status.DRAFT).get(), response


class TestStartAccess(AuthorizationContract):
    def url(self, world):
        return reverse("referrals:start")

    def allowed(self, world):
        return world.bham_school_practitioner

    def forbidden(self, world):
        return world.dpo


class TestQueueAccess(AuthorizationContract):
    def url(self, world):
        return reverse("triage:queue")

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.bham_school_practitioner


class TestTriagePageAccess(ScopedAuthorizationContract):
    def url(self, world):
        from .conftest import send

        return reverse(
            "triage:detail", args=[send(world.bham_school_practitioner, world.birmingham).pk]
        )

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.bham_school_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestReferrerPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        from .conftest import send

        return reverse(
            "referrals:detail", args=[send(world.bham_school_practitioner, world.birmingham).pk]
        )

    def allowed(self, world):
        return world.bham_school_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


def test_yes_to_immediate_danger_shows_what_to_do_first(world, client):
    referral, response = started(client, world, danger="yes")
    assert response["Location"] == reverse("referrals:danger", args=[referral.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Call 999 now" in page and "Birmingham Children&#x27;s Trust emergency duty team" in page
    assert referral.danger_advice_shown_at is not None
    missing = client.post(reverse("referrals:start"), {"token": "u" * 24})
    assert "Select yes if anyone is in immediate danger now" in missing.content.decode()


def test_the_form_keeps_everything_typed_through_errors_and_bad_files(world, client):
    referral, _ = started(client, world)
    url = reverse("referrals:edit", args=[referral.pk])
    data = form_data(what_happened="", attachments=SimpleUploadedFile("run.exe", b"MZ\x90"))
    page = client.post(url, data).content.decode()
    assert f"run.exe: {ERROR_FILE_TYPE}" in page
    assert 'value="Kaiden"' in page and 'value="K Dog"' in page  # kept
    page = client.post(url, form_data(what_happened="")).content.decode()
    assert ERROR_WHAT_HAPPENED in page and 'value="Bristol Road car park"' in page
    # Coming back later shows the draft as it was left, without judging it yet.
    again = client.get(url).content.decode()
    assert 'value="Kaiden"' in again and ERROR_WHAT_HAPPENED not in again


def test_add_and_remove_a_person_without_losing_anything(world, client):
    referral, _ = started(client, world)
    url = reverse("referrals:edit", args=[referral.pk])
    page = client.post(url, form_data(action="add_subject")).content.decode()
    assert "Person 2" in page and 'value="Kaiden"' in page
    data = form_data(
        **{"subject-TOTAL_FORMS": "2", "subject-1-given_name": "Leah", "action": "remove_subject-0"}
    )
    page = client.post(url, data).content.decode()
    assert "Person 2" not in page and 'value="Leah"' in page and 'value="Kaiden"' not in page


def test_autosave_keeps_a_half_written_draft(world, client):
    referral, _ = started(client, world)
    response = client.post(
        reverse("referrals:autosave", args=[referral.pk]), {"what_happened": "Half a thou"}
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    referral.refresh_from_db()
    assert referral.draft_data["what_happened"] == ["Half a thou"]
    client.force_login(world.bham_hub_practitioner)  # not theirs: not found, nothing saved
    other = client.post(reverse("referrals:autosave", args=[referral.pk]), {"what_happened": "x"})
    assert other.status_code == 404


def test_check_then_send_twice_sends_one_referral_with_its_file(world, client):
    referral, _ = started(client, world)
    edit = reverse("referrals:edit", args=[referral.pk])
    data = form_data(area=world.birmingham.pk, attachments=SimpleUploadedFile("statement.pdf", PDF))
    response = client.post(edit, data)
    assert response["Location"] == reverse("referrals:check", args=[referral.pk])
    check = client.get(response["Location"]).content.decode()
    assert "Check your referral" in check and "statement.pdf" in check
    first = client.post(reverse("referrals:check", args=[referral.pk]))
    second = client.post(reverse("referrals:check", args=[referral.pk]))
    assert (
        first["Location"] == second["Location"] == reverse("referrals:detail", args=[referral.pk])
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITH_HUB and referral.subjects.count() == 1
    assert Referral.objects.count() == 1
    download = client.get(
        reverse("referrals:attachment", args=[referral.pk, referral.attachments.get().pk])
    )
    assert b"".join(download.streaming_content) == PDF
    assert AccessLogEntry.objects.filter(action="export", object_id=referral.pk).exists()


def test_the_referrer_page_shows_the_outcome_and_not_the_hubs_notes(world, client, sent):
    hub = world.bham_hub_practitioner
    kaiden = sent.subjects.order_by("position").first()
    triage_note_add(actor=hub, referral_id=sent.pk, text="Dad is a known associate of the driver")
    triage_decide(
        actor=hub,
        referral_id=sent.pk,
        subject_id=kaiden.pk,
        code="strategy_discussion",
        reason="Older male and drugs: significant harm",
    )
    client.force_login(world.bham_school_practitioner)
    page = client.get(reverse("referrals:detail", args=[sent.pk])).content.decode()
    assert "Strategy discussion" in page
    assert "known associate" not in page and "significant harm" not in page


def test_the_hub_decides_from_its_queue_and_a_late_second_decider_is_told(world, client, sent):
    client.force_login(world.bham_hub_practitioner)
    queue = client.get(reverse("triage:queue")).content.decode()
    assert sent.reference in queue and "Kaiden Smyth" in queue
    kaiden = sent.subjects.order_by("position").first()
    url = reverse("triage:decide", args=[sent.pk, kaiden.pk])
    field = f"decide-{kaiden.pk}-"
    empty = client.post(url, {field + "code": "strategy_discussion"})
    assert "Give the reason for the decision" in empty.content.decode()
    done = client.post(url, {field + "code": "strategy_discussion", field + "reason": "Harm"})
    assert done.status_code == 302
    client.force_login(world.bham_hub_manager)
    late = client.post(url, {field + "code": "early_help", field + "reason": "Low"}, follow=True)
    assert "Priya Sharma has already decided" in late.content.decode()
    assert TriageDecision.objects.filter(subject=kaiden).count() == 1


def test_my_work_shows_sign_offs_referrals_taken_and_drafts(world, client, sent):
    from hub.referrals.services import triage_assign

    hub = world.bham_hub_practitioner
    triage_assign(actor=hub, referral_id=sent.pk)
    kaiden = sent.subjects.order_by("position").first()
    triage_decide(
        actor=hub,
        referral_id=sent.pk,
        subject_id=kaiden.pk,
        code="mace_listing",
        reason="Repeat concerns from three agencies",
    )
    client.force_login(world.bham_hub_manager)
    home = client.get("/").content.decode()
    assert "Decisions awaiting your sign-off" in home and sent.reference in home
    client.force_login(hub)
    home = client.get("/").content.decode()
    assert "Referrals you are triaging" in home and "Leah Hughes" in home
    client.force_login(world.cov_hub_manager)
    assert sent.reference not in client.get("/").content.decode()
    referral, _ = started(client, world)
    home = client.get("/").content.decode()
    assert f"Draft referral {referral.reference}" in home


def test_partner_checks_and_notes_from_the_triage_page(world, client, sent):
    client.force_login(world.bham_hub_practitioner)
    check = reverse("triage:check", args=[sent.pk])
    missing = client.post(check, {"outcome": "holds"})
    assert "Select the agency you checked with" in missing.content.decode()
    police = world.police_bham_team.agency_id
    done = client.post(check, {"agency": police, "outcome": "holds", "summary": "Two episodes"})
    assert done.status_code == 302 and sent.partner_checks.get().agency_id == police
    empty = client.post(reverse("triage:note", args=[sent.pk]), {"text": ""})
    assert "Enter the note" in empty.content.decode()
    client.post(reverse("triage:note", args=[sent.pk]), {"text": "Called the DSL"})
    page = client.get(reverse("triage:detail", args=[sent.pk])).content.decode()
    assert "Two episodes" in page and "Called the DSL" in page
