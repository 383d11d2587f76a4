"""How good a linkage is against the truth: pairwise and cluster-level precision and recall.

Pairwise: every pair of records put in one person is a predicted pair; it is right when the
truth has them as one person. Cluster-level: a predicted person is right when it holds
exactly the records of one true person (precision over predicted persons, recall over true
persons). Persons of one record count too: a singleton left alone is a right cluster.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1, pairwise and by cluster, with the counts behind them."""

    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    cluster_precision: float
    cluster_recall: float
    cluster_f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    def as_dict(self) -> dict[str, float | int]:
        """The figures by name, for a results file."""
        return asdict(self)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(groups: Mapping[str, int]) -> int:
    return sum(size * (size - 1) // 2 for size in groups.values())


def score_linkage(
    record_ids: Sequence[str], predicted: Sequence[str], truth: Mapping[str, str]
) -> Scores:
    """Compare predicted person keys (one per record id) with the true person ids."""
    true_of = [truth[record_id] for record_id in record_ids]
    predicted_sizes = Counter(predicted)
    true_sizes = Counter(true_of)
    both = Counter(zip(predicted, true_of, strict=True))
    correct = sum(size * (size - 1) // 2 for size in both.values())
    predicted_pairs, true_pairs = _pairs(predicted_sizes), _pairs(true_sizes)
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    members: dict[str, set[str]] = defaultdict(set)
    for key, person in zip(predicted, true_of, strict=True):
        members[key].add(person)
    # A predicted person is exact when it holds one true person and all of their records.
    exact = sum(
        1
        for key, persons in members.items()
        if len(persons) == 1 and true_sizes[next(iter(persons))] == predicted_sizes[key]
    )
    cluster_precision = exact / len(predicted_sizes) if predicted_sizes else 1.0
    cluster_recall = exact / len(true_sizes) if true_sizes else 1.0
    return Scores(
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        cluster_precision=cluster_precision,
        cluster_recall=cluster_recall,
        cluster_f1=_f1(cluster_precision, cluster_recall),
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
    )
