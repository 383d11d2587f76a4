"""What our linkage is measured against, on the same `hub link` input files.

- Exact match: one person per (given name, family name, date of birth), each normalised as
  linkage normalises them; a record missing any of the three is a person of its own.
- Plain Splink: Splink 5 set up as its tutorial sets it up (name comparisons, a Levenshtein
  date of birth, town with term frequencies, email; blocking on given name and town, and on
  family name; the tutorial's training), on the raw columns with no normalisation of ours.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from .normalise.dates import UnreadableDate, read_birth_date
from .normalise.names import family_words, name_words
from .reader import LinkInput


def exact_match_keys(path: Path) -> tuple[list[str], list[str]]:
    """(record ids, person keys) by exact normalised given name, family name and birth date."""
    today = datetime.now(UTC).date()
    record_ids: list[str] = []
    keys: list[str] = []
    first_with: dict[tuple[str, str, str], str] = {}
    for row in LinkInput(path).rows():
        record_id = row.values["record_id"]
        record_ids.append(record_id)
        given = name_words(row.values.get("given_name"))
        family = " ".join(family_words(row.values.get("family_name")))
        try:
            birth = read_birth_date(row.values.get("date_of_birth"), today=today)
        except UnreadableDate:
            birth = None
        if not given or not family or birth is None:
            keys.append(record_id)
            continue
        key = (given[0], family, birth.primary.isoformat())
        keys.append(first_with.setdefault(key, record_id))
    return record_ids, keys


def plain_splink_keys(
    path: Path, *, threshold: float = 0.95, seed: int = 42
) -> tuple[list[str], list[str]]:
    """(record ids, person keys) from Splink 5 as its tutorial sets it up, on raw columns."""
    import duckdb
    import splink.comparison_library as cl
    from splink import ColumnExpression, DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    connection = duckdb.connect()
    # The tutorial reads a CSV as it is: empty fields are NULL, every column text.
    connection.execute(
        "CREATE TABLE raw_records AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
        [str(path)],
    )
    db_api = DuckDBAPI(connection=connection)
    records = db_api.register("raw_records", dataset_display_name="records")
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name"),
            cl.LevenshteinAtThresholds(
                # Splink annotates a str but takes a ColumnExpression, as its tutorial does.
                ColumnExpression("date_of_birth").cast_to_string(),  # type: ignore[arg-type]
                1,
            ),
            cl.ExactMatch("town").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "town"),
            block_on("family_name"),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(records, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [
            block_on("given_name", "date_of_birth"),
            "l.given_name = r.given_name and levenshtein(r.family_name, l.family_name) <= 2",
            block_on("email"),
        ],
        recall=0.7,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    predictions = linker.inference.predict(threshold_match_probability=0.1)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    found = dict(
        connection.sql(
            f"SELECT record_id, cluster_id FROM {clusters.physical_name}"  # noqa: S608 (Splink's own table)
        ).fetchall()
    )
    record_ids = [row.values["record_id"] for row in LinkInput(path).rows()]
    return record_ids, [str(found.get(record_id, record_id)) for record_id in record_ids]
