"""From scored pairs to persons: which links count, and the persons they join.

A pair links when its match probability reaches the threshold and it passes the household
check. The check exists because the model's u probabilities come from random pairs, among
which sharing a family name, an address and a phone is rare; inside a household it is
normal. Twins share all of that and a date of birth; a son named after his father shares all
of it and a given name. So, unless an identifier of the person's own (NHS number, email, an
agency id) agrees, a link needs the person's own details to speak for it: the given name or
the date of birth agrees, and neither disagrees (a date in the same year only, or an initial
that fits, counts as neither).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from .model import least_agreeing_values, neutral_values

# Splink's comparison vector values: -1 missing, 0 "all other comparisons" (the level that
# disagrees), higher values agree more.
MISSING = -1
DISAGREES = 0
AGREES_EXACTLY = 1  # the exact level of a null/exact/else comparison
PERSONAL_DETAILS = ("given_name", "date_of_birth")
PERSONAL_IDENTIFIERS = ("nhs_number", "email", "other_identifier")
LEVEL_COLUMNS = tuple(f"gamma_{name}" for name in (*PERSONAL_DETAILS, *PERSONAL_IDENTIFIERS))


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


@cache
def _least_agreeing() -> dict[str, int]:
    return least_agreeing_values()


@cache
def _neutral() -> dict[str, int]:
    return neutral_values()


def household_check(levels: Mapping[str, int]) -> str | None:
    """Why a pair may not link on household details alone, or None when it may."""
    if any(levels.get(name) == AGREES_EXACTLY for name in PERSONAL_IDENTIFIERS):
        return None
    neutral = _neutral()
    if any(levels.get(name) == value for name, value in neutral.items()):
        levels = {
            **levels,
            **{name: MISSING for name, v in neutral.items() if levels.get(name) == v},
        }
    least = _least_agreeing()
    disagreeing = [name for name in PERSONAL_DETAILS if levels.get(name) == DISAGREES]
    if levels.get("date_of_birth", MISSING) in range(DISAGREES + 1, least["date_of_birth"]):
        disagreeing.append("date_of_birth")
    if disagreeing:
        what = " and ".join(name.replace("_", " ") for name in disagreeing)
        return f"the {what} disagree, and no identifier of the person's own agrees"
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


def persons(
    count: int,
    linked: Iterable[ScoredPair],
    *,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    nhs_numbers: Sequence[str | None] | None = None,
) -> list[int]:
    """The person (a cluster number, its lowest position) of every position 0..count-1.

    Reviewers' decisions bind: `must_link` pairs are joined first, and no link joins two
    groups that hold a `cannot_link` pair between them. With `nhs_numbers` (each position's
    valid NHS number or None), no link joins two groups holding different NHS numbers: one
    person has one, and a chain of links between two of them is a chain through a sibling.
    Links are taken most likely first, so the weaker chain is the one refused.
    """
    parent = list(range(count))
    # A group's root -> its NHS number, when any of its records has one.
    nhs = list(nhs_numbers) if nhs_numbers is not None else None
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

    def join(a: int, b: int, *, reviewed: bool = False) -> None:
        left, right = root(a), root(b)
        if left == right:
            return
        if apart:
            left_members = members.get(left, set())
            right_members = members.get(right, set())
            small, large = sorted((left_members, right_members), key=len)
            if any(apart.get(node, set()) & large for node in small):
                return
        # A reviewer who has seen both records outranks the NHS numbers on them.
        if (
            not reviewed
            and nhs is not None
            and nhs[left]
            and nhs[right]
            and nhs[left] != nhs[right]
        ):
            return
        kept, gone = min(left, right), max(left, right)
        parent[gone] = kept
        if gone in members:
            members[kept] = members.pop(gone) | members.get(kept, set())
        if nhs is not None:
            nhs[kept] = nhs[kept] or nhs[gone]

    for a, b in must_link:
        join(a, b, reviewed=True)
    if apart or nhs is not None:
        linked = sorted(linked, key=lambda pair: -pair.match_probability)
    for pair in linked:
        join(pair.left, pair.right)
    return [root(node) for node in range(count)]
