"""Facts derived from the date of birth, for any day."""

from __future__ import annotations

from datetime import date

import pytest

from hub.people.models import Person


def person(born: date | None) -> Person:
    return Person(given_name="Ava", family_name="Hill", date_of_birth=born)


@pytest.mark.parametrize(
    ("born", "day", "child"),
    [
        (date(2008, 6, 15), date(2026, 6, 14), True),
        (date(2008, 6, 15), date(2026, 6, 15), False),
        (date(2010, 1, 1), date(2026, 11, 29), True),
        (None, date(2026, 11, 29), None),
    ],
)
def test_child_or_adult_on_any_day(born, day, child):
    assert person(born).is_child_on(day) is child


def test_a_leap_day_birth_turns_eighteen_on_the_first_of_march():
    assert person(date(2008, 2, 29)).eighteenth_birthday() == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("born", "day", "soon"),
    [
        (date(2009, 5, 29), date(2026, 11, 29), True),  # 18 in exactly six months
        (date(2009, 5, 30), date(2026, 11, 29), False),  # six months and a day
        (date(2008, 12, 1), date(2026, 11, 29), True),
        (date(2008, 11, 29), date(2026, 11, 29), False),  # already 18
        (None, date(2026, 11, 29), False),
    ],
)
def test_eighteenth_birthday_flagged_six_months_ahead(born, day, soon):
    assert person(born).turning_adult_soon(day) is soon
