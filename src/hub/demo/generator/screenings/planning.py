"""Who is screened, when, and with which tool.

Most triage decisions for an exploitation screening get one, started by the hub practitioner
of the area within a few working days; so do some of those listing a person for the panel or
calling a strategy discussion. A person already screened in the last weeks is not screened
again for a new referral. Re-screens follow around the date the last one set, more often the
higher the risk, and grades drift (mostly down, as support takes hold). The tool is the one
the service offers for the person's age on the day: a child's or an adult's, and for a
child's sexual exploitation the scored tool now and then.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING

from django.utils import timezone

from hub.people.models import Person as PersonRecord
from hub.platform.timescales import timescales_definition
from hub.referrals.models import TriageDecision
from hub.screening.selectors import tools_for

from ..organisations import ALL
from ..referrals.clock import working_days_before
from ..referrals.telling import Weighted
from .answers import level_ranks, tool_types
from .records import Person, Planned, Source, Status
from .schedule import Scheduler
from .timing import after_working_days, day_near, local_day, office_moment

if TYPE_CHECKING:
    from hub.screening.tools import ScreeningTool

    from ..core import RegionBuild

SignOff = TriageDecision.SignOff
# Of the decisions in force, the share the hub screens.
SCREENED_SHARES = {"exploitation_screening": 0.9, "mace_listing": 0.45, "strategy_discussion": 0.3}
# The level of risk the hub's information points to, by decision.
TARGETS: dict[str, Weighted[str]] = {
    "exploitation_screening": Weighted(
        (("no_concern", 20), ("emerging", 45), ("significant", 27), ("serious", 8))
    ),
    "mace_listing": Weighted((("emerging", 25), ("significant", 50), ("serious", 25))),
    "strategy_discussion": Weighted((("emerging", 20), ("significant", 50), ("serious", 30))),
}
DRIFT = Weighted(((-1, 50), (0, 38), (1, 12)))  # a re-screen's level against the last one's
RESCREEN_SHARES = {"no_concern": 0.1, "emerging": 0.5, "significant": 0.7, "serious": 0.8}
RESCREENS_AT_MOST = 3
RECENTLY_SCREENED = timedelta(days=45)
SERAF_WEIGHT = 0.6  # against the child tool's 1, for a concern only of sexual exploitation
OVERRIDE_SHARE = 0.07
RETURN_SHARE = 0.08  # of reviews, returned once to be redone
HOLD_SHARE = 1 / 40  # of screenings, held open "now" as drafts, and as many awaiting review
ENSURE_TRIES = 20


def rescreen_due(tool: ScreeningTool, confirmed_at: datetime) -> date:
    """The day the flow sets for the re-screen (the tool's timescale from confirming)."""
    due = timescales_definition().get(tool.rescreen_timescale).due(confirmed_at)
    return timezone.localtime(due).date()


def _sources() -> list[Source]:
    """Decisions in force that may lead to a screening, about persons on record, in order."""
    rows = (
        TriageDecision.objects.filter(code__in=SCREENED_SHARES, subject__person__isnull=False)
        .filter(sign_off__in=(SignOff.NOT_NEEDED, SignOff.APPROVED))
        .values_list(
            "pk", "code", "decided_at", "signed_off_at", "subject__linked_at",
            "subject__person_id", "subject__referral_id", "subject__referral__area_id",
            "subject__referral__exploitation_types",
        )
        .order_by("pk")
    )  # fmt: skip
    found = []
    for pk, code, decided, signed, linked, person, referral, area, types in rows:
        in_force = signed or decided
        if linked is not None and linked > in_force:
            in_force = linked
        found.append(Source(pk, code, in_force, person, referral, area, tuple(types)))
    return sorted(found, key=lambda s: (s.in_force, s.decision_id))


def _persons(ids: set[int]) -> dict[int, Person]:
    rows = PersonRecord.objects.filter(pk__in=ids).values_list(
        "pk", "given_name", "date_of_birth", "gender", "vulnerabilities", "care_status",
        "home_area_id",
    )  # fmt: skip
    return {row[0]: Person(row[0], row[1], row[2], row[3], tuple(row[4]), *row[5:]) for row in rows}


class Planner:
    """Plans every screening of the region, from the step's random stream."""

    def __init__(self, region: RegionBuild, rng: Random, now: datetime) -> None:
        self.region, self.rng, self.now = region, rng, now
        self.scheduler = Scheduler(rng, now)
        self.slugs = {area.pk: slug for slug, area in region.areas.items()}
        self.ranks = level_ranks()
        self.levels = list(self.ranks)
        self._in_force: dict[int, datetime] = {}

    def plans(self) -> list[Planned]:
        """Every screening: from decisions, then the re-screens after them, settled at "now"."""
        rng, now = self.rng, self.now
        sources = _sources()
        persons = _persons({s.person_id for s in sources})
        self.region.progress.start("Screenings", len(sources))
        by_person: dict[int, list[Planned]] = defaultdict(list)
        for source in sources:
            self.region.progress.advance(1)
            person = persons[source.person_id]
            if rng.random() >= SCREENED_SHARES[source.code] or person.born is None:
                continue  # not screened (a person of unknown age: the hub establishes it first)
            start = after_working_days(rng, source.in_force, 0, 4)
            earlier = by_person[person.pk]
            if start >= now or (earlier and start - earlier[-1].started_at < RECENTLY_SCREENED):
                continue
            target = TARGETS[source.code].draw(rng)
            slug = self.slugs[source.area_id]
            plan = self._plan(person, slug, start, source.referral_id, source.types, target)
            if plan is not None:
                self._in_force[id(plan)] = source.in_force
                earlier.append(plan)
        self._hold_open([plan for plans in by_person.values() for plan in plans])
        made: list[Planned] = []
        last: list[Planned] = []  # the screenings no re-screen was planned after
        for plans in by_person.values():
            for index, plan in enumerate(plans):
                self.scheduler.settle(plan)
                made.append(plan)
                until = plans[index + 1].started_at if index + 1 < len(plans) else None
                chain = self._rescreens(plan, until)
                made += chain
                last.append(chain[-1] if chain else plan)
        self._make_sure(made, last)
        return sorted(made, key=lambda plan: (plan.started_at, plan.person.pk))

    def _plan(
        self,
        person: Person,
        slug: str,
        start: datetime,
        referral_id: int | None,
        concern: tuple[str, ...],
        target: str,
        prefer: str = "",
    ) -> Planned | None:
        rng, users = self.rng, self.region.users
        tool = self._tool(person, local_day(start), concern, prefer)
        if tool is None:
            return None
        return Planned(
            person=person,
            area=self.region.areas[slug],
            practitioner=users[f"{slug}.hub.practitioner"],
            manager=users[f"{slug}.hub.manager"],
            team=self.region.teams[f"hub:{slug}"],
            tool=tool,
            concern=concern,
            types=tool_types(tool, concern),
            referral_id=referral_id,
            target=target,
            started_at=start,
            override=rng.choice(("up", "up", "up", "down"))
            if rng.random() < OVERRIDE_SHARE
            else "",
            returned=rng.random() < RETURN_SHARE,
        )

    def _tool(
        self, person: Person, day: date, concern: tuple[str, ...], prefer: str
    ) -> ScreeningTool | None:
        """The tools the service offers for the person's age that day; the one used before
        when it still applies."""
        tools = tools_for(person.record(), on=day)
        for tool in tools:
            if tool.id == prefer:
                return tool
        sexual_only = "CSE" in concern and set(concern) <= {"CSE", "ONLINE"}
        weighted = Weighted(
            (tool, SERAF_WEIGHT if sexual_only else 0.0) if tool.id == "seraf" else (tool, 1.0)
            for tool in tools
        )
        return weighted.draw(self.rng) if weighted.values else None

    def _rescreens(self, plan: Planned, until: datetime | None) -> list[Planned]:
        """Re-screens around each due date while the risk lasts, before the next referral's."""
        rng, now = self.rng, self.now
        chain: list[Planned] = []
        previous = plan
        for _ in range(RESCREENS_AT_MOST):
            finished = previous.finished_at
            if finished is None or rng.random() >= RESCREEN_SHARES[previous.level]:
                break
            due = rescreen_due(previous.tool, previous.confirmations[-1].at)
            start = office_moment(rng, day_near(rng, due, 21, 14))
            if start <= finished:
                start = after_working_days(rng, finished, 1, 3)
            if start >= now or (until is not None and start > until - timedelta(days=30)):
                break
            rank = self.ranks[previous.level] + DRIFT.draw(rng)
            target = self.levels[min(max(rank, 0), len(self.levels) - 1)]
            again = self._plan(
                previous.person, previous.area.slug, start, None, previous.concern, target,
                prefer=previous.tool.id,
            )  # fmt: skip
            if again is None:
                break
            self.scheduler.settle(again)
            chain.append(again)
            previous = again
        return chain

    def _hold_open(self, plans: list[Planned]) -> None:
        """The newest screenings, round the areas, paced so that "now" finds them as drafts
        and waiting for the manager's review (a few of each)."""
        count = max(1, round(len(plans) * HOLD_SHARE))
        newest: dict[str, list[Planned]] = defaultdict(list)
        for plan in sorted(plans, key=lambda p: p.started_at, reverse=True):
            newest[plan.area.slug].append(plan)
        holds = ["draft", "review"] * count
        as_of = local_day(self.now)
        while holds and any(newest.values()):
            for slug in ALL:
                if not holds or not newest[slug]:
                    continue
                plan = newest[slug].pop(0)
                hold = holds.pop(0)
                day = working_days_before(as_of, 1 if hold == "draft" else 2)
                start = office_moment(self.rng, day)
                start = max(start, self._in_force[id(plan)] + timedelta(minutes=20))
                if start >= self.now:
                    holds.insert(0, hold)
                    continue
                plan.started_at, plan.hold = start, hold

    def _make_sure(self, made: list[Planned], last: list[Planned]) -> None:
        """At least one grade chosen against the tool's, and one review returned, however
        small the region (the demo shows both). Only screenings no re-screen was planned
        after are settled again (a re-screen's timing follows the one before it); settling
        draws again, so until one comes out so."""
        settled = [p for p in last if not p.hold and p.status == Status.COMPLETE]
        if not any(c.overridden for p in made for c in p.confirmations) and settled:
            settled[0].override = "up"  # an override is always shown and always reviewed
            self.scheduler.settle(settled[0])
        if any(not r.agree for p in made for r in p.reviews):
            return
        # The likeliest to need a review first: an override always does, then by risk.
        candidates = sorted(settled, key=lambda p: (not p.override, -self.ranks[p.target]))
        for plan in candidates[:ENSURE_TRIES]:
            plan.returned = True
            self.scheduler.settle(plan)
            if any(not r.agree for r in plan.reviews):
                return
            plan.returned = False
        if candidates:  # none came to review: one chosen against the tool's always does
            plan = candidates[0]
            plan.override, plan.returned = plan.override or "up", True
            self.scheduler.settle(plan)
