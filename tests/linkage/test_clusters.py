"""From scored pairs to persons: links join, reviewers' decisions bind."""

from __future__ import annotations

from hub.linkage.clusters import ScoredPair, persons


def pair(left: int, right: int, probability: float) -> ScoredPair:
    return ScoredPair(left, right, 10.0, probability, {})


def test_links_join_records_transitively():
    assert persons(4, [pair(0, 1, 0.99), pair(1, 2, 0.98)]) == [0, 0, 0, 3]


def test_a_must_link_joins_records_no_link_joins():
    assert persons(3, [], must_link=[(1, 2)]) == [0, 1, 1]


def test_a_cannot_link_refuses_the_weaker_chain_between_two_records():
    # 0-1 strongly, 1-2 weakly: 0 and 2 may not be one person, so the weaker link is refused.
    linked = [pair(1, 2, 0.96), pair(0, 1, 0.999)]
    assert persons(3, linked, cannot_link=[(0, 2)]) == [0, 0, 2]


def test_a_cannot_link_holds_against_groups_joined_later():
    linked = [pair(0, 1, 0.99), pair(2, 3, 0.99), pair(1, 2, 0.97), pair(3, 4, 0.96)]
    keys = persons(5, linked, cannot_link=[(0, 4)])
    assert keys[0] == keys[1] == keys[2] == keys[3]
    assert keys[4] == 4


def test_no_link_joins_two_groups_with_different_nhs_numbers():
    # A chain through a sibling: 0 and 2 have their own NHS numbers, 1 (no number) looks
    # like both; the weaker link is refused.
    linked = [pair(0, 1, 0.99), pair(1, 2, 0.97)]
    numbers = ["4010232137", None, "9434765919"]
    assert persons(3, linked, nhs_numbers=numbers) == [0, 0, 2]
    assert persons(3, linked, nhs_numbers=[numbers[0], None, numbers[0]]) == [0, 0, 0]
    # A reviewer's match stands whatever the numbers say.
    assert persons(3, linked, must_link=[(0, 2)], nhs_numbers=numbers) == [0, 0, 0]
