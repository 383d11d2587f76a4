"""Writing a step's rows straight into their tables, as every step of the build does.

A region is millions of rows, and `bulk_create`'s per-object work was most of the build's time,
so steps make tuples of values already as the database driver takes them (`moment_adapter`,
`day_value`), give ids themselves where other rows point at them (`next_id`), insert them with
`insert_rows` (COPY on PostgreSQL, batched INSERTs on SQLite), and then move PostgreSQL's id
sequences past the ids given (`reset_sequences`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, cast

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Max, Model

INSERT_BATCH = 10_000  # rows an executemany is given at once on SQLite


def insert_rows(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows (values already as the driver takes them) into a model's table, fast."""
    if not rows:
        return
    table = model._meta.db_table
    columns = ", ".join(str(cast(Field, model._meta.get_field(name)).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (our names)
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + INSERT_BATCH])


def next_id(model: type[Model]) -> int:
    """The first id after those a model's table holds: where a step starts giving ids."""
    return (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(models: Iterable[type[Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids given (SQLite moves its own)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def moment_adapter() -> Callable[[datetime | None], Any]:
    """Datetimes as the database driver takes them, made fast: a region writes a million."""
    if connection.vendor == "sqlite":
        # Django's rule for SQLite (adapt_datetimefield_value): naive in the connection's
        # zone, as text; without the checks it makes on every call.
        zone = connection.timezone

        def as_text(value: datetime | None) -> str | None:
            if value is None:
                return None
            if value.tzinfo is not zone:  # the hub's steps are in UTC already
                value = value.astimezone(zone)
            return str(value.replace(tzinfo=None))

        return as_text
    adapt = connection.ops.adapt_datetimefield_value
    return lambda value: None if value is None else adapt(value)


def day_value(value: date | None) -> Any:
    """A date (or None) as the database driver takes it."""
    return None if value is None else connection.ops.adapt_datefield_value(value)
