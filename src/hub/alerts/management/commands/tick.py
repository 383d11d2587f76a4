"""`hub tick [--now ISO-DATETIME]`: work out every open deadline's red/amber/green and raise
the alerts of what changed. `--now` sets the clock (a test, or a replay); without it, now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hub.alerts.services import tick


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--now {text!r} is not an ISO date and time, like 2026-12-01T09:30"
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Colour every open deadline at now (or --now) and raise the alerts of what changed."
    # Other systems call this every minute: Django's system checks (the URL table, every
    # definition file) would cost it seconds each time. The definitions it reads are checked
    # as they load; the server, `hub worker` and `hub check-definitions` run the full checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", type=_moment, default=None, help="ISO date and time (local if no offset)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = tick(now=options["now"])
        self.stdout.write(
            f"{result.open_deadlines} open deadlines: {result.turned_amber} turned amber, "
            f"{result.turned_red} turned red, {result.alerts} alerts raised "
            f"({result.seconds:.2f} s)"
        )
