"""Synthetic agency extracts with ground truth, for measuring linkage. No database needed.

`make_extracts(folder, records=N, seed=S)` writes one file per agency (CSV or Parquet, in the
agency's own columns), `truth.csv` (record_id -> the true person and household) and
`manifest.json`. The same seed and size give the same files, byte for byte. Synthetic people
only: names from the demo's pools, real postcodes of the region, nobody real.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pyarrow as pa
import pyarrow.parquet as pq

from .agencies import AGENCIES, Agency, RecordWriter
from .population import population

TRUTH_FILE = "truth.csv"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Extracts:
    """What was written: each agency's file with its source id, and the truth file."""

    folder: Path
    files: dict[str, Path]  # source id -> extract
    truth: Path
    records: int
    persons: int


def _write_extract(agency: Agency, rows: list[dict[str, str]], folder: Path) -> Path:
    columns = list(agency.columns.values())
    path = folder / f"{agency.source}.{agency.file_format}"
    if agency.file_format == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    else:
        table = pa.table(
            {column: pa.array([row[column] or None for row in rows], pa.string())
             for column in columns}
        )  # fmt: skip
        pq.write_table(table, path, compression="zstd")
    return path


def make_extracts(
    folder: Path,
    *,
    records: int,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Extracts:
    """Write `records` agency records about a synthetic population into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = Random(seed)  # noqa: S311 (synthetic data: reproducible, not secret)
    writer = RecordWriter(rng)
    by_agency: dict[str, list[dict[str, str]]] = {agency.source: [] for agency in AGENCIES}
    truth: list[tuple[str, str, str]] = []
    persons = 0
    people = population(rng)
    while len(truth) < records:
        person = next(people)
        persons += 1
        for agency in writer.agencies_for(person):
            if len(truth) >= records:
                break
            row = writer.record(person, agency)
            by_agency[agency.source].append(row)
            record_id = f"{agency.source}:{row[agency.columns['record_id']]}"
            truth.append((record_id, person.person_id, f"H{person.household:08d}"))
            if progress is not None and len(truth) % 10_000 == 0:
                progress(len(truth))
    files: dict[str, Path] = {}
    for agency in AGENCIES:
        rows = by_agency[agency.source]
        # An extract lists its records in its own order, not person by person.
        rng.shuffle(rows)
        files[agency.source] = _write_extract(agency, rows, folder)
    truth_path = folder / TRUTH_FILE
    with truth_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["record_id", "person_id", "household_id"])
        out.writerows(sorted(truth))
    manifest = {
        "seed": seed,
        "records": len(truth),
        "persons": persons,
        "files": {source: path.name for source, path in files.items()},
        "truth": TRUTH_FILE,
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return Extracts(folder, files, truth_path, len(truth), persons)


def read_truth(path: Path) -> dict[str, str]:
    """record_id -> true person id, from a truth file."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
