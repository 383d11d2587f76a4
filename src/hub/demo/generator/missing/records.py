"""What the missing step plans before it becomes rows: placements, missing episodes with their
return home interviews, Philomena profiles, NRM referrals with their decisions and notes, Duty
to Notify records, and the alerts the services raise along the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.organisations.models import Agency, Area, User


@dataclass(frozen=True)
class Person:
    """What the step reads of a person's record."""

    pk: int
    given_name: str
    family_name: str
    born: date | None
    gender: str
    home_area: Area
    vulnerabilities: tuple[str, ...]
    nationality: str
    immigration_status: str

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int | None:
        if self.born is None:
            return None
        born = self.born
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_child_on(self, day: date) -> bool | None:
        age = self.age_on(day)
        return None if age is None else age < 18

    @property
    def looked_after(self) -> bool:
        return "care_experienced" in self.vulnerabilities


@dataclass
class Placement:
    person: Person
    placing_area: Area
    placed_in_area: Area
    postcode: str
    setting: str
    started_on: date
    recorded_at: datetime
    by: User
    ended_on: date | None = None
    pk: int = 0


@dataclass
class Interview:
    """The return home interview: offered, then completed or declined (or neither yet)."""

    outcome: str
    offered_at: datetime
    recorded_at: datetime  # when the last of it was written down
    by: User
    completed_at: datetime | None = None
    push: str = ""
    pull: str = ""
    places: str = ""
    associates: str = ""
    words: str = ""
    voice_pk: int = 0


@dataclass
class Episode:
    person: Person
    missing_from: str
    responsible_area: Area
    reported_at: datetime
    last_seen_at: datetime
    grade: str
    police_reference: str
    last_seen_place: str
    clothing: str
    by: User
    placement: Placement | None = None
    found_at: datetime | None = None
    found_recorded_at: datetime | None = None
    found_place: str = ""
    found_postcode: str = ""
    found_area: Area | None = None
    found_out_of_area: bool = False
    found_with: str = ""
    returned_how: str = ""
    interview: Interview | None = None
    interview_due: bool = False  # a child on the day found: the 72-hour deadline opened
    interview_held: bool = False  # back in the last days: the interview is still to come
    pk: int = 0

    @property
    def reference(self) -> str:
        return f"MP{self.pk:06d}"

    @property
    def hours_missing(self) -> float | None:
        if self.found_at is None:
            return None
        return round((self.found_at - self.last_seen_at).total_seconds() / 3600, 1)


@dataclass
class Profile:
    person: Person
    version: int
    description: str
    associates: str
    places: str
    phones: str
    social_media: str
    medical: str
    other: str
    review_on: date
    by: User
    at: datetime


@dataclass
class Decision:
    kind: str
    outcome: str
    decided_on: date
    recorded_at: datetime
    by: User
    reconsiders: str = ""
    notes: str = ""
    pk: int = 0


@dataclass
class Defence:
    offence: str
    schedule_4: bool
    crime_reference: str
    offence_on: date
    notes: str
    by: User
    at: datetime


@dataclass
class NrmReferral:
    person: Person
    area: Area
    agency: Agency
    first_responder: str
    submitted_on: date
    recorded_at: datetime
    is_child: bool
    consent_notes: str
    types: tuple[str, ...]
    county_lines: bool
    competent_authority: str
    summary: str
    support_status: str
    by: User
    home_office_reference: str = ""
    ictg: str = ""
    ictg_referred_on: date | None = None
    decisions: list[Decision] = field(default_factory=list)
    defences: list[Defence] = field(default_factory=list)
    pk: int = 0

    @property
    def reference(self) -> str:
        return f"NRM{self.pk:06d}"


@dataclass
class Notification:
    """The anonymous Duty to Notify record of an adult who did not consent."""

    person: Person  # only for their timeline's event: the record names no one
    area: Area
    agency: Agency
    notified_on: date
    recorded_at: datetime
    types: tuple[str, ...]
    county_lines: bool
    gender: str
    age_band: str
    nationality: str
    by: User
    home_office_reference: str = ""


@dataclass
class RaisedAlert:
    """An alert a service raised: a cross-border arrival, a notification to send outside the
    region, or a repeat missing pattern."""

    kind: str
    title: str
    summary: str
    area: Area
    person: Person
    created_at: datetime
    source_type: str
    source: Placement | Episode
    from_area: Area | None = None
    grant_until: datetime | None = None
    contact: str = ""
    url_name: str = ""
    acknowledged_at: datetime | None = None
    acknowledged_by: User | None = None
