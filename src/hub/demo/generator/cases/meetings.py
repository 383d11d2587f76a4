"""A year of multi-agency meetings, as meetings/services would have recorded them.

Each area's MACE panel meets monthly (each panel the review of the one before, so holding it
meets its follow-up); its agenda lists the area's open cases when they are new to the panel
(listed for MACE, or at significant or serious risk) and again for review every two or three
panels while the risk lasts; next month's panel is scheduled with its agenda so far. A child's
case opened for a strategy discussion has one within hours (a complex strategy meeting for a
group of children); an adult's section 42 enquiry often a planning meeting, and an adult's
NRM referral often a slavery adult safeguarding case conference. Attendance meets
the type's minimum mostly; a few meetings are short of an agency, and the shortfall is
recorded with the definitions' own check. Minutes are made final a few days after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from random import Random
from typing import TYPE_CHECKING

from hub.meetings.practice import meeting_types
from hub.organisations.models import Agency
from hub.platform.timescales import LOCAL, add_months, timescales_definition

from ..identities import STREETS
from ..names import name_pools
from ..organisations import ALL
from ..referrals.telling import fill, pick
from ..screenings.timing import after_working_days, later_by_minutes, local_day, office_moment
from . import meeting_words as mw
from .records import Act, Attendee, Item, MeetingStatus, PlannedCase, PlannedMeeting, Present

if TYPE_CHECKING:
    from hub.organisations.models import Area

    from ..core import RegionBuild
    from .acts import Acts
    from .records import Staff

Kind = Agency.Kind
SHORT_SHARE = 0.1  # meetings where an agency of the minimum sent only apologies
MAX_ITEMS = 16
REVIEW_AFTER = timedelta(days=56)
ONLINE = "Online (secure video call)"
# The demo user of each attendance group, by kind (usernames); groups with none send a named
# officer of the area's agency of that kind.
GROUP_STAFF = {
    "childrens_services": "hub",
    "police": "police",
    "health": "health",
    "education": "school",
    "youth_justice": "youthjustice",
    "probation": "probation",
}
OUTSIDERS = {
    "adult_services": ("adults", "Adult safeguarding manager"),
    "housing": ("housing", "Housing officer"),
}


class Meetings:
    """Plans meetings and what they record, from the step's random stream."""

    def __init__(
        self, region: RegionBuild, rng: Random, now: datetime, staff: dict[tuple[str, str], Staff]
    ) -> None:
        self.region, self.rng, self.now, self.staff = region, rng, now, staff
        self.definition = meeting_types()
        self.timescales = timescales_definition()
        self.names = name_pools()["british"]
        self.made: list[PlannedMeeting] = []
        self._officers: dict[tuple[str, str], str] = {}

    # -- the meetings a case opens with ----------------------------------------------------
    def at_opening(self, case: PlannedCase, said: dict[str, str], acts: Acts) -> datetime | None:
        """The meeting a case opens with, if any: when it ended (None: none held by now)."""
        rng, opening = self.rng, case.opening
        slug = case.area.slug
        discussion: tuple[str, ...]
        decisions: tuple[str, ...]
        actions: dict[str, tuple[str, ...]]
        if opening.child and opening.code == "strategy_discussion":
            code = "complex_strategy" if len(opening.persons) > 1 else "strategy_discussion"
            starts = later_by_minutes(rng, case.opened_at, 30, 150)
            created = case.opened_at + timedelta(minutes=5)
            chair = self.staff[(slug, "manager")]
            discussion, decisions, actions = (
                mw.STRATEGY_DISCUSSION,
                mw.STRATEGY_DECISIONS,
                mw.STRATEGY_ACTIONS,
            )
        elif not opening.child and opening.code == "section_42_enquiry" and rng.random() < 0.7:
            code = "section_42_planning"
            starts = after_working_days(rng, case.opened_at, 1, 5)
            created = case.opened_at + timedelta(minutes=10)
            chair = self.staff[(slug, "chair")]
            discussion, decisions, actions = mw.S42_DISCUSSION, mw.S42_DECISIONS, mw.S42_ACTIONS
        elif not opening.child and opening.code == "nrm_referral" and rng.random() < 0.6:
            code = "slavery_conference"
            starts = after_working_days(rng, case.opened_at, 2, 8)
            created = case.opened_at + timedelta(minutes=10)
            chair = self.staff[(slug, "chair")]
            discussion, decisions, actions = (
                mw.SLAVERY_DISCUSSION,
                mw.SLAVERY_DECISIONS,
                mw.SLAVERY_ACTIONS,
            )
        else:
            return None
        if created >= self.now:
            return None
        meeting_type = self.definition.get(code)
        assert meeting_type is not None  # noqa: S101 (the shipped definitions name these types)
        meeting = PlannedMeeting(
            type_code=code, area=case.area,
            title=f"{meeting_type.title}, {local_day(starts):%-d %B %Y}", starts_at=starts,
            place=ONLINE, chair=chair.user, created_by=self.staff[(slug, "hub")].user,
            created_at=created,
        )  # fmt: skip
        item = Item(case)
        meeting.items.append(item)
        self.made.append(meeting)
        if starts >= self.now:
            return None
        self._attend(meeting, chair, [])
        self._hold(meeting, starts + timedelta(minutes=rng.randint(45, 100)))
        item.discussion = fill(rng, pick(rng, discussion), said)
        self._share(meeting, item, said, count=rng.randint(1, 2))
        item.decisions.append((fill(rng, pick(rng, decisions), said), chair.user))
        self._actions(meeting, item, said, acts, actions, chair, count=rng.randint(1, 3))
        return meeting.held_at

    # -- the MACE panels ------------------------------------------------------------------
    def panels(
        self,
        cases: list[PlannedCase],
        acts: Acts,
        words_for: Callable[[PlannedCase], dict[str, str]],
    ) -> None:
        """Monthly panels in every area for the year, and the next one scheduled."""
        for index, slug in enumerate(ALL):
            area = self.region.areas[slug]
            mine = [case for case in cases if case.area.slug == slug]
            self._area_panels(index, area, mine, acts, words_for)

    def _panel_dates(self, index: int) -> list[datetime]:
        """The second Tuesday, Wednesday or Thursday of each month, morning or afternoon."""
        as_of = local_day(self.now)
        weekday, hour = 1 + index % 3, (10, 0) if index % 2 == 0 else (13, 30)
        found = []
        for months in range(-12, 2):
            first = add_months(date(as_of.year, as_of.month, 1), months)
            day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7)
            found.append(datetime.combine(day, time(*hour), tzinfo=LOCAL))
        year_ago = self.now - timedelta(days=358)
        return [moment for moment in found if moment > year_ago]

    def _area_panels(
        self,
        index: int,
        area: Area,
        cases: list[PlannedCase],
        acts: Acts,
        words_for: Callable[[PlannedCase], dict[str, str]],
    ) -> None:
        rng, now = self.rng, self.now
        chair = self.staff[(area.slug, "chair")]
        hub = self.staff[(area.slug, "hub")]
        listed: dict[int, tuple[datetime, str]] = {}
        previous: PlannedMeeting | None = None
        for starts in self._panel_dates(index):
            at = min(starts, now)
            chosen = self._agenda(cases, at, listed)
            created = office_moment(rng, local_day(starts) - timedelta(days=rng.randint(21, 28)))
            if created >= now:
                created = office_moment(rng, local_day(now) - timedelta(days=rng.randint(2, 6)))
            meeting = PlannedMeeting(
                type_code="mace_panel", area=area, title=f"{area.name} MACE panel, {starts:%B %Y}",
                starts_at=starts, place=f"{area.name} Civic Centre, Committee Room 2",
                chair=chair.user, created_by=hub.user, created_at=created, follows=previous,
            )  # fmt: skip
            meeting.items = [Item(case) for case, _ in chosen]
            self.made.append(meeting)
            if starts >= now:
                break  # next month's, scheduled, its agenda built so far
            self._attend(meeting, chair, [case for case, _ in chosen])
            self._hold(meeting, starts + timedelta(minutes=rng.randint(150, 210)))
            for item, (case, why) in zip(meeting.items, chosen, strict=True):
                said = words_for(case)
                listed[id(case)] = (starts, case.risk_at(starts))
                self._discuss(meeting, item, why, said, acts, chair)
            street = {"street": pick(rng, STREETS)}
            meeting.decisions.append((fill(rng, pick(rng, mw.PANEL_DECISIONS), street), chair.user))
            if rng.random() < 0.5 and self._attended(meeting, Kind.POLICE):
                summary, handling, conditions = pick(rng, mw.PANEL_SHARED)
                agency = self._attended(meeting, Kind.POLICE)
                meeting.shared.append((agency, summary, handling, conditions, hub.user))  # type: ignore[arg-type]
            previous = meeting

    def _agenda(
        self, cases: list[PlannedCase], at: datetime, listed: dict[int, tuple[datetime, str]]
    ) -> list[tuple[PlannedCase, str]]:
        """The cases for the panel at `at`: new ones first, then those due a review."""
        new, reviews = [], []
        for case in cases:
            if not case.open_at(at) or case.opened_at > at - timedelta(days=3):
                continue
            level = case.risk_at(at)
            before = listed.get(id(case))
            if before is None:
                if case.opening.code == "mace_listing" or level in ("significant", "serious"):
                    new.append((case, "new"))
            elif at - before[0] >= REVIEW_AFTER and level != "no_concern":
                lower = self._rank(level) < self._rank(before[1])
                reviews.append((case, "down" if lower else "review"))
        return (new + reviews)[:MAX_ITEMS]

    @staticmethod
    def _rank(level: str) -> int:
        return ("no_concern", "emerging", "significant", "serious").index(level)

    def _discuss(
        self, meeting: PlannedMeeting, item: Item, why: str, said: dict[str, str], acts: Acts,
        chair: Staff,
    ) -> None:  # fmt: skip
        rng = self.rng
        opening = {"new": 1, "down": 2}.get(why, 3 if rng.random() < 0.25 else 0)
        item.discussion = fill(rng, mw.MACE_DISCUSSION[opening], said)
        self._share(meeting, item, said, count=rng.randint(1, 2))
        words_of = {**said, "street": pick(rng, STREETS)}
        item.decisions.append((fill(rng, pick(rng, mw.MACE_DECISIONS[why]), words_of), chair.user))
        self._actions(
            meeting, item, said, acts, mw.MACE_ACTIONS, chair, count=rng.choice((0, 1, 1, 2))
        )

    # -- what every meeting records -------------------------------------------------------
    def _attend(self, meeting: PlannedMeeting, chair: Staff, cases: list[PlannedCase]) -> None:
        """Who came for each group of the type's minimum (and others the agenda calls for);
        now and then one group only sends apologies. The shortfall is the definitions'."""
        rng, slug = self.rng, meeting.area.slug
        meeting_type = self.definition.get(meeting.type_code)
        assert meeting_type is not None  # noqa: S101 (planned from the definitions)
        groups = list(meeting_type.minimum_attendance)
        if meeting.type_code == "mace_panel":
            if any(c.opening.child for c in cases):
                groups.append("youth_justice")
            if any(not c.opening.child for c in cases):
                groups += ["probation", "adult_services", "housing"]
        short = ""
        if rng.random() < SHORT_SHARE:
            short = pick(
                rng, [g for g in meeting_type.minimum_attendance if g != "childrens_services"]
            )
        meeting.attendance.append(self._staff_attendee(chair, "Chair", Present.ATTENDED))
        for group in groups:
            status = Present.APOLOGIES if group == short else Present.ATTENDED
            kind = GROUP_STAFF.get(group)
            if kind is not None:
                who = self.staff[(slug, kind)]
                meeting.attendance.append(self._staff_attendee(who, who.user.job_title, status))
            elif group in OUTSIDERS:
                key, role = OUTSIDERS[group]
                agency = self.region.agencies[f"{key}:{slug}"]
                name = self._officer(slug, group)
                meeting.attendance.append(Attendee(agency, name, role, status))
        attended = {a.agency.kind for a in meeting.attendance if a.status == Present.ATTENDED}
        meeting.attendance_short = self.definition.missing(meeting_type, attended)

    def _staff_attendee(self, staff: Staff, role: str, status: str) -> Attendee:
        return Attendee(staff.team.agency, str(staff.user), role, status, staff.user)

    def _officer(self, slug: str, group: str) -> str:
        """The named officer an agency without a demo sign-in sends (the same each time)."""
        key = (slug, group)
        if key not in self._officers:
            female = self.rng.random() < 0.6
            given = self.names.given(self.rng, female=female, young=False)
            self._officers[key] = f"{given} {self.names.family_name(self.rng, female=female)}"
        return self._officers[key]

    def _hold(self, meeting: PlannedMeeting, held: datetime) -> None:
        """meeting_held, then meeting_finalise a few working days later (if by "now")."""
        meeting_type = self.definition.get(meeting.type_code)
        assert meeting_type is not None  # noqa: S101 (planned from the definitions)
        meeting.status, meeting.held_at = MeetingStatus.HELD, held
        if meeting_type.follow_ups:
            follow_up = meeting_type.follow_ups[0]
            due = self.timescales.get(follow_up.timescale).due(meeting.starts_at)
            meeting.follow_up_title, meeting.follow_up_due = follow_up.title, local_day(due)
        final = after_working_days(self.rng, held, 1, 5)
        if final < self.now:
            meeting.status, meeting.finalised_at = MeetingStatus.FINAL, final

    def _attended(self, meeting: PlannedMeeting, kind: str) -> Agency | None:
        return next(
            (
                a.agency
                for a in meeting.attendance
                if a.agency.kind == kind and a.status == Present.ATTENDED
            ),
            None,
        )

    def _share(self, meeting: PlannedMeeting, item: Item, said: dict[str, str], count: int) -> None:
        """What the agencies present shared about the item, with its handling."""
        rng = self.rng
        present = {
            a.agency.kind: a.agency for a in meeting.attendance if a.status == Present.ATTENDED
        }
        kinds = [kind for kind in mw.SHARED if kind in present]
        recorder = meeting.created_by
        words_of = {**said, "street": pick(rng, STREETS)}
        for kind in rng.sample(kinds, k=min(count, len(kinds))):
            summary, handling, conditions = pick(rng, mw.SHARED[kind])
            item.shared.append(
                (present[kind], fill(rng, summary, words_of), handling, conditions, recorder)
            )

    def _actions(
        self, meeting: PlannedMeeting, item: Item, said: dict[str, str], acts: Acts,
        texts: dict[str, tuple[str, ...]], chair: Staff, count: int,
    ) -> None:  # fmt: skip
        """Actions the meeting set, for attendees with a sign-in, landing on the case."""
        rng, slug = self.rng, meeting.area.slug
        owners = [g for g in texts if g in GROUP_STAFF and self._came(meeting, GROUP_STAFF[g])]
        held = meeting.held_at or meeting.starts_at
        for offset, group in enumerate(rng.sample(owners, k=min(count, len(owners)))):
            kind = GROUP_STAFF[group]
            if group == "childrens_services":
                kind = (
                    item.case.lead.kind
                    if item.case.lead.kind in ("hub", "socialcare")
                    else "socialcare"
                )
            owner = self.staff[(slug, kind)]
            act: Act = acts.make(
                item.case, kind="meeting", text=pick(rng, texts[group]), owner=owner, by=chair,
                at=held + timedelta(minutes=5 + offset), days=(7, 35), words_of=said,
            )  # fmt: skip
            item.actions.append(act)

    def _came(self, meeting: PlannedMeeting, kind: str) -> bool:
        return any(
            a.user is not None
            and a.status == Present.ATTENDED
            and self.staff[(meeting.area.slug, kind)].user == a.user
            for a in meeting.attendance
        )
