"""The synthetic region: one seeded build makes the whole partnership and its people."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from hub.cases.models import Action
from hub.demo.generator import DEMO_PASSWORD, BuildOptions, region_build
from hub.demo.generator.cases import acts, words
from hub.demo.generator.names import PAKISTANI_FAMILY, POLISH_FAMILY_FEMALE, POLISH_FAMILY_MALE
from hub.demo.generator.referrals.telling import Weighted
from hub.organisations.models import Agency, Area, Membership, Team, User
from hub.organisations.roles import roles_definition
from hub.people.models import Ethnicity, Person, PersonInvolvement, Vulnerability
from hub.platform.audit import verify_chain
from hub.platform.models import AccessLogEntry
from hub.platform.places import WEST_MIDLANDS_AREAS, area_code_for_postcode, normalise_postcode

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 1)
PARTNERSHIP_ROLES = {"data_protection_officer", "administrator"}


@pytest.fixture
def small_region():
    return region_build(options=BuildOptions(size="small", seed=1, as_of=AS_OF))


@pytest.fixture
def tiny_region():
    return region_build(options=BuildOptions(size="tiny", seed=7, as_of=AS_OF))


def test_the_small_build_makes_every_area_and_agency_kind(small_region):
    in_region = dict(Area.objects.filter(in_region=True).values_list("code", "name"))
    assert in_region == WEST_MIDLANDS_AREAS
    outside = Area.objects.get(in_region=False)
    assert (outside.code, outside.name) == ("OUTSIDE", "Outside the region")
    assert set(Agency.objects.values_list("kind", flat=True)) == set(Agency.Kind.values)
    police = Agency.objects.get(name="West Midlands Police")
    assert police.area is None
    assert Agency.objects.filter(kind=Agency.Kind.EDUCATION, area__slug="dudley").count() == 2


def test_every_area_has_one_hub_team_in_its_childrens_services(small_region):
    for area in Area.objects.filter(in_region=True):
        hub = Team.objects.get(area=area, is_hub=True)
        assert hub.name == f"{area.name} Exploitation Hub"
        assert hub.agency.name == f"{area.name} Children's Services"
        assert hub.agency.kind == Agency.Kind.CHILDRENS_SERVICES
    assert not Team.objects.filter(area__in_region=False).exists()


def test_every_agency_has_a_team_in_each_area_it_works_in(small_region):
    for agency in Agency.objects.all():
        assert agency.teams.exists(), agency.name
        if agency.area is not None:
            assert agency.teams.filter(area=agency.area).exists(), agency.name
    police_areas = set(
        Team.objects.filter(agency__name="West Midlands Police").values_list(
            "area__slug", flat=True
        )
    )
    assert police_areas == {name.lower() for name in WEST_MIDLANDS_AREAS.values()}


def test_every_role_has_a_user_in_every_area_and_the_partnership_roles_once(small_region):
    codes = {role.code for role in roles_definition().roles}
    for area in Area.objects.filter(in_region=True):
        held = set(Membership.objects.filter(team__area=area).values_list("role", flat=True))
        assert codes - PARTNERSHIP_ROLES <= held, area.name
    for role in PARTNERSHIP_ROLES & codes:
        assert Membership.objects.filter(role=role).count() == 1
    assert Membership.objects.get(user__username="dpo").role == "data_protection_officer"
    assert Membership.objects.get(user__username="admin").role == "administrator"
    assert not User.objects.filter(is_superuser=True).exists()


def test_demo_sign_ins_are_predictable_and_share_the_demo_password(small_region):
    user = User.objects.get(username="birmingham.hub.practitioner")
    membership = user.memberships.get()
    assert (membership.role, membership.team.name) == (
        "hub_practitioner",
        "Birmingham Exploitation Hub",
    )
    assert User.objects.get(username="coventry.hub.manager").memberships.get().role == "hub_manager"
    assert user.check_password(DEMO_PASSWORD)
    assert len(set(User.objects.values_list("password", flat=True))) == 1
    assert all(u.memberships.exists() for u in User.objects.all())


def test_persons_have_real_postcodes_of_their_home_area(small_region):
    assert Person.objects.count() == 2_000
    codes = set(WEST_MIDLANDS_AREAS)
    for person in Person.objects.select_related("home_area"):
        assert normalise_postcode(person.postcode) == person.postcode
        lies_in = area_code_for_postcode(person.postcode)
        if person.home_area.in_region:
            assert lies_in == person.home_area.code
        else:
            assert lies_in is not None and lies_in not in codes


def test_persons_are_spread_like_the_region(small_region):
    by_area = Counter(Person.objects.values_list("home_area__slug", flat=True))
    assert 0.32 < by_area["birmingham"] / 2_000 < 0.46
    assert all(by_area[name.lower()] > 50 for name in WEST_MIDLANDS_AREAS.values())
    assert 0 < by_area["outside"] < 60


def test_ages_genders_and_vulnerabilities_are_plausible(small_region):
    people = list(Person.objects.all())
    ages = [p.age_on(AS_OF) for p in people if p.date_of_birth]
    assert sum(10 <= age <= 17 for age in ages) / len(ages) > 0.6
    assert all(10 <= age <= 70 for age in ages)
    estimated = [p for p in people if p.date_of_birth_estimated]
    assert 0.03 < len(estimated) / len(people) < 0.08
    assert all(p.date_of_birth.month == 1 and p.date_of_birth.day == 1 for p in estimated)
    assert 0 < sum(p.date_of_birth is None for p in people) < 60
    genders = Counter(p.gender for p in people)
    assert genders["male"] > genders["female"] > 0
    known = set(Vulnerability.values)
    assert all(set(p.vulnerabilities) <= known for p in people)
    assert sum(len(p.vulnerabilities) <= 2 for p in people) / len(people) > 0.75


def test_names_go_with_the_recorded_ethnicity(small_region):
    ethnicities = Counter(Person.objects.values_list("ethnicity", flat=True))
    assert set(ethnicities) <= set(Ethnicity.values)
    assert ethnicities[Ethnicity.WHITE_BRITISH] > ethnicities[Ethnicity.ASIAN_PAKISTANI] > 0
    for family in Person.objects.filter(ethnicity=Ethnicity.ASIAN_PAKISTANI).values_list(
        "family_name", flat=True
    ):
        assert family in PAKISTANI_FAMILY
    polish = set(POLISH_FAMILY_MALE) | set(POLISH_FAMILY_FEMALE)
    others = Person.objects.filter(ethnicity=Ethnicity.WHITE_OTHER).values_list(
        "family_name", flat=True
    )
    assert any(family in polish for family in others)

    def latin(name: str) -> bool:  # Latin script only: ASCII and the Latin-1 / Extended-A letters
        return all(ord(ch) < 0x250 for ch in name)

    names = Person.objects.values_list("given_name", "family_name")
    assert all(latin(given) and latin(family) for given, family in names)


def test_each_person_is_known_to_one_to_three_teams_of_their_area_and_a_few_to_another(
    small_region,
):
    involvements = list(PersonInvolvement.objects.select_related("team", "person"))
    per_person = Counter(i.person_id for i in involvements)
    assert set(per_person.values()) <= {1, 2, 3, 4, 5}  # 5: a referral made the hub one more
    beyond_hub = Counter(i.person_id for i in involvements if not i.team.is_hub)
    assert set(beyond_hub.values()) <= {1, 2, 3, 4}
    assert len(per_person) == 2_000
    assert all(i.team.agency_id == i.agency_id for i in involvements)
    assert all(i.since <= AS_OF for i in involvements)
    in_region = {p.pk: p.home_area_id for p in Person.objects.filter(home_area__in_region=True)}
    crossing = {
        i.person_id
        for i in involvements
        if i.person_id in in_region and i.team.area_id != in_region[i.person_id]
    }
    assert 0.01 < len(crossing) / len(in_region) < 0.06
    for person_id in crossing:
        own = [
            i
            for i in involvements
            if i.person_id == person_id and i.team.area_id == in_region[person_id]
        ]
        assert own  # also known at home


def test_there_are_people_known_only_to_coventry(tiny_region):
    coventry = Area.objects.get(slug="coventry")
    only_coventry = [
        person
        for person in Person.objects.filter(home_area=coventry).prefetch_related(
            "involvements__team"
        )
        if all(i.team.area_id == coventry.pk for i in person.involvements.all())
    ]
    assert len(only_coventry) >= 3


def test_one_audit_row_records_the_build(tiny_region):
    entry = AccessLogEntry.objects.get(action="demo_build")
    assert entry.actor is None
    assert entry.actor_label == "hub demo"
    assert entry.detail["seed"] == 7
    assert entry.detail["size"] == "tiny"
    assert entry.detail["counts"]["persons"] == 200
    assert entry.detail["counts"] == tiny_region.counts
    assert verify_chain().ok


class _Rollback(Exception):
    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows


def first_people(seed: int) -> list[tuple]:
    """Build a tiny region, note its first 20 persons, and roll the whole build back."""
    from django.db import transaction

    try:
        with transaction.atomic():
            region_build(options=BuildOptions(size="tiny", seed=seed, as_of=AS_OF))
            raise _Rollback(
                list(
                    Person.objects.order_by("pk").values_list(
                        "given_name",
                        "family_name",
                        "date_of_birth",
                        "postcode",
                        "home_area__slug",
                        "ethnicity",
                        "vulnerabilities",
                    )[:20]
                )
            )
    except _Rollback as done:
        return done.rows


def test_the_same_seed_makes_the_same_people_and_another_seed_others():
    first = first_people(seed=3)
    assert Person.objects.count() == 0  # rolled back
    assert first_people(seed=3) == first
    assert first_people(seed=4) != first
    assert len(first) == 20


def test_a_cancelled_transition_task_is_noted_in_words_about_its_own_person(monkeypatch):
    """With every task cancelled by a note naming the person, each transition task's note
    names the child the task is about (it once had no name to give, and the build failed)."""
    monkeypatch.setattr(acts, "ENDINGS", Weighted((("cancelled", 1.0),)))
    monkeypatch.setattr(words, "CANCEL_NOTES", ("Cancelled: {name} moved school.",))
    region_build(options=BuildOptions(size="tiny", seed=12, as_of=AS_OF))  # has a child near 18
    cancelled = Action.objects.filter(
        kind=Action.Kind.TRANSITION, status=Action.Status.CANCELLED
    ).prefetch_related("case__subjects__person")
    assert cancelled
    for action in cancelled:
        (person,) = [
            s.person for s in action.case.subjects.all() if s.person.full_name in action.text
        ]
        assert action.note == f"Cancelled: {person.given_name} moved school."


def test_an_unknown_size_is_refused():
    with pytest.raises(ValueError, match="unknown size"):
        BuildOptions(size="huge")
