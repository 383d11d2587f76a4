"""The hub's work on each referral, as the triage services would have left it.

A referral's history is planned as steps in the hub's working time (assign, link, partner
checks, notes, ready for decision, decisions, sign-offs), then replayed up to the build's
"now" with the rules of services/triage.py: a check moves it to information gathering; it is
decided once every subject has a live decision, and closed once all are in force. Steps after
"now" have not happened, so recent referrals are still open at whatever stage they reached.
Most are decided within the referral_decision timescale; some late.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING, Any

from hub.referrals.models import PartnerCheck, Referral
from hub.referrals.practice import Need, TriageOption, exploitation_types, triage_definition
from hub.referrals.services.drafts import start_clock

from . import hub_words as hw
from . import telling as tl
from .clock import WorkingTime
from .records import Check, Decision, History, Note, SignOff, Stage, Status, Step, Subject
from .records import Referral as Planned

if TYPE_CHECKING:
    from hub.organisations.models import Agency, Area, User

    from ..core import RegionBuild

LATE_SHARE = 0.045  # and decisions returned and made again are often late too: ~8% in all
RETURNED_SHARE = 0.06  # of decisions needing sign-off, sent back by the manager
MANAGER_DECIDES_SHARE = 0.12  # of decisions needing no sign-off (a manager can't sign their own)
HOLDS = ("received", "gathering", "decision", "sign_off")
# How often the hub takes each decision (codes the triage definition does not list get 1).
DECISION_WEIGHTS = {
    "exploitation_screening": 30,
    "section_42_enquiry": 22,
    "no_further_action": 18,
    "strategy_discussion": 16,
    "early_help": 12,
    "mace_listing": 9,
    "nrm_referral": 4,
}
TRAFFICKING = {"labour", "modern_slavery", "arrested_out_of_area", "county_lines_young_adult"}
CHECK_COUNTS = tl.Weighted(((1, 35), (2, 40), (3, 25)))
CHECK_OUTCOMES = tl.Weighted(zip(PartnerCheck.Outcome.values, (55, 35, 10), strict=True))
CHECK_WEIGHTS: dict[bool, dict[str, float]] = {
    True: {  # children
        "police": 5, "childrens_services": 4, "health_trust": 3, "education": 2.5,
        "youth_justice": 2, "voluntary": 1, "housing": 0.5, "health_icb": 0.5,
        "adult_services": 0.3, "probation": 0.2,
    },
    False: {  # adults
        "police": 5, "adult_services": 4, "health_trust": 3, "probation": 3, "housing": 2.5,
        "voluntary": 1, "health_icb": 0.5,
    },
}  # fmt: skip


def _decision_weight(code: str, scenario: str, child: bool | None) -> float:
    """How often the hub decides `code` on this kind of concern."""
    weight = float(DECISION_WEIGHTS.get(code, 1))
    if code == "nrm_referral" and scenario in TRAFFICKING:
        weight *= 5
    elif code == "early_help" and child is False:
        weight *= 0.3
    return weight


class _Steps:
    """One referral's planned steps, timed in the hub's working minutes after it came in."""

    def __init__(self, clock: WorkingTime, received_at: datetime) -> None:
        self.clock = clock
        self.start = clock.minutes(received_at)
        self.items: list[Step] = []

    def at(self, offset: float) -> datetime:
        return self.clock.moment(self.start + offset)

    def add(self, offset: float, kind: str, detail: Any = None) -> None:
        self.items.append((self.at(offset), len(self.items), kind, detail))


class Triage:
    """Plans and replays the hub's work on referrals, from the step's random stream."""

    def __init__(self, region: RegionBuild, rng: Random, now: datetime) -> None:
        self.region, self.rng, self.now = region, rng, now
        self._said: dict[int, dict[str, str]] = {}  # the words for each subject being planned
        self._options: dict[tuple[str, bool | None, bool | None], tl.Weighted[TriageOption]] = {}
        self._pools: dict[tuple[str, bool], tl.Weighted[Agency]] = {}
        # From the first referral to the last step planned for the open ones, and a margin.
        self.clock = WorkingTime(now.date() - timedelta(days=380), now.date() + timedelta(days=120))
        self.definition = triage_definition()
        self.transfer_option = self.definition.get("transfer")
        self.titles = {t.code: t.title.lower() for t in exploitation_types().types}
        self._scratch = Referral()  # start_clock sets the clock on a referral: one to reuse
        self.partners: dict[str, list[Agency]] = {}
        for slug in region.areas:
            seen: dict[int, Agency] = {}
            for key, team in region.teams.items():
                if key.endswith(f":{slug}"):
                    seen.setdefault(team.agency_id, team.agency)
            self.partners[slug] = list(seen.values())

    def start_clock(self, referral: Planned) -> None:
        """The hub's deadline, derived as sending a referral derives it."""
        scratch = self._scratch
        # In UTC, as sending passes timezone.now(): its arithmetic differs across a clock change.
        start_clock(scratch, referral.received_at.astimezone(UTC))
        referral.clock = {
            "due_at": scratch.due_at,
            "amber_at": scratch.amber_at,
            "timescales_version": scratch.timescales_version,
        }

    def plan(
        self, referral: Planned, *, hold: str = "", transfer_to: Area | None = None
    ) -> list[Step]:
        """The hub's steps on a referral; with `hold`, paced so that "now" finds it at that
        stage (received, gathering, decision, or a decision awaiting sign-off)."""
        rng, users, slug = self.rng, self.region.users, referral.area.slug
        actors = (users[f"{slug}.hub.practitioner"], users[f"{slug}.hub.manager"])
        steps = _Steps(self.clock, referral.received_at)
        self._said.clear()
        if hold:  # the stage's step falls just after "now", the ones before it before
            room = self.clock.minutes(self.now) - steps.start
            pace = {"received": 10.0, "gathering": 1 / 0.6, "decision": 1 / 0.97}
            span = room * pace[hold] if hold in pace else max(room - 30, 1)
        else:
            budget = self.clock.minutes(referral.clock["due_at"]) - steps.start
            if rng.random() < LATE_SHARE:
                span = budget + rng.uniform(60, 900)
            else:
                span = budget * rng.triangular(0.04, 0.95, 0.3)
        assignee = actors[0] if rng.random() < 0.95 else actors[1]
        assigned = span * rng.uniform(0.02, 0.12)
        steps.add(assigned, "assign", assignee)
        for subject in referral.subjects:
            if subject.person_id is not None and not subject.referrer_links:
                steps.add(assigned + rng.uniform(1, 6), "link", (subject, assignee))
        count = CHECK_COUNTS.draw(rng)
        first = rng.uniform(0.15, 0.45)
        fractions = sorted([first] + [rng.uniform(first, 0.8) for _ in range(count - 1)])
        for fraction, agency in zip(fractions, self._partners(referral, count), strict=False):
            at = steps.at(span * fraction)
            steps.add(span * fraction, "check", self._check(referral, agency, actors[0], at))
        for fraction in sorted(rng.uniform(0.2, 0.95) for _ in range(rng.choice((0, 0, 1, 1, 2)))):
            at = steps.at(span * fraction)
            steps.add(span * fraction, "note", self._note(referral, rng.choice(actors), at))
        steps.add(span * rng.uniform(0.86, 0.95), "ready")
        offset, first_option = span, None
        for position, subject in enumerate(referral.subjects):
            offset += rng.uniform(2, 10) if position else 0
            when = steps.at(offset)
            if transfer_to is not None and self.transfer_option is not None:
                option = self.transfer_option
            elif hold == "sign_off" and position == 0:
                option = self._option(referral, subject, when, sign_off=True)
            elif (
                first_option is not None
                and rng.random() < 0.7
                and self._allows(first_option, subject, when)
            ):
                option = first_option  # found together, usually decided alike
            else:
                option = self._option(referral, subject, when)
            first_option = first_option or option
            self._decide(steps, referral, subject, option, offset, actors, transfer_to)
        return sorted(steps.items)

    def _decide(
        self,
        steps: _Steps,
        referral: Planned,
        subject: Subject,
        option: TriageOption,
        offset: float,
        actors: tuple[User, User],
        target: Area | None,
        *,
        may_return: bool = True,
    ) -> None:
        """A decision, and the manager's sign-off where it needs one (now and then a return,
        and the subject decided again)."""
        rng = self.rng
        practitioner, manager = actors
        signed = option.manager_sign_off
        words = self._words(referral, subject)
        if target is not None:
            words = dict(words, target=target.name)
        advice = hw.ADVICE[self._audience(referral)] if Need.ADVICE in option.needs else ()
        decision = Decision(
            subject=subject,
            option=option,
            reason=tl.fill(
                rng, tl.pick(rng, self._reasons(option, subject, steps.at(offset))), words
            ),
            advice=tl.fill(rng, tl.pick(rng, advice), words) if advice else "",
            target_area=target,
            decided_by=practitioner if signed or rng.random() >= MANAGER_DECIDES_SHARE else manager,
            decided_at=steps.at(offset),
        )
        steps.add(offset, "decide", decision)
        if not signed:
            return
        returned = may_return and target is None and rng.random() < RETURNED_SHARE
        reviewed = offset + rng.uniform(45, 300)  # signed off a few working hours later
        note = tl.pick(rng, hw.RETURN_NOTES if returned else hw.APPROVAL_NOTES)
        steps.add(reviewed, "sign_off", (decision, not returned, manager, note))
        if returned:  # decided again, usually as something needing no sign-off
            again = reviewed + rng.uniform(30, 240)
            option = self._option(referral, subject, steps.at(again), sign_off=rng.random() < 0.2)
            self._decide(steps, referral, subject, option, again, actors, None, may_return=False)

    @staticmethod
    def _audience(referral: Planned) -> str:
        """Which advice fits: about a concern online, a child, or an adult."""
        if "ONLINE" in referral.answers["exploitation_types"]:
            return "online"
        return "child" if referral.child else "adult"

    def _allows(self, option: TriageOption, subject: Subject, when: datetime) -> bool:
        return option.applies_to.allows(subject.is_child_on(when.date()))

    def _option(
        self, referral: Planned, subject: Subject, when: datetime, sign_off: bool | None = None
    ) -> TriageOption:
        """A decision open for the subject's age on the day, weighted to the concern."""
        child = subject.is_child_on(when.date())
        key = (referral.scenario.key, child, sign_off)
        if key not in self._options:
            options = [
                o for o in self.definition.options_for(child) if Need.TARGET_AREA not in o.needs
            ]
            if sign_off is not None:
                options = [o for o in options if o.manager_sign_off == sign_off] or options
            self._options[key] = tl.Weighted(
                (option, _decision_weight(option.code, key[0], child)) for option in options
            )
        return self._options[key].draw(self.rng)

    def _partners(self, referral: Planned, count: int) -> list[Agency]:
        """Different agencies of the area to check with (not the referrer's own)."""
        key = (referral.area.slug, referral.child)
        if key not in self._pools:
            weights = CHECK_WEIGHTS[referral.child]
            self._pools[key] = tl.Weighted(
                (agency, weights.get(agency.kind, 0)) for agency in self.partners[key[0]]
            )
        chosen: list[Agency] = []
        for _ in range(4 * count):  # each area has several kinds of agency to choose from
            agency = self._pools[key].draw(self.rng)
            if agency.id != referral.team.agency_id and agency not in chosen:
                chosen.append(agency)
                if len(chosen) == count:
                    break
        return chosen

    def _check(self, referral: Planned, agency: Agency, by: User, at: datetime) -> Check:
        rng = self.rng
        outcome = CHECK_OUTCOMES.draw(rng)
        if outcome == PartnerCheck.Outcome.HOLDS:
            options = hw.CHECK_HOLDS.get(agency.kind, hw.CHECK_NOTHING)
        elif outcome == PartnerCheck.Outcome.NOTHING:
            options = hw.CHECK_NOTHING
        else:
            options = hw.CHECK_AWAITING
        words = self._words(referral, referral.subjects[0])
        return Check(agency, outcome, tl.fill(rng, tl.pick(rng, options), words), by, at)

    def _note(self, referral: Planned, by: User, at: datetime) -> Note:
        words = self._words(referral, referral.subjects[0])
        notes = hw.NOTES + hw.CHILD_NOTES if referral.child else hw.NOTES
        return Note(tl.fill(self.rng, tl.pick(self.rng, notes), words), by, at)

    @staticmethod
    def _reasons(option: TriageOption, subject: Subject, when: datetime) -> tuple[str, ...]:
        """The reasons that fit the decision, for a child or an adult."""
        if subject.is_child_on(when.date()) is False and option.code in hw.ADULT_REASONS:
            return hw.ADULT_REASONS[option.code]
        return hw.REASONS.get(option.code, hw.DEFAULT_REASONS)

    def _words(self, referral: Planned, subject: Subject) -> dict[str, str]:
        """Names, pronouns and the concern, for the hub's texts (once per subject planned)."""
        words = self._said.get(id(subject))
        if words is None:
            titles = [
                self.titles.get(code, code) for code in referral.answers["exploitation_types"]
            ]
            words = tl.pronouns(subject.gender, plural=False)
            words.update(
                name=subject.name,
                types=titles[0]
                if len(titles) == 1
                else f"{', '.join(titles[:-1])} and {titles[-1]}",
            )
            self._said[id(subject)] = words
        return words

    def replay(self, referral: Planned, steps: list[Step]) -> History:
        """The referral as the services would have left it "now", after the steps before it."""
        history = History()
        live: dict[int, Decision] = {}  # by subject (id), as the one-live-decision rule keeps
        for at, _, kind, detail in steps:
            if at >= self.now:
                break
            if kind == "assign":
                history.assigned_to = detail
            elif kind == "link":
                subject, by = detail
                subject.linked_by, subject.linked_at = by, at
            elif kind == "check":
                history.checks.append(detail)
                if history.stage == Stage.RECEIVED:
                    history.stage = Stage.GATHERING
            elif kind == "note":
                history.notes.append(detail)
            elif kind == "ready":
                history.stage = Stage.DECISION
            elif kind == "decide":
                decision = detail
                if decision.option.manager_sign_off:
                    decision.sign_off = SignOff.AWAITING
                else:
                    decision.in_force = (at, decision.decided_by)
                history.decisions.append(decision)
                live[id(decision.subject)] = decision
                self._refresh(history, referral, live, at)
            elif kind == "sign_off":
                decision, approve, manager, note = detail
                decision.sign_off = SignOff.APPROVED if approve else SignOff.RETURNED
                decision.signed_off_by, decision.signed_off_at = manager, at
                decision.sign_off_note = note
                if approve:
                    decision.in_force = (at, manager)
                else:
                    del live[id(decision.subject)]
                self._refresh(history, referral, live, at)
            history.updated_at = at
        return history

    @staticmethod
    def _refresh(
        history: History, referral: Planned, live: dict[int, Decision], at: datetime
    ) -> None:
        """services/triage.py `_refresh_state`: decided when every subject has a live
        decision, closed once all are in force."""
        decided = all(id(subject) in live for subject in referral.subjects)
        if decided and history.decided_at is None:
            history.decided_at = at
        if not decided:
            history.decided_at = None
        if decided:
            history.stage = Stage.DECIDED
        elif history.stage == Stage.DECIDED:
            history.stage = Stage.DECISION
        if decided and all(d.in_force for d in live.values()):
            history.status = Status.CLOSED
            history.closed_at = history.closed_at or at

    def transfer_copy(
        self, source: Planned, decision: Decision, target: Area, at: datetime
    ) -> Planned:
        """The referral sent on to the target area's hub when the transfer took effect."""
        subject = decision.subject
        copy = Planned(
            area=target,
            referrer=source.referrer,
            team=source.team,
            referrer_kind=source.referrer_kind,
            scenario=source.scenario,
            subjects=[
                Subject(
                    subject.person_id, subject.born, subject.gender, dict(subject.typed),
                    called=subject.called, referrer_links=True, linked_by=subject.linked_by,
                    linked_at=subject.linked_at,
                )
            ],
            child=source.child,
            words=source.words,
            answers=source.answers,
            received_at=at,
            immediate_danger=source.immediate_danger,
            transferred_from=source,
        )  # fmt: skip
        decision.transfer = copy
        self.start_clock(copy)
        return copy
