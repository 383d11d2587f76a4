"""Reading a `hub link` input file: every row kept, bad files refused with line numbers.

An empty file has no records (an empty output follows). The file is refused (nothing
linked, nothing written) when it is not UTF-8, has no `record_id` column, or has a row whose
record id is empty or used before. A row that is otherwise broken (more or fewer fields than
the header) is kept, as a person of its own, and reported with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .definitions import RECORD_FIELDS

MAX_LISTED = 20  # problems of one kind listed on the terminal; the count says the rest


class InputRefused(Exception):
    """The input cannot be linked as it is; each problem names its line."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems))


@dataclass(frozen=True, slots=True)
class InputRow:
    """One data row: its line in the file, its fields, and why it is broken if it is."""

    line: int
    values: dict[str, str]
    broken: str | None = None


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise InputRefused(
            path,
            [
                f"line {line}: not UTF-8 text (byte 0x{bad}); save the file as UTF-8"
                " (we do not guess other encodings)"
            ],
        ) from exc


def _listed(problems: list[str], kind: str) -> list[str]:
    if len(problems) <= MAX_LISTED:
        return problems
    return [*problems[:MAX_LISTED], f"... and {len(problems) - MAX_LISTED:,} more {kind}"]


class LinkInput:
    """An input file whose header is readable; its rows are read once, in order, by `rows()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = _decoded(path)
        except FileNotFoundError as exc:
            raise InputRefused(path, ["file not found"]) from exc
        self._reader = csv.reader(io.StringIO(text, newline=""))
        # An empty file (nothing, or only blank lines) has no records: an empty output, not
        # a refusal, as a header-only file has none either.
        self.empty = not text.strip()
        if self.empty:
            self.header = ["record_id"]
            return
        try:
            self.header = [name.strip() for name in next(self._reader)]
        except csv.Error as exc:
            raise InputRefused(path, [f"line 1: not a CSV header ({exc})"]) from exc
        if "record_id" not in self.header:
            shown = ", ".join(self.header) if any(self.header) else "nothing"
            raise InputRefused(path, [f"line 1: no record_id column (the header has {shown})"])
        if self.header.count("record_id") > 1:
            raise InputRefused(path, ["line 1: record_id is a column name twice"])

    def rows(self) -> Iterator[InputRow]:
        """Every data row in order; InputRefused at the end if any record id is empty or
        used twice (so a caller keeps nothing it made from them)."""
        if self.empty:
            return
        header = self.header
        wanted = [(index, name) for index, name in enumerate(header) if name in RECORD_FIELDS]
        missing: list[str] = []
        repeated: list[str] = []
        first_line: dict[str, int] = {}
        reader = self._reader
        try:
            for fields in reader:
                line = reader.line_num
                if not any(field.strip() for field in fields):
                    continue  # a blank line is not a record
                values = {name: fields[index] for index, name in wanted if index < len(fields)}
                record_id = values.get("record_id", "").strip()
                values["record_id"] = record_id
                if not record_id:
                    missing.append(f"line {line}: record_id is empty")
                    continue
                seen = first_line.setdefault(record_id, line)
                if seen != line:
                    repeated.append(f"line {line}: record_id {record_id!r} is also on line {seen}")
                    continue
                broken = None
                if len(fields) != len(header):
                    broken = f"{len(fields)} fields where the header has {len(header)}"
                yield InputRow(line, values, broken)
        except csv.Error as exc:
            raise InputRefused(self.path, [f"line {reader.line_num}: not CSV ({exc})"]) from exc
        if missing or repeated:
            raise InputRefused(
                self.path,
                _listed(missing, "empty record ids") + _listed(repeated, "repeated record ids"),
            )
