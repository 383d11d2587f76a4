"""Dates of birth as agencies write them, read without guessing which way round they are.

"03/04/2010" is the 3rd of April to most agencies and the 4th of March to some systems:
both readings are kept as candidates, the source's own order first. A reading that cannot be
a date of birth (in the future, before 1900, the 30th of February) is dropped; a date whose
readings are all impossible is unreadable. Two-digit years are read as the latest year not
after the reference day (a child born in 2010 is "10", a man born in 1960 "60").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

EARLIEST_BIRTH_YEAR = 1900

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME_SUFFIX = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
_EIGHT_DIGITS = re.compile(r"^\d{8}$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[-/. ]+([a-z]+)\.?,?[-/. ]+(\d{2}|\d{4})$")
_MONTH_NAME_DAY = re.compile(r"^([a-z]+)\.?[-/. ]+(\d{1,2})(?:st|nd|rd|th)?,?[-/. ]+(\d{4})$")


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth read from text: its readings, the source's preferred one first."""

    readings: tuple[date, ...]

    @property
    def primary(self) -> date:
        """The reading the source most likely meant."""
        return self.readings[0]

    @property
    def ambiguous(self) -> bool:
        """Whether the day and month could be either way round."""
        return len(self.readings) > 1


class UnreadableDate(ValueError):
    """Text that is not a date of birth in any format we read."""


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    two = int(text)
    century = today.year // 100 * 100
    return century + two if century + two <= today.year else century - 100 + two


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if found.year >= EARLIEST_BIRTH_YEAR and found <= today else None


def _readings(candidates: list[tuple[int, int, int]], today: date) -> tuple[date, ...]:
    found: list[date] = []
    for year, month, day in candidates:
        valid = _valid(year, month, day, today)
        if valid is not None and valid not in found:
            found.append(valid)
    return tuple(found)


@lru_cache(maxsize=1 << 18)  # many people share a birthday, written the same way
def read_birth_date(text: object, *, today: date, day_first: bool = True) -> BirthDate | None:
    """The readings of a date of birth, or None when the text is blank; UnreadableDate if
    it is not a date we can read."""
    if text is None:
        return None
    if isinstance(text, date):
        return BirthDate((text,))
    raw = str(text).strip().lower()
    if not raw:
        return None
    raw = _TIME_SUFFIX.sub("", raw).strip()
    candidates: list[tuple[int, int, int]] = []
    if match := _YEAR_FIRST.match(raw):
        # Year first is year-month-day in every system we know (ISO 8601).
        candidates = [(int(match[1]), int(match[2]), int(match[3]))]
    elif _EIGHT_DIGITS.match(raw):
        year_first = (int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        day_first_reading = (int(raw[4:]), int(raw[2:4]), int(raw[:2]))
        candidates = [year_first, day_first_reading]
    elif match := _NUMERIC.match(raw):
        first, second, year = int(match[1]), int(match[2]), _year(match[3], today)
        as_day_first, as_month_first = (year, second, first), (year, first, second)
        candidates = [as_day_first, as_month_first] if day_first else [as_month_first, as_day_first]
    elif match := _DAY_MONTH_NAME.match(raw):
        month = _MONTHS.get(match[2])
        if month is not None:
            candidates = [(_year(match[3], today), month, int(match[1]))]
    elif match := _MONTH_NAME_DAY.match(raw):
        month = _MONTHS.get(match[1])
        if month is not None:
            candidates = [(int(match[3]), month, int(match[2]))]
    readings = _readings(candidates, today)
    if not readings:
        raise UnreadableDate(f"not a date of birth: {str(text).strip()!r}")
    return BirthDate(readings)


def day_month_swapped(value: date) -> date | None:
    """The same date with day and month exchanged, if that is another real date."""
    if value.day == value.month or value.day > 12:
        return None
    try:
        return value.replace(month=value.day, day=value.month)
    except ValueError:
        return None


def as_day_first(text: str) -> str:
    """A month-first numeric date ("9/13/16") rewritten day first ("13/9/16"), so that it is
    read with both its readings kept; any other text is returned as it is."""
    stripped = text.strip()
    match = _NUMERIC.match(stripped.lower())
    if match is None:
        return text
    separator = stripped[len(match[1])]
    return f"{match[2]}{separator}{match[1]}{separator}{match[3]}"
