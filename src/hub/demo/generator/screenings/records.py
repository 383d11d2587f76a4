"""The records the screenings step plans before they become rows: who is screened, from what,
with which tool, and the practitioner's and manager's steps on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from hub.people.models import Person as PersonRecord
from hub.screening.models import Screening

from ..referrals.records import age_on

if TYPE_CHECKING:
    from hub.organisations.models import Area, Team, User
    from hub.screening.tools import ScreeningTool

    from .answers import Drawn

Status = Screening.Status


@dataclass(frozen=True)
class Person:
    """What the step reads of a person's record."""

    pk: int
    given_name: str
    born: date | None
    gender: str
    vulnerabilities: tuple[str, ...]
    care_status: str
    home_area_id: int

    def record(self) -> PersonRecord:
        """An unsaved person with these details, for the services' pure functions."""
        return PersonRecord(
            pk=self.pk,
            date_of_birth=self.born,
            care_status=self.care_status,
            vulnerabilities=list(self.vulnerabilities),
        )

    def is_child_on(self, day: date) -> bool | None:
        return None if self.born is None else age_on(self.born, day) < 18


@dataclass(frozen=True)
class Source:
    """A triage decision in force that leads to a screening."""

    decision_id: int
    code: str
    in_force: datetime
    person_id: int
    referral_id: int
    area_id: int
    types: tuple[str, ...]


@dataclass(frozen=True)
class Confirmation:
    """One press of "confirm": what the engine gave and the grade chosen."""

    at: datetime
    drawn: Drawn
    final: str
    rationale: str

    @property
    def overridden(self) -> bool:
        return self.final != self.drawn.result.overall


@dataclass(frozen=True)
class Review:
    """A manager's review: agreed, or returned to be redone (with a note)."""

    at: datetime
    agree: bool
    note: str


@dataclass
class Planned:
    """One screening as planned, and as "now" finds it once settled."""

    person: Person
    area: Area
    practitioner: User
    manager: User
    team: Team
    tool: ScreeningTool
    concern: tuple[str, ...]  # the forms of exploitation the referral named
    types: tuple[str, ...]  # those the tool grades (or reads them as)
    referral_id: int | None
    target: str  # the level of risk the answers are drawn towards
    started_at: datetime
    hold: str = ""  # "draft" or "review": paced so that "now" finds it at that stage
    override: str = ""  # "up" or "down": the practitioner chooses another grade
    returned: bool = False  # the manager returns it once, and it is confirmed again
    confirmations: list[Confirmation] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    saves: list[datetime] = field(default_factory=list)  # draft saves before "now"
    draft: dict[str, list[str]] = field(default_factory=dict)  # the form as last saved
    status: str = Status.DRAFT
    pk: int = 0

    @property
    def confirmed(self) -> Confirmation | None:
        """The confirmation in force "now" (None: a draft)."""
        return self.confirmations[-1] if self.status != Status.DRAFT else None

    @property
    def finished_at(self) -> datetime | None:
        """When it became complete (confirmed, or agreed by the manager), if it has."""
        if self.status != Status.COMPLETE:
            return None
        return self.reviews[-1].at if self.reviews else self.confirmations[-1].at

    @property
    def level(self) -> str:
        """The level of the final grade (the target, for a draft)."""
        confirmed = self.confirmed
        return self.tool.grade(confirmed.final).level if confirmed else self.target
