"""Who is referred, by whom, to which hub, and what the referrer wrote.

Referrals are about the region's existing persons: children mostly, adults now and then, more
often those with vulnerabilities; some are referred more than once. A few are about two or
three persons found together (peers of about the same age in the same area).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from random import Random
from typing import TYPE_CHECKING, Any

from django.db.models import TextField
from django.db.models.functions import Cast

from hub.people.models import AliasKind, Person, PersonAlias, PersonInvolvement
from hub.people.models.person import ADULT_AGE
from hub.platform.timescales import is_working_day
from hub.referrals.practice import exploitation_types

from ..identities import STREET_WORDS, STREETS, other_spelling
from ..users import planned_users
from . import scenarios as sc
from . import telling as tl
from .clock import RHYTHMS, Arrivals, at_time_of_day
from .records import Referral, Subject, age_on

if TYPE_CHECKING:
    from hub.organisations.models import Area

    from ..core import RegionBuild

PERSONS_PER_REFERRAL = 6
GROUP_SHARE = 0.38  # of referrals whose kind of concern can be about several persons
UNKNOWN_PERSON_SHARE = 0.03  # subjects described but on no record
REFERRER_LINKS_SHARE = 0.35  # subjects whose record the referrer picked themselves
OUT_OF_AREA_REFERRER_SHARE = 0.1  # police or health of another area (found out of area)
IMMEDIATE_DANGER_SHARE = 0.03
_VULNERABLE = ("missing_history", "care_experienced", "excluded", "substance_misuse")
_KNOWN_AS = (AliasKind.NICKNAME, AliasKind.STREET_NAME, AliasKind.OTHER_SPELLING)


class _People:
    """The persons a referral can be about, indexed for drawing subjects and their peers."""

    def __init__(self, region: RegionBuild) -> None:
        # Vulnerabilities as text: decoding 200,000 JSON lists costs more than looking in them.
        persons = Person.objects.filter(date_of_birth__isnull=False).annotate(
            listed=Cast("vulnerabilities", TextField())
        )
        self.rows: list[tuple[Any, ...]] = list(
            persons.order_by("pk").values_list(
                "pk", "given_name", "family_name", "date_of_birth", "gender", "postcode",
                "home_area_id", "listed",
            )
        )  # fmt: skip
        as_of = self.as_of = region.as_of
        weights = []
        self.peers: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index, row in enumerate(self.rows):
            age = age_on(row[3], as_of)
            weight = 1.0 if age < ADULT_AGE else 0.35 if age <= 25 else 0.2
            weight *= 1 + 0.6 * sum(code in row[7] for code in _VULNERABLE)
            weights.append(weight)
            self.peers[(row[6], age)].append(index)
        self.cum = list(itertools.accumulate(weights))
        self.indexes = range(len(self.rows))
        in_region = {area.pk: area for area in region.areas.values() if area.in_region}
        self.hub_area: dict[int, Area] = {}
        outside = PersonInvolvement.objects.filter(person__home_area__in_region=False)
        for person_id, area_id in outside.order_by("pk").values_list("person_id", "team__area_id"):
            self.hub_area.setdefault(person_id, in_region[area_id])
        self.in_region = in_region
        # The nicknames, street names and spellings referrers may know the persons by.
        self.aliases: dict[int, list[tuple[str, str]]] = defaultdict(list)
        known_as = PersonAlias.objects.filter(kind__in=_KNOWN_AS).order_by("pk")
        for person_id, kind, name in known_as.values_list("person_id", "kind", "name"):
            self.aliases[person_id].append((kind, name))

    def draw(self, rng: Random) -> int:
        """A person, children and the more vulnerable more likely."""
        return rng.choices(self.indexes, cum_weights=self.cum)[0]

    def area_of(self, row: tuple) -> Area:
        """The hub a person's referral goes to: home, or where they were found."""
        return self.in_region.get(row[6]) or self.hub_area[row[0]]

    def peer(self, rng: Random, first: tuple, on: date, taken: set[int]) -> int | None:
        """Someone of about the same age from the same area, not already in the group, and a
        child if the first is (on the day of the referral)."""
        age = age_on(first[3], self.as_of)
        child = age_on(first[3], on) < ADULT_AGE
        for _ in range(6):
            near = age + (rng.choice((-1, 0, 0, 1)) if child else rng.randint(-8, 8))
            candidates = self.peers.get((first[6], near))
            if not candidates:
                continue
            index = candidates[int(rng.random() * len(candidates))]
            if index not in taken and (age_on(self.rows[index][3], on) < ADULT_AGE) == child:
                return index
        return None


_W = tl.Weighted
# What the referrer answers: (person knows, family knows, consent) for a child, an adult.
KNOWS = {
    True: (
        _W((("yes", 0.55), ("no", 0.25), ("not_told", 0.2))),
        _W((("yes", 0.5), ("no", 0.2), ("not_told", 0.3))),
        _W((("not_sought", 0.55), ("given", 0.35), ("refused", 0.1))),
    ),
    False: (
        _W((("yes", 0.7), ("no", 0.2), ("not_told", 0.1))),
        _W((("yes", 0.3), ("no", 0.55), ("not_told", 0.15))),
        _W((("given", 0.5), ("refused", 0.2), ("not_sought", 0.3))),
    ),
}
PUBLIC_BASES = _W((("public_task_safeguarding", 0.85), ("legal_obligation", 0.15)))
HAPPENED_DAYS_BEFORE = _W(zip((0, 1, 2, 3, 5, 7), (45, 30, 10, 6, 5, 4), strict=True))


class Planner:
    """Plans referrals one at a time, from the step's random stream."""

    def __init__(self, region: RegionBuild, rng: Random) -> None:
        self.region = region
        self.rng = rng
        self.people = _People(region)
        self.arrivals = Arrivals(region.as_of)
        self.teams = {name: region.teams[team] for name, _, team, _ in planned_users(region)}
        self.types = {t.code: t for t in exploitation_types().current()}
        self._scenarios: dict[tuple[str, str, int], tl.Weighted[sc.Scenario]] = {}
        self._referrers: dict[tuple[str, str, bool], tl.Weighted[str]] = {}

    def referral(self) -> Referral:
        """One referral as its referrer sent it."""
        rng, people = self.rng, self.people
        indexes = [people.draw(rng)]
        first = people.rows[indexes[0]]
        day = self.arrivals.draw_day(rng)
        age = age_on(first[3], day)
        child = age < ADULT_AGE
        group = sc.CHILD if child else sc.YOUNG_ADULT if age <= 25 else sc.ADULT
        scenario = self._scenario(group, first[4], age)
        kind = self._referrer_kind(scenario, group, day)
        received_at = at_time_of_day(rng, day, RHYTHMS[kind])
        if scenario.in_groups and rng.random() < GROUP_SHARE:
            for _ in range(1 if rng.random() < 0.75 else 2):
                peer = people.peer(rng, first, day, set(indexes))
                if peer is not None:
                    indexes.append(peer)
        subjects = [self._subject(people.rows[index], day) for index in indexes]
        if rng.random() < UNKNOWN_PERSON_SHARE:
            subjects.append(self._unknown(age))
        area = people.area_of(first)
        referrer_area = area
        if kind in ("police", "health") and rng.random() < OUT_OF_AREA_REFERRER_SHARE:
            referrer_area = rng.choice([a for a in people.in_region.values() if a != area])
        happened, timed = self._happened(scenario, received_at)
        referral = Referral(
            area=area,
            referrer=self.region.users[f"{referrer_area.slug}.{kind}.practitioner"],
            team=self.teams[f"{referrer_area.slug}.{kind}.practitioner"],
            referrer_kind=kind,
            scenario=scenario,
            subjects=subjects,
            child=child,
            words=self._words(scenario, subjects, area, happened),
            answers={},
            received_at=received_at,
            immediate_danger=rng.random()
            < IMMEDIATE_DANGER_SHARE * (2 if kind in ("police", "health") else 0.5),
            drafting=rng.randint(8, 90),
        )
        referral.autosaved = rng.randint(1, referral.drafting - 1) if rng.random() < 0.6 else 0
        referral.answers = self._answers(referral, happened, timed)
        return referral

    def misdirect(self, referral: Referral) -> None:
        """Sent by a practitioner of another area to their own hub: the hub will transfer it."""
        home = referral.area
        area = self.rng.choice([a for a in self.people.in_region.values() if a != home])
        username = f"{area.slug}.{referral.referrer_kind}.practitioner"
        referral.area = area
        referral.referrer, referral.team = self.region.users[username], self.teams[username]

    def retime(self, referral: Referral, received_at: datetime) -> None:
        """Sent at another moment; what happened moves with it."""
        answers = referral.answers
        happened = answers["happened_on"] + (received_at.date() - referral.received_at.date())
        if happened == received_at.date() and answers["happened_time"] >= f"{received_at:%H:%M}":
            happened -= timedelta(days=1)
        answers["happened_on"] = happened
        referral.received_at = received_at

    def _scenario(self, group: str, gender: str, age: int) -> sc.Scenario:
        """A kind of concern for someone of this age and gender."""
        key = (group, gender, age)
        if key not in self._scenarios:
            self._scenarios[key] = tl.Weighted(
                (s, s.weight * (1 if not s.leans else 2 if s.leans == gender else 0.5))
                for s in sc.SCENARIOS
                if group in s.ages and age >= s.min_age
            )
        return self._scenarios[key].draw(self.rng)

    def _referrer_kind(self, scenario: sc.Scenario, group: str, day: date) -> str:
        """Who refers it: schools and youth justice only children, probation only adults;
        on weekends mostly the police and health."""
        key = (scenario.key, group, is_working_day(day))
        if key not in self._referrers:
            self._referrers[key] = tl.Weighted(
                (kind, weight * (1 if key[2] else RHYTHMS[kind].weekend))
                for kind, weight in scenario.referrers
                if not (kind in ("school", "youthjustice") and group != sc.CHILD)
                and not (kind == "probation" and group == sc.CHILD)
            )
        kinds = self._referrers[key]
        return kinds.draw(self.rng) if kinds.values else "police"

    def _subject(self, row: tuple, on: date) -> Subject:
        rng = self.rng
        pk, given, family, born, gender, postcode = row[:6]
        aliases = self.people.aliases.get(pk, [])
        other_names = ""
        roll = rng.random()
        if roll < 0.12:  # a slip, or another spelling, as the referrer typed it
            if rng.random() < 0.5:
                given = other_spelling(rng, given)
            else:
                family = other_spelling(rng, family)
        elif roll < 0.2 and aliases:  # the name they go by
            kind, name = tl.pick(rng, aliases)
            parts = name.split(" ", 1)
            if kind == AliasKind.STREET_NAME:
                other_names = name
            else:
                given, family = parts[0], parts[1] if len(parts) > 1 else family
        elif roll < 0.25:
            family = ""
        if not other_names and aliases and rng.random() < 0.2:
            other_names = tl.pick(rng, aliases)[1]
        roll = rng.random()
        typed = {
            "given_name": given[:100],
            "family_name": family[:100],
            "other_names": other_names[:300],
            "date_of_birth": born if roll < 0.7 else None,
            "age_estimate": (
                age_on(born, on) + rng.choice((-1, 0, 0, 1)) if 0.7 <= roll < 0.9 else None
            ),
            "gender": gender if rng.random() < 0.9 else "",
            "postcode": postcode if rng.random() < 0.6 else "",
            "description": "",
        }
        if rng.random() < 0.3:
            words = tl.pronouns(gender, plural=False)
            typed["description"] = tl.fill(rng, tl.pick(rng, tl.DESCRIPTIONS), words)
        return Subject(
            pk, born, gender, typed, called=typed["given_name"],
            referrer_links=rng.random() < REFERRER_LINKS_SHARE, home_area_id=row[6],
        )  # fmt: skip

    def _unknown(self, age: int) -> Subject:
        """Someone with the persons, described but on no record (a child if the first is)."""
        rng = self.rng
        gender = rng.choice(("male", "female"))
        estimate = age + rng.choice((-2, -1, 0, 1, 2))
        estimate = max(10, min(estimate, 17)) if age < ADULT_AGE else max(estimate, ADULT_AGE)
        street_name = tl.pick(rng, STREET_WORDS)
        if estimate < ADULT_AGE:
            who = "a boy" if gender == "male" else "a girl"
        else:
            who = "a man" if gender == "male" else "a woman"
        typed = {
            "given_name": "",
            "family_name": "",
            "other_names": f"'{street_name}'",
            "date_of_birth": None,
            "age_estimate": estimate,
            "gender": gender,
            "postcode": "",
            "description": f"{who.capitalize()} of about {estimate}, known as '{street_name}'.",
        }
        called = f"{who} known as '{street_name}'"
        return Subject(None, None, gender, typed, called=called, referrer_links=False)

    def _words(
        self, scenario: sc.Scenario, subjects: list[Subject], area: Area, happened: datetime
    ) -> dict[str, str]:
        rng = self.rng
        words = tl.pronouns(subjects[0].gender, plural=len(subjects) > 1)
        street = tl.pick(rng, STREETS)
        called = [s.called for s in subjects]
        hour12 = happened.hour % 12 or 12
        minutes = f".{happened.minute:02d}" if happened.minute else ""
        words.update(
            who=called[0] if len(called) == 1 else f"{', '.join(called[:-1])} and {called[-1]}",
            street=street,
            place=tl.pick(rng, scenario.places).format(street=street),
            area=area.name,
            time=f"{hour12}{minutes}{'am' if happened.hour < 12 else 'pm'}",
        )
        return words

    def _answers(self, referral: Referral, happened: datetime, timed: bool) -> dict[str, Any]:
        rng, words, scenario, child = self.rng, referral.words, referral.scenario, referral.child
        told = [tl.fill(rng, tl.pick(rng, scenario.openings), words)]
        for detail in rng.sample(scenario.details, k=min(len(scenario.details), rng.randint(0, 2))):
            told.append(tl.fill(rng, detail, words))
        if referral.immediate_danger:
            told.append(tl.fill(rng, tl.pick(rng, tl.DANGER_NOW), words))
        allows = [code for code in scenario.types if self._fits(code, child)]
        allows += [c for c in scenario.maybe_types if self._fits(c, child) and rng.random() < 0.35]
        person_knows, family_knows, consent = (answer.draw(rng) for answer in KNOWS[child])
        if child:
            capacity = "not_applicable"
        else:
            concern = rng.random() < scenario.capacity_concern
            capacity = "concern" if concern else "no_concern"
        awareness = "not_told" if "not_told" in (person_knows, family_knows) else "no"
        unaware = person_knows != "yes" or family_knows != "yes"
        consent_detail = ""
        if consent == "not_sought":
            reasons = tl.CONSENT_NOT_SOUGHT if child else tl.CONSENT_NOT_SOUGHT[1:]
            consent_detail = tl.fill(rng, tl.pick(rng, reasons), words)
        elif consent == "refused" and rng.random() < 0.7:
            consent_detail = tl.fill(rng, tl.pick(rng, tl.CONSENT_REFUSED), words)
        if referral.immediate_danger and rng.random() < 0.5:
            basis = "vital_interests"
        elif referral.referrer_kind == "police":
            basis = "law_enforcement" if rng.random() < 0.8 else "public_task_safeguarding"
        elif consent == "given" and not child and rng.random() < 0.1:
            basis = "consent"
        else:
            basis = PUBLIC_BASES.draw(rng)
        place = words["place"]
        return {
            "exploitation_types": allows,
            "what_happened": " ".join(told),
            "happened_on": happened.date(),
            "happened_time": f"{happened:%H:%M}" if timed else "",
            "place": place[:1].upper() + place[1:],
            "persons_words": (
                tl.pick(rng, scenario.said) if scenario.said and rng.random() < 0.55 else ""
            ),
            "person_knows": person_knows,
            "family_knows": family_knows,
            "awareness_detail": (
                tl.fill(rng, tl.pick(rng, tl.AWARENESS[awareness]), words) if unaware else ""
            ),
            "consent": consent,
            "consent_detail": consent_detail,
            "capacity": capacity,
            "capacity_detail": (
                tl.fill(rng, tl.pick(rng, tl.CAPACITY_CONCERNS), words)
                if capacity == "concern"
                else ""
            ),
            "lawful_basis": basis,
        }

    def _fits(self, code: str, child: bool) -> bool:
        kind = self.types.get(code)
        return kind is not None and kind.applies_to.allows(child)

    def _happened(self, scenario: sc.Scenario, received_at: datetime) -> tuple[datetime, bool]:
        """When it happened (on or before the day it was sent), and whether the time is known."""
        rng = self.rng
        lag = HAPPENED_DAYS_BEFORE.draw(rng)
        hour = tl.pick(rng, scenario.hours)
        at = datetime.combine(
            received_at.date() - timedelta(days=lag),
            time(hour, rng.randrange(0, 60, 5)),
            tzinfo=received_at.tzinfo,
        )
        if at >= received_at:
            at -= timedelta(days=1)
        return at, rng.random() < 0.7
