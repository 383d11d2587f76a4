"""One screening's steps, as screening/services/flow.py would have taken them, kept up to the
build's "now": drafted, confirmed (the engine's grades; now and then another grade with its
reason), reviewed by the area's hub manager where the tool asks (now and then returned and
confirmed again), and what "now" finds: a draft, awaiting review, or complete."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from hub.screening.engine import Subject, score
from hub.screening.forms import answer_name, circumstance_name
from hub.screening.services import known_circumstances
from hub.screening.services.flow import _needs_review  # the flow's own rule, not a copy

from ..referrals.telling import fill, pick, pronouns
from . import words
from .answers import Answerer, Drawn, circumstances_for
from .records import Confirmation, Planned, Review, Status
from .timing import after_working_days, later_by_minutes, local_day


class Scheduler:
    """Plans and settles screenings from the step's random stream."""

    def __init__(self, rng: Random, now: datetime) -> None:
        self.rng, self.now = rng, now
        self.answerer = Answerer(rng)
        self._circumstances: dict[int, dict[str, bool | str]] = {}

    def settle(self, plan: Planned) -> None:
        """Plan the steps after the start and keep those before "now" (again, if asked)."""
        rng, now = self.rng, self.now
        plan.confirmations, plan.reviews, plan.saves, plan.draft = [], [], [], {}
        plan.status = Status.DRAFT
        if plan.hold == "draft":
            first = now + timedelta(hours=rng.uniform(1, 30))
        else:
            first = after_working_days(rng, plan.started_at, 0, 1)
        self._saves(plan, min(first, now))
        if first >= now:
            self._draft(plan)
            return
        drawn = self._draw(plan, first)
        confirmation = self._confirmation(plan, first, drawn)
        if plan.hold == "review" and not self._needs_review(plan, confirmation):
            plan.override = plan.override or "up"
            confirmation = self._confirmation(plan, first, drawn)
        plan.confirmations.append(confirmation)
        plan.status = Status.COMPLETE
        if not self._needs_review(plan, confirmation):
            return
        plan.status = Status.AWAITING_REVIEW
        if plan.hold == "review":
            return  # the manager has not got to it yet
        review = after_working_days(rng, first, 0, 2)
        if review >= now:
            return
        again = after_working_days(rng, review, 0, 2)
        if plan.returned and again < now:
            plan.reviews.append(Review(review, False, pick(rng, words.RETURNED)))
            redone = score(
                plan.tool,
                answers=drawn.answers,
                subject=self._subject(plan, again, drawn.circumstances),
            )
            confirmation = self._confirmation(
                plan, again, Drawn(drawn.answers, drawn.circumstances, redone), again=True
            )
            plan.confirmations.append(confirmation)
            if not self._needs_review(plan, confirmation):
                plan.status = Status.COMPLETE
                return
            review = after_working_days(rng, again, 0, 2)
            if review >= now:
                return
        else:
            plan.returned = False
        note = words.AGREED_OVERRIDE if confirmation.overridden else words.AGREED
        plan.reviews.append(Review(review, True, pick(rng, note)))
        plan.status = Status.COMPLETE

    def _needs_review(self, plan: Planned, confirmation: Confirmation) -> bool:
        return _needs_review(plan.tool, confirmation.final, confirmation.overridden)

    def _subject(
        self, plan: Planned, at: datetime, circumstances: dict[str, bool | str]
    ) -> Subject:
        return Subject(
            assessed_on=local_day(at), date_of_birth=plan.person.born, circumstances=circumstances
        )

    def circumstances(self, plan: Planned) -> dict[str, bool | str]:
        """What the practitioner sets on the form (drawn once per screening)."""
        key = id(plan)
        if key not in self._circumstances:
            child = bool(plan.person.is_child_on(local_day(plan.started_at)))
            self._circumstances[key] = circumstances_for(
                self.rng,
                child=child,
                vulnerabilities=list(plan.person.vulnerabilities),
                types=plan.types,
            )
        return self._circumstances[key]

    def _draw(self, plan: Planned, at: datetime) -> Drawn:
        return self.answerer.draw(
            plan.tool,
            types=plan.types,
            vulnerabilities=list(plan.person.vulnerabilities),
            born=plan.person.born,
            assessed_on=local_day(at),
            circumstances=self.circumstances(plan),
            target=plan.target,
        )

    def _confirmation(
        self, plan: Planned, at: datetime, drawn: Drawn, *, again: bool = False
    ) -> Confirmation:
        """The final grade: the tool's, or one higher or lower with the practitioner's reason."""
        grades = plan.tool.grade_ids()
        rank = grades.index(drawn.result.overall)
        if not plan.override:
            return Confirmation(at, drawn, drawn.result.overall, "")
        up = (plan.override == "up" and rank + 1 < len(grades)) or rank == 0
        final = grades[rank + 1] if up else grades[rank - 1]
        said = dict(pronouns(plan.person.gender, plural=False), name=plan.person.given_name)
        rationale = fill(self.rng, pick(self.rng, words.RAISED if up else words.LOWERED), said)
        if again:
            rationale += fill(self.rng, pick(self.rng, words.REASONED_AGAIN), said)
        return Confirmation(at, drawn, final, rationale)

    def _saves(self, plan: Planned, until: datetime) -> None:
        """The draft saved as it was ticked (the autosave), before confirming or "now"."""
        moment = plan.started_at
        for _ in range(self.rng.randint(1, 4)):
            moment = later_by_minutes(self.rng, moment, 2, 40)
            if moment >= until:
                break
            plan.saves.append(moment)

    def _draft(self, plan: Planned) -> None:
        """Still a draft "now": the form as last saved, part way through."""
        drawn = self._draw(plan, plan.started_at)
        kept = list(drawn.answers.items())
        kept = kept[: max(1, len(kept) * 2 // 3)] if plan.saves else []
        draft = {answer_name(indicator): [window] for indicator, window in kept}
        if plan.saves:
            for name, value in drawn.circumstances.items():
                text = ("yes" if value else "no") if isinstance(value, bool) else value
                draft[circumstance_name(name)] = [text]
        plan.draft = draft

    def starting_circumstances(self, plan: Planned) -> dict[str, bool | str]:
        """What screening_start records from the person's record."""
        return known_circumstances(plan.person.record())
