"""`hub linkage`: agency records into the hub, and linkage runs over them.

    hub linkage import --source SOURCE --area CODE FILE [FILE ...]
    hub linkage run [--engine duckdb|spark] [--upper P] [--lower P] [--seed N]

`import` reads agency extracts (CSV or Parquet) through the source's mapping
(`linkage/definitions/sources/`) and keeps their records; a record sent again (the same
record id) is updated. CODE is the area (ONS code) whose hub holds the extract; a record
whose postcode lies in another of the region's areas belongs to that area.

`run` links every record held: links at the upper threshold or more join records into hub
persons (a new person, or the person their group already has); pairs from the lower
threshold up that stay in different persons go to the clerical review queue. Reviewers'
decisions bind every run. Safe to rerun: a run never moves a record already joined.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console

from hub.linkage.definitions import source_mapping
from hub.linkage.engines import ENGINES, EngineUnavailable
from hub.linkage.extracts import Extract, ExtractError, unified_rows
from hub.linkage.pipeline import DEFAULT_THRESHOLD, REVIEW_FLOOR, LinkOptions
from hub.linkage.services import linkage_run, source_records_import
from hub.organisations.models import Area

from .link import EXIT_BAD_INPUT, EXIT_ENGINE_UNAVAILABLE, _probability


class Command(BaseCommand):
    help = "Agency records into the hub (import), and linkage runs over them (run)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imports = actions.add_parser("import", help="keep an agency's extract for linkage")
        imports.add_argument("--source", required=True, help="the source mapping's id")
        imports.add_argument("--area", required=True, help="ONS code of the hub's area")
        imports.add_argument("files", nargs="+", type=Path)
        run = actions.add_parser("run", help="link every record held")
        run.add_argument("--engine", choices=ENGINES, default="duckdb")
        run.add_argument("--upper", type=_probability, default=DEFAULT_THRESHOLD)
        run.add_argument("--lower", type=_probability, default=REVIEW_FLOOR)
        run.add_argument("--seed", type=int, default=42)

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(stderr=True, highlight=False, soft_wrap=True)
        if options["action"] == "import":
            self._import(console, options)
        else:
            self._run(console, options)

    def _refuse(self, console: Console, message: str) -> NoReturn:
        console.print(f"hub linkage: {message}")
        sys.exit(EXIT_BAD_INPUT)

    def _import(self, console: Console, options: dict[str, Any]) -> None:
        try:
            mapping = source_mapping(options["source"])
        except KeyError as exc:
            self._refuse(console, str(exc.args[0]))
        area = Area.objects.filter(code=options["area"]).first()
        if area is None:
            self._refuse(console, f"no area with code {options['area']!r}")
        for path in options["files"]:
            try:
                result = source_records_import(
                    actor=None,
                    actor_label="hub linkage import",
                    rows=unified_rows(Extract(path, mapping)),
                    area=area,
                )
            except (ExtractError, FileNotFoundError) as exc:
                self._refuse(console, f"{exc} (nothing imported from {path})")
            console.print(f"{path}: {result.created:,} new records, {result.updated:,} updated")

    def _run(self, console: Console, options: dict[str, Any]) -> None:
        if options["lower"] > options["upper"]:
            self._refuse(console, "--lower must not be above --upper")
        started = time.monotonic()

        def say(message: str) -> None:
            console.print(f"[dim]{time.monotonic() - started:7.1f}s[/] {message}")

        try:
            summary = linkage_run(
                actor=None,
                actor_label="hub linkage run",
                options=LinkOptions(
                    threshold=options["upper"], engine=options["engine"], seed=options["seed"]
                ),
                lower_threshold=options["lower"],
                progress=say,
            )
        except EngineUnavailable as exc:
            console.print(f"hub linkage: {exc}")
            sys.exit(EXIT_ENGINE_UNAVAILABLE)
        say(
            f"run {summary.run.reference}: {summary.records:,} records, {summary.joined:,} joined,"
            f" {summary.persons_created:,} new persons, {summary.queued:,} pairs for review"
            f" ({summary.resolved:,} earlier ones resolved)"
        )
