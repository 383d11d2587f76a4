"""Postcodes, phone numbers, email addresses, sex and identifiers in one written form each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers

from hub.people.identifiers import nhs_number_is_valid
from hub.platform.places import normalise_postcode

_NOT_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")
_NOT_ADDRESS = re.compile(r"[^a-z0-9 ]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Words agencies write for "nothing here" in a field.
_NOTHING = frozenset(
    {"", "n/a", "na", "none", "nil", "null", "unknown", "not known", "nk", "-", "--", "?"}
)
_SEXES = {
    "m": "m",
    "male": "m",
    "man": "m",
    "boy": "m",
    "f": "f",
    "female": "f",
    "woman": "f",
    "girl": "f",
}


class UnreadableValue(ValueError):
    """A value given that is not one of its kind (a phone number that cannot be one)."""


def given(text: object) -> str | None:
    """A field's text without surrounding spaces, or None when it says nothing (empty, or
    a word for "not known")."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    return None if stripped.casefold() in _NOTHING else stripped


@dataclass(frozen=True, slots=True)
class Postcode:
    """A postcode: the UK form ("B1 1AA") with its sector and district, or other text."""

    text: str
    uk: bool

    @property
    def sector(self) -> str | None:
        """The postcode less its last two letters ("B1 1"): a few streets."""
        return self.text[:-2] if self.uk else None

    @property
    def district(self) -> str | None:
        """The outward code ("B1"): a part of a town."""
        return self.text.split(" ")[0] if self.uk else None


@lru_cache(maxsize=1 << 18)  # a postcode recurs for every record at the address
def postcode(text: object) -> Postcode | None:
    """A UK postcode in its canonical form; anything else kept as upper-case text."""
    text = given(text)
    if text is None:
        return None
    canonical = normalise_postcode(text)
    if canonical is not None:
        return Postcode(canonical, uk=True)
    return Postcode(_SPACES.sub(" ", text.strip().upper()), uk=False)


_UK_NUMBER_KINDS = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)


@lru_cache(maxsize=1)
def _uk_patterns() -> tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...]:
    # +44 is shared by Great Britain, Guernsey, Jersey and the Isle of Man: a number is a
    # valid UK-dialled number if it is valid in any of them (07911 is a Jersey mobile).
    regions: list[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]] = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[44]:
        metadata: Any = phonenumbers.PhoneMetadata.metadata_for_region(region)
        kinds: list[re.Pattern[str]] = []
        for kind in _UK_NUMBER_KINDS:
            described = getattr(metadata, kind, None)
            if described is not None and described.national_number_pattern:
                kinds.append(re.compile(str(described.national_number_pattern)))
        general = re.compile(str(metadata.general_desc.national_number_pattern))
        regions.append((general, tuple(kinds)))
    return tuple(regions)


def uk_number(national: str) -> str | None:
    """A UK number written nationally ("07911123456") in E.164, checked against
    phonenumbers' own patterns for +44: its full parse costs a millisecond a number, and a
    million records hold a few hundred thousand numbers."""
    significant = national[1:]
    for general, kinds in _uk_patterns():
        if general.fullmatch(significant) and any(k.fullmatch(significant) for k in kinds):
            return "+44" + significant
    return None


@lru_cache(maxsize=1)
def _uk_mobile_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[44]:
        metadata: Any = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if metadata.mobile is not None and metadata.mobile.national_number_pattern:
            patterns.append(re.compile(str(metadata.mobile.national_number_pattern)))
    return tuple(patterns)


@lru_cache(maxsize=262_144)
def is_mobile(number: str) -> bool:
    """Whether a phone number in E.164 form is a mobile's: one person's, as a rule, where a
    landline is a household's. UK numbers by phonenumbers' own patterns (a full parse costs
    a millisecond a number)."""
    if number.startswith("+44"):
        return any(pattern.fullmatch(number[3:]) for pattern in _uk_mobile_patterns())
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


@lru_cache(maxsize=262_144)
def _phone_from_digits(digits: str) -> str | None:
    if digits.startswith("0") and not digits.startswith("00") and digits.isdigit():
        return uk_number(digits)
    try:
        parsed = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone(text: object) -> str | None:
    """A phone number in E.164 form ("+447700900123"), UK unless it says otherwise; None if
    blank; UnreadableValue if it cannot be a phone number."""
    text = given(text)
    if text is None:
        return None
    stripped = text.strip()
    digits = _NOT_DIGITS.sub("", stripped)
    # One written form per number before parsing, so each number is parsed once however it
    # was written ("+44 7700 900123", "0044...", "07700 900123"): parsing is the slow part.
    if stripped.startswith("+"):
        key = "+" + digits
    elif digits.startswith("00"):
        key = "+" + digits[2:]
    else:
        key = digits
    if key.startswith("+44") and len(key) == 13:
        key = "0" + key[3:]
    found = _phone_from_digits(key) if 7 <= len(digits) <= 15 else None
    if found is None:
        raise UnreadableValue(f"not a phone number: {stripped!r}")
    return found


def email(text: object) -> str | None:
    """An email address in lower case; UnreadableValue if it has no @ and domain."""
    text = given(text)
    if text is None:
        return None
    value = text.strip().casefold()
    if not _EMAIL.match(value):
        raise UnreadableValue(f"not an email address: {text.strip()!r}")
    return value


def sex(text: object) -> str | None:
    """ "m" or "f" when the record says so; None for anything else (not known, not stated)."""
    text = given(text)
    if text is None:
        return None
    return _SEXES.get(text.strip().casefold())


def nhs_number(text: object) -> str | None:
    """Ten digits with a valid check digit; UnreadableValue for a number that fails it."""
    text = given(text)
    if text is None:
        return None
    digits = re.sub(r"[\s-]", "", text.strip())
    if not nhs_number_is_valid(digits):
        raise UnreadableValue(f"not a valid NHS number (check digit): {text.strip()!r}")
    return digits


def identifier(text: object, kind: str | None) -> str | None:
    """Another identifier ("pnc:10/123456A"), upper case without spaces, named by its kind
    so that identifiers of different kinds are never compared."""
    text = given(text)
    if text is None:
        return None
    compact = _SPACES.sub("", text).upper()
    if ":" in compact and kind is None:
        kind, _, compact = compact.partition(":")
    return f"{(kind or 'other').lower()}:{compact}" if compact else None


@lru_cache(maxsize=1 << 18)
def address_line(text: object) -> str | None:
    """The first line of an address, lower case, punctuation dropped, spaces single."""
    text = given(text)
    if text is None:
        return None
    plain = _NOT_ADDRESS.sub(" ", text.casefold())
    return _SPACES.sub(" ", plain).strip() or None
