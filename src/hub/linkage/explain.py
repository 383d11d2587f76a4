"""Why a pair scored what it did: the waterfall of a match weight, as data.

A pair's match weight is the prior (how likely any two records are one person) plus each
comparison's weight for the level the pair reached, plus a term frequency adjustment where
the model has one (a shared rare name says more than a shared common one). The household
check (clusters.py) may still refuse the link; the explanation says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from .clusters import ScoredPair, household_check
from .model_names import DESCRIPTIONS


@dataclass(frozen=True)
class Reason:
    """One comparison's part in a pair's match weight."""

    comparison: str  # the comparison's name ("date_of_birth")
    description: str  # in words ("Date of birth")
    level: str  # the level reached ("day and month swapped")
    match_weight: float  # log2 of m/u for that level; 0 when the field is missing
    term_frequency_adjustment: float  # added for how common the agreeing value is


@dataclass(frozen=True)
class PairExplanation:
    """A pair's score, from the prior through every comparison to the final weight."""

    prior: float
    reasons: list[Reason]
    match_weight: float
    match_probability: float
    household_check: str | None  # why the link is refused though likely, or None
    linked: bool

    def as_json(self) -> dict[str, Any]:
        """The explanation as plain data (for a page, a file, another system)."""
        return {
            "prior": self.prior,
            "reasons": [reason.__dict__ for reason in self.reasons],
            "match_weight": self.match_weight,
            "match_probability": self.match_probability,
            "household_check": self.household_check,
            "linked": self.linked,
        }


def _level_label(comparison: Mapping[str, Any], value: int) -> str:
    levels = comparison["comparison_levels"]
    if value == -1:
        # Splink gives every level a comparison does not weigh one value: where there are
        # several (the family name of records that moved is weighed by another comparison),
        # which one the pair reached is not known, and each is named.
        nulls = [str(level.get("label_for_charts", "missing")) for level in levels
                 if level.get("is_null_level")]  # fmt: skip
        return ", or ".join(nulls) if nulls else "missing"
    graded = [level for level in levels if not level.get("is_null_level")]
    return str(graded[len(graded) - 1 - value].get("label_for_charts", ""))


def prior_weight(model: Mapping[str, Any]) -> float:
    """The match weight before any comparison: log2 of the prior odds of a match."""
    probability = float(model["probability_two_random_records_match"])
    return math.log2(probability / (1 - probability))


def explain_pair(model: Mapping[str, Any], pair: ScoredPair, threshold: float) -> PairExplanation:
    """The waterfall of one scored pair (one kept with its weights: `explain=True`)."""
    if pair.weights is None:
        raise ValueError("this pair was scored without its weights (link with explain=True)")
    reasons = []
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        reasons.append(
            Reason(
                comparison=name,
                description=DESCRIPTIONS.get(name, name),
                level=_level_label(comparison, pair.levels[name]),
                match_weight=pair.weights.get(name, 0.0),
                term_frequency_adjustment=pair.weights.get(f"tf_adj_{name}", 0.0),
            )
        )
    refused = household_check(pair.levels)
    return PairExplanation(
        prior=prior_weight(model),
        reasons=reasons,
        match_weight=pair.match_weight,
        match_probability=pair.match_probability,
        household_check=refused,
        linked=pair.match_probability >= threshold and refused is None,
    )


def explain_records(
    model: Mapping[str, Any],
    left: Mapping[str, object],
    right: Mapping[str, object],
    *,
    threshold: float,
    today: date | None = None,
) -> PairExplanation:
    """The waterfall of any two records (in `hub link` fields) under a trained model (a run's
    `splink_model`), whether or not a run ever compared them.

    The run's name frequencies are not kept (they are derived from personal data), so the
    exact name levels are scored without their term frequency adjustment; and what only the
    whole input tells (names the wrong way round, the one name an initial stands for, a mobile
    number that is one person's) is not known of two records alone.
    """
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker

    from .normalise.record import prepare_record
    from .pipeline import prepared_schema

    today = today or datetime.now(UTC).date()
    records = [
        prepare_record(record, unique_id=position, today=today).values
        for position, record in enumerate((left, right))
    ]
    neutral = _neutral_term_frequencies(model)
    for record in records:
        record.update(neutral)
    schema = prepared_schema()
    for column in neutral:
        schema = schema.append(pa.field(column, pa.float64()))
    table = pa.Table.from_pylist(records, schema=schema)
    api = DuckDBAPI(connection=duckdb.connect())
    try:
        linker = Linker(api.register(table), dict(model), log_level=None)
        scored = linker.inference.score_pair(records[0], records[1])
        row = scored.as_record_list()[0]
    finally:
        api.duckdb_con.close()
    names = [comparison["output_column_name"] for comparison in model["comparisons"]]
    weights = {name: float(row.get(f"mw_{name}") or 0) for name in names}
    weights.update({f"tf_adj_{name}": float(row.get(f"mw_tf_adj_{name}") or 0) for name in names})
    pair = ScoredPair(
        0,
        1,
        float(row["match_weight"]),
        float(row["match_probability"]),
        {name: int(row[f"gamma_{name}"]) for name in names},
        weights,
    )
    return explain_pair(model, pair, threshold)


def _neutral_term_frequencies(model: Mapping[str, Any]) -> dict[str, float]:
    # A term frequency equal to the exact level's u makes its adjustment log2(u/tf) = 0.
    neutral: dict[str, float] = {}
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            column = level.get("tf_adjustment_column")
            if column and level.get("u_probability"):
                neutral[f"tf_{column}"] = float(level["u_probability"])
    return neutral
