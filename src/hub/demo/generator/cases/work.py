"""A case team's recorded work: safety plan versions (plan_save) with the actions toward their
goals, the person's own words (voice_record), and closing (case_request_close, then another
manager's case_sign_off_close)."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from hub.cases.models import Action, Case, VoiceRecord
from hub.cases.practice import case_practice

from ..referrals.telling import Weighted, fill, pick, pronouns
from ..screenings.timing import after_working_days, local_day, office_moment
from . import voices, words
from .acts import Acts
from .records import Closure, Plan, PlannedCase, Staff, Told, Voice

Kind, Status = Action.Kind, Case.Status
CONTEXT_LABELS = dict(VoiceRecord.Context.choices)
CONTEXTS = Weighted((context, weight) for context, weight, _ in voices.CONTEXTS)
RECORDERS = {context: kinds for context, _, kinds in voices.CONTEXTS}
SIGN_OFF_RETURN_SHARE = 0.08
# Who owns the actions toward a plan's goals (the kinds of practitioner on the team).
OWNERS = ("police", "socialcare", "school", "health", "youthjustice", "probation", "hub")


class CaseWork:
    """Plans, voices and closing, from the step's random stream."""

    def __init__(
        self, rng: Random, now: datetime, staff: dict[tuple[str, str], Staff], acts: Acts
    ) -> None:
        self.rng, self.now, self.staff, self.acts = rng, now, staff, acts
        self.practice = case_practice()
        self.outcomes = {o.code: o.title for o in self.practice.outcomes}

    def _key(self) -> str:
        """A goal's key, as plan_save makes one (eight hex digits), from the step's stream."""
        return f"{self.rng.getrandbits(32):08x}"

    def save_plan(self, case: PlannedCase, at: datetime, said: dict[str, str]) -> None:
        """A new version of the safety plan: goals kept by their keys, a few changed; the
        review date from the risk now; actions toward the new goals."""
        rng = self.rng
        child = case.opening.child
        family = words.family_of(case.opening.types)
        offered = list(words.GOALS[family]) + list(words.CHILD_GOALS if child else ())
        offered += list(words.GOALS["general"])
        if case.plans:
            goals = list(case.plans[-1].goals)
            if len(goals) > 2 and rng.random() < 0.3:
                goals.pop(rng.randrange(len(goals)))
            if rng.random() < 0.35:
                fresh = [t for t in offered if fill(rng, t, said) not in {g for _, g in goals}]
                if fresh:
                    goals.append((self._key(), fill(rng, pick(rng, fresh), said)))
        else:
            chosen = offered[:2] + rng.sample(
                offered[2:], k=min(len(offered) - 2, rng.randint(0, 2))
            )
            goals = [(self._key(), fill(rng, text, said)) for text in chosen]
        level = case.risk_at(at)
        review_on = self.practice.review_on(level, at)
        by = case.lead if rng.random() < 0.8 else self.staff[(case.area.slug, "hub")]
        family_views = words.FAMILY_VIEWS if child else words.ADULT_FAMILY_VIEWS
        plan = Plan(
            version=len(case.plans) + 1,
            goals=tuple(goals),
            person_views=fill(rng, pick(rng, words.PERSON_VIEWS), said),
            family_views=fill(rng, pick(rng, family_views), said),
            contingency=fill(rng, pick(rng, words.CONTINGENCY[child]), said),
            by=by.user,
            at=at,
            review_on=review_on,
            level=level,
            lead=case.lead.user,
        )
        before = {key for key, _ in case.plans[-1].goals} if case.plans else set()
        case.plans.append(plan)
        case.next_review_on = review_on
        if case.status in (Status.OPEN, Status.ASSESSMENT, Status.REVIEW):
            case.status = Status.PLAN
        case.told.append(Told(at, by.user, f"safety plan version {plan.version}", plan.contingency))
        team = [s for s in case.staff_on(at) if s.kind in OWNERS]
        for offset, (key, _) in enumerate(g for g in goals if g[0] not in before):
            owner = pick(rng, team) if team else case.lead
            texts = words.ACTIONS[owner.kind]
            if owner.kind == "hub" and not child:
                texts = texts + words.ADULT_ACTIONS
            self.acts.make(
                case, kind=Kind.PLAN, text=pick(rng, texts), owner=owner,
                by=by, at=at + timedelta(minutes=2 + offset), days=(14, 42), words_of=said,
                goal_key=key,
            )  # fmt: skip

    def close(self, case: PlannedCase, at: datetime, outcome: str, said: dict[str, str]) -> bool:
        """The lead asks to close (every action done first) and a manager answers. True when
        the case closed, or waits for the sign-off "now"; False when kept open."""
        rng = self.rng
        if at >= self.now:
            return True
        self.acts.finish_all(case, at)
        reason = fill(rng, pick(rng, words.CLOSURE_REASONS[outcome]), said)
        closure = Closure(at, case.lead.user, outcome, reason)
        case.closures.append(closure)
        case.status = Status.CLOSING
        case.told.append(Told(at, case.lead.user, "closure asked for", reason))
        answer = after_working_days(rng, at, 0, 3)
        if answer >= self.now:
            return True
        manager = self.staff[(case.area.slug, "manager")].user
        closure.answered_at, closure.answered_by = answer, manager
        if rng.random() < SIGN_OFF_RETURN_SHARE:
            closure.note = fill(rng, pick(rng, words.SIGN_OFF_RETURNS), said)
            case.status = Status.REVIEW
            case.told.append(Told(answer, manager, "stays open", closure.note))
            return False
        closure.approved = True
        case.status = Status.CLOSED
        case.told.append(Told(answer, manager, "closed", f"{self.outcomes[outcome]}. {reason}"))
        return True

    def voices(self, case: PlannedCase, end: datetime) -> None:
        """What the person said at contacts, in their own words, written down by whoever on
        the team was there."""
        rng = self.rng
        start = case.opened_at + timedelta(days=2)
        if end <= start:
            return
        family = words.family_of(case.opening.types)
        span = (end - start).total_seconds()
        moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(
            rng.choice((1, 1, 2, 2, 3, 4))
        ))  # fmt: skip
        for index, rough in enumerate(moments):
            moment = office_moment(rng, local_day(rough))
            if not start <= moment < end:
                continue
            context = CONTEXTS.draw(rng)
            team = case.staff_on(moment)
            by = next((s for kind in RECORDERS[context] for s in team if s.kind == kind), None)
            if by is None:
                by = case.lead if case.lead in team else team[0]
            early = index == 0 or rng.random() < 0.3
            said_words = pick(rng, voices.EARLY[family] if early else voices.LATER)
            said_on = max(
                local_day(case.opened_at), local_day(moment) - timedelta(days=rng.randint(0, 2))
            )
            person = pick(rng, case.opening.persons)
            words_of = {**pronouns(person.gender, plural=False), "area": case.area.name}
            place = fill(rng, pick(rng, voices.PLACES[context]), words_of)
            case.voices.append(Voice(person, context, said_words, place, said_on, by.user, moment))
