"""`hub demo`: build the synthetic region (areas, agencies, teams, sign-ins, persons)."""

from __future__ import annotations

import os
from datetime import date
from typing import IO, Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from hub.demo.generator import DEMO_PASSWORD, PUBLIC_SIZES, SIZES, BuildOptions, region_build
from hub.demo.selectors import demo_sign_ins, partnership_data_exists, region_is_built

NOT_DEMO_MODE = (
    "hub demo makes sign-ins with a published password, so it runs only in demo mode "
    "(settings with HUB_DEMO_MODE = True, such as hub.settings.local)."
)
NOT_EMPTY = (
    "This database already holds partnership data, so no region was built (nothing was changed). "
    "Build the demo into a fresh database (set DATABASE_URL, or remove var/hub.sqlite3 and run "
    "'hub migrate'), or use --if-missing to keep the region that is there."
)


class _RichProgress:
    """Adapts the generator's progress reports to a rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: Any = None

    def start(self, label: str, total: int) -> None:
        self._task = self._progress.add_task(label, total=total)

    def advance(self, amount: int) -> None:
        self._progress.advance(self._task, amount)


class _PlainProgress:
    """Progress for logs and pipes: a line at each tenth of the way."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._label, self._total, self._done, self._next = "", 0, 0, 0

    def start(self, label: str, total: int) -> None:
        self._label, self._total, self._done = label, total, 0
        self._next = max(1, total // 10)

    def advance(self, amount: int) -> None:
        self._done += amount
        if self._done >= self._next or self._done >= self._total:
            self._console.print(f"{self._label}: {self._done:,} of {self._total:,}")
            while self._next <= self._done:
                self._next += max(1, self._total // 10)


class Command(BaseCommand):
    help = (
        "Build the synthetic West Midlands region into an empty database: seeded and "
        "reproducible. Prints the demo sign-ins at the end."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="small",
            metavar="{" + ",".join(PUBLIC_SIZES) + "}",
            help=", ".join(f"{size}: {SIZES[size]:,} persons" for size in PUBLIC_SIZES)
            + " (default small)",
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same region.")
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="The day ages are counted to (YYYY-MM-DD, default today).",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing (but print the sign-ins) when a region is already built.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HUB_DEMO_MODE:
            raise CommandError(NOT_DEMO_MODE)
        console = Console(file=cast(IO[str], self.stdout), highlight=False)
        if not console.is_terminal:  # logs and pipes: wide enough that usernames never wrap
            console.width = max(console.width, 140)
        if options["if_missing"] and region_is_built():
            console.print("A demo region is already built; nothing changed.")
            self._print_sign_ins(console)
            return
        if partnership_data_exists():
            raise CommandError(NOT_EMPTY)

        build_options = BuildOptions(
            size=options["size"], seed=options["seed"], as_of=options["as_of"]
        )
        if options["verbosity"] == 0:
            result = region_build(options=build_options)
        elif not console.is_terminal:
            result = region_build(options=build_options, progress=_PlainProgress(console))
        else:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            ) as progress:
                result = region_build(options=build_options, progress=_RichProgress(progress))
        made = ", ".join(
            f"{count:,} {name.replace('_', ' ')}" for name, count in result.counts.items()
        )
        console.print(
            f"Built the demo region (size {result.size}, seed {result.seed}, ages as of "
            f"{result.as_of.isoformat()}) in {result.seconds:.1f} s: {made}."
        )
        self._print_sign_ins(console)

    def _print_sign_ins(self, console: Console) -> None:
        table = Table(title="Demo sign-ins", title_justify="left")
        table.add_column("Username", no_wrap=True)
        table.add_column("Role")
        table.add_column("Team")
        for sign_in in demo_sign_ins():
            table.add_row(sign_in.username, sign_in.role, sign_in.team)
        console.print(table)
        console.print(
            "Other areas follow the same pattern (dudley.hub.practitioner, "
            "walsall.hub.manager, ...)."
        )
        console.print(f"Every demo password is: {DEMO_PASSWORD}")
        port = os.environ.get("PORT") or "8000"
        console.print(f"Sign in at http://127.0.0.1:{port}/")
