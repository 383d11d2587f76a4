"""A full screening in a real browser, from a referral: the hub decided on a screening, the
practitioner answers with the guidance at hand, sees the grades and why, chooses a different
final grade (refused until they say why), and the manager reviews it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hub.people.models import Person
from hub.referrals.services import SubjectAnswers, subject_link, triage_decide
from hub.screening.models import Screening
from tests.referrals.conftest import send

from .axe import assert_accessible
from .test_need_to_know import shot, sign_in, sign_out

RATIONALE = "Found 40 miles away at 3am with two adults known for supply: more than the tool shows"


@pytest.mark.django_db(transaction=True)
def test_a_screening_from_a_referral_with_an_override(live_server, world, page):
    base = live_server.url
    child = world.bham_person
    Person.objects.filter(pk=child.pk).update(date_of_birth=dt.date(2010, 4, 3))
    referral = send(
        world.bham_school_practitioner,
        world.birmingham,
        SubjectAnswers(
            given_name="Aaliyah", family_name="Begum", date_of_birth=dt.date(2010, 4, 3)
        ),
    )
    subject = referral.subjects.get()
    hub = world.bham_hub_practitioner
    subject_link(actor=hub, referral_id=referral.pk, subject_id=subject.pk, person_id=child.pk)
    triage_decide(
        actor=hub,
        referral_id=referral.pk,
        subject_id=subject.pk,
        code="exploitation_screening",
        reason="Missing with older peers; screen before deciding more",
    )

    sign_in(page, base, "bham.hp")
    page.goto(f"{base}/triage/{referral.pk}/")
    page.get_by_role("link", name=re.compile("Start the screening")).click()
    assert_accessible(page)
    page.get_by_label("Child exploitation screening tool").check()
    page.get_by_role("button", name="Start the screening").click()
    assert page.get_by_role("heading", name=re.compile("Screening S")).is_visible()
    missing = page.get_by_role("group", name=re.compile("Goes missing, or is away from home"))
    assert "Count episodes reported to police" in missing.inner_text()  # the guidance at hand
    missing.get_by_label("Now or in the last 6 months").check()
    page.get_by_role("group", name="Uses drugs", exact=True).get_by_label(
        "More than 6 months ago"
    ).check()
    assert_accessible(page)
    shot(page, "screening-form")
    page.get_by_role("button", name="See the result").click()

    assert page.get_by_role("heading", name="The tool gives: Significant risk").is_visible()
    assert page.get_by_text(
        "A significant indicator now or in the last 6 months"
    ).first.is_visible()
    assert page.get_by_text("Recommended pathway: Strategy discussion and section 47").is_visible()
    assert_accessible(page)
    shot(page, "screening-result")
    page.get_by_label("Serious risk").check()
    page.get_by_role("button", name="Confirm the screening").click()
    assert page.get_by_text("Say why you chose a different grade").first.is_visible()
    assert_accessible(page)
    page.get_by_label("If you choose a different grade, say why").fill(RATIONALE)
    page.get_by_role("button", name="Confirm the screening").click()
    assert page.get_by_role(
        "heading", name=re.compile(r"Screening S\d+: Serious risk")
    ).is_visible()
    assert page.get_by_text(RATIONALE).is_visible()
    screening = Screening.objects.get()
    assert (screening.computed_overall, screening.final_overall) == (
        "significant_risk",
        "serious_risk",
    )
    assert screening.referral_id == referral.pk
    assert screening.status == Screening.Status.AWAITING_REVIEW
    assert_accessible(page)
    shot(page, "screening-confirmed")
    sign_out(page)

    sign_in(page, base, "bham.hm")
    page.get_by_role("link", name=re.compile(f"{screening.reference}: Aaliyah Begum")).click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Record the review").click()
    assert page.get_by_text("Review recorded.").is_visible()
    page.get_by_role("link", name="All screenings of Aaliyah Begum").click()
    assert page.get_by_role("img", name=re.compile("Grade over time")).is_visible()
    assert_accessible(page)
    shot(page, "screening-history")
    screening.refresh_from_db()
    assert screening.status == Screening.Status.COMPLETE
