"""Actions as cases/services make them (an owner, the owner's team and agency, a due date not
before the day it is set), and when each is done: most on time, some late, a few cancelled,
some still open "now" (overdue, if their day has passed). A case asks to close only once
every action made before is done or cancelled, as case_request_close insists."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from ..referrals.telling import Weighted, fill, pick
from ..screenings.timing import local_day, office_moment, working_day_on_or_after
from . import words
from .records import Act, ActionStatus, PlannedCase, Staff

# How an action ends: done by its day, done late, cancelled, or left open.
ENDINGS = Weighted((("on_time", 62), ("late", 18), ("cancelled", 5), ("open", 15)))


class Acts:
    """Makes actions on cases and settles when they end, from the step's random stream."""

    def __init__(self, rng: Random, now: datetime) -> None:
        self.rng, self.now = rng, now

    def make(
        self,
        case: PlannedCase,
        *,
        kind: str,
        text: str,
        owner: Staff,
        by: Staff | None,
        at: datetime,
        days: tuple[int, int],
        words_of: dict[str, str],
        goal_key: str = "",
    ) -> Act:
        """An action due `days` (low, high) after `at`, on the case, and how it ends."""
        rng = self.rng
        due = local_day(at) + timedelta(days=rng.randint(*days))
        act = Act(
            kind=kind,
            text=fill(rng, text, words_of),
            owner=owner,
            due_on=due,
            created_by=(by or owner).user,
            created_at=at,
            goal_key=goal_key,
        )
        ending = ENDINGS.draw(rng)
        if ending != "open":
            if ending == "on_time":
                span = max(1, (due - local_day(at)).days)
                day = local_day(at) + timedelta(days=rng.randint(1, span))
            elif ending == "late":
                day = due + timedelta(days=rng.randint(1, 25))
            else:
                day = local_day(at) + timedelta(days=rng.randint(1, 20))
            moment = office_moment(rng, working_day_on_or_after(day))
            cancelled = ending == "cancelled"
            note = pick(rng, words.CANCEL_NOTES if cancelled else words.DONE_NOTES)
            self._end(act, moment, cancelled=cancelled, note=fill(rng, note, words_of))
        limit = case.next_request_after(at)
        if limit is not None:  # the case asks to close later: this is done by then
            self.finish_before(act, limit)
        case.actions.append(act)
        return act

    def _end(self, act: Act, moment: datetime, *, cancelled: bool, note: str) -> None:
        """Done (or cancelled) at `moment`, if that is before "now" (else still open)."""
        if moment >= self.now or moment <= act.created_at:
            act.status, act.done_at, act.done_by, act.note = ActionStatus.OPEN, None, None, ""
            return
        act.status = ActionStatus.CANCELLED if cancelled else ActionStatus.DONE
        act.done_at, act.done_by, act.note = moment, act.owner.user, note

    def finish_before(self, act: Act, limit: datetime) -> None:
        """Make sure the action ended before `limit` (a closure request)."""
        if act.done_at is not None and act.done_at < limit:
            return
        minutes = max(1.0, min(240.0, (limit - act.created_at).total_seconds() / 120))
        moment = limit - timedelta(minutes=self.rng.uniform(minutes / 4, minutes))
        cancelled = self.rng.random() < 0.4
        note = words.CLOSING_NOTES[1 if cancelled else 0]
        self._end(act, max(moment, act.created_at + timedelta(seconds=30)), cancelled=cancelled,
                  note=note)  # fmt: skip

    def finish_all(self, case: PlannedCase, limit: datetime) -> None:
        """Every action made before `limit` ended by then."""
        for act in case.actions:
            if act.created_at < limit:
                self.finish_before(act, limit)
