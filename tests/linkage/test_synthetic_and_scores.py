"""The synthetic extracts, the measures of a linkage, and the household check."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

from hub.linkage.clusters import ScoredPair, household_check, links, persons
from hub.linkage.evaluation import score_linkage
from hub.linkage.synthetic import make_extracts


def test_the_same_seed_makes_the_same_files_and_another_seed_others(tmp_path):
    first = make_extracts(tmp_path / "a", records=300, seed=5)
    second = make_extracts(tmp_path / "b", records=300, seed=5)
    other = make_extracts(tmp_path / "c", records=300, seed=6)
    for source, path in first.files.items():
        assert path.read_bytes() == second.files[source].read_bytes(), source
    assert first.truth.read_bytes() == second.truth.read_bytes()
    assert first.truth.read_bytes() != other.truth.read_bytes()


def test_the_truth_names_every_record_once_with_hard_negatives_in_households(sample):
    with (sample.folder / "truth.csv").open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    assert len(truth) == 400
    assert len({row["record_id"] for row in truth}) == 400
    people_by_household = defaultdict(set)
    for row in truth:
        people_by_household[row["household_id"]].add(row["person_id"])
    # Households of several people (siblings, parents) are what linkage must keep apart.
    assert sum(1 for people in people_by_household.values() if len(people) > 1) > 20
    records_per_person = Counter(row["person_id"] for row in truth)
    assert max(records_per_person.values()) > 1


def test_pairwise_and_cluster_scores_count_what_they_say():
    truth = {"a": "P1", "b": "P1", "c": "P1", "d": "P2"}
    ids = ["a", "b", "c", "d"]
    perfect = score_linkage(ids, ["a", "a", "a", "d"], truth)
    assert (perfect.pairwise_f1, perfect.cluster_f1) == (1.0, 1.0)
    # c split off: one of three true pairs found... two missed; clusters: none of P1 exact.
    split = score_linkage(ids, ["a", "a", "c", "d"], truth)
    assert (split.pairwise_precision, round(split.pairwise_recall, 3)) == (1.0, 0.333)
    assert (split.cluster_precision, split.cluster_recall) == (1 / 3, 1 / 2)
    # everyone together: three right pairs of six predicted.
    merged = score_linkage(ids, ["a"] * 4, truth)
    assert (merged.pairwise_precision, merged.pairwise_recall) == (0.5, 1.0)
    assert merged.cluster_f1 == 0.0


def pair(left: int, right: int, probability: float, **levels: int) -> ScoredPair:
    return ScoredPair(left, right, 10.0, probability, levels)


def test_twins_sharing_everything_but_a_given_name_are_not_linked():
    twins = {"given_name": 0, "date_of_birth": 7, "nhs_number": -1}
    assert "given name disagree" in household_check(twins)
    # ... unless an identifier of the person's own agrees
    assert household_check({**twins, "nhs_number": 1}) is None
    # a son named after his father: the dates of birth disagree
    assert "date of birth disagree" in household_check({"given_name": 8, "date_of_birth": 0})
    # born the same year is not agreeing either
    assert household_check({"given_name": 8, "date_of_birth": 1}) is not None
    # nothing of the person's own to go on
    assert "neither" in household_check({"given_name": -1, "date_of_birth": -1})
    assert household_check({"given_name": 8, "date_of_birth": -1}) is None


def test_persons_are_the_connected_records_of_the_links_that_count():
    scored = [
        pair(0, 1, 0.99, given_name=8, date_of_birth=7),
        pair(1, 2, 0.97, given_name=6, date_of_birth=4),
        pair(3, 4, 0.80, given_name=8, date_of_birth=7),  # below the threshold
        pair(4, 5, 0.999, given_name=0, date_of_birth=7),  # twins
    ]
    assert persons(6, links(scored, 0.95)) == [0, 0, 0, 3, 4, 5]
    assert persons(6, links(scored, 0.5)) == [0, 0, 0, 3, 3, 5]
