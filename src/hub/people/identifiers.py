"""Checking and normalising identifiers agencies give us."""

from __future__ import annotations

import re

from .models import IdentifierKind

NHS_NUMBER_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
ERROR_NHS_NUMBER = (
    "Enter a 10-digit NHS number, like 485 777 3457. Check it against the person's records"
)


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit (NHS Data Dictionary)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], NHS_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def normalise_identifier(kind: str, raw: str) -> str | None:
    """The stored form of an identifier, or None if it can't be one of that kind."""
    text = raw.strip()
    if kind == IdentifierKind.NHS_NUMBER:
        digits = re.sub(r"[\s-]", "", text)
        return digits if nhs_number_is_valid(digits) else None
    compact = re.sub(r"\s+", "", text).upper()
    if not compact or len(compact) > 40:
        return None
    return compact
