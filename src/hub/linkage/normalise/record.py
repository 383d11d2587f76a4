"""One record's fields made comparable: the columns the linkage model reads.

A field that cannot be read (a date that is no date, an NHS number whose check digit fails)
is left out of the comparison and reported; the rest of the record still links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import jellyfish

from ..model_names import PLACEHOLDER_DAY
from . import contact
from .dates import UnreadableDate, day_month_swapped, read_birth_date
from .names import person_name, sound_code

# The columns each field makes.
_NAME_COLUMNS = (
    "given_name",
    "given_formal",
    "given_formals",
    "given_sound",
    "middle_name",
    "family_name",
    "family_words",
    "family_sound",
    "name_words",
)
# Worked out from the whole input, after every record is normalised (`initials_at_home`,
# `own_mobiles`).
_WHOLE_INPUT_COLUMNS = ("initial_stands_for", "own_phone")
_DATE_COLUMNS = ("dob", "dob_readings", "dob_swapped", "dob_next", "birth_year")
_PLACE_COLUMNS = ("postcode", "postcode_sector", "postcode_district", "address_line")
# The columns of a prepared record, in order; `unique_id` is the row's position.
PREPARED_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "source",
    *_NAME_COLUMNS,
    *_WHOLE_INPUT_COLUMNS,
    *_DATE_COLUMNS,
    "sex",
    *_PLACE_COLUMNS,
    "phone",
    "email",
    "email_name",
    "nhs_number",
    "other_identifier",
    "other_identifier_kind",
)
LIST_COLUMNS = frozenset({"given_formals", "family_words", "name_words", "dob_readings"})


@dataclass(slots=True)
class Prepared:
    """A prepared record (values by column) and what could not be read in it."""

    values: dict[str, object]
    problems: list[tuple[str, str]] = field(default_factory=list)


# Each field's columns are worked out once per distinct value (its problem with it), not once
# per record: names, dates and postcodes recur across a person's records and a household's,
# and normalising is the first cost of a large run. The cached values are shared between
# records and never changed.
Columns = dict[str, object]
Problem = tuple[str, str] | None
_CACHED = 1 << 18


@lru_cache(maxsize=_CACHED)
def _name_columns(given: object, family: object, other: object) -> Columns:
    name = person_name(given, family, other)
    return {
        "given_name": name.given,
        "given_formal": name.given_formal,
        "given_formals": list(name.given_formals),
        "given_sound": sound_code(name.given) if name.given else None,
        "middle_name": name.middle,
        "family_name": name.family,
        "family_words": list(name.family_words),
        "family_sound": sound_code(name.family.replace(" ", "")) if name.family else None,
        "name_words": list(name.all_words),
    }


_NO_DATE: Columns = {name: [] if name == "dob_readings" else None for name in _DATE_COLUMNS}


@lru_cache(maxsize=_CACHED)
def _date_columns(text: object, today: date, day_first: bool) -> tuple[Columns, Problem]:
    try:
        birth = read_birth_date(text, today=today, day_first=day_first)
    except UnreadableDate as exc:
        return _NO_DATE, ("date_of_birth", str(exc))
    if birth is None:
        return _NO_DATE, None
    swapped = day_month_swapped(birth.primary)
    return {
        "dob": birth.primary.isoformat(),
        "dob_readings": [reading.isoformat() for reading in birth.readings],
        "dob_swapped": swapped.isoformat() if swapped else None,
        # the day after: a date written a day out (a time at midnight read in another time
        # zone, a birth near midnight) agrees with it
        "dob_next": (birth.primary + timedelta(days=1)).isoformat(),
        "birth_year": str(birth.primary.year),
    }, None


@lru_cache(maxsize=_CACHED)
def _place_columns(postcode: object, address_line: object) -> Columns:
    place = contact.postcode(postcode)
    return {
        "postcode": place.text if place else None,
        "postcode_sector": place.sector if place else None,
        "postcode_district": place.district if place else None,
        "address_line": contact.address_line(address_line),
    }


def _checked(
    read: Callable[[object], str | None], column: str
) -> Callable[[object], tuple[str | None, Problem]]:
    @lru_cache(maxsize=_CACHED)
    def checked(text: object) -> tuple[str | None, Problem]:
        try:
            return read(text), None
        except contact.UnreadableValue as exc:
            return None, (column, str(exc))

    return checked


_CHECKED = tuple(
    (column, _checked(read, column))
    for column, read in (
        ("phone", contact.phone),
        ("email", contact.email),
        ("nhs_number", contact.nhs_number),
    )
)


def _email_name(email: object) -> str | None:
    """The letters of an email address before the @: "susan_hamilton85@..." is
    "susanhamilton", which holds the name it was made from."""
    if not isinstance(email, str):
        return None
    return "".join(char for char in email.partition("@")[0] if "a" <= char <= "z") or None


def prepare_records(
    rows: Sequence[Mapping[str, object]],
    *,
    unique_ids: Sequence[int],
    today: date,
    day_first: bool = True,
    identifier_kind: str | None = None,
) -> tuple[dict[str, list[object]], list[list[tuple[str, str]]]]:
    """Normalise input rows (fields by their `hub link` names) into the model's columns,
    field by field: (each column's values in row order, each row's problems).

    A column at a time, so each field's values go through one cached function in one pass
    (a million records are some fourteen million field values)."""
    names = [_name_columns(row.get("given_name"), row.get("family_name"), row.get("other_names"))
             for row in rows]  # fmt: skip
    dates = [_date_columns(row.get("date_of_birth"), today, day_first) for row in rows]
    places = [_place_columns(row.get("postcode"), row.get("address_line")) for row in rows]
    checked = [[read(row.get(column)) for row in rows] for column, read in _CHECKED]
    others = [contact.identifier(row.get("other_identifier"), identifier_kind) for row in rows]
    columns: dict[str, list[object]] = {
        "unique_id": list(unique_ids),
        "source": [contact.given(row.get("source")) for row in rows],
        **{name: [found[name] for found in names] for name in _NAME_COLUMNS},
        **{name: [None] * len(rows) for name in _WHOLE_INPUT_COLUMNS},
        **{name: [found[name] for found, _ in dates] for name in _DATE_COLUMNS},
        "sex": [contact.sex(row.get("sex")) for row in rows],
        **{name: [found[name] for found in places] for name in _PLACE_COLUMNS},
        **{column: [value for value, _ in found]
           for (column, _), found in zip(_CHECKED, checked, strict=True)},
        "other_identifier": list[object](others),
        "other_identifier_kind": [other.partition(":")[0] if other else None for other in others],
    }  # fmt: skip
    columns["email_name"] = [_email_name(email) for email in columns["email"]]
    # A row's problems in the order of its fields: the date, then phone, email, NHS number.
    problems: list[list[tuple[str, str]]] = [
        [problem for problem in found if problem]
        for found in zip(
            (problem for _, problem in dates),
            *((problem for _, problem in column) for column in checked),
            strict=True,
        )
    ]
    return {name: columns[name] for name in PREPARED_COLUMNS}, problems


# A record's two names are taken to be the wrong way round when its given name is written
# as a family name, and its family name as a given name, this many times as often as the
# other way, each seen at least NAME_ORDER_MIN_SEEN times.
NAME_ORDER_RATIO = 4
NAME_ORDER_MIN_SEEN = 3


def names_the_wrong_way_round(columns: Mapping[str, Sequence[object]]) -> list[int]:
    """The rows (positions in the columns) whose given and family names are the wrong way
    round, by how the input as a whole uses each word: "SHAH Zain" where "shah" is written
    a hundred times as a family name and "zain" as a given name.

    One word each side, and only words the input uses often enough to tell: a name that is
    as often one as the other ("Thomas", "Lewis") never turns a record round. The one
    exception is the word written as the family name when the input hardly knows it, and
    not as a family name: "Brooks FKNLEY", a slip in Finley, turns round on "Brooks" alone
    (twins at one address, one record so written, were joined on their date of birth)."""
    givens: Counter[object] = Counter(columns["given_name"])
    families: Counter[object] = Counter(columns["family_name"])

    def mostly(seen: int, other_way: int) -> bool:
        return seen >= NAME_ORDER_MIN_SEEN and seen >= NAME_ORDER_RATIO * other_way

    def seldom_a_family(word: str) -> bool:
        """Too seldom seen to tell, and never more often a family name than a given name
        by the other records: a slip in a given name ("FKNLEY"), or a rare one."""
        as_family = families[word] - 1
        return as_family + givens[word] < NAME_ORDER_MIN_SEEN and as_family <= givens[word]

    found = []
    for row, (given, family) in enumerate(
        zip(columns["given_name"], columns["family_name"], strict=True)
    ):
        # How the other records use each word: this one's use of it is what is in doubt.
        if (
            isinstance(given, str)
            and isinstance(family, str)
            and given != family
            and " " not in family
            and mostly(families[given], givens[given] - 1)
            and (mostly(givens[family], families[family] - 1) or seldom_a_family(family))
        ):
            found.append(row)
    return found


def turn_names_round(columns: dict[str, list[object]], rows: Iterable[int]) -> None:
    """Exchange the given and family names of these rows, in place; the middle name and the
    words of every name stay as they were."""
    for row in rows:
        turned = _name_columns(columns["family_name"][row], columns["given_name"][row], None)
        for name in _NAME_COLUMNS:
            if name not in ("middle_name", "name_words"):
                columns[name][row] = turned[name]


def initials_at_home(columns: Mapping[str, Sequence[object]]) -> list[str | None]:
    """For each row whose given name is an initial, the sound of the one given name the
    input knows with that initial in its family (by the family name's sound) at its
    postcode; None where it knows none, or more than one, and for every other row.

    "H Faulkner" at B64 7JD, where the input has Holly Faulkner there and no other H of the
    family: the initial stands for Holly. Where Harry Faulkner lives there too, it could be
    either, and stands for no one."""
    given, family, postcode = columns["given_name"], columns["family_sound"], columns["postcode"]
    known: dict[tuple[object, object, str], set[object]] = {}
    for name, sound, kin, place in zip(
        given, columns["given_sound"], family, postcode, strict=True
    ):
        if isinstance(name, str) and len(name) > 1 and sound and kin and place:
            known.setdefault((place, kin, name[0]), set()).add(sound)
    found: list[str | None] = []
    for name, kin, place in zip(given, family, postcode, strict=True):
        initial = name if isinstance(name, str) and len(name) == 1 else None
        sounds = known.get((place, kin, initial), set()) if initial else set()
        found.append(str(next(iter(sounds))) if len(sounds) == 1 else None)
    return found


_GivenName = tuple[str, frozenset[str], str | None]  # the name, its formal names, its sound


def _names_alike(one: _GivenName, other: _GivenName) -> bool:
    """Given names one person's records could give: the same, a short form of one formal
    name, the same sound, or a slip (the first letter kept)."""
    (a, a_formals, a_sound), (b, b_formals, b_sound) = one, other
    return (
        a == b
        or bool(a_formals & b_formals)
        or (a_sound is not None and a_sound == b_sound)
        or (a[0] == b[0] and jellyfish.damerau_levenshtein_distance(a, b) <= 1)
    )


def _births_alike(a: str, b: str) -> bool:
    """Dates of birth one person's records could give (ISO dates), their years no more
    than one apart: the same, one digit out or two swapped, the day and month swapped. A 1
    January date says only its year. (1965 and 1995 are one digit apart, and a father and
    the son named after him.)"""
    if abs(int(a[:4]) - int(b[:4])) > 1:
        return False
    return (
        a[5:] == PLACEHOLDER_DAY
        or b[5:] == PLACEHOLDER_DAY
        or jellyfish.damerau_levenshtein_distance(a, b) <= 1
        or (a[5:7] == b[8:] and a[8:] == b[5:7])
    )


# A number more records give than this is an office's or a default typed in, no one person's.
OWN_MOBILE_MOST_RECORDS = 20


def own_mobiles(columns: Mapping[str, Sequence[object]]) -> list[str | None]:
    """For each row, its phone number when that is one person's own: a mobile number the
    input gives only with given names and dates of birth that can be one person's (a name
    or a date missing says nothing); None for every other row.

    A landline is a household's, and a mother's mobile is her children's contact number at
    school, so a phone agreeing is no more than the household agreeing; a mobile number
    given with one person's details wherever it appears is that person's."""
    rows_of: dict[str, list[int]] = {}
    for row, number in enumerate(columns["phone"]):
        if isinstance(number, str) and contact.is_mobile(number):
            rows_of.setdefault(number, []).append(row)
    given, formals, sounds, dob = (
        columns["given_name"], columns["given_formals"], columns["given_sound"], columns["dob"]
    )  # fmt: skip
    found: list[str | None] = [None] * len(columns["phone"])
    for number, rows in rows_of.items():
        if len(rows) > OWN_MOBILE_MOST_RECORDS:
            continue
        if len(rows) > 1:
            names: set[_GivenName] = set()
            for row in rows:
                name, short, sound = given[row], formals[row], sounds[row]
                if isinstance(name, str) and len(name) > 1:
                    names.add((
                        name,
                        frozenset(short) if isinstance(short, list) else frozenset(),
                        sound if isinstance(sound, str) else None,
                    ))  # fmt: skip
            births = {born for row in rows if isinstance(born := dob[row], str)}
            if not all(_names_alike(a, b) for a in names for b in names) or not all(
                _births_alike(a, b) for a in births for b in births
            ):
                continue
        for row in rows:
            found[row] = number
    return found


def prepare_record(
    row: Mapping[str, object],
    *,
    unique_id: int,
    today: date,
    day_first: bool = True,
    identifier_kind: str | None = None,
) -> Prepared:
    """Normalise one input row (fields by their `hub link` names) into the model's columns."""
    columns, problems = prepare_records(
        [row],
        unique_ids=[unique_id],
        today=today,
        day_first=day_first,
        identifier_kind=identifier_kind,
    )
    return Prepared({name: values[0] for name, values in columns.items()}, problems[0])


def linkable(columns: Mapping[str, Sequence[object]]) -> list[bool]:
    """`has_anything_to_link` for each row of prepared columns."""
    return [
        (
            (given is not None or family is not None)
            and (dob is not None or postcode is not None or address is not None)
        )
        or any(value is not None for value in identifiers)
        for given, family, dob, postcode, address, *identifiers in zip(
            columns["given_name"],
            columns["family_name"],
            columns["dob"],
            columns["postcode"],
            columns["address_line"],
            columns["nhs_number"],
            columns["other_identifier"],
            columns["email"],
            columns["phone"],
            strict=True,
        )
    ]


def has_anything_to_link(values: Mapping[str, object]) -> bool:
    """Whether a prepared record holds enough to be linked at all: a name with a date of
    birth, a postcode or an address, or an identifier."""
    named = values.get("given_name") is not None or values.get("family_name") is not None
    placed = any(values.get(column) is not None for column in ("dob", "postcode", "address_line"))
    identified = any(
        values.get(column) is not None
        for column in ("nhs_number", "other_identifier", "email", "phone")
    )
    return (named and placed) or identified
