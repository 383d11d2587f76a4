"""The shared world plus an adult and a child known to Birmingham's hub."""

from __future__ import annotations

import datetime as dt

import pytest

from hub.nrm.services.referrals import ReferralInput, nrm_refer
from hub.organisations.models import User
from hub.people.models import Person
from tests.factories import person_known_to
from tests.world import World, world  # noqa: F401 (shared fixture)


@pytest.fixture
def adult(world: World) -> Person:  # noqa: F811 (the fixture above)
    return person_known_to(
        world.bham_hub, given_name="Marius", family_name="Popescu",
        date_of_birth=dt.date(1994, 8, 17), gender="male", nationality="Romanian",
    )  # fmt: skip


@pytest.fixture
def child(world: World) -> Person:  # noqa: F811
    return person_known_to(
        world.bham_hub, given_name="Kofi", family_name="Mensah", date_of_birth=dt.date(2010, 2, 9)
    )


def answers(**given: object) -> ReferralInput:
    data: dict[str, object] = {
        "submitted_on": dt.date.today(),
        "exploitation_types": ("criminal",),
        "summary": "Found working in a cannabis grow; says he owes a debt for his travel.",
        "support_status": "awaiting",
        "competent_authority": "sca",
    }
    data.update(given)
    return ReferralInput(**data)  # type: ignore[arg-type]


def refer(actor: User, person: Person, **given: object):
    return nrm_refer(actor=actor, person_id=person.pk, answers=answers(**given))
