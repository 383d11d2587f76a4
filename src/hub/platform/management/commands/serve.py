"""`hub serve`: serve the app for the demo or a single user (production uses a WSGI server)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the app on 127.0.0.1 (PORT or --port, default 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Exploitation Hub is at http://{address}/ (Ctrl-C stops it)")
        call_command("runserver", address, use_reloader=False, use_threading=True)
