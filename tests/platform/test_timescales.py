"""Working days with England and Wales bank holidays, deadlines and their red/amber/green."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hub.platform.definitions import DefinitionError, load
from hub.platform.timescales import (
    LOCAL,
    Rag,
    TimescalesDefinition,
    add_working_days,
    is_working_day,
    rag,
    timescales_definition,
    working_days_between,
)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 30), True),  # Monday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day, observed on the Monday
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 8, 30), False),  # Late Summer bank holiday (England, not Scotland)
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_adding_working_days_skips_weekends_and_christmas():
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday to Monday
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday to Monday
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_a_referral_decision_is_due_by_the_end_of_the_next_working_day():
    decision = timescales_definition().get("referral_decision")
    assert decision.due(local(2026, 11, 30, 9, 15)) == local(2026, 12, 1, 23, 59, 59)
    assert decision.due(local(2026, 12, 24, 16, 0)) == local(2026, 12, 29, 23, 59, 59)


def test_hour_and_month_timescales():
    interview = timescales_definition().get("return_home_interview")
    returned = local(2026, 11, 29, 2, 30)
    assert interview.due(returned) == returned + timedelta(hours=72)
    review = timescales_definition().get("screening_review")
    assert review.due(local(2026, 11, 30, 10, 0)) == local(2027, 2, 28, 23, 59, 59)  # no 30 Feb


def test_red_amber_green():
    decision = timescales_definition().get("referral_decision")
    start = local(2026, 11, 30, 0, 0)  # due 1 December 23:59:59, 48 hours later
    assert rag(timescale=decision, start=start, now=local(2026, 11, 30, 12, 0)) == Rag.GREEN
    assert rag(timescale=decision, start=start, now=local(2026, 12, 1, 1, 0)) == Rag.AMBER
    assert rag(timescale=decision, start=start, now=local(2026, 12, 2, 0, 1)) == Rag.RED
    assert rag(timescale=decision, start=start, now=local(2026, 12, 9), done=True) == Rag.DONE


def test_a_clock_change_moves_neither_hours_nor_amber():
    interview = timescales_definition().get("return_home_interview")
    returned = local(2027, 3, 27, 12, 0)  # the clocks go forward at 01:00 on the 28th
    due = interview.due(returned)
    assert due == local(2027, 3, 30, 13, 0)  # 13:00 on the wall clock, the hour lost
    assert due.astimezone(UTC) - returned.astimezone(UTC) == timedelta(hours=72)
    assert due.astimezone(UTC) == interview.due(returned.astimezone(UTC))
    decision = timescales_definition().get("referral_decision")
    sent = local(2026, 10, 24, 23, 30)  # Saturday night; the clocks go back on Sunday
    in_utc = sent.astimezone(UTC)
    assert decision.amber_at(sent, decision.due(sent)) == decision.amber_at(
        in_utc, decision.due(in_utc)
    )


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{code: a, title: A, amount: 0, unit: hours, amber_when_remaining: 10%}", "more than 0"),
        ("{code: a, title: A, amount: 1, unit: fortnights, amber_when_remaining: 10%}", "unit"),
        ("{code: a, title: A, amount: 1, unit: hours, amber_when_remaining: 150%}", "between"),
    ],
)
def test_a_bad_timescales_file_is_refused_with_the_reason(tmp_path, monkeypatch, entry, problem):
    (tmp_path / "timescales.yaml").write_text(
        f"id: timescales\nversion: 2\ntitle: T\ntimescales:\n  - {entry}\n"
    )
    monkeypatch.setattr(
        "hub.platform.definitions.definition_path", lambda app, name: tmp_path / f"{name}.yaml"
    )
    with pytest.raises(DefinitionError, match=problem):
        load("platform", "timescales", TimescalesDefinition)


def test_an_unknown_timescale_is_named():
    with pytest.raises(KeyError, match="no timescale 'fortnightly_tea'"):
        timescales_definition().get("fortnightly_tea")
