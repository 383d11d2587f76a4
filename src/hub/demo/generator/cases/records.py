"""The records the cases step plans before they become rows: cases with their teams, risk,
plans, actions, voices and closing, and the meetings that discuss them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from hub.cases.models import Action, Case, CaseMember
from hub.meetings.models import Attendance, Meeting

if TYPE_CHECKING:
    from hub.organisations.models import Agency, Area, Team, User

CaseStatus, ActionStatus, Role = Case.Status, Action.Status, CaseMember.Role
MeetingStatus, Present = Meeting.Status, Attendance.Status


@dataclass(frozen=True)
class Person:
    """What the step reads of a person's record."""

    pk: int
    given_name: str
    family_name: str
    born: date | None
    gender: str

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def eighteenth_birthday(self) -> date | None:
        """As Person.eighteenth_birthday (29 February births turn 18 on 1 March)."""
        if self.born is None:
            return None
        try:
            return self.born.replace(year=self.born.year + 18)
        except ValueError:
            return date(self.born.year + 18, 3, 1)


@dataclass(frozen=True)
class Opening:
    """Why and when a case opens: a triage decision in force, or a completed screening."""

    at: datetime
    area: Area
    persons: tuple[Person, ...]
    code: str  # the decision's code, or the screening's recommended pathway
    types: tuple[str, ...]  # the referral's forms of exploitation
    child: bool
    decision_id: int | None = None
    screening_id: int | None = None
    screening_level: str = ""
    screening_title: str = ""


@dataclass(frozen=True)
class Staff:
    """A demo user with their one team (every demo user has one membership)."""

    user: User
    team: Team
    kind: str  # as in usernames: hub, manager, chair, police, socialcare, school, ...

    @property
    def agency_id(self) -> int:
        return self.team.agency_id


@dataclass
class Member:
    staff: Staff
    role: str
    joined_at: datetime
    added_by: User
    left_at: datetime | None = None


@dataclass(frozen=True)
class Risk:
    level: str
    title: str
    reason: str
    by: User
    at: datetime
    screening_id: int | None = None


@dataclass(frozen=True)
class Plan:
    version: int
    goals: tuple[tuple[str, str], ...]  # (key, text)
    person_views: str
    family_views: str
    contingency: str
    by: User
    at: datetime
    review_on: date
    level: str  # the case's risk level when saved (sets the review's timescale)
    lead: User  # who led the case then (the review deadline's owner)


@dataclass
class Act:
    """An action, with when it is done (or cancelled) if that is before "now"."""

    kind: str
    text: str
    owner: Staff
    due_on: date
    created_by: User
    created_at: datetime
    goal_key: str = ""
    status: str = ActionStatus.OPEN
    done_at: datetime | None = None
    done_by: User | None = None
    note: str = ""
    pk: int = 0


@dataclass
class Voice:
    person: Person
    context: str
    words: str
    place: str
    said_on: date
    by: User
    at: datetime
    pk: int = 0


@dataclass
class Closure:
    """A request to close, and the manager's answer (None: not yet, "now")."""

    requested_at: datetime
    by: User
    outcome: str
    reason: str
    answered_at: datetime | None = None
    answered_by: User | None = None
    approved: bool = False
    note: str = ""


@dataclass(frozen=True)
class Told:
    """A case event as cases/services records it on each person's timeline."""

    at: datetime
    by: User
    title: str  # without the case reference, which the writer adds
    summary: str = ""


@dataclass
class PlannedCase:
    """One case, as planned up to "now"."""

    opening: Opening
    opened_at: datetime
    opened_by: User
    lead: Staff
    status: str = CaseStatus.OPEN
    members: list[Member] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    actions: list[Act] = field(default_factory=list)
    voices: list[Voice] = field(default_factory=list)
    told: list[Told] = field(default_factory=list)
    next_review_on: date | None = None
    closures: list[Closure] = field(default_factory=list)
    pk: int = 0

    @property
    def area(self) -> Area:
        return self.opening.area

    @property
    def reference(self) -> str:
        return f"C{self.pk:07d}"

    @property
    def closed(self) -> Closure | None:
        """The approved closure, if signed off by "now"."""
        last = self.closures[-1] if self.closures else None
        return last if last is not None and last.approved else None

    def risk_at(self, moment: datetime) -> str:
        """The case's risk level at a moment."""
        level = self.risks[0].level
        for risk in self.risks:
            if risk.at <= moment:
                level = risk.level
        return level

    def open_at(self, moment: datetime) -> bool:
        """Open, and not waiting for a closure sign-off, at that moment."""
        if moment < self.opened_at:
            return False
        for closure in self.closures:
            answered = closure.answered_at
            if closure.requested_at <= moment and (answered is None or moment < answered):
                return False
            if closure.approved and answered is not None and answered <= moment:
                return False
        return True

    def next_request_after(self, moment: datetime) -> datetime | None:
        """The first closure request after a moment (actions made before it are done by it)."""
        return next((c.requested_at for c in self.closures if c.requested_at > moment), None)

    def staff_on(self, moment: datetime) -> list[Staff]:
        """The case team at a moment."""
        return [
            m.staff
            for m in self.members
            if m.joined_at <= moment and (m.left_at is None or moment < m.left_at)
        ]


@dataclass
class Attendee:
    agency: Agency
    name: str
    role: str
    status: str
    user: User | None = None


@dataclass
class Item:
    """An agenda item: a case, with what was said, shared, decided and set to do."""

    case: PlannedCase
    discussion: str = ""
    shared: list[tuple[Agency, str, str, str, User]] = field(default_factory=list)
    decisions: list[tuple[str, User]] = field(default_factory=list)
    actions: list[Act] = field(default_factory=list)
    pk: int = 0


@dataclass
class PlannedMeeting:
    type_code: str
    area: Area
    title: str
    starts_at: datetime
    place: str
    chair: User
    created_by: User
    created_at: datetime
    status: str = MeetingStatus.SCHEDULED
    held_at: datetime | None = None
    finalised_at: datetime | None = None
    follows: PlannedMeeting | None = None
    items: list[Item] = field(default_factory=list)
    attendance: list[Attendee] = field(default_factory=list)
    shared: list[tuple[Agency, str, str, str, User]] = field(default_factory=list)
    decisions: list[tuple[str, User]] = field(default_factory=list)
    follow_up_title: str = ""
    follow_up_due: date | None = None
    attendance_short: list[str] = field(default_factory=list)
    pk: int = 0

    @property
    def reference(self) -> str:
        return f"M{self.pk:07d}"
