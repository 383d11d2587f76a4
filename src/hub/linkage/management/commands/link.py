"""`hub link`: find the same person across agency records (a stable interface).

    hub link INPUT.csv --out OUTPUT.csv [--threshold P] [--engine duckdb|spark]
             [--model-dir DIR] [--pairs PAIRS.jsonl] [--seed N]

INPUT is a CSV with a header and a `record_id` column (unique), and any of: source,
given_name, family_name, other_names, date_of_birth, sex, address_line, town, postcode,
phone, email, nhs_number, other_identifier. Other columns are ignored. OUTPUT gets
`record_id,person_key` for every input row, in input order; rows sharing a person key are
judged one person (links at match probability P or more, default 0.95, that pass the
household check). The model is trained on INPUT and saved in DIR (default
var/linkage/models) as one JSON file per run. `--pairs` also writes every pair scored at 0.5
or more, with the reasons for its weight, one JSON object a line (and, for a link not taken
because it would make one person of records that cannot be one, `not_joined` says why).

Refused with exit status 2, nothing written: a file that is not UTF-8, has no record_id
column, or has an empty or repeated record id (each named by its line). An empty or
header-only file gives a header-only OUTPUT and says so. A row that cannot be read is kept
as a person of its own and reported on standard error with its line number; so are fields
that cannot be read.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hub.linkage.engines import ENGINES, EngineUnavailable
from hub.linkage.explain import explain_pair
from hub.linkage.pipeline import (
    DEFAULT_THRESHOLD,
    REVIEW_FLOOR,
    LinkOptions,
    link_prepared,
    prepare_rows,
)
from hub.linkage.reader import MAX_LISTED, InputRefused, InputRow, LinkInput
from hub.linkage.runs import save_run_model

EXIT_BAD_INPUT = 2
EXIT_ENGINE_UNAVAILABLE = 3


def _probability(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Link records of the same person across agencies: INPUT.csv -> record_id,person_key."
    # A batch over a file, needing no database and no other app's definitions: a problem in
    # a meeting type must not stop other systems linking (linkage's own definitions are
    # checked as they load, and by hub check-definitions).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="CSV with a record_id column")
        parser.add_argument("--out", type=Path, required=True, help="where to write the keys")
        parser.add_argument(
            "--threshold",
            type=_probability,
            default=DEFAULT_THRESHOLD,
            help=f"match probability that links two records (default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument("--engine", choices=ENGINES, default="duckdb")
        parser.add_argument("--model-dir", type=Path, default=None)
        parser.add_argument("--pairs", type=Path, default=None, help="scored pairs, JSON lines")
        parser.add_argument("--seed", type=int, default=42, help="for the random sampling")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(stderr=True, highlight=False, soft_wrap=True)
        started = time.monotonic()

        def say(message: str) -> None:
            console.print(f"[dim]{time.monotonic() - started:7.1f}s[/] {message}")

        source: Path = options["input"]
        out: Path = options["out"]
        try:
            link_input = LinkInput(source)
            prepared = prepare_rows(self._counted(link_input.rows(), console))
        except InputRefused as exc:
            self._refuse(console, exc)
        if not prepared.record_ids:
            self._write(out, [], [])
            what = "is empty" if link_input.empty else "has a header and no records"
            say(f"{source} {what}: nothing to link; wrote {out} with the header only")
            return
        self._report_unlinkable(console, prepared.alone, prepared.lines, source)
        self._report_fields(console, prepared.field_problems, source)
        say(f"read {len(prepared.record_ids):,} records; linking with {options['engine']}")
        link_options = LinkOptions(
            threshold=options["threshold"],
            engine=options["engine"],
            seed=options["seed"],
            explain=options["pairs"] is not None,
        )
        try:
            result = link_prepared(prepared, link_options, progress=say)
        except EngineUnavailable as exc:
            console.print(f"hub link: {exc}")
            sys.exit(EXIT_ENGINE_UNAVAILABLE)
        self._write(out, prepared.record_ids, result.person_keys)
        persons = len(set(result.person_keys))
        say(f"wrote {out}: {len(result.person_keys):,} records, {persons:,} persons")
        if result.model:
            folder = options["model_dir"] or Path(settings.VAR_DIR) / "linkage" / "models"
            saved = save_run_model(
                result.model,
                folder=folder,
                input_path=source,
                engine=options["engine"],
                records=len(prepared.record_ids),
                threshold=options["threshold"],
            )
            say(f"model of this run: {saved.path}")
            if options["pairs"] is not None:
                self._write_pairs(options["pairs"], result, prepared.record_ids, options)
                say(f"scored pairs (match probability {REVIEW_FLOOR} or more): {options['pairs']}")

    def _counted(self, rows: Iterator[InputRow], console: Console) -> Iterator[InputRow]:
        progress = Progress(
            TextColumn("reading and normalising"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        with progress:
            task = progress.add_task("rows", total=None)
            for count, row in enumerate(rows, start=1):
                if count % 5000 == 0:
                    progress.update(task, completed=count)
                yield row

    def _refuse(self, console: Console, exc: InputRefused) -> NoReturn:
        for problem in exc.problems:
            console.print(f"{exc.path}: {problem}")
        console.print("hub link: nothing written")
        sys.exit(EXIT_BAD_INPUT)

    def _report_unlinkable(
        self, console: Console, alone: dict[int, str], lines: list[int], source: Path
    ) -> None:
        # Every such row is listed: each is a person the caller should look at.
        for position, reason in sorted(alone.items()):
            line = lines[position]
            console.print(f"{source}: line {line}: {reason}: kept as a person of its own")

    def _report_fields(
        self, console: Console, problems: list[tuple[int, str, str]], source: Path
    ) -> None:
        for line, field, message in problems[:MAX_LISTED]:
            console.print(f"{source}: line {line}: {field}: {message} (left out of the comparison)")
        if len(problems) > MAX_LISTED:
            counts = Counter(field for _, field, _ in problems)
            summary = ", ".join(f"{field} {count:,}" for field, count in sorted(counts.items()))
            console.print(
                f"{source}: ... {len(problems) - MAX_LISTED:,} more fields left out ({summary})"
            )

    def _write(self, out: Path, record_ids: list[str], keys: list[str]) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        temporary = out.with_name(out.name + ".partial")
        with temporary.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["record_id", "person_key"])
            writer.writerows(zip(record_ids, keys, strict=True))
        temporary.replace(out)

    def _write_pairs(
        self, path: Path, result: Any, record_ids: list[str], options: dict[str, Any]
    ) -> None:
        with path.open("w", encoding="utf-8") as handle:
            for pair in result.pairs:
                explanation = explain_pair(result.model, pair, options["threshold"])
                line = {
                    "record_id_l": record_ids[pair.left],
                    "record_id_r": record_ids[pair.right],
                    **explanation.as_json(),
                }
                refused = result.refused.get((pair.left, pair.right))
                if refused is not None:  # a link clustering did not take, and why
                    line["not_joined"] = refused
                handle.write(json.dumps(line) + "\n")
