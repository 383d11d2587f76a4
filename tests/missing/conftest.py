"""A looked-after child of Walsall, placed in Dudley: the shared world plus those two areas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from hub.missing.services.episodes import EpisodeFound, EpisodeReport, episode_found, episode_report
from hub.missing.services.placements import placement_add
from hub.organisations.models import Area, Team, User
from hub.people.models import Person, PersonInvolvement
from tests.factories import AgencyFactory, AreaFactory, PersonFactory, TeamFactory, user_with_role
from tests.world import World, world  # noqa: F401 (shared fixture)

BIRMINGHAM_POSTCODE = "B5 4BU"
WALSALL_POSTCODE = "WS1 1TP"
DUDLEY_POSTCODE = "DY1 1HF"
CANNOCK_POSTCODE = "WS11 1DE"  # Staffordshire, outside the region


@dataclass
class Placed:
    world: World
    walsall: Area
    dudley: Area
    outside: Area
    walsall_hub: Team
    dudley_hub: Team
    walsall_social_worker: User
    walsall_hub_practitioner: User
    dudley_hub_practitioner: User
    child: Person


@pytest.fixture
def placed(world: World) -> Placed:  # noqa: F811 (the fixture above)
    walsall = AreaFactory(code="E08000030", name="Walsall", slug="walsall")
    dudley = AreaFactory(code="E08000027", name="Dudley", slug="dudley")
    outside = AreaFactory(
        code="E92000001", name="Outside the region", slug="outside", in_region=False
    )
    walsall_cs = AgencyFactory(name="Walsall Children's Services", area=walsall)
    dudley_cs = AgencyFactory(name="Dudley Children's Services", area=dudley)
    walsall_hub = TeamFactory(name="Walsall Exploitation Hub", agency=walsall_cs, is_hub=True)
    dudley_hub = TeamFactory(name="Dudley Exploitation Hub", agency=dudley_cs, is_hub=True)
    children_in_care = TeamFactory(name="Walsall Children in Care", agency=walsall_cs)
    child = PersonFactory(
        given_name="Jayden", family_name="Price", date_of_birth=dt.date(2011, 5, 2),
        home_area=dudley,
    )  # fmt: skip
    PersonInvolvement.objects.create(
        person=child, agency=walsall_cs, team=children_in_care, since=dt.date(2024, 1, 1)
    )
    social_worker = user_with_role(
        "practitioner", children_in_care, username="wal.sw", first_name="Sam", last_name="Ellis"
    )
    placed = Placed(
        world=world,
        walsall=walsall,
        dudley=dudley,
        outside=outside,
        walsall_hub=walsall_hub,
        dudley_hub=dudley_hub,
        walsall_social_worker=social_worker,
        walsall_hub_practitioner=user_with_role(
            "hub_practitioner", walsall_hub, username="wal.hp", first_name="Nadia", last_name="Khan"
        ),
        dudley_hub_practitioner=user_with_role(
            "hub_practitioner", dudley_hub, username="dud.hp", first_name="Ian", last_name="Shaw"
        ),
        child=child,
    )
    placement_add(
        actor=social_worker, person_id=child.pk, placing_area_id=walsall.pk,
        postcode=DUDLEY_POSTCODE, setting="residential", started_on=dt.date(2026, 6, 1),
    )  # fmt: skip
    return placed


def ago(**delta: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def report(actor: User, person: Person, *, hours_ago: float = 5, **given: object):
    data = {"missing_from": "care", "reported_at": ago(hours=hours_ago), "risk_grade": "high"}
    data.update(given)
    return episode_report(actor=actor, person_id=person.pk, report=EpisodeReport(**data))


def find(actor: User, episode, *, postcode: str = BIRMINGHAM_POSTCODE, hours_ago: float = 1):
    found = EpisodeFound(
        found_at=ago(hours=hours_ago), found_postcode=postcode, found_place="Coach station"
    )
    return episode_found(actor=actor, episode_id=episode.pk, found=found)
