"""Linkage definitions: how each agency's extract maps onto our fields, and the nickname table.

Both are local practice (design.md §3.8): a partnership adds an agency or a short form of a
name by editing YAML under `linkage/definitions/`, checked at start-up and by
`hub check-definitions`.
"""

from __future__ import annotations

import enum
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register, register_folder

_LOWER_NAME = re.compile(r"^[a-z]+$")


class Field_(enum.StrEnum):
    """The fields of a record as `hub link` reads them (its CSV header)."""

    RECORD_ID = "record_id"
    SOURCE = "source"
    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    OTHER_NAMES = "other_names"
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    ADDRESS_LINE = "address_line"
    TOWN = "town"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    NHS_NUMBER = "nhs_number"
    OTHER_IDENTIFIER = "other_identifier"


RECORD_FIELDS: tuple[str, ...] = tuple(field.value for field in Field_)


class NicknameTable(Definition):
    """Formal given names and the short forms people go by (`tom: thomas`).

    A short form may belong to several formal names ("alex": alexander, alexandra); the
    comparison then accepts any of them.
    """

    formal_names: dict[str, list[str]] = Field(
        description="formal name -> its short forms, all lower case letters"
    )

    def problems(self) -> list[tuple[Loc, str]]:
        """Names in lower-case letters only; a short form is not also a formal name."""
        found: list[tuple[Loc, str]] = []
        for formal, shorts in self.formal_names.items():
            if not _LOWER_NAME.match(formal):
                found.append((("formal_names", formal), "lower-case letters a to z only"))
            for index, short in enumerate(shorts):
                if not _LOWER_NAME.match(short):
                    found.append(
                        (("formal_names", formal, index), "lower-case letters a to z only")
                    )
                elif short in self.formal_names:
                    found.append(
                        (
                            ("formal_names", formal, index),
                            f"{short!r} is a formal name too: list it in one place only",
                        )
                    )
                elif short == formal:
                    found.append((("formal_names", formal, index), "the formal name itself"))
        return found

    def formal_forms(self) -> dict[str, tuple[str, ...]]:
        """Short form -> the formal names it may stand for, sorted."""
        forms: dict[str, set[str]] = {}
        for formal, shorts in self.formal_names.items():
            for short in shorts:
                forms.setdefault(short, set()).add(formal)
        return {short: tuple(sorted(formals)) for short, formals in forms.items()}


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WholeName(_Item):
    """An extract that writes the whole name in one column ("SMITH, Kayden James")."""

    column: str
    # "family_first": FAMILY, Given Other (a comma separates them, or the first word is the
    # family name); "given_first": Given Other Family (the last word is the family name).
    order: Literal["family_first", "given_first"]


class SourceMapping(Definition):
    """One agency's extract: which of its columns hold which of our fields, and its habits."""

    source: str = Field(description="the value of `source` for its records, e.g. police")
    columns: dict[Field_, list[str]] = Field(
        description="our field -> the extract's column(s); several are joined with a space"
    )
    whole_name: WholeName | None = None
    # How the agency writes a date whose day and month could be either way round: we keep
    # both readings, and this one comes first.
    date_order: Literal["day_first", "month_first"] = "day_first"
    # What its other identifier is (a police PNC id, a unique pupil number): identifiers of
    # different kinds are never compared with each other.
    other_identifier_kind: str | None = None

    def problems(self) -> list[tuple[Loc, str]]:
        """The record id is mapped; names come from columns or one whole-name column."""
        found: list[tuple[Loc, str]] = []
        if Field_.RECORD_ID not in self.columns:
            found.append((("columns",), "map record_id to the extract's own record number"))
        if Field_.SOURCE in self.columns:
            found.append((("columns", "source"), "the source is `source:`, not a column"))
        for field, names in self.columns.items():
            if not names:
                found.append((("columns", field.value), "name at least one column"))
        if self.whole_name is not None:
            for field in (Field_.GIVEN_NAME, Field_.FAMILY_NAME):
                if field in self.columns:
                    found.append(
                        (("columns", field.value), "names come from whole_name; drop this")
                    )
        if Field_.OTHER_IDENTIFIER in self.columns and not self.other_identifier_kind:
            found.append((("other_identifier_kind",), "say what kind of identifier it is"))
        if not re.match(r"^[a-z][a-z0-9_]*$", self.source):
            found.append((("source",), "lower-case letters, digits and _ only"))
        return found


nickname_table = register("linkage", "nicknames", NicknameTable)
source_mappings = register_folder("linkage", "sources", SourceMapping)


def source_mapping(source_id: str) -> SourceMapping:
    """The newest mapping of one source, by id; KeyError naming the known ones."""
    found = [mapping for mapping in source_mappings() if mapping.id == source_id]
    if not found:
        known = ", ".join(sorted({mapping.id for mapping in source_mappings()}))
        raise KeyError(f"no source mapping {source_id!r} (known: {known})")
    return found[-1]
