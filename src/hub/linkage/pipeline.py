"""One linkage run: prepare the records, train the model on them, score pairs, cluster.

The model is trained afresh on every run (u by random sampling, m by expectation
maximisation over the training blocks) and saved with the run (`runs.py`). Records that
cannot be linked (a broken row, nothing to link on) are kept as persons of their own.
"""

from __future__ import annotations

import copy
import itertools
import logging
import multiprocessing as mp
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clusters import LEVEL_COLUMNS, Identity, ScoredPair, identity, links, persons
from .engines import Database, Engine, close_database, open_database
from .model_names import TF_COMPARISONS
from .normalise.record import (
    LIST_COLUMNS,
    PREPARED_COLUMNS,
    initials_at_home,
    linkable,
    names_the_wrong_way_round,
    own_mobiles,
    prepare_records,
    turn_names_round,
)
from .reader import InputRow

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_THRESHOLD = 0.95
# Pairs scored at least this likely are kept for review and explanation, below the threshold.
REVIEW_FLOOR = 0.5
PROBABILITY_RECALL = 0.7  # the share of true pairs the deterministic rules are taken to find


@dataclass(frozen=True)
class LinkOptions:
    """How to run: the match probability that links, the engine, training sizes, the seed."""

    threshold: float = DEFAULT_THRESHOLD
    engine: Engine = "duckdb"
    seed: int = 42
    u_max_pairs: float = 2e6
    em_max_pairs: float = 2e6
    workdir: Path | None = None
    explain: bool = False  # keep each scored pair's weights, to explain it (small runs)


@dataclass
class Prepared:
    """The records ready for the model, and those kept out of it."""

    record_ids: list[str]
    table: pa.Table  # one row per linkable record; unique_id = position in record_ids
    alone: dict[int, str]  # position -> why the record is a person of its own
    field_problems: list[tuple[int, str, str]]  # (line, field, message)
    lines: list[int]


@dataclass
class LinkResult:
    """The person key of every record (in input order), the trained model and the pairs."""

    person_keys: list[str]
    model: dict[str, Any]
    pairs: list[ScoredPair] = field(default_factory=list)
    # (left, right) of each link not taken -> why (clusters.persons)
    refused: dict[tuple[int, int], str] = field(default_factory=dict)


Progress = Callable[[str], None]


NOTHING_TO_LINK = (
    "nothing to link on (a name with a date of birth, postcode or address, or an identifier)"
)
# Rows normalised per task; large inputs are normalised by a process per core.
CHUNK_ROWS = 25_000


@dataclass
class _Chunk:
    """Some rows normalised: their prepared columns, those kept apart, their problems."""

    columns: dict[str, list[object]]
    alone: dict[int, str]
    problems: list[tuple[int, str, str]]


def _prepare_chunk(rows: list[tuple[int, int, dict[str, str], str | None]], today: date) -> _Chunk:
    """Normalise (position, line, values, broken) rows: a pure function, run in any process."""
    chunk = _Chunk({}, {}, [])
    kept = []
    for position, line, values, broken in rows:
        if broken:
            chunk.alone[position] = broken
        else:
            kept.append((position, line, values))
    columns, problems = prepare_records(
        [values for _, _, values in kept],
        unique_ids=[position for position, _, _ in kept],
        today=today,
    )
    for (_, line, _), found in zip(kept, problems, strict=True):
        chunk.problems.extend((line, name, message) for name, message in found)
    keep = linkable(columns)
    for (position, _, _), linked in zip(kept, keep, strict=True):
        if not linked:
            chunk.alone[position] = NOTHING_TO_LINK
    if all(keep):
        chunk.columns = columns
    else:
        chunk.columns = {
            name: [value for value, linked in zip(values, keep, strict=True) if linked]
            for name, values in columns.items()
        }
    return chunk


def _chunks(
    rows: Iterable[InputRow], record_ids: list[str], lines: list[int]
) -> Iterator[list[tuple[int, int, dict[str, str], str | None]]]:
    batch: list[tuple[int, int, dict[str, str], str | None]] = []
    for position, row in enumerate(rows):
        record_ids.append(row.values["record_id"])
        lines.append(row.line)
        batch.append((position, row.line, row.values, row.broken))
        if len(batch) == CHUNK_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def prepare_rows(rows: Iterable[InputRow], *, today: date | None = None) -> Prepared:
    """Normalise every input row; keep the ones that cannot be linked apart.

    Normalising is pure Python and the first cost of a large run, so past one chunk the
    chunks go to a process per core (forked: the definitions are already loaded), and come
    back in input order.
    """
    today = today or datetime.now(UTC).date()
    record_ids: list[str] = []
    lines: list[int] = []
    chunks = _chunks(rows, record_ids, lines)
    first = next(chunks, [])
    workers = os.cpu_count() or 1
    if len(first) == CHUNK_ROWS and workers > 1 and "fork" in mp.get_all_start_methods():
        # Every chunk to the workers, the first too: this process reads the rows meanwhile.
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            done = list(
                pool.map(_prepare_chunk, itertools.chain([first], chunks), itertools.repeat(today))
            )
    else:
        done = [_prepare_chunk(chunk, today) for chunk in itertools.chain([first], chunks)]
    columns = {name: [value for chunk in done for value in chunk.columns[name]]
               for name in PREPARED_COLUMNS}  # fmt: skip
    # Which way round a record's names are is told by the whole input's use of each word.
    turn_names_round(columns, names_the_wrong_way_round(columns))
    columns["initial_stands_for"] = list[object](initials_at_home(columns))
    columns["own_phone"] = list[object](own_mobiles(columns))
    alone = {position: why for chunk in done for position, why in chunk.alone.items()}
    problems = [problem for chunk in done for problem in chunk.problems]
    import pyarrow as pa

    table = pa.table(columns, schema=prepared_schema())
    return Prepared(record_ids, table, alone, problems, lines)


def prepared_schema() -> pa.Schema:
    """The Arrow types of the prepared columns: the position, lists of words, else text."""
    import pyarrow as pa

    return pa.schema(
        [
            (name, pa.int64() if name == "unique_id" else pa.list_(pa.string()))
            if name == "unique_id" or name in LIST_COLUMNS
            else (name, pa.string())
            for name in PREPARED_COLUMNS
        ]
    )


def _train(linker: Any, options: LinkOptions, progress: Progress) -> None:
    from .model import deterministic_rules, training_blocking_rules

    progress("estimating how often two records are one person")
    linker.training.estimate_probability_two_random_records_match(
        deterministic_rules(), recall=PROBABILITY_RECALL
    )
    progress("estimating u (random pairs)")
    # One pass over the sample. Splink's default probes a small chunk and then takes ten,
    # stopping early once every level has been seen 100 times; the rare levels (names the
    # wrong way round, an agency id agreeing) never are in random pairs, so every
    # comparison ran all eleven passes: 30 seconds for 10,000 records, for the same pairs.
    linker.training.estimate_u_using_random_sampling(
        max_pairs=options.u_max_pairs, seed=options.seed, num_chunks=1, min_count_per_level=None
    )
    for rule in training_blocking_rules():
        progress("estimating m (expectation maximisation)")
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=options.em_max_pairs
        )


# A level the training never saw among matches (records of one person with two emails: a
# changed or mistyped one) happens all the same: its m is held at one in ten thousand, so
# that one field cannot weigh -60 bits against everything else.
LEAST_M = 1e-4


def model_for_scoring(model: dict[str, Any], sampled_pairs: float) -> dict[str, Any]:
    """The trained model with each u probability cleared of the matches among the random
    pairs it was estimated from, and no m below `LEAST_M`.

    Splink takes random pairs for pairs of different people, but a share of them (the
    probability two random records match, about one in 5,000 of 10,000 records) are one
    person, and for a level strangers seldom reach (an NHS number, a date of birth agreeing)
    those pairs are most of what was counted: u came out near that share, and the level's
    weight no more than cancelled the prior. A level's share among random pairs is
    lambda * m + (1 - lambda) * u; u is solved from it, and held at no less than one pair
    in the sample (a level the sample reached only through matches) and no more than one
    (a level nearly every random pair reaches, such as two emails that differ)."""
    found = copy.deepcopy(model)
    share = found["probability_two_random_records_match"]
    least = 1 / sampled_pairs
    for comparison in found["comparisons"]:
        for level in comparison["comparison_levels"]:
            u, m = level.get("u_probability"), level.get("m_probability")
            # Splink writes a level it could not estimate as null or as text
            if level.get("is_null_level") or not isinstance(m, int | float):
                continue
            level["m_probability"] = max(m, LEAST_M)
            if isinstance(u, int | float):
                level["u_probability"] = min(max((u - share * m) / (1 - share), least), 1.0)
    return found


def _scored_pairs(database: Database, predictions: Any, *, explain: bool) -> list[ScoredPair]:
    level_columns = list(LEVEL_COLUMNS)
    weight_columns: list[str] = []
    if explain:
        from .model import comparisons

        names = [comparison.create_output_column_name() for comparison in comparisons()]
        level_columns = [f"gamma_{name}" for name in names]
        weight_columns = [f"mw_{name}" for name in names] + [
            f"mw_tf_adj_{name}" for name in TF_COMPARISONS
        ]
    columns = [
        "unique_id_l",
        "unique_id_r",
        "match_weight",
        "match_probability",
        *level_columns,
        *weight_columns,
    ]
    level_names = [column.removeprefix("gamma_") for column in level_columns]
    weight_names = [column.removeprefix("mw_") for column in weight_columns]
    first_weight = 4 + len(level_columns)
    pairs = []
    for row in database.rows(predictions, columns):
        levels = dict(zip(level_names, (int(v) for v in row[4:first_weight]), strict=True))
        weights = (
            dict(zip(weight_names, (float(v or 0) for v in row[first_weight:]), strict=True))
            if explain
            else None
        )
        pairs.append(
            ScoredPair(int(row[0]), int(row[1]), float(row[2]), float(row[3]), levels, weights)
        )
    return pairs


def link_prepared(
    prepared: Prepared,
    options: LinkOptions,
    progress: Progress = lambda _: None,
    *,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
) -> LinkResult:
    """Train, score and cluster the prepared records; every record gets a person key.

    `must_link` and `cannot_link` are reviewers' decisions, as pairs of positions: they bind
    the clustering whatever the model says.
    """
    # Splink (seconds to import) only where a model runs: see model_names.py.
    from splink import Linker

    from .model import settings

    keys = list(prepared.record_ids)
    must_link, cannot_link = list(must_link), list(cannot_link)
    if prepared.table.num_rows < 2:
        for position, first in enumerate(persons(len(keys), [], must_link=must_link)):
            keys[position] = prepared.record_ids[first]
        return LinkResult(keys, {})
    with tempfile.TemporaryDirectory(prefix="hub-link-", dir=options.workdir) as workdir:
        progress(f"starting {options.engine}")
        database = open_database(options.engine, prepared.table, Path(workdir))
        try:
            # Splink warns of levels a training block cannot see; the blocks are chosen so that
            # each level is trained by another, so those warnings are noise here.
            logging.getLogger("splink").setLevel(logging.ERROR)
            linker = Linker(database.records, settings(), log_level=None)
            _train(linker, options, progress)
            records = prepared.table.num_rows
            sampled = min(options.u_max_pairs, records * (records - 1) / 2)
            trained = model_for_scoring(linker.misc.save_model_to_json(), sampled)
            linker = Linker(database.records, trained, log_level=None)
            progress("scoring candidate pairs")
            # The pairs below the threshold are for review and explanation only: a batch that
            # explains nothing keeps only the pairs likely enough to link.
            floor = min(REVIEW_FLOOR, options.threshold) if options.explain else options.threshold
            predictions = linker.inference.predict(threshold_match_probability=floor)
            pairs = _scored_pairs(database, predictions, explain=options.explain)
            model = linker.misc.save_model_to_json()
        finally:
            close_database(database)
    progress("clustering")
    refused: dict[tuple[int, int], str] = {}
    clusters = persons(
        len(keys),
        links(pairs, options.threshold),
        must_link=must_link,
        cannot_link=cannot_link,
        identities=_identities(prepared, len(keys)),
        refused=refused,
    )
    # The person key is the record id of the person's first record in input order.
    for position, first in enumerate(clusters):
        keys[position] = prepared.record_ids[first]
    return LinkResult(keys, model, pairs, refused)


def _identities(prepared: Prepared, count: int) -> list[Identity | None]:
    """Each position's identity for the checks on a whole person (None: kept out)."""
    import pyarrow.compute as pc

    found: list[Identity | None] = [None] * count
    table = prepared.table
    names = ("unique_id", "nhs_number", "dob", "dob_swapped", "given_name", "given_formals",
             "given_sound", "name_words")  # fmt: skip
    columns = [table.column(name).to_pylist() for name in names]
    # Only how many readings a date has (the other is `dob_swapped`): lists are the slow part
    # of turning Arrow into Python.
    readings = pc.list_value_length(table.column("dob_readings")).to_pylist()
    for position, number, dob, swapped, given, formals, sound, words, read in zip(
        *columns, readings, strict=True
    ):
        found[position] = identity(
            nhs_number=number,
            dob=dob,
            dob_readings=read or 0,
            dob_swapped=swapped,
            given=given,
            given_formals=formals,
            given_sound=sound,
            name_words=words,
        )
    return found
