"""Places: UK postcodes, their shape, and the local authority each lies in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.platform.places import (
    WEST_MIDLANDS_AREAS,
    area_code_for_postcode,
    normalise_postcode,
    postcodes_in,
)

BIRMINGHAM = "E08000025"
COVENTRY = "E08000026"
WOLVERHAMPTON = "E08000031"
CANONICAL = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("B1 1AA", "B1 1AA"),
        ("b11aa", "B1 1AA"),
        (" B1  1AA ", "B1 1AA"),
        ("cv10 1aa", "CV10 1AA"),
        ("WV11AA", "WV1 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("w1a0ax", "W1A 0AX"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_a_postcode_is_normalised_to_upper_case_with_one_space(text: str, expected: str) -> None:
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "B1",
        "B1 1A",
        "1AA B1",
        "B1 1AAA",
        "QA1 1AA",
        "B1 1CA",
        "BB1 1AA1",
        None,
        11,
    ],
)
def test_anything_not_shaped_like_a_uk_postcode_is_none(text: object) -> None:
    assert normalise_postcode(text) is None


@given(st.text(max_size=12))
def test_normalising_is_idempotent_and_canonical(text: str) -> None:
    result = normalise_postcode(text)
    if result is not None:
        assert normalise_postcode(result) == result
        assert CANONICAL.match(result) or result == "GIR 0AA"


@pytest.mark.parametrize(
    ("postcode", "area"),
    [
        ("B1 1AA", BIRMINGHAM),
        ("b11aa", BIRMINGHAM),
        ("CV1 1AA", COVENTRY),
        ("WV1 1AA", WOLVERHAMPTON),
    ],
)
def test_a_real_postcode_gives_its_local_authority(postcode: str, area: str) -> None:
    assert area_code_for_postcode(postcode) == area


@pytest.mark.parametrize("text", ["not a postcode", "", "B99 9ZZ", "QQ1 1QQ"])
def test_garbage_or_an_unknown_postcode_gives_none(text: str) -> None:
    assert area_code_for_postcode(text) is None


@pytest.mark.parametrize("code", list(WEST_MIDLANDS_AREAS))
def test_every_west_midlands_area_has_postcodes_that_lie_in_it(code: str) -> None:
    postcodes = postcodes_in(code)
    assert len(postcodes) > 5_000
    assert postcodes == sorted(postcodes)
    assert len(set(postcodes)) == len(postcodes)
    for postcode in postcodes[:: len(postcodes) // 50]:
        assert normalise_postcode(postcode) == postcode
        assert area_code_for_postcode(postcode) == code


def test_coventry_postcodes_are_cv_postcodes() -> None:
    postcodes = postcodes_in(COVENTRY)
    assert "CV1 1AA" in postcodes
    assert all(postcode.startswith("CV") for postcode in postcodes)


def test_other_areas_can_be_scanned_by_letter() -> None:
    bromsgrove = postcodes_in("E07000234", letters="BD")
    assert bromsgrove
    assert all(area_code_for_postcode(p) == "E07000234" for p in bromsgrove[:20])
    assert postcodes_in("E99999999", letters="B") == []


def test_results_are_copies_so_callers_cannot_spoil_the_cache() -> None:
    postcodes_in(COVENTRY).clear()
    assert postcodes_in(COVENTRY)
