"""Re-scoring stored screenings under another version of their tool, to compare: the results
go beside the screenings (`ScreeningRescore`), never over what was confirmed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone

from hub.platform.audit import audit_record
from hub.screening.engine import Subject, score
from hub.screening.models import Screening, ScreeningRescore
from hub.screening.thresholds import ThresholdDocument, age_on, threshold_document
from hub.screening.tools import ScreeningTool

# What a re-scoring stores of a result: the grades, the overall grade and the pathway.
Outcome = tuple[dict[str, str], str, str]
# One row to write: the screening's id and its outcome.
Rescored = tuple[int, Outcome]


@dataclass(frozen=True)
class RescoreRun:
    """What a re-scoring did."""

    screenings: int
    changed: int
    seconds: float


class _Scorer:
    """`score()` under one tool and threshold document, remembering each outcome by what the
    engine reads of a screening: the answers to the tool's indicators in its windows, the
    document's circumstances (both in their stored order), and the age on the day assessed.

    Many stored screenings give the same inputs (about one in five has no indicator present),
    and scoring is most of a re-scoring's work. The engine reads a subject only through its
    age and circumstances (tests/screening/test_rescore.py holds it to that). Circumstances
    are remembered only when every value is a string or a yes/no (as they are stored): other
    values (a number, which would equal a yes/no as a key) go to `score()` every time, which
    says what is wrong with them.
    """

    def __init__(self, tool: ScreeningTool, document: ThresholdDocument) -> None:
        self.tool = tool
        self.document = document
        self.indicators = {i.id for i in tool.indicators()}
        self.windows = {w.id for w in tool.windows}
        self.circumstances = {c.id for c in document.circumstances}
        self.outcomes: dict[tuple[object, ...], Outcome] = {}
        self.scored = 0  # calls of score(): the rest were remembered

    def __call__(
        self,
        answers: Mapping[str, str],
        known: Mapping[str, object],
        assessed_on: date,
        born: date | None,
    ) -> Outcome:
        # Answers to indicators the version does not ask are left out, and circumstances it
        # does not read are ignored: what this version would say of the same answers.
        present = tuple(
            (i, w) for i, w in answers.items() if i in self.indicators and w in self.windows
        )
        given = tuple((k, v) for k, v in known.items() if k in self.circumstances)
        key = (present, given, age_on(born, assessed_on))
        remembered = all(type(v) is str or type(v) is bool for _, v in given)
        if remembered:
            outcome = self.outcomes.get(key)
            if outcome is not None:
                return outcome
        result = score(
            self.tool,
            answers=dict(present),
            subject=Subject(assessed_on=assessed_on, date_of_birth=born, circumstances=dict(given)),
            document=self.document,
        )
        self.scored += 1
        outcome = (result.grades, result.overall, result.pathway)
        if remembered:
            self.outcomes[key] = outcome
        return outcome


COLUMNS = ("screening", "tool_version", "grades", "overall", "pathway", "scored_at")


def _columns() -> list[str]:
    """The columns written, quoted, in the order of COLUMNS."""
    by_name = {
        field.name: field.column for field in ScreeningRescore._meta.concrete_fields if field.column
    }
    return [connection.ops.quote_name(by_name[name]) for name in COLUMNS]


def _upsert_sql(source: str) -> str:
    """Rows of `ScreeningRescore` from `source` (a VALUES list or a SELECT), each replacing the
    row already there for its screening and version, as `bulk_create(update_conflicts=True)`
    did: the same statement on PostgreSQL and SQLite."""
    columns = _columns()
    replaced = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns[2:])
    return (
        f"INSERT INTO {connection.ops.quote_name(ScreeningRescore._meta.db_table)} "
        f"({', '.join(columns)}) {source} "
        f"ON CONFLICT ({columns[0]}, {columns[1]}) DO UPDATE SET {replaced}"
    )


def _rescores_write_postgresql(rows: list[Rescored], *, version: int, scored_at: datetime) -> None:
    """The rows by COPY into a temporary table (its columns as the model's), then one
    INSERT ... SELECT ... ON CONFLICT; the grades go as `Jsonb`.

    `bulk_create` sent each column as an array, and psycopg escaped every grades text into
    its array literal in Python (a sixth of the whole job); `executemany` sends a statement
    a row, which cost the server four times the CPU of this (20,000 rows, 2026-12-01).
    """
    from psycopg.types.json import Jsonb

    quote = connection.ops.quote_name
    columns = ", ".join(_columns())
    batch = quote("rescore_batch")
    with connection.cursor() as cursor:
        # In the caller's transaction: rolled back with it if anything fails.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {batch} ON COMMIT DROP AS "  # noqa: S608 (our own names)
            f"SELECT {columns} FROM {quote(ScreeningRescore._meta.db_table)} WITH NO DATA"
        )
        with cursor.copy(f"COPY {batch} ({columns}) FROM STDIN") as copy:
            for pk, (grades, overall, pathway) in rows:
                copy.write_row((pk, version, Jsonb(grades), overall, pathway, scored_at))
        cursor.execute(_upsert_sql(f"SELECT {columns} FROM {batch}"))  # noqa: S608 (our own names)
        cursor.execute(f"DROP TABLE {batch}")


def _rescores_write_sqlite(rows: list[Rescored], *, version: int, scored_at: datetime) -> None:
    """The rows through `executemany`, the grades as JSON text and the time as Django stores
    them on SQLite."""
    stored_at = ScreeningRescore._meta.get_field("scored_at").get_db_prep_value(
        scored_at, connection
    )
    dumps = json.dumps
    with connection.cursor() as cursor:
        cursor.executemany(
            _upsert_sql(f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"),
            [
                (pk, version, dumps(grades), overall, pathway, stored_at)
                for pk, (grades, overall, pathway) in rows
            ],
        )


def screenings_rescore(
    *, tool: ScreeningTool, batch: int = 2000, progress: Callable[[str], object] | None = None
) -> RescoreRun:
    """Score every confirmed screening of the tool (any version) under `tool`, in batches.

    Answers to indicators the version does not ask are left out, and circumstances it does
    not read are ignored: the comparison is what this version would say of the same answers.
    Each screening gets one `ScreeningRescore` row per version; running it again replaces it.
    """
    started = time.perf_counter()
    scorer = _Scorer(tool, threshold_document())
    write = (
        _rescores_write_postgresql if connection.vendor == "postgresql" else _rescores_write_sqlite
    )
    confirmed = Screening.objects.filter(tool_id=tool.id).exclude(status=Screening.Status.DRAFT)
    done = changed = 0
    last = 0
    now = timezone.now()
    while True:
        rows = list(
            confirmed.filter(pk__gt=last)
            .order_by("pk")
            .values_list(
                "pk", "answers", "circumstances", "assessed_on", "person__date_of_birth",
                "computed_overall",
            )[:batch]
        )  # fmt: skip
        if not rows:
            break
        rescored: list[Rescored] = []
        for pk, answers, known, assessed_on, born, before in rows:
            outcome = scorer(answers, known, assessed_on, born)
            changed += outcome[1] != before
            rescored.append((pk, outcome))
        with transaction.atomic():
            write(rescored, version=tool.version, scored_at=now)
        done += len(rows)
        last = rows[-1][0]
        if progress is not None:
            progress(f"{done:,} re-scored")
    audit_record(
        actor=None,
        action="rescore",
        object_type="screening",
        actor_label="hub screening rescore",
        detail={"tool": tool.id, "version": tool.version, "screenings": done, "changed": changed},
    )
    return RescoreRun(screenings=done, changed=changed, seconds=time.perf_counter() - started)
