"""Referral fixtures: a helper that sends a referral the way the form does."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from hub.referrals.models import Referral
from hub.referrals.services import (
    ReferralAnswers,
    SubjectAnswers,
    referral_start,
    referral_submit,
)
from tests.world import world  # noqa: F401 (shared fixture)


def answers(area, *subjects: SubjectAnswers, **overrides) -> ReferralAnswers:
    values = {
        "area_id": area.pk,
        "subjects": subjects or (SubjectAnswers(given_name="Kaiden", family_name="Smyth"),),
        "exploitation_types": ("CCE", "COUNTY_LINES"),
        "what_happened": "Found in a car with an older man at 1am, with two phones and cash.",
        "happened_on": dt.date.today(),
        "place": "Car park off Bristol Road",
        "persons_words": "He's my mate, he looks after me.",
        "person_knows": "yes",
        "family_knows": "not_told",
        "consent": "not_sought",
        "consent_detail": "Telling the family could put him at risk",
        "capacity": "not_applicable",
        "lawful_basis": "public_task_safeguarding",
    }
    values.update(overrides)
    return ReferralAnswers(**values)


def send(actor, area, *subjects: SubjectAnswers, danger=False, **overrides) -> Referral:
    """A referral started and sent by `actor` to `area`'s hub."""
    draft, _ = referral_start(actor=actor, immediate_danger=danger, token=secrets.token_urlsafe(24))
    return referral_submit(
        actor=actor, referral_id=draft.pk, answers=answers(area, *subjects, **overrides)
    )


@pytest.fixture
def sent(world):  # noqa: F811 (the shared fixture, by name)
    """A school's referral of two children found together, with the Birmingham hub."""
    return send(
        world.bham_school_practitioner,
        world.birmingham,
        SubjectAnswers(given_name="Kaiden", family_name="Smyth", date_of_birth=dt.date(2010, 4, 3)),
        SubjectAnswers(given_name="Leah", family_name="Hughes", age_estimate=14),
    )
