"""`hub check-definitions`: validate every definition file, naming each and its version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hub.platform.definitions import DefinitionError, validate_all_definitions


class Command(BaseCommand):
    help = "Validate every versioned YAML definition; exit 1 naming the first invalid file."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checked = validate_all_definitions()
        except DefinitionError as exc:
            raise CommandError(str(exc)) from exc
        for label in checked:
            self.stdout.write(f"ok  {label}")
