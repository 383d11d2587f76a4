"""The screening pages: answers kept as a draft, the result with its reasons before
confirming, an override refused without its reason, and a person's history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hub.people.models import Person
from hub.screening.models import Screening
from hub.screening.services import ScreeningAnswers, screening_confirm, screening_start
from hub.screening.services.flow import ERROR_RATIONALE
from tests.authz import ScopedAuthorizationContract

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(world):
    Person.objects.filter(pk=world.bham_person.pk).update(date_of_birth=dt.date(2010, 4, 3))
    world.bham_person.refresh_from_db()
    return world.bham_person


def draft_of(world, child):
    return screening_start(
        actor=world.bham_hub_practitioner,
        person_id=child.pk,
        tool_id="child_exploitation",
        token="page-token-0123456789",
    )


class TestStartPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("screening:start") + f"?person={world.bham_person.pk}"

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


class TestHistoryPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("screening:history", args=[world.bham_person.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.admin

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestDraftPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("screening:edit", args=[draft_of(world, world.bham_person).pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.bham_hub_manager  # a draft is its author's own


def test_a_screening_from_start_to_confirmed_with_an_override(world, client, child):
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("screening:start"), {"person": child.pk}).content.decode()
    assert "Child exploitation screening tool" in page and "Adult exploitation" not in page
    started = client.post(
        reverse("screening:start"),
        {"person": child.pk, "tool": "child_exploitation", "token": "x" * 24},
    )
    screening = Screening.objects.get()
    assert started["Location"] == reverse("screening:edit", args=[screening.pk])
    form = client.get(started["Location"]).content.decode()
    assert (
        "Goes missing, or is away from home" in form and "Count episodes reported to police" in form
    )
    saved = client.post(
        started["Location"], {"answer-missing_repeatedly": "recent", "action": "save"}
    ).content.decode()
    assert "Draft saved." in saved and 'value="recent" checked' in saved
    to_result = client.post(
        started["Location"], {"answer-missing_repeatedly": "recent", "action": "result"}
    )
    assert to_result["Location"] == reverse("screening:result", args=[screening.pk])
    result = client.get(to_result["Location"]).content.decode()
    assert "The tool gives: Significant risk" in result
    assert "A significant indicator now or in the last 6 months" in result
    assert "Recommended pathway: Strategy discussion and section 47" in result
    refused = client.post(to_result["Location"], {"final_overall": "serious_risk"})
    assert ERROR_RATIONALE in refused.content.decode()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT
    confirmed = client.post(
        to_result["Location"],
        {"final_overall": "serious_risk", "rationale": "Three nights missing"},
    )
    assert confirmed["Location"] == reverse("screening:detail", args=[screening.pk])
    shown = client.get(confirmed["Location"]).content.decode()
    assert "Chosen by the practitioner because:" in shown and "Three nights missing" in shown


def test_the_manager_reviews_from_the_screening_page(world, client, child):
    draft = draft_of(world, child)
    screening_confirm(
        actor=world.bham_hub_practitioner,
        screening_id=draft.pk,
        answers=ScreeningAnswers(answers={"drug_misuse": "recent"}, circumstances={}),
        final_overall="significant_risk",
        rationale="Supplying as well as using",
    )
    client.force_login(world.bham_hub_manager)
    home = client.get("/").content.decode()
    assert "Screenings awaiting your review" in home
    page = client.get(reverse("screening:detail", args=[draft.pk])).content.decode()
    assert "Your review" in page
    client.post(reverse("screening:review", args=[draft.pk]), {"agree": "yes"})
    draft.refresh_from_db()
    assert draft.status == Screening.Status.COMPLETE and draft.reviewed_by == world.bham_hub_manager
    history = client.get(reverse("screening:history", args=[child.pk])).content.decode()
    assert "Significant risk" in history and "the tool gave At risk" in history


def test_the_record_page_links_to_screening(world, client, child):
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "Start a screening" in page and f"/screening/person/{child.pk}/" in page
