"""`hub check-definitions`: validate every definition file; print each problem with its file,
line and field, and exit 1 if there is any."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from hub.platform.definitions import DefinitionError, validate_all_definitions


class Command(BaseCommand):
    help = (
        "Validate every versioned YAML definition: 'ok' per file, or every problem as "
        "FILE:LINE: FIELD: MESSAGE, exiting 1."
    )
    requires_system_checks: list[str] = []  # a bad file must be reported here, not refused first

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checked = validate_all_definitions()
        except DefinitionError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            self.stderr.write(f"{len(exc.problems)} problem(s) in the definitions")
            sys.exit(1)
        for label in checked:
            self.stdout.write(f"ok  {label}")
