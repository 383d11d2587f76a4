"""When things happen in the synthetic hub: referrals arriving over the year, and the hub's
working hours, in which triage happens."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from hub.platform.timescales import LOCAL, is_working_day

# The hub's working day, 08:30 to 17:30. The build's "now" is its start on `as_of`: the queue
# as the hub finds it that morning (and nothing the hub did is later than the build).
DAY_START = time(8, 30)
DAY_MINUTES = 9 * 60
_START_MINUTE = DAY_START.hour * 60 + DAY_START.minute


def world_now(as_of: date) -> datetime:
    """The moment the synthetic region stands still: `as_of`, as the hub's day begins."""
    return datetime.combine(as_of, DAY_START, tzinfo=LOCAL)


class WorkingTime:
    """The hub's working time as a count of working minutes, so that moving through it is
    arithmetic (triaging a region takes half a million steps). Moments it gives are in UTC."""

    def __init__(self, first: date, last: date) -> None:
        self._starts: list[datetime] = []  # each working day's start
        self._days: dict[date, tuple[int, bool]] = {}  # a day -> its working day (or the next)
        waiting: list[date] = []
        day = first
        while day <= last or waiting:
            if is_working_day(day):
                index = len(self._starts)
                self._starts.append(datetime.combine(day, DAY_START, tzinfo=LOCAL).astimezone(UTC))
                self._days[day] = (index, True)
                self._days.update((other, (index, False)) for other in waiting)
                waiting.clear()
            else:
                waiting.append(day)
            day += timedelta(days=1)

    def minutes(self, moment: datetime) -> float:
        """Working minutes up to `moment` (out of hours: those up to the next working day)."""
        local = moment.astimezone(LOCAL)
        index, working = self._days[local.date()]
        if not working:
            return index * DAY_MINUTES
        into_day = local.hour * 60 + local.minute + local.second / 60 - _START_MINUTE
        return index * DAY_MINUTES + min(max(into_day, 0.0), DAY_MINUTES)

    def moment(self, minutes: float) -> datetime:
        """The moment that many working minutes in."""
        index, into_day = divmod(minutes, DAY_MINUTES)
        return self._starts[int(index)] + timedelta(seconds=round(into_day * 60))


def working_days_before(as_of: date, count: int) -> date:
    """The `count`-th working day before `as_of`."""
    day = as_of
    while count:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Rhythm:
    """When one kind of referrer sends referrals: weekends and out-of-hours shares."""

    weekend: float  # a weekend day or bank holiday's weight against a weekday's 1
    office_hours: float  # share sent between 08:30 and 17:30
    evening: float  # share sent 17:30 to midnight; the rest overnight


RHYTHMS: dict[str, Rhythm] = {
    "police": Rhythm(weekend=0.75, office_hours=0.5, evening=0.35),
    "health": Rhythm(weekend=0.5, office_hours=0.7, evening=0.2),
    "school": Rhythm(weekend=0.02, office_hours=0.97, evening=0.03),
    "socialcare": Rhythm(weekend=0.1, office_hours=0.9, evening=0.08),
    "youthjustice": Rhythm(weekend=0.05, office_hours=0.92, evening=0.06),
    "probation": Rhythm(weekend=0.03, office_hours=0.95, evening=0.04),
}


# A weekend day or bank holiday's weight against a weekday's 1, over all referrers together.
WEEKEND_WEIGHT = 0.4


class Arrivals:
    """Draws the days referrals are sent, over the 365 days before `as_of`."""

    def __init__(self, as_of: date) -> None:
        self.days = [as_of - timedelta(days=back) for back in range(365, 0, -1)]
        self._cum = list(
            itertools.accumulate(
                1.0 if is_working_day(day) else WEEKEND_WEIGHT for day in self.days
            )
        )

    def draw_day(self, rng: Random) -> date:
        """A day of the year, weekdays more likely than weekends and bank holidays."""
        return rng.choices(self.days, cum_weights=self._cum)[0]


def at_time_of_day(rng: Random, day: date, rhythm: Rhythm) -> datetime:
    """A moment on `day`: in office hours, in the evening or overnight, as the rhythm says."""
    roll = rng.random()
    if roll < rhythm.office_hours:
        minute = 8 * 60 + 40 + rng.random() * (8 * 60 + 40)  # 08:40 to 17:20
    elif roll < rhythm.office_hours + rhythm.evening:
        minute = 17 * 60 + 30 + rng.random() * 6 * 60  # 17:30 to 23:30
    else:
        minute = rng.random() * 8 * 60  # midnight to 08:00
    return datetime.combine(day, time(0), tzinfo=LOCAL) + timedelta(seconds=int(minute * 60))
