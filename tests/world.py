"""A small two-area partnership that most tests share: Birmingham and Coventry."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hub.organisations.models import Agency, Area, Team, User
from hub.people.models import Person

from .factories import AgencyFactory, AreaFactory, TeamFactory, person_known_to, user_with_role


@dataclass
class World:
    birmingham: Area
    coventry: Area
    bham_hub: Team
    cov_hub: Team
    bham_school_team: Team
    police_bham_team: Team
    bham_hub_practitioner: User
    bham_hub_manager: User
    cov_hub_practitioner: User
    cov_hub_manager: User
    bham_school_practitioner: User
    dpo: User
    admin: User
    no_roles: User
    bham_person: Person
    cov_person: Person
    school_person: Person


@pytest.fixture
def world(db: None) -> World:
    birmingham = AreaFactory(code="E08000025", name="Birmingham", slug="birmingham")
    coventry = AreaFactory(code="E08000026", name="Coventry", slug="coventry")
    police = AgencyFactory(name="West Midlands Police", kind=Agency.Kind.POLICE, area=None)
    bham_cs = AgencyFactory(name="Birmingham Children's Services", area=birmingham)
    cov_cs = AgencyFactory(name="Coventry Children's Services", area=coventry)
    school = AgencyFactory(name="Northfield Academy", kind=Agency.Kind.EDUCATION, area=birmingham)
    bham_hub = TeamFactory(name="Birmingham Exploitation Hub", agency=bham_cs, is_hub=True)
    cov_hub = TeamFactory(name="Coventry Exploitation Hub", agency=cov_cs, is_hub=True)
    school_team = TeamFactory(name="Northfield Safeguarding", agency=school)
    police_bham = TeamFactory(name="Birmingham CE Team", agency=police, area=birmingham)
    bham_person = person_known_to(bham_hub, given_name="Aaliyah", family_name="Begum")
    return World(
        birmingham=birmingham,
        coventry=coventry,
        bham_hub=bham_hub,
        cov_hub=cov_hub,
        bham_school_team=school_team,
        police_bham_team=police_bham,
        bham_hub_practitioner=user_with_role(
            "hub_practitioner", bham_hub, username="bham.hp", first_name="Priya", last_name="Sharma"
        ),
        bham_hub_manager=user_with_role(
            "hub_manager", bham_hub, username="bham.hm", first_name="Dele", last_name="Adeyemi"
        ),
        cov_hub_practitioner=user_with_role(
            "hub_practitioner", cov_hub, username="cov.hp", first_name="Tom", last_name="Walsh"
        ),
        cov_hub_manager=user_with_role(
            "hub_manager", cov_hub, username="cov.hm", first_name="Grace", last_name="Okafor"
        ),
        bham_school_practitioner=user_with_role("practitioner", school_team, username="school.p"),
        dpo=user_with_role(
            "data_protection_officer",
            bham_hub,
            username="dpo",
            first_name="Ruth",
            last_name="Evans",
        ),
        admin=user_with_role("administrator", bham_hub, username="admin"),
        no_roles=user_with_role("no_such_role", bham_hub, username="noroles"),
        bham_person=bham_person,
        cov_person=person_known_to(cov_hub, given_name="Kaiden", family_name="Smyth"),
        school_person=person_known_to(school_team, given_name="Tyler", family_name="Jones"),
    )
