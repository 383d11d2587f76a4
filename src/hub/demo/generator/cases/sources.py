"""Where cases come from, read from what the earlier steps wrote: triage decisions in force
that call for a case (a strategy discussion, a MACE listing, a section 42 enquiry, an NRM
referral: those the triage page offers "Open a case" for), about everyone on the referral
decided alike; and completed screenings whose grade is significant or serious (those the
screening page offers it for). The demo's staff, by area and kind, with their one team."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from random import Random
from typing import TYPE_CHECKING

from hub.people.models import Person as PersonRecord
from hub.referrals.models import TriageDecision
from hub.screening.models import Screening
from hub.screening.tools import get_tool

from ..referrals.records import age_on
from ..screenings.timing import local_day
from ..users import planned_users
from .records import Opening, Person, Staff

if TYPE_CHECKING:
    from ..core import RegionBuild

SignOff = TriageDecision.SignOff
# Of the decisions in force, the share the hub opens a case for.
OPENED_SHARES = {
    "strategy_discussion": 0.95,
    "mace_listing": 0.9,
    "section_42_enquiry": 0.8,
    "nrm_referral": 0.55,
}
# Of completed screenings, by the level of the final grade.
SCREENING_SHARES = {"serious": 0.85, "significant": 0.75, "emerging": 0.08}
GROUP_SHARE = 0.8  # of referrals with several persons decided alike: one case for them all


KINDS = {
    "hub.practitioner": "hub",
    "hub.manager": "manager",
    "meeting.chair": "chair",
    "police.practitioner": "police",
    "socialcare.practitioner": "socialcare",
    "school.practitioner": "school",
    "health.practitioner": "health",
    "youthjustice.practitioner": "youthjustice",
    "probation.practitioner": "probation",
}


def staff_of(region: RegionBuild) -> dict[tuple[str, str], Staff]:
    """(area slug, kind) -> the demo user of that kind in the area, with their team."""
    found: dict[tuple[str, str], Staff] = {}
    for username, _, team_key, _ in planned_users(region):
        slug, _, suffix = username.partition(".")
        kind = KINDS.get(suffix)
        if kind is not None:
            found[(slug, kind)] = Staff(region.users[username], region.teams[team_key], kind)
    return found


def _persons(ids: set[int]) -> dict[int, Person]:
    rows = PersonRecord.objects.filter(pk__in=ids).values_list(
        "pk", "given_name", "family_name", "date_of_birth", "gender"
    )
    return {row[0]: Person(*row) for row in rows}


def openings(region: RegionBuild, rng: Random, now: datetime) -> list[Opening]:
    """Every reason a case may open, in order of time (whether one does is decided as the
    cases are planned: a person already on an open case is not given a second)."""
    areas = {area.pk: area for area in region.areas.values()}
    decisions = (
        TriageDecision.objects.filter(code__in=OPENED_SHARES, subject__person__isnull=False)
        .filter(sign_off__in=(SignOff.NOT_NEEDED, SignOff.APPROVED))
        .values_list(
            "pk", "code", "decided_at", "signed_off_at", "subject__person_id",
            "subject__referral_id", "subject__referral__area_id",
            "subject__referral__exploitation_types",
        )
        .order_by("pk")
    )  # fmt: skip
    by_referral: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    for row in decisions:
        by_referral[(row[5], row[1])].append(row)
    screenings = list(
        Screening.objects.filter(status=Screening.Status.COMPLETE)
        .values_list(
            "pk", "person_id", "tool_id", "tool_version", "final_overall", "confirmed_at",
            "reviewed_at", "review_needed", "team__area_id", "pathway",
            "referral__exploitation_types",
        )
        .order_by("pk")
    )  # fmt: skip
    persons = _persons({row[4] for row in decisions} | {row[1] for row in screenings})
    found: list[Opening] = []
    for (_, code), rows in sorted(by_referral.items()):
        if rng.random() >= OPENED_SHARES[code]:
            continue
        groups = [rows] if len(rows) > 1 and rng.random() < GROUP_SHARE else [[r] for r in rows]
        for group in groups:
            first = group[0]
            at = max(signed or decided for _, _, decided, signed, *_ in group)
            members = tuple(persons[row[4]] for row in group)
            found.append(
                Opening(
                    at=at, area=areas[first[6]], persons=members, code=code,
                    types=tuple(first[7]), child=_child(members, at), decision_id=first[0],
                )
            )  # fmt: skip
    for (
        pk,
        person_id,
        tool_id,
        version,
        final,
        confirmed,
        reviewed,
        needed,
        area,
        pathway,
        types,
    ) in screenings:
        grade = get_tool(tool_id, version).grade(final)
        if rng.random() >= SCREENING_SHARES.get(grade.level, 0.0):
            continue
        at = reviewed if needed and reviewed else confirmed
        if at is None:  # pragma: no cover (a complete screening was confirmed)
            continue
        person = persons[person_id]
        found.append(
            Opening(
                at=at, area=areas[area], persons=(person,), code=pathway,
                types=tuple(types or ()), child=_child((person,), at), screening_id=pk,
                screening_level=grade.level, screening_title=grade.title,
            )
        )  # fmt: skip
    return sorted(
        (o for o in found if o.at < now),
        key=lambda o: (o.at, o.decision_id or 0, o.screening_id or 0),
    )


def _child(persons: tuple[Person, ...], at: datetime) -> bool:
    """Whether the (first) person was a child that day."""
    born = persons[0].born
    return born is not None and age_on(born, local_day(at)) < 18
