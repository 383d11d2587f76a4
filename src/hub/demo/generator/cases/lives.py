"""One case's life as cases/services would have recorded it, up to the build's "now".

Opened by the area's hub (its first risk from the screening it came from, else "emerging"
with the opener's reason), a case gathers a team across agencies over its first weeks, has
its assessment, its first safety plan, then reviews at the cadence its risk sets (now and then
late): the risk moves with reasons, each review saves a new plan version, actions are set and
done. The person's own words are recorded at contacts. A child near 18 gets the transition
task. When the risk has fallen (or the person turns 18, moves away or will not engage) the
lead asks to close, every action done first, and another manager signs it off (now and then
keeping it open). Strategy discussions and section 42 planning meetings are held at the start.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from random import Random

from hub.cases.models import Action, Case
from hub.cases.practice import case_practice
from hub.platform.timescales import add_months, add_working_days
from hub.screening.thresholds import threshold_document

from ..referrals.telling import Weighted, fill, pick, pronouns
from ..screenings.timing import (
    after_working_days,
    at_minute,
    day_near,
    local_day,
    office_moment,
)
from . import words
from .acts import Acts
from .meetings import Meetings
from .records import Member, Opening, PlannedCase, Risk, Role, Staff, Told
from .work import CaseWork

Kind, Status = Action.Kind, Case.Status
CRIMINAL = {"CCE", "COUNTY_LINES", "SERIOUS_VIOLENCE"}
DRIFT = Weighted(((-1, 42), (0, 43), (1, 15)))
LATE_REVIEW_SHARE = 0.2
LONGEST_DAYS = 420
LEAVE_SHARE = 0.12
SIGN_OFF_RETURN_SHARE = 0.08
LEAD_KINDS = {
    True: Weighted((("socialcare", 55), ("hub", 30), ("youthjustice", 15))),
    False: Weighted((("hub", 50), ("probation", 25), ("health", 25))),
}
# Who joins the team, with how likely: for a child, for an adult.
JOINERS = {
    True: (("hub", 0.9), ("police", 0.85), ("socialcare", 0.7), ("school", 0.7),
           ("health", 0.6), ("youthjustice", 0.5)),
    False: (("hub", 0.9), ("police", 0.8), ("health", 0.6), ("probation", 0.5)),
}  # fmt: skip


class Lives:
    """Plans cases one at a time, in order of opening, from the step's random stream."""

    def __init__(
        self, rng: Random, now: datetime, staff: dict[tuple[str, str], Staff], meetings: Meetings
    ) -> None:
        self.rng, self.now, self.staff, self.meetings = rng, now, staff, meetings
        self.acts = Acts(rng, now)
        self.work = CaseWork(rng, now, staff, self.acts)
        self.practice = case_practice()
        self.levels = [level.id for level in threshold_document().levels]
        self.titles = {level.id: level.title for level in threshold_document().levels}
        self.outcomes = {o.code: o.title for o in self.practice.outcomes}
        self.busy: dict[int, datetime | None] = {}  # person -> when their case closed

    def plan(self, opening: Opening) -> PlannedCase | None:
        """A case's life from the opening, or None (its persons are on an open case, or it
        had not opened by "now")."""
        rng = self.rng
        persons = tuple(p for p in opening.persons if self._free(p.pk, opening.at))
        if not persons:
            return None
        if opening.code == "strategy_discussion" and not opening.screening_id:
            opened = after_working_days(rng, opening.at, 0, 0)
        else:
            opened = after_working_days(rng, opening.at, 0, 2)
        if opened >= self.now:
            return None
        slug = opening.area.slug
        opener = self.staff[(slug, "hub" if rng.random() < 0.85 else "manager")]
        lead = self.staff[(slug, self._lead_kind(opening))]
        opening = replace(opening, persons=persons)
        case = PlannedCase(opening=opening, opened_at=opened, opened_by=opener.user, lead=lead)
        self._open(case, opener)
        self._life(case)
        for person in persons:
            self.busy[person.pk] = case.closed.answered_at if case.closed else None
        return case

    def _free(self, person_id: int, at: datetime) -> bool:
        if person_id not in self.busy:
            return True
        closed = self.busy[person_id]
        return closed is not None and closed < at

    def _lead_kind(self, opening: Opening) -> str:
        kind = LEAD_KINDS[opening.child].draw(self.rng)
        if kind == "youthjustice" and not CRIMINAL & set(opening.types):
            return "socialcare"
        return kind

    def words(self, case: PlannedCase) -> dict[str, str]:
        person = case.opening.persons[0]
        plural = len(case.opening.persons) > 1
        said = pronouns(person.gender, plural=plural)
        names = [p.given_name for p in case.opening.persons]
        name = names[0] if not plural else f"{', '.join(names[:-1])} and {names[-1]}"
        return dict(said, name=name, area=case.area.name)

    def _tell(
        self, case: PlannedCase, at: datetime, by: Staff, title: str, summary: str = ""
    ) -> None:
        case.told.append(Told(at, by.user, title, summary))

    def _open(self, case: PlannedCase, opener: Staff) -> None:
        """case_open: the first risk, the first team, the transition task where due."""
        opening, at = case.opening, case.opened_at
        if opening.screening_id:
            level = opening.screening_level
            why = f"Screening S{opening.screening_id:07d}: {opening.screening_title}"
        else:
            level = "emerging"
            why = words.OPEN_REASONS.get(opening.code, "Opened after triage; no screening yet")
        self._risk(case, opener, at, level, why, screening_id=opening.screening_id)
        case.members.append(Member(case.lead, Role.LEAD, at, opener.user))
        if opener.user != case.lead.user:
            case.members.append(Member(opener, Role.MEMBER, at, opener.user))
        title = self.titles[level]
        self._tell(case, at, opener, "case opened", f"Risk: {title}. {why}")
        self._transition(case, local_day(at), at, opener)

    def _risk(
        self, case: PlannedCase, by: Staff, at: datetime, level: str, reason: str,
        screening_id: int | None = None,
    ) -> None:  # fmt: skip
        """_set_risk: the level with why, and the review date it sets."""
        case.risks.append(Risk(level, self.titles[level], reason, by.user, at, screening_id))
        case.next_review_on = self.practice.review_on(level, at)

    def _transition(self, case: PlannedCase, day: date, at: datetime, by: Staff) -> None:
        """ensure_transition_actions on `day`: a child turning 18 within the practice's months
        gets the task (once), owned by the lead professional."""
        months = self.practice.transition_months
        for person in case.opening.persons:
            birthday = person.eighteenth_birthday()
            if birthday is None or birthday <= day:
                continue
            if (birthday.year - day.year) * 12 + birthday.month - day.month > months:
                continue
            text = f"Plan {person.full_name}'s move to adult services (18 on {birthday:%-d %B %Y})"
            if any(a.kind == Kind.TRANSITION and a.text == text for a in case.actions):
                continue
            due = max(day, birthday - timedelta(days=90))
            # A cancelled task's note may name the person ("{name} moved school"): this one.
            said = pronouns(person.gender, plural=False)
            said.update(name=person.given_name, area=case.area.name)
            self.acts.make(
                case, kind=Kind.TRANSITION, text=text.replace("{", "{{").replace("}", "}}"),
                owner=case.lead, by=by, at=at, days=((due - day).days, (due - day).days),
                words_of=said,
            )  # fmt: skip

    def _daily_transitions(self, case: PlannedCase, until: datetime) -> None:
        """The daily check (as the tick would run it) from the case's second day: the task
        appears on the first morning a child is within the months."""
        months = self.practice.transition_months
        for person in case.opening.persons:
            birthday = person.eighteenth_birthday()
            if birthday is None:
                continue
            first = add_months(date(birthday.year, birthday.month, 1), -months)
            day = max(first, local_day(case.opened_at) + timedelta(days=1))
            moment = at_minute(day, 7 * 60 + 30)
            if day < birthday and case.opened_at < moment < until:
                self._transition(case, day, moment, case.lead)

    def _life(self, case: PlannedCase) -> None:
        rng, now = self.rng, self.now
        opening, slug, t0 = case.opening, case.area.slug, case.opened_at
        said = self.words(case)
        self._join(case, t0)
        moment = t0
        if rng.random() < (0.75 if opening.child else 0.4):
            moment = after_working_days(rng, t0, 0, 2)
            if moment < now:
                case.status = Status.ASSESSMENT
                self._tell(case, moment, self.staff[(slug, "hub")], "now assessment")
                if opening.child:
                    social = self.staff[(slug, "socialcare")]
                    days = (add_working_days(local_day(moment), 45) - local_day(moment)).days
                    self.acts.make(
                        case, kind=Kind.CASE, text=words.ASSESSMENT_ACTION, owner=social,
                        by=self.staff[(slug, "hub")], at=moment + timedelta(minutes=5),
                        days=(days, days), words_of=said,
                    )  # fmt: skip
        held = self.meetings.at_opening(case, said, self.acts)
        if held is not None and held < now and opening.child:
            serious = rng.random() < 0.4
            level = "serious" if serious else "significant"
            reason = fill(rng, words.RISK_REASONS["strategy"][0 if serious else 1], said)
            self._risk(case, self.staff[(slug, "hub")], held + timedelta(minutes=15), level, reason)
            self._tell_risk(case, case.risks[-1])
        moment = after_working_days(rng, max(moment, held or t0), 3, 12)
        if moment >= now:
            self._finish(case, now)
            return
        self.work.save_plan(case, moment, said)
        while True:
            moment = self._review_moment(case)
            if moment >= now or (moment - t0).days > LONGEST_DAYS:
                break
            if rng.random() < 0.5:
                case.status = Status.REVIEW
                self._tell(case, moment, case.lead, "now under review")
            self._drift(case, moment + timedelta(minutes=3), said)
            outcome = self._outcome(case, moment)
            if outcome:
                if self.work.close(case, moment + timedelta(minutes=10), outcome, said):
                    break  # closed, or waiting for the sign-off "now"
                continue  # kept open by the manager: reviewed again
            self.work.save_plan(case, moment + timedelta(minutes=20), said)
        self._finish(case, now)

    def _finish(self, case: PlannedCase, now: datetime) -> None:
        """What runs over the whole life: voices, members leaving, transition tasks."""
        end = case.closures[-1].requested_at if case.closures else now
        end = min(end, now)
        self.work.voices(case, end)
        self._leave(case, end)
        self._daily_transitions(case, end)

    def _join(self, case: PlannedCase, t0: datetime) -> None:
        """The team gathers over the first weeks (case_member_add, by the hub practitioner)."""
        rng, slug = self.rng, case.area.slug
        adder = self.staff[(slug, "hub")]
        on = {m.staff.kind for m in case.members}
        person = case.opening.persons[0]
        young = person.born is not None and (local_day(t0) - person.born).days < 16 * 366
        for kind, share in JOINERS[case.opening.child]:
            if kind in on or rng.random() >= share:
                continue
            if kind == "school" and not young:
                continue
            if kind == "youthjustice" and not CRIMINAL & set(case.opening.types):
                continue
            joined = after_working_days(rng, t0, 0, 8)
            if joined >= self.now:
                continue
            staff = self.staff[(slug, kind)]
            case.members.append(Member(staff, Role.MEMBER, joined, adder.user))
            agency = staff.team.agency.name
            self._tell(case, joined, adder, f"{staff.user} ({agency}) joined the case team")

    def _leave(self, case: PlannedCase, end: datetime) -> None:
        """Now and then a worker leaves the team (their case-team reach ends then)."""
        rng = self.rng
        for member in case.members:
            if member.role == Role.LEAD or member.staff.kind in ("hub", "manager"):
                continue
            start = member.joined_at + timedelta(days=30)
            if start >= end or rng.random() >= LEAVE_SHARE:
                continue
            left = office_moment(rng, local_day(start + (end - start) * rng.random()))
            if not start <= left < end:
                continue
            member.left_at = left
            self._tell(case, left, member.staff, f"{member.staff.user} left the case team")

    def _review_moment(self, case: PlannedCase) -> datetime:
        due = case.next_review_on or local_day(self.now)
        if self.rng.random() < LATE_REVIEW_SHARE:
            day = day_near(self.rng, due + timedelta(days=14), 10, 11)
        else:
            day = day_near(self.rng, due, 6, 1)
        answered = [c.answered_at for c in case.closures if c.answered_at is not None]
        last = max([r.at for r in case.risks] + [p.at for p in case.plans] + answered)
        moment = office_moment(self.rng, day)
        return moment if moment > last else after_working_days(self.rng, last, 1, 3)

    def _drift(self, case: PlannedCase, at: datetime, said: dict[str, str]) -> None:
        """A review's view of the risk: often lower as support takes hold."""
        rng = self.rng
        if rng.random() >= 0.7:
            return
        level = case.risks[-1].level
        step = DRIFT.draw(rng)
        rank = min(max(self.levels.index(level) + step, 0), len(self.levels) - 1)
        kind = "down" if rank < self.levels.index(level) else "up" if step > 0 else "same"
        if kind == "up" and rank == self.levels.index(level):
            kind = "same"
        reason = fill(rng, pick(rng, words.RISK_REASONS[kind]), said)
        self._risk(case, case.lead, at, self.levels[rank], reason)
        self._tell_risk(case, case.risks[-1])

    def _tell_risk(self, case: PlannedCase, risk: Risk) -> None:
        by = (
            next(m.staff for m in case.members if m.staff.user == risk.by)
            if any(m.staff.user == risk.by for m in case.members)
            else self.staff[(case.area.slug, "hub")]
        )
        self._tell(case, risk.at, by, f"risk now {risk.title.lower()}", risk.reason)

    def _outcome(self, case: PlannedCase, moment: datetime) -> str:
        """Whether the lead asks to close at this review, and with which outcome."""
        rng = self.rng
        level, versions = case.risks[-1].level, len(case.plans)
        person = case.opening.persons[0]
        birthday = person.eighteenth_birthday()
        days = (moment - case.opened_at).days
        if case.opening.child and birthday is not None and birthday <= local_day(moment):
            return "adult_services"
        if days > 60 and rng.random() < 0.012:
            return "moved_away"
        if days > 60 and versions >= 2 and rng.random() < 0.015:
            return "disengaged"
        ready = (level == "no_concern" and rng.random() < 0.7) or (
            level == "emerging" and versions >= 2 and rng.random() < 0.45
        )
        if ready or (days > 300 and rng.random() < 0.5):
            return "risk_reduced" if rng.random() < 0.85 else "risk_ongoing_other_plan"
        return ""
