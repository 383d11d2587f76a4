"""The records the step plans before they become rows: who a referral is about, the
referral as sent, and what the hub did with it (checks, notes, decisions, its state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from hub.people.models.person import ADULT_AGE
from hub.referrals.models import Referral as Sent
from hub.referrals.models import TriageDecision

if TYPE_CHECKING:
    from hub.organisations.models import Agency, Area, Team, User
    from hub.referrals.practice import TriageOption

    from .scenarios import Scenario

Stage, Status, SignOff = Sent.Stage, Sent.Status, TriageDecision.SignOff


def age_on(born: date, day: date) -> int:
    """Age in whole years on a day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass
class Subject:
    """One person a referral is about: as typed, and the record they are (None: no record)."""

    person_id: int | None
    born: date | None  # the record's date of birth (what the hub goes by once linked)
    gender: str
    typed: dict[str, Any]
    called: str  # how the referrer's text names them
    referrer_links: bool
    home_area_id: int | None = None
    linked_by: User | None = None
    linked_at: datetime | None = None
    pk: int = 0

    def is_child_on(self, day: date) -> bool | None:
        """Under 18 on that day, as ReferralSubject.is_child_on judges it."""
        born = self.born or self.typed["date_of_birth"]
        if born is not None:
            return age_on(born, day) < ADULT_AGE
        estimate = self.typed["age_estimate"]
        return None if estimate is None else estimate < ADULT_AGE

    @property
    def name(self) -> str:
        """How the hub refers to them in its own words."""
        return self.typed["given_name"] or "the person"


@dataclass
class Check:
    """A partner check as recorded."""

    agency: Agency
    outcome: str
    summary: str
    recorded_by: User
    recorded_at: datetime
    pk: int = 0


@dataclass
class Note:
    """A hub note as recorded."""

    text: str
    recorded_by: User
    recorded_at: datetime
    pk: int = 0


@dataclass
class Decision:
    """One decision about one subject, with its sign-off as it stands "now"."""

    subject: Subject
    option: TriageOption
    reason: str
    advice: str
    target_area: Area | None
    decided_by: User
    decided_at: datetime
    sign_off: str = SignOff.NOT_NEEDED
    signed_off_by: User | None = None
    signed_off_at: datetime | None = None
    sign_off_note: str = ""
    in_force: tuple[datetime, User] | None = None  # when it took effect, and by whose act
    transfer: Referral | None = None  # the copy sent on to another hub
    pk: int = 0


@dataclass
class History:
    """What the hub had done by "now", and the referral's state that follows."""

    assigned_to: User | None = None
    checks: list[Check] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    stage: str = Stage.RECEIVED
    status: str = Status.WITH_HUB
    decided_at: datetime | None = None
    closed_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Referral:
    """One referral as sent, before the hub's work on it (histories.py adds that)."""

    area: Area
    referrer: User
    team: Team
    referrer_kind: str
    scenario: Scenario
    subjects: list[Subject]
    child: bool
    words: dict[str, str]
    answers: dict[str, Any]
    received_at: datetime
    immediate_danger: bool
    drafting: int = 0  # minutes from starting the referral to sending it
    autosaved: int = 0  # minutes before sending that the draft was last saved (0: never)
    transferred_from: Referral | None = None
    history: History = field(default_factory=History)  # replayed by histories.py
    clock: dict[str, Any] = field(default_factory=dict)  # due_at, amber_at, timescales_version
    pk: int = 0


# A step: when, its place in the plan (to keep order between equal times), what, and details.
Step = tuple[datetime, int, str, Any]
