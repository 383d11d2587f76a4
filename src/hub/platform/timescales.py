"""Working days, timescales as definitions, deadlines, and their red/amber/green state.

Deadlines are derived, never typed in (design.md §3.10): an event names a timescale and its
start; this module says when it is due and how close that is. England and Wales bank holidays
come from the `holidays` package.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from .definitions import Definition, register

LOCAL = ZoneInfo("Europe/London")


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    # Imported when first needed: the package loads every calendar it knows, which would cost
    # every command's start-up (`hub tick` included) most of a second.
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=[year]))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (which need not be one itself)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += is_working_day(day)
    return days


class Unit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    MONTHS = "months"


class Timescale(BaseModel):
    """One timescale: how long, in what unit, and when its clock turns amber."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    title: str
    amount: int
    unit: Unit
    amber_when_remaining: Decimal
    source: str = ""

    @field_validator("amber_when_remaining", mode="before")
    @classmethod
    def _percent(cls, value: object) -> object:
        if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*%\s*", value):
            return Decimal(value.strip().rstrip("%")) / 100
        return value

    @model_validator(mode="after")
    def _sensible(self) -> Timescale:
        if self.amount <= 0:
            raise ValueError(f"{self.code}: amount must be more than 0")
        if not 0 < self.amber_when_remaining < 1:
            raise ValueError(f"{self.code}: amber_when_remaining must be between 0% and 100%")
        return self

    def due(self, start: datetime) -> datetime:
        """When a step that started at `start` is due (an aware datetime, UTC kept as given)."""
        local = start.astimezone(LOCAL)
        if self.unit == Unit.HOURS:  # elapsed hours: added in UTC, whatever the clocks do
            return (start.astimezone(UTC) + timedelta(hours=self.amount)).astimezone(start.tzinfo)
        if self.unit == Unit.CALENDAR_DAYS:
            return _end_of(local.date() + timedelta(days=self.amount))
        if self.unit == Unit.MONTHS:
            return _end_of(add_months(local.date(), self.amount))
        return _end_of(add_working_days(local.date(), self.amount))

    def amber_at(self, start: datetime, due: datetime) -> datetime:
        """When the clock from `start` to `due` turns amber: once the share of the time left
        falls to amber_when_remaining, measured in real (UTC) time so a clock change between
        the two moves nothing."""
        start_utc, due_utc = start.astimezone(UTC), due.astimezone(UTC)
        return due_utc - (due_utc - start_utc) * float(self.amber_when_remaining)


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=LOCAL)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover (28 always exists)


class TimescalesDefinition(Definition):
    timescales: tuple[Timescale, ...]

    @model_validator(mode="after")
    def _unique(self) -> TimescalesDefinition:
        codes = [t.code for t in self.timescales]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"timescale codes must be unique: {', '.join(duplicates)}")
        return self

    def get(self, code: str) -> Timescale:
        for timescale in self.timescales:
            if timescale.code == code:
                return timescale
        raise KeyError(f"no timescale {code!r} in timescales v{self.version}")


timescales_definition = register("platform", "timescales", TimescalesDefinition)


class Rag(enum.StrEnum):
    """How close a deadline is: the words the service shows beside the colour."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    DONE = "done"


def rag(*, timescale: Timescale, start: datetime, now: datetime, done: bool = False) -> Rag:
    """Red once due has passed, amber in the last stretch the timescale names, else green."""
    if done:
        return Rag.DONE
    due = timescale.due(start)
    if now > due:
        return Rag.RED
    return Rag.AMBER if now >= timescale.amber_at(start, due) else Rag.GREEN
