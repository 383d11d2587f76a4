"""The agencies whose extracts are made, each with its own columns, formats and habits.

Each agency here has a column mapping in `linkage/definitions/sources/<source>.yaml`, so its
extract is imported the way a real one would be. Who an agency knows depends on age: schools
know children, housing knows adults, the police know people from ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Literal

from . import errors
from .population import Person


@dataclass(frozen=True)
class Agency:
    """One agency's extract: its file, its columns and how it fills them."""

    source: str
    record_prefix: str
    file_format: Literal["csv", "parquet"]
    columns: dict[str, str]  # our name for what is in it -> its column name
    date_style: str
    ages: tuple[int, int]
    weight: float  # how likely a record of someone of the right age comes from here
    whole_name: Literal["family_first", "given_first"] | None = None
    sex_words: bool = False
    dob_missing: float = 0.02
    nhs_share: float = 0.0
    phone_share: float = 0.5
    email_share: float = 0.0
    other_id: str | None = None
    uses_parent_phone: bool = False


# fmt: off
AGENCIES: tuple[Agency, ...] = (
    Agency("police", "WMP", "csv", {
        "record_id": "URN", "given": "Forename", "family": "Surname", "middle": "MiddleNames",
        "dob": "DOB", "sex": "Gender", "address": "AddressLine1", "town": "Town",
        "postcode": "Postcode", "phone": "Telephone", "other_id": "PNC_ID",
    }, "dmy", (10, 90), 1.0, dob_missing=0.02, phone_share=0.55, other_id="pnc"),
    Agency("childrens_social_care", "CSC", "parquet", {
        "record_id": "PersonID", "given": "FirstName", "family": "LastName",
        "dob": "DateOfBirth", "sex": "Sex", "address": "Address", "postcode": "PostCode",
        "phone": "ContactNumber", "email": "Email", "nhs": "NHSNumber", "other_id": "LCS_ID",
    }, "iso", (0, 20), 1.2, sex_words=True, dob_missing=0.03, nhs_share=0.5,
        phone_share=0.5, email_share=0.25, other_id="council", uses_parent_phone=True),
    Agency("health", "NHS", "csv", {
        "record_id": "PatientID", "name": "PatientName", "dob": "DOB", "sex": "Sex",
        "nhs": "NHSNumber", "address": "Address1", "postcode": "Postcode", "phone": "Phone",
        "email": "Email",
    }, "compact", (0, 99), 1.0, whole_name="family_first", dob_missing=0.005,
        nhs_share=0.97, phone_share=0.6, email_share=0.3),
    Agency("education", "EDU", "parquet", {
        "record_id": "PupilRef", "given": "LegalForename", "family": "LegalSurname",
        "middle": "MiddleName", "dob": "DOB", "sex": "Gender", "address": "HomeAddress",
        "postcode": "Postcode", "phone": "ParentContact", "other_id": "UPN",
    }, "mdy_short", (4, 18), 1.1, dob_missing=0.005, phone_share=0.8, other_id="upn",
        uses_parent_phone=True),
    Agency("youth_justice", "YJS", "csv", {
        "record_id": "CaseRef", "name": "Name", "dob": "DateOfBirth", "sex": "Sex",
        "postcode": "Postcode", "phone": "Mobile",
    }, "long", (10, 17), 0.6, whole_name="given_first", sex_words=True, dob_missing=0.01,
        phone_share=0.6),
    Agency("housing", "HSG", "csv", {
        "record_id": "TenancyRef", "given": "Forenames", "family": "Surname", "dob": "DOB",
        "address": "AddressLine", "postcode": "Postcode", "phone": "Tel", "email": "Email",
    }, "dotted", (18, 99), 0.8, dob_missing=0.15, phone_share=0.7, email_share=0.4),
    Agency("adult_social_care", "ASC", "parquet", {
        "record_id": "ClientID", "given": "GivenName", "family": "FamilyName", "dob": "DOB",
        "sex": "Gender", "address": "Address", "postcode": "Postcode",
        "phone": "Telephone", "nhs": "NHSNumber",
    }, "abbreviated", (18, 99), 0.7, dob_missing=0.02, nhs_share=0.6, phone_share=0.6),
)
# How many records a person has (1..6), and the share of people with each.
RECORD_COUNT_WEIGHTS: tuple[float, ...] = (0.3, 0.28, 0.2, 0.12, 0.06, 0.04)
# fmt: on


class RecordWriter:
    """Turns people into agency records, with the errors agencies make."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.counters: dict[str, int] = {agency.source: 0 for agency in AGENCIES}
        self.identifiers: dict[tuple[str, str], str] = {}

    def agencies_for(self, person: Person) -> list[Agency]:
        """Which agencies hold this person's records (one per record, repeats allowed)."""
        rng = self.rng
        age = person.age
        known = [agency for agency in AGENCIES if agency.ages[0] <= age <= agency.ages[1]]
        count = rng.choices(range(1, 7), weights=RECORD_COUNT_WEIGHTS)[0]
        return rng.choices(known, weights=[agency.weight for agency in known], k=count)

    def _identifier(self, person: Person, kind: str) -> str:
        key = (person.person_id, kind)
        found = self.identifiers.get(key)
        if found is None:
            rng = self.rng
            if kind == "pnc":
                found = f"{rng.randint(0, 26):02d}/{rng.randint(1, 999_999):06d}"
                found += chr(65 + rng.randint(0, 25))
            elif kind == "upn":
                found = f"{chr(65 + rng.randint(0, 25))}{rng.randint(330, 336)}"
                found += f"{rng.randrange(10**9):09d}"
            else:
                found = f"LCS{rng.randrange(10**7):07d}"
            self.identifiers[key] = found
        return found

    def _names(self, person: Person) -> tuple[str, str, str]:
        rng = self.rng
        given, family, middle = person.given, person.family, person.middle or ""
        roll = rng.random()
        if roll < 0.07:
            given = errors.short_form(given, rng) or given
        elif roll < 0.12:
            given = errors.typo(rng, given)
        elif roll < 0.15:
            given = errors.other_spelling(rng, given)
        elif roll < 0.155:
            given = given[0]
        elif roll < 0.16:
            given = ""
        if person.previous_family and rng.random() < 0.35:
            family = person.previous_family
        if "-" in family:
            roll = rng.random()
            if roll < 0.3:
                family = rng.choice(family.split("-"))
            elif roll < 0.5:
                family = family.replace("-", " ")
        roll = rng.random()
        if roll < 0.04:
            family = errors.typo(rng, family)
        elif roll < 0.06:
            family = errors.other_spelling(rng, family)
        elif roll < 0.065:
            family = ""
        if rng.random() < 0.01:
            given, family = family, given
        return errors.written_name(rng, given), errors.written_name(rng, family), middle

    def record(self, person: Person, agency: Agency) -> dict[str, str]:
        """One record of a person as this agency holds it, by the agency's column names."""
        rng = self.rng
        self.counters[agency.source] += 1
        given, family, middle = self._names(person)
        values: dict[str, str] = {
            "record_id": f"{agency.record_prefix}{self.counters[agency.source]:08d}",
        }
        if agency.whole_name == "family_first":
            values["name"] = f"{family.upper()}, {given} {middle}".strip()
        elif agency.whole_name == "given_first":
            values["name"] = " ".join(part for part in (given, middle, family) if part)
        else:
            values.update(given=given, family=family, middle=middle)
        dob = person.dob
        if rng.random() < 0.05:
            dob = errors.wrong_birth_date(rng, dob)
        values["dob"] = (
            "" if rng.random() < agency.dob_missing else errors.write_date(dob, agency.date_style)
        )
        sex = person.sex if rng.random() > 0.005 else {"m": "f", "f": "m"}[person.sex]
        if rng.random() < 0.03:
            values["sex"] = "Unknown" if agency.sex_words else "U"
        elif agency.sex_words:
            values["sex"] = "Male" if sex == "m" else "Female"
        else:
            values["sex"] = sex.upper()
        address = person.address
        if person.previous_address is not None and rng.random() < 0.4:
            address = person.previous_address
        values["address"] = "" if rng.random() < 0.1 else address.line
        values["town"] = address.town
        values["postcode"] = (
            "" if rng.random() < 0.05 else errors.written_postcode(rng, address.postcode)
        )
        phone = person.mobile
        if phone is None and agency.uses_parent_phone:
            phone = person.parent_phone
        if phone is None:
            phone = person.landline
        values["phone"] = (
            errors.written_phone(rng, phone) if phone and rng.random() < agency.phone_share else ""
        )
        values["email"] = person.email if person.email and rng.random() < agency.email_share else ""
        values["nhs"] = (
            errors.written_nhs_number(rng, person.nhs_number)
            if person.nhs_number and rng.random() < agency.nhs_share
            else ""
        )
        if agency.other_id is not None:
            share = 0.85 if agency.other_id == "pnc" else 0.92
            values["other_id"] = (
                self._identifier(person, agency.other_id) if rng.random() < share else ""
            )
        return {column: values.get(ours, "") for ours, column in agency.columns.items()}
