"""One record's fields made comparable: the columns the linkage model reads.

A field that cannot be read (a date that is no date, an NHS number whose check digit fails)
is left out of the comparison and reported; the rest of the record still links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from . import contact
from .dates import UnreadableDate, day_month_swapped, read_birth_date
from .names import person_name, sound_code

# The columns of a prepared record, in order; `unique_id` is the row's position.
PREPARED_COLUMNS: tuple[str, ...] = (
    "unique_id",
    "source",
    "given_name",
    "given_formal",
    "given_formals",
    "given_sound",
    "family_name",
    "family_words",
    "family_sound",
    "name_words",
    "dob",
    "dob_readings",
    "dob_swapped",
    "birth_year",
    "sex",
    "postcode",
    "postcode_sector",
    "postcode_district",
    "address_line",
    "phone",
    "email",
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


def prepare_record(
    row: Mapping[str, object],
    *,
    unique_id: int,
    today: date,
    day_first: bool = True,
    identifier_kind: str | None = None,
) -> Prepared:
    """Normalise one input row (fields by their `hub link` names) into the model's columns."""
    problems: list[tuple[str, str]] = []
    name = person_name(row.get("given_name"), row.get("family_name"), row.get("other_names"))
    values: dict[str, object] = {
        "unique_id": unique_id,
        "source": contact.given(row.get("source")),
        "given_name": name.given,
        "given_formal": name.given_formal,
        "given_formals": list(name.given_formals),
        "given_sound": sound_code(name.given) if name.given else None,
        "family_name": name.family,
        "family_words": list(name.family_words),
        "family_sound": sound_code(name.family.replace(" ", "")) if name.family else None,
        "name_words": list(name.all_words),
    }
    dob_values: dict[str, object] = {
        "dob": None,
        "dob_readings": [],
        "dob_swapped": None,
        "birth_year": None,
    }
    try:
        birth = read_birth_date(row.get("date_of_birth"), today=today, day_first=day_first)
    except UnreadableDate as exc:
        problems.append(("date_of_birth", str(exc)))
        birth = None
    if birth is not None:
        swapped = day_month_swapped(birth.primary)
        dob_values = {
            "dob": birth.primary.isoformat(),
            "dob_readings": [reading.isoformat() for reading in birth.readings],
            "dob_swapped": swapped.isoformat() if swapped else None,
            "birth_year": str(birth.primary.year),
        }
    values.update(dob_values)
    place = contact.postcode(row.get("postcode"))
    values.update(
        {
            "sex": contact.sex(row.get("sex")),
            "postcode": place.text if place else None,
            "postcode_sector": place.sector if place else None,
            "postcode_district": place.district if place else None,
            "address_line": contact.address_line(row.get("address_line")),
        }
    )
    for column, read in (
        ("phone", contact.phone),
        ("email", contact.email),
        ("nhs_number", contact.nhs_number),
    ):
        try:
            values[column] = read(row.get(column))
        except contact.UnreadableValue as exc:
            problems.append((column, str(exc)))
            values[column] = None
    other = contact.identifier(row.get("other_identifier"), identifier_kind)
    values["other_identifier"] = other
    values["other_identifier_kind"] = other.partition(":")[0] if other else None
    return Prepared(values, problems)


def has_anything_to_link(values: Mapping[str, object]) -> bool:
    """Whether a prepared record holds enough to be linked at all: a name with a date of
    birth or a postcode, or an identifier."""
    named = values.get("given_name") is not None or values.get("family_name") is not None
    placed = values.get("dob") is not None or values.get("postcode") is not None
    identified = any(
        values.get(column) is not None
        for column in ("nhs_number", "other_identifier", "email", "phone")
    )
    return (named and placed) or identified
