"""Moments in the working week for the steps after triage: screenings, cases and meetings
happen in office hours (09:00 to 17:15), on working days, in local time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from random import Random

from hub.platform.timescales import LOCAL, add_working_days, is_working_day

OFFICE_FROM = 9 * 60  # minutes into the day
OFFICE_UNTIL = 17 * 60 + 15


def local_day(moment: datetime) -> date:
    """The local calendar day of a moment."""
    return moment.astimezone(LOCAL).date()


def working_day_on_or_after(day: date) -> date:
    """The day itself if it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def at_minute(day: date, minute: float) -> datetime:
    """A local moment on `day`, `minute` minutes after midnight (to the second)."""
    start = datetime.combine(day, time(0), tzinfo=LOCAL)
    return start + timedelta(seconds=int(minute * 60))


def office_moment(rng: Random, day: date, *, earliest: float = OFFICE_FROM) -> datetime:
    """A moment in office hours on `day` (not before `earliest`, minutes into the day)."""
    low = max(OFFICE_FROM, earliest)
    high = max(low + 1, OFFICE_UNTIL)
    return at_minute(day, low + rng.random() * (high - low))


def after_working_days(rng: Random, moment: datetime, low: int, high: int) -> datetime:
    """A moment in office hours `low` to `high` working days after `moment` (0: later the
    same day when there is time left, else the next working day), always after it."""
    count = rng.randint(low, high)
    day = local_day(moment)
    local = moment.astimezone(LOCAL)
    minute = local.hour * 60 + local.minute + 1
    if count == 0 and is_working_day(day) and minute < OFFICE_UNTIL - 20:
        return office_moment(rng, day, earliest=minute + 10)
    return office_moment(rng, add_working_days(day, max(count, 1)))


def later_by_minutes(rng: Random, moment: datetime, low: float, high: float) -> datetime:
    """A moment `low` to `high` minutes later, carried to the next working morning when it
    would fall after office hours."""
    later = moment + timedelta(seconds=int((low + rng.random() * (high - low)) * 60))
    local = later.astimezone(LOCAL)
    if local.hour * 60 + local.minute < OFFICE_UNTIL and is_working_day(local.date()):
        return later
    return office_moment(rng, add_working_days(local.date(), 1), earliest=OFFICE_FROM)


def day_near(rng: Random, day: date, before: int, after: int) -> date:
    """A working day within `before` days before and `after` days after `day`."""
    return working_day_on_or_after(day + timedelta(days=rng.randint(-before, after)))
