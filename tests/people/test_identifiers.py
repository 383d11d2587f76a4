"""NHS numbers are checked with their check digit; other identifiers are normalised."""

from __future__ import annotations

import pytest

from hub.people.identifiers import nhs_number_is_valid, normalise_identifier


@pytest.mark.parametrize("number", ["4857773457", "9434765919", "9434765870", "0000000000"])
def test_valid_nhs_numbers(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize(
    # 0000000060: the check digit would be 10, which no NHS number has
    "number",
    ["4857773456", "943476591", "94347659190", "943476591X", "", "0000000060"],
)
def test_invalid_nhs_numbers(number):
    assert not nhs_number_is_valid(number)


def test_nhs_numbers_keep_only_digits():
    assert normalise_identifier("nhs_number", " 485 777-3457 ") == "4857773457"
    assert normalise_identifier("nhs_number", "485 777 3456") is None


def test_other_identifiers_are_compacted_and_capitalised():
    assert normalise_identifier("police", " 12/345678 x ") == "12/345678X"
    assert normalise_identifier("police", "   ") is None
    assert normalise_identifier("other", "A" * 41) is None
