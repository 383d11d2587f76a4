"""`hub audit verify`: check the access log's hash chain end to end."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.platform.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' exits 0 on an intact log, 1 naming the first broken row."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every row's hash and link, and the chain head.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit log BROKEN after {result.rows_checked} intact rows: {result.problem}. "
                f"First broken row: {result.first_bad_seq}."
            )
        self.stdout.write(
            f"Audit log intact: {result.rows_checked} rows verified. Head hash {result.head_hash}"
        )
