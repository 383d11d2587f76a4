"""Reading what someone typed into the one search box: names, dates of birth (full or
partial, day and month either way round), identifiers, postcodes and record references.

Whatever is typed, parsing is bounded (the text is cut to `MAX_QUERY` characters, at most
`MAX_NAME_TOKENS` name tokens are kept) and never raises.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date

from hub.people.identifiers import nhs_number_is_valid
from hub.platform.access import NotFound, parse_id
from hub.platform.places import normalise_postcode

from .text import fold, query_tokens

MAX_QUERY = 200
MAX_NAME_TOKENS = 6
EARLIEST_YEAR = 1900

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_SEP = r"[/.\-]"
_DMY_RE = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_YMD_RE = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_MY_RE = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{4}})$")
_YEAR_RE = re.compile(r"^\d{4}$")
_DAY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_COMPACT_DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")
_REFERENCE_RE = re.compile(r"^[Pp](\d{1,18})$")
_OUTWARD_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_DIGITS_RE = re.compile(r"^\d[\d\-]*$")
_DIGIT_WORD_RE = re.compile(r"^[\w/\-]*\d[\w/\-]*$")
_WORD_SPLIT_RE = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class DatePart:
    """One reading of a typed date: a year, and the month and day where given."""

    year: int
    month: int | None = None
    day: int | None = None

    def key_prefix(self) -> str:
        """The `PersonSearchKey` prefix of the dates of birth this reading covers."""
        text = f"d:{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def full(self) -> bool:
        return self.day is not None


@dataclass
class ParsedQuery:
    """What was found in the typed text."""

    names: list[str] = field(default_factory=list)
    dates: list[DatePart] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)  # identifier keys, "i:..."
    postcodes: list[str] = field(default_factory=list)  # full postcode keys, "p:B1 1AA"
    outward_codes: list[str] = field(default_factory=list)  # key prefixes, "p:B23 "
    references: list[int] = field(default_factory=list)  # record ids from "P0000123"

    @property
    def empty(self) -> bool:
        return not (
            self.names
            or self.dates
            or self.identifiers
            or self.postcodes
            or self.outward_codes
            or self.references
        )

    def counts(self) -> dict[str, int]:
        """How many of each kind of term: what the audit row may say about a search."""
        return {
            "names": len(self.names),
            "dates": 1 if self.dates else 0,
            "identifiers": len(self.identifiers) + len(self.references),
            "postcodes": len(self.postcodes) + len(self.outward_codes),
        }


def identifier_key(value: str) -> str:
    """The key an identifier is indexed and looked up by: letters and digits, upper case."""
    return "i:" + re.sub(r"[^0-9A-Z]", "", fold(value).upper())[:48]


def _full_year(digits: str, today: date) -> int:
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= today.year else year - 100


def _valid(year: int, month: int | None, day: int | None, today: date) -> DatePart | None:
    if not EARLIEST_YEAR <= year <= today.year:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            return None
    return DatePart(year, month, day)


def _day_month_readings(a: int, b: int, year: int, today: date) -> list[DatePart]:
    """Both readings of an ambiguous date (3/4/2010: 3 April or 4 March), British first."""
    readings = [_valid(year, b, a, today), _valid(year, a, b, today)]
    return list(dict.fromkeys(r for r in readings if r is not None))


def _date_token(token: str, today: date) -> list[DatePart]:
    if match := _DMY_RE.match(token):
        a, b, year = int(match[1]), int(match[2]), _full_year(match[3], today)
        return _day_month_readings(a, b, year, today)
    if match := _YMD_RE.match(token):
        found = _valid(int(match[1]), int(match[2]), int(match[3]), today)
        return [found] if found else []
    if match := _MY_RE.match(token):
        found = _valid(int(match[2]), int(match[1]), None, today)
        return [found] if found else []
    if _YEAR_RE.match(token):
        found = _valid(int(token), None, None, today)
        return [found] if found else []
    if _COMPACT_DATE_RE.match(token):  # 03042010 or 030410 (also tried as an identifier)
        year = _full_year(token[4:], today)
        return _day_month_readings(int(token[:2]), int(token[2:4]), year, today)
    return []


def _month_name_dates(words: list[str], used: set[int], today: date) -> list[DatePart]:
    """Dates written with a month name: "3 April 2010", "3rd Apr 2010", "April 2010"."""
    found: list[DatePart] = []
    for index, word in enumerate(words):
        month = _MONTHS.get(fold(word).rstrip("."))
        if month is None or index + 1 >= len(words) or not _YEAR_RE.match(words[index + 1]):
            continue
        day = None
        if index > 0 and (match := _DAY_RE.match(fold(words[index - 1]))):
            day = int(match[1])
        reading = _valid(int(words[index + 1]), month, day, today)
        if reading is None:
            continue
        found.append(reading)
        used.update({index, index + 1} | ({index - 1} if day is not None else set()))
    return found


def parse_query(text: str, *, today: date | None = None) -> ParsedQuery:
    """Split typed text into names, dates, identifiers, postcodes and references."""
    today = today or date.today()
    text = (text or "")[:MAX_QUERY]
    parsed = ParsedQuery()

    words = [word for word in _WORD_SPLIT_RE.split(text) if word]
    used: set[int] = set()

    # NHS numbers typed whole or in groups: "4857773457", "485 777 3457", "485-777-3457".
    # Groupings that pass the check digit win; a 10-digit word is taken as typed.
    windows: list[tuple[bool, bool, int, int, str]] = []
    for start in range(len(words)):
        digits = ""
        for end in range(start, min(start + 3, len(words))):
            if not _DIGITS_RE.match(words[end]):
                break
            digits += words[end].replace("-", "")
            if len(digits) >= 10:
                if len(digits) == 10:
                    groups = [len(word) for word in words[start : end + 1]]
                    shaped = groups in ([3, 3, 4], [10], [12])  # [12]: "485-777-3457"
                    windows.append((nhs_number_is_valid(digits), shaped, start, end, digits))
                break
    windows.sort(key=lambda window: (not window[0], not window[1], window[2]))
    for valid, shaped, start, end, digits in windows:
        if (valid or shaped) and not used & set(range(start, end + 1)):
            parsed.identifiers.append(identifier_key(digits))
            used.update(range(start, end + 1))

    parsed.dates.extend(_month_name_dates(words, used, today))

    # Postcodes, written with or without the space.
    for index, word in enumerate(words):
        if index in used:
            continue
        pair = f"{word}{words[index + 1]}" if index + 1 < len(words) else ""
        if pair and index + 1 not in used and (postcode := normalise_postcode(pair)):
            parsed.postcodes.append(f"p:{postcode}")
            used.update({index, index + 1})
        elif postcode := normalise_postcode(word):
            parsed.postcodes.append(f"p:{postcode}")
            used.add(index)

    # Other identifiers typed in parts, like "09 123456 A": adjacent short words with digits.
    for start in range(len(words)):
        parts: list[str] = []
        for end in range(start, min(start + 4, len(words))):
            word = words[end]
            if (
                end in used
                or _date_token(word, today)
                or not (_DIGIT_WORD_RE.match(word) or len(word) <= 2)
            ):
                break
            parts.append(word)
            digit_count = sum(ch.isdigit() for ch in "".join(parts))
            if len(parts) > 1 and digit_count >= 5:
                parsed.identifiers.append(identifier_key("".join(parts)))

    for index, word in enumerate(words):
        if index in used:
            continue
        if match := _REFERENCE_RE.match(word):
            with contextlib.suppress(NotFound):  # an absurd reference finds nothing
                parsed.references.append(parse_id(match[1]))
            continue
        readings = _date_token(word, today)
        parsed.dates.extend(readings)
        has_digit = any(ch.isdigit() for ch in word)
        if not has_digit:
            parsed.names.extend(query_tokens(word))
            continue
        has_alpha = any(ch.isalpha() for ch in word)
        if has_alpha and _OUTWARD_RE.match(word.upper()):
            parsed.outward_codes.append(f"p:{word.upper()} ")
        elif has_alpha or (len(word) >= 6 and word.isdigit() and (not readings or len(word) == 8)):
            key = identifier_key(word)
            if len(key) > 4:  # at least three letters or digits
                parsed.identifiers.append(key)

    parsed.names = parsed.names[:MAX_NAME_TOKENS]
    parsed.dates = list(dict.fromkeys(parsed.dates))[:6]
    parsed.identifiers = list(dict.fromkeys(parsed.identifiers))[:8]
    parsed.postcodes = list(dict.fromkeys(parsed.postcodes))[:4]
    parsed.outward_codes = list(dict.fromkeys(parsed.outward_codes))[:4]
    parsed.references = list(dict.fromkeys(parsed.references))[:4]
    return parsed
