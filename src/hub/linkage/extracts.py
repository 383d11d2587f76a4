"""Agency extracts (CSV or Parquet) read through their source mappings into `hub link` rows.

Each agency names its columns its own way; its definition (`definitions/sources/*.yaml`)
says which hold what. The rows come out with our field names, record ids made unique across
agencies (`police:WMP0001`), identifiers named by kind (`pnc:10/123456A`) and month-first
dates turned day first, so nothing an agency meant is lost on the way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from .definitions import RECORD_FIELDS, Field_, SourceMapping
from .normalise.dates import as_day_first
from .normalise.names import split_whole_name

PARQUET_BATCH = 65_536


class ExtractError(Exception):
    """An extract that cannot be read as its mapping says: the file and what is wrong."""


@dataclass(frozen=True)
class Extract:
    """One agency file and the mapping that reads it."""

    path: Path
    mapping: SourceMapping


def _needed_columns(mapping: SourceMapping) -> list[str]:
    needed = [column for columns in mapping.columns.values() for column in columns]
    if mapping.whole_name is not None:
        needed.append(mapping.whole_name.column)
    return list(dict.fromkeys(needed))


def _raw_rows(extract: Extract) -> Iterator[dict[str, object]]:
    path, needed = extract.path, _needed_columns(extract.mapping)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            parquet = pq.ParquetFile(path)
        except (OSError, ValueError) as exc:
            raise ExtractError(f"{path}: not a Parquet file we can read ({exc})") from exc
        missing = [column for column in needed if column not in parquet.schema_arrow.names]
        if missing:
            raise ExtractError(f"{path}: no column {', '.join(missing)} (see its mapping)")
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=needed):
            yield from batch.to_pylist()
        return
    if suffix != ".csv":
        raise ExtractError(f"{path}: extracts are .csv or .parquet files")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in needed if column not in (reader.fieldnames or [])]
            if missing:
                raise ExtractError(f"{path}: no column {', '.join(missing)} (see its mapping)")
            yield from reader
    except UnicodeDecodeError as exc:
        raise ExtractError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def unified_rows(extract: Extract) -> Iterator[dict[str, str]]:
    """An extract's rows with our field names, ready for `hub link`."""
    mapping = extract.mapping
    for raw in _raw_rows(extract):
        row = {field: "" for field in RECORD_FIELDS}
        for field, columns in mapping.columns.items():
            row[field.value] = " ".join(
                text for text in (_text(raw.get(column)) for column in columns) if text
            )
        if mapping.whole_name is not None:
            given, family, other = split_whole_name(
                _text(raw.get(mapping.whole_name.column)),
                family_first=mapping.whole_name.order == "family_first",
            )
            row[Field_.GIVEN_NAME] = given
            row[Field_.FAMILY_NAME] = family
            row[Field_.OTHER_NAMES] = " ".join(
                part for part in (other, row[Field_.OTHER_NAMES]) if part
            )
        row[Field_.RECORD_ID] = f"{mapping.source}:{row[Field_.RECORD_ID]}"
        row[Field_.SOURCE] = mapping.source
        if mapping.date_order == "month_first" and row[Field_.DATE_OF_BIRTH]:
            row[Field_.DATE_OF_BIRTH] = as_day_first(row[Field_.DATE_OF_BIRTH])
        if mapping.other_identifier_kind and row[Field_.OTHER_IDENTIFIER]:
            row[Field_.OTHER_IDENTIFIER] = (
                f"{mapping.other_identifier_kind}:{row[Field_.OTHER_IDENTIFIER]}"
            )
        yield row


def write_link_input(extracts: Iterable[Extract], out: Path) -> int:
    """Write the extracts as one `hub link` CSV; return the number of rows written."""
    written = 0
    temporary = out.with_name(out.name + ".partial")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(RECORD_FIELDS))
        writer.writeheader()
        for extract in extracts:
            for row in unified_rows(extract):
                writer.writerow(row)
                written += 1
    temporary.replace(out)
    return written
