"""From scored pairs to persons: which links count, and the persons they join.

A pair links when its match probability reaches the threshold and it passes the household
check. The check exists because the model's u probabilities come from random pairs, among
which sharing a family name, an address and a phone is rare; inside a household it is
normal. Twins share all of that and a date of birth; a son named after his father shares all
of it and a given name. So, unless an identifier of the person's own (NHS number, email, an
agency id, a mobile number no one else's records give) agrees, a link needs the person's own
details to speak for it: the given name or the date of birth agrees, and neither disagrees
(an initial that fits, a 1 January date or a date in the same month counts as neither; a
date in the same year only disagrees, unless the given names are written alike), or the
middle name agrees with one of the two and outweighs the other disagreeing; and where the
records give different sexes, the given name itself agrees.

Links then join records into persons, most likely first, and a link is refused when the two
groups it would join cannot be one person (`persons`): two NHS numbers, or only dates of birth
years apart, or only given names with nothing in common. Each link passes the household check
on its own; a chain of them can still run from one twin to the other through a record with no
given name, or from a girl to her sister through a record with no date of birth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

import jellyfish

from .model_names import PLACEHOLDER_DAY

# Splink's comparison vector values: -1 missing, 0 "all other comparisons" (the level that
# disagrees), higher values agree more.
MISSING = -1
DISAGREES = 0
PERSONAL_DETAILS = ("given_name", "date_of_birth")
# Identifiers of the person's own; the phone only at its level of a mobile number that is
# one person's (`model.OWN_IDENTIFIERS`).
PERSONAL_IDENTIFIERS = ("nhs_number", "email", "other_identifier", "phone")
MIDDLE_NAME = "middle_name"
SEX = "sex"
_CHECKED = (*PERSONAL_DETAILS, *PERSONAL_IDENTIFIERS, MIDDLE_NAME, SEX)
LEVEL_COLUMNS = tuple(f"gamma_{name}" for name in _CHECKED)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A scored pair of records (positions in the input) and its comparison levels."""

    left: int
    right: int
    match_weight: float
    match_probability: float
    levels: Mapping[str, int]  # comparison name -> comparison vector value
    # comparison name (and "tf_adj_" + name) -> match weight, when kept to explain the pair
    weights: Mapping[str, float] | None = None


# The level values come from the model's comparisons, built from Splink's classes: imported
# when first needed, so that the review pages (which show stored results) never load Splink.
@cache
def _least_agreeing() -> dict[str, int]:
    from .model import least_agreeing_values

    return least_agreeing_values()


@cache
def _neutral() -> dict[str, frozenset[int]]:
    from .model import neutral_values

    return neutral_values()


@cache
def _own_identifier_values() -> dict[str, int]:
    from .model import own_identifier_values

    return own_identifier_values()


def own_identifier_agrees(levels: Mapping[str, int]) -> bool:
    """Whether an identifier of the person's own agrees: an NHS number, an email, an
    agency id, a mobile number that is one person's."""
    return any(levels.get(name) == value for name, value in _own_identifier_values().items())


@cache
def _same_year_and_given_exactly() -> tuple[int, int]:
    from .model import same_year_given_exactly_values

    return same_year_given_exactly_values()


@cache
def _middle_name_agrees() -> int:
    from .model import middle_name_exact_value

    return middle_name_exact_value()


def household_check(levels: Mapping[str, int]) -> str | None:
    """Why a pair may not link on household details alone, or None when it may."""
    # The answer turns on five level values alone, of which there are a few hundred
    # combinations: each is worked out once (a million records score a million pairs).
    return _household_check(tuple(levels.get(name, MISSING) for name in _CHECKED))


@cache
def _household_check(values: tuple[int, ...]) -> str | None:
    levels: Mapping[str, int] = dict(zip(_CHECKED, values, strict=True))
    if own_identifier_agrees(levels):
        return None
    neutral = _neutral()
    if any(levels.get(name) in values for name, values in neutral.items()):
        levels = {
            **levels,
            **{name: MISSING for name, values in neutral.items() if levels.get(name) in values},
        }
    same_year, given_exactly = _same_year_and_given_exactly()
    if levels.get("date_of_birth") == same_year and levels.get("given_name") == given_exactly:
        # A date in the same year with the given name written alike: one date typed wrong
        # far more often than a brother or sister of one name (at a million records, 101
        # pairs and 24); with any other given name, it still disagrees.
        levels = {**levels, "date_of_birth": MISSING}
    least = _least_agreeing()
    disagreeing = [name for name in PERSONAL_DETAILS if levels.get(name) == DISAGREES]
    if levels.get("date_of_birth", MISSING) in range(DISAGREES + 1, least["date_of_birth"]):
        disagreeing.append("date_of_birth")
    if len(disagreeing) == 1 and levels.get(MIDDLE_NAME) == _middle_name_agrees():
        # The same middle name, and the other detail agreeing, speak for the person: Kieran
        # and Ciaran Daniel Evans born one day; Lisa Joanna Lyons with a date written twice
        # wrong. A father and the son named after him share all that but their dates,
        # years apart, on which clustering keeps them apart (`persons`).
        (other,) = set(PERSONAL_DETAILS) - set(disagreeing)
        if levels.get(other, MISSING) >= least[other]:
            return None
    if disagreeing:
        what = " and ".join(name.replace("_", " ") for name in disagreeing)
        return f"the {what} disagree, and no identifier of the person's own agrees"
    if levels.get(SEX) == DISAGREES and levels.get("given_name", MISSING) < least["given_name"]:
        # A boy and a girl born one day at one address are twins, however alike their names
        # (Jasmine and Jermaine, "J"): with the sexes apart the given name itself must agree.
        return "the sex disagrees and the given name does not agree, and no identifier does"
    if not any(levels.get(name, MISSING) >= least[name] for name in PERSONAL_DETAILS):
        return "neither the given name nor the date of birth agrees, and no identifier does"
    return None


def links(pairs: Iterable[ScoredPair], threshold: float) -> list[ScoredPair]:
    """The pairs that link: likely enough, and passing the household check."""
    return [
        pair
        for pair in pairs
        if pair.match_probability >= threshold and household_check(pair.levels) is None
    ]


@dataclass(frozen=True, slots=True)
class Identity:
    """What a record says about who its person is, for the checks on a whole person: its
    NHS number, the readings of its date of birth, its given name when more than an initial."""

    nhs_number: str | None = None
    # ISO dates: one, or both readings of a day and month that could be either way round
    # ("03/04/2010": its year is certain). None when missing, or a 1 January written for an
    # unknown date (a system's default date is often one: 01/01/1900).
    births: tuple[str, ...] = ()
    given: str | None = None
    given_formals: tuple[str, ...] = ()  # the formal names the given name may be short for
    given_sound: str | None = None
    name_words: frozenset[str] = frozenset()  # every word of every name of the record


def identity(
    *,
    nhs_number: str | None,
    dob: str | None,
    dob_readings: int,
    dob_swapped: str | None = None,
    given: str | None,
    given_formals: Sequence[str] | None,
    given_sound: str | None,
    name_words: Sequence[str] | None,
) -> Identity:
    """A record's identity from its prepared columns (`dob_readings`: how many readings its
    date of birth has, two when day and month could be either way round; `dob_swapped`: the
    other reading)."""
    births: tuple[str, ...] = ()
    if dob is not None and dob[5:] != PLACEHOLDER_DAY:
        births = (dob, dob_swapped) if dob_readings > 1 and dob_swapped else (dob,)
    named = given is not None and len(given) > 1
    return Identity(
        nhs_number=nhs_number,
        births=births,
        given=given if named else None,
        given_formals=tuple(given_formals or ()) if named else (),
        given_sound=given_sound if named else None,
        name_words=frozenset(name_words or ()),
    )


# Dates of birth this many years apart (and not one slip of a digit) are two people's.
BIRTHS_APART_YEARS = 2
# Given names less alike than this (Jaro-Winkler), and alike in no other way, are two names.
NAMES_APART_SIMILARITY = 0.8
APART_BIRTHS = "dates of birth years apart"
APART_NAMES = "given names with nothing in common"
APART_NHS = "two different NHS numbers"
APART_REVIEWED = "a reviewer's no-match between their records"


def _births_apart(one: str, other: str) -> bool:
    years = abs(int(one[:4]) - int(other[:4]))
    return years >= BIRTHS_APART_YEARS and jellyfish.damerau_levenshtein_distance(one, other) > 1


def _names_apart(one: Identity, other: Identity) -> bool:
    a, b = one.given, other.given
    if a is None or b is None or a == b:
        return False
    if set(one.given_formals) & set(other.given_formals):
        return False  # "Tom" and "Thomas"
    if a in other.name_words or b in one.name_words:
        return False  # a middle name used as the first, names the wrong way round
    if one.given_sound and one.given_sound == other.given_sound:
        return False
    return jellyfish.jaro_winkler_similarity(a, b) < NAMES_APART_SIMILARITY


class _Person:
    """A group of records being built: its members' distinct identities."""

    __slots__ = ("births", "names", "nhs")

    def __init__(self, own: Identity | None) -> None:
        self.nhs = own.nhs_number if own else None
        self.births = set(own.births) if own else set()
        self.names = {own.given: own} if own and own.given else {}

    def apart_from(self, other: _Person) -> str | None:
        """Why two groups cannot be one person, or None. Dates of birth and given names
        part them only when none of one group's agrees with any of the other's: one record
        with a wrong date does not keep a person's other records apart."""
        if self.nhs and other.nhs and self.nhs != other.nhs:
            return APART_NHS
        if (
            self.births
            and other.births
            and all(_births_apart(a, b) for a in self.births for b in other.births)
        ):
            return APART_BIRTHS
        if (
            self.names
            and other.names
            and all(_names_apart(a, b) for a in self.names.values() for b in other.names.values())
        ):
            return APART_NAMES
        return None

    def absorb(self, other: _Person) -> None:
        self.nhs = self.nhs or other.nhs
        self.births |= other.births
        for name, own in other.names.items():
            known = self.names.get(name)
            # Every word the group's records give beside the name: "Kacper" with no middle
            # name and "Kacper Jakub" are one name, and "Jakub" is one of its words.
            if known is None:
                self.names[name] = own
            elif not own.name_words <= known.name_words:
                self.names[name] = replace(known, name_words=known.name_words | own.name_words)


def persons(
    count: int,
    linked: Iterable[ScoredPair],
    *,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    identities: Sequence[Identity | None] | None = None,
    refused: dict[tuple[int, int], str] | None = None,
) -> list[int]:
    """The person (a cluster number, its lowest position) of every position 0..count-1.

    Links are taken most likely first, and a link that would make one person of two groups
    that cannot be one is refused (the weaker chain is the one refused); `refused`, when
    given, gets each refused link's (left, right) and the reason. Reviewers' decisions bind:
    `must_link` pairs are joined first whatever the records say, and no link joins two
    groups that hold a `cannot_link` pair between them. With `identities` (each position's
    `Identity`, or None), no link joins two groups holding:
    - different NHS numbers: one person has one, and a chain of links between two of them
      is a chain through a sibling;
    - only dates of birth years apart, or only given names that have nothing in common (a
      chain through a twin, a parent, a brother), unless the link's own records share an
      identifier of the person's own (an NHS number, an email, an agency id, a mobile number).
    """
    parent = list(range(count))
    # A group's root -> what its records say, made when the group first takes part in a join
    # (most records are never the root of a joined group, and a million of them are many).
    groups: dict[int, _Person] = {}

    def group(node: int) -> _Person | None:
        found = groups.get(node)
        if found is None and identities is not None:
            own = identities[node]
            if own is not None and (own.nhs_number or own.births or own.given):
                found = groups[node] = _Person(own)
        return found

    # position -> the positions it may not be joined with; and a group's root -> its members
    # that have any (the only members a refusal can turn on).
    apart: dict[int, set[int]] = {}
    for left, right in cannot_link:
        apart.setdefault(left, set()).add(right)
        apart.setdefault(right, set()).add(left)
    members: dict[int, set[int]] = {node: {node} for node in apart}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # halve the path as we go
            node = parent[node]
        return node

    def join(
        a: int, b: int, *, reviewed: bool = False, identified: Mapping[str, int] | None = None
    ) -> str | None:
        """Join a's and b's groups, or say why not; `identified`: the link's levels, read
        for an identifier of the person's own agreeing only when the groups are apart."""
        left, right = root(a), root(b)
        if left == right:
            return None
        if apart:
            left_members = members.get(left, set())
            right_members = members.get(right, set())
            small, large = sorted((left_members, right_members), key=len)
            if any(apart.get(node, set()) & large for node in small):
                return APART_REVIEWED
        left_group, right_group = group(left), group(right)
        # A reviewer who has seen both records outranks what the records say.
        if not reviewed and left_group is not None and right_group is not None:
            why = left_group.apart_from(right_group)
            if why is not None and (
                why == APART_NHS or not identified or not own_identifier_agrees(identified)
            ):
                return why
        kept, gone = min(left, right), max(left, right)
        parent[gone] = kept
        if gone in members:
            members[kept] = members.pop(gone) | members.get(kept, set())
        merged = groups.pop(gone, None)
        if merged is not None:
            if kept in groups:
                groups[kept].absorb(merged)
            else:
                groups[kept] = merged
        return None

    for a, b in must_link:
        join(a, b, reviewed=True)
    if apart or identities is not None:
        linked = sorted(linked, key=lambda pair: -pair.match_probability)
    for pair in linked:
        why = join(pair.left, pair.right, identified=pair.levels)
        if why is not None and refused is not None:
            refused[(pair.left, pair.right)] = why
    return [root(node) for node in range(count)]
