"""`hub people-reindex`: rebuild the person search index from the person records."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.people.search.services import index_counts, index_persons, reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the person search index (names and aliases, dates of birth, identifiers, "
        "postcodes) from the person records, in one transaction. Safe to rerun. With --person, "
        "bring only those persons up to date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--person",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="Reindex only this person (repeatable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["person"]:
            index_persons(options["person"])
            self.stdout.write(f"Reindexed {len(set(options['person']))} person(s).")
            return
        result = reindex_all()
        counts = index_counts()
        self.stdout.write(
            f"Indexed {result.persons:,} persons in {time.perf_counter() - started:.1f} s: "
            f"{counts['terms']:,} terms ({counts['variants']:,} misspelling variants), "
            f"{counts['postings']:,} name postings, {counts['keys']:,} exact keys."
        )
