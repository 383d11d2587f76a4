"""Persons and the agencies that know them, in batches: fast enough for 200,000 persons.

Rows go in as tuples with their ids given (as the later steps' do), not through `bulk_create`,
whose per-object work was most of this step's time; so no change-history rows are written for
them (synthetic data has no history); the build's one audit row records what was made.
PostgreSQL's id sequence is moved on after.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.utils import timezone

from hub.people.models import Ethnicity, Person, PersonInvolvement
from hub.platform.places import postcodes_in

from . import population as pop
from .names import NAME_SOURCES, NamePool, name_pools
from .organisations import ALL
from .tables import day_value, insert_rows, moment_adapter, next_id, reset_sequences

if TYPE_CHECKING:
    from hub.organisations.models import Area, Team

    from .core import RegionBuild

BATCH_SIZE = 5_000
_DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class _Choice:
    """Values and cumulative weights, for `Random.choices`."""

    values: tuple
    cum_weights: tuple[float, ...]

    @classmethod
    def of(cls, weighted: Mapping[Any, float] | Iterable[tuple[Any, float]]) -> _Choice:
        items = list(weighted.items()) if isinstance(weighted, Mapping) else list(weighted)
        items = [(value, weight) for value, weight in items if weight > 0]
        return cls(
            tuple(value for value, _ in items),
            tuple(itertools.accumulate(float(weight) for _, weight in items)),
        )

    def pick(self, rng: Random) -> object:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


# What the step gives; every other column of a person takes its field's default.
PERSON_GIVEN = (
    "id",
    "given_name",
    "family_name",
    "date_of_birth",
    "date_of_birth_estimated",
    "gender",
    "ethnicity",
    "vulnerabilities",
    "postcode",
    "home_area",
    "created_at",
    "updated_at",
)
INVOLVEMENT_FIELDS = ("person", "agency", "team", "since")


def _person_defaults() -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The other columns of a person, with their defaults as the driver takes them."""
    names, values = [], []
    for field in Person._meta.concrete_fields:
        if field.name not in PERSON_GIVEN:
            names.append(field.name)
            values.append(field.get_db_prep_save(field.get_default(), connection))
    return tuple(names), tuple(values)


@dataclass
class _PlannedPerson:
    pk: int
    area: Area
    row: tuple
    teams: list[Team]
    age_days: int


class _Population:
    """Everything a person is drawn from, prepared once."""

    def __init__(self, region: RegionBuild) -> None:
        self.region = region
        in_region = (1 - pop.OUTSIDE_SHARE) / sum(pop.AREA_POPULATION.values())
        self.areas = _Choice.of(
            [(slug, pop.AREA_POPULATION[slug] * in_region) for slug in ALL]
            + [("outside", pop.OUTSIDE_SHARE)]
        )
        self.host_areas = _Choice.of({slug: pop.AREA_POPULATION[slug] for slug in ALL})
        self.postcodes: dict[str, list[str]] = {
            slug: postcodes_in(region.areas[slug].code) for slug in ALL
        }
        outside: set[str] = set()
        for code, letters in pop.OUTSIDE_NEIGHBOURS.items():
            outside.update(postcodes_in(code, letters=letters))
        self.postcodes["outside"] = sorted(outside)
        self.ethnicity = {area: _Choice.of(mix) for area, mix in pop.ETHNIC_MIX.items()}
        pools = name_pools()
        self.name_sources: dict[str, _Choice] = {
            code: _Choice.of([((pools[given], pools[family]), w) for w, given, family in sources])
            for code, sources in NAME_SOURCES.items()
        }
        self.genders = _Choice.of(list(pop.GENDER_SHARES))
        self.age_bands = _Choice.of([((lo, hi), share) for share, lo, hi in pop.AGE_BANDS])
        self.kinds: dict[tuple[str, str], list[tuple[str, int]]] = {
            (slug, group): [
                (kind, weight)
                for kind, weight in weights.items()
                if region.teams_by_involvement.get((slug, kind))
            ]
            for slug in ALL
            for group, weights in pop.INVOLVEMENT_WEIGHTS.items()
        }
        self.counts = _Choice.of(list(enumerate(pop.INVOLVEMENT_COUNT_SHARES, start=1)))
        self.seen: dict[str, int] = dict.fromkeys([*ALL, "outside"], 0)

    def teams_for(self, rng: Random, slug: str, group: str) -> list[Team]:
        """1-3 teams of different kinds in one area, weighted by how often each knows people."""
        wanted = cast(int, self.counts.pick(rng))
        remaining = list(self.kinds[(slug, group)])
        chosen: list[Team] = []
        while remaining and len(chosen) < wanted:
            position = rng.choices(range(len(remaining)), weights=[w for _, w in remaining])[0]
            kind, _ = remaining.pop(position)
            teams = self.region.teams_by_involvement[(slug, kind)]
            chosen.append(teams[int(rng.random() * len(teams))])
        return chosen


def _person(rng: Random, people: _Population, as_of: date, pk: int) -> _PlannedPerson:
    slug = cast(str, people.areas.pick(rng))
    area: Area = people.region.areas[slug]
    ethnicity = cast(str, people.ethnicity[slug].pick(rng))
    given_pool, family_pool = cast(
        tuple[NamePool, NamePool], people.name_sources[ethnicity].pick(rng)
    )
    gender = cast(str, people.genders.pick(rng))
    female = gender == "female" or (gender != "male" and rng.random() < 0.5)

    youngest, oldest = cast(tuple[int, int], people.age_bands.pick(rng))
    age_days = rng.randint(int(youngest * _DAYS_PER_YEAR), int((oldest + 1) * _DAYS_PER_YEAR) - 1)
    age = int(age_days / _DAYS_PER_YEAR)
    true_birthday = as_of - timedelta(days=age_days)
    born: date | None = true_birthday
    estimated = False
    roll = rng.random()
    if roll < pop.DOB_MISSING_SHARE:
        born = None
    elif roll < pop.DOB_MISSING_SHARE + pop.DOB_ESTIMATED_SHARE:
        born, estimated = date(true_birthday.year, 1, 1), True

    given = given_pool.given(rng, female=female, young=age <= 30)
    family = family_pool.family_name(rng, female=female)

    recorded: str
    roll = rng.random()
    if roll < pop.ETHNICITY_NOT_KNOWN_SHARE:
        recorded = Ethnicity.NOT_KNOWN
    elif roll < pop.ETHNICITY_NOT_KNOWN_SHARE + pop.ETHNICITY_NOT_STATED_SHARE:
        recorded = Ethnicity.NOT_STATED
    else:
        recorded = ethnicity

    child = age < 18
    vulnerabilities = []
    for code, (child_rate, adult_rate) in pop.VULNERABILITY_RATES.items():
        rate = child_rate if child else adult_rate
        if code == "neet" and age < 16:
            rate = 0.0
        if rate and rng.random() < rate:
            vulnerabilities.append(code)

    postcodes = people.postcodes[slug]
    postcode = postcodes[int(rng.random() * len(postcodes))]

    group = "child" if child else "young_adult" if age <= 25 else "adult"
    index_in_area = people.seen[slug]
    people.seen[slug] += 1
    if slug == "outside":  # known to the agencies of the area where they were placed or found
        teams = people.teams_for(rng, cast(str, people.host_areas.pick(rng)), group)
    else:
        teams = people.teams_for(rng, slug, group)
        if index_in_area >= pop.SINGLE_AREA_ANCHORS and rng.random() < pop.CROSS_AREA_SHARE:
            other = slug
            while other == slug:
                other = cast(str, people.host_areas.pick(rng))
            kind = pop.CROSS_AREA_KINDS[int(rng.random() * len(pop.CROSS_AREA_KINDS))]
            teams.append(people.region.teams_by_involvement[(other, kind)][0])

    listed = json.dumps(vulnerabilities)
    born_on = day_value(born)
    row = (pk, given, family, born_on, estimated, gender, recorded, listed, postcode, area.pk)
    return _PlannedPerson(pk, area, row, teams, age_days)


def _involvements(rng: Random, planned: _PlannedPerson, as_of: date) -> list[tuple]:
    # Known for up to four years, and not before the person was about eight.
    longest = max(14, min(4 * 365, planned.age_days - 8 * 365))
    return [
        (
            planned.pk,
            team.agency_id,
            team.pk,
            day_value(as_of - timedelta(days=rng.randint(14, longest))),
        )
        for team in planned.teams
    ]


def build(region: RegionBuild) -> None:
    """Persons with their involvements, in batches; progress reported per batch."""
    rng = region.rng("people")
    people = _Population(region)
    total = region.persons_total
    as_of = region.as_of
    made_persons = made_involvements = cross_area = 0
    other_fields, other_values = _person_defaults()
    now = moment_adapter()(timezone.now())  # as auto_now_add would stamp them
    stamped = (now, now, *other_values)
    next_pk = next_id(Person)
    region.progress.start("Persons", total)
    for start in range(0, total, BATCH_SIZE):
        count = min(BATCH_SIZE, total - start)
        batch = [_person(rng, people, as_of, next_pk + i) for i in range(count)]
        next_pk += count
        insert_rows(
            Person, PERSON_GIVEN + other_fields, [planned.row + stamped for planned in batch]
        )
        involvements = [
            involvement for planned in batch for involvement in _involvements(rng, planned, as_of)
        ]
        insert_rows(PersonInvolvement, INVOLVEMENT_FIELDS, involvements)
        made_persons += len(batch)
        made_involvements += len(involvements)
        cross_area += sum(
            1
            for planned in batch
            if any(team.area_id != planned.area.pk for team in planned.teams)
            and planned.area.in_region
        )
        region.progress.advance(len(batch))
    reset_sequences([Person])
    region.counts.update(
        persons=made_persons,
        involvements=made_involvements,
        persons_known_in_two_areas=cross_area,
        persons_outside_region=people.seen["outside"],
    )
