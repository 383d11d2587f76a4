"""Referrals and their triage histories: a year of the region's front door.

About one referral per six persons, sent over the 365 days before `as_of` by the demo
practitioners of every agency kind to the hub of the area where the person lives (or, for a
person from outside the region, where they were found). Each hub's work on them is planned and
replayed up to the build's "now", the start of the hub's day on `as_of` (histories.py), so
nearly all are decided and closed, and each area's newest few are still open at every stage.
A few sent to the wrong hub are transferred. The persons' chronologies get the events the
services would have recorded, and the persons become known to the hub (rows.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from random import Random
from typing import TYPE_CHECKING

from hub.platform.timescales import LOCAL
from hub.referrals.models import Referral
from hub.referrals.services.drafts import open_decision_deadline

from ..organisations import ALL
from . import rows
from .clock import working_days_before, world_now
from .histories import HOLDS, Triage
from .planning import PERSONS_PER_REFERRAL, Planner
from .records import Referral as Planned
from .records import Status, Step

if TYPE_CHECKING:
    from hub.organisations.models import Area

    from ..core import RegionBuild

OPEN_PER_AREA = 3  # at least, where an area has nine referrals or more
TRANSFER_SHARE = 0.005


def build(region: RegionBuild) -> None:
    """Referrals with their subjects, triage histories, chronology events and hub links."""
    rng = region.rng("referrals")
    now = world_now(region.as_of)
    planner = Planner(region, rng)
    total = max(1, region.persons_total // PERSONS_PER_REFERRAL)
    region.progress.start("Referrals and their triage", 2 * total)  # written, then triaged
    referrals: list[Planned] = []
    for done in range(1, total + 1):
        referrals.append(planner.referral())
        _report(region, done, total)

    triage = Triage(region, rng, now)
    transfers = _misdirected(rng, planner, triage, referrals, now)
    plans: list[list[Step]] = []
    for done, referral in enumerate(referrals, start=1):
        triage.start_clock(referral)
        plans.append(triage.plan(referral, transfer_to=transfers.get(id(referral))))
        _report(region, done, total)
    _hold_open(rng, planner, triage, referrals, plans, set(transfers), region.as_of)

    made: list[Planned] = []
    queue = list(zip(referrals, plans, strict=True))
    while queue:
        referral, steps = queue.pop()
        referral.history = triage.replay(referral, steps)
        made.append(referral)
        for decision in referral.history.decisions:
            if decision.transfer is None and decision.target_area and decision.in_force:
                copy = triage.transfer_copy(
                    referral, decision, decision.target_area, decision.in_force[0]
                )
                queue.append((copy, triage.plan(copy)))

    rows.number(made)
    writer = rows.Writer(region)
    region.progress.start("Referral records", len(made))
    for start in range(0, len(made), rows.BATCH_REFERRALS):
        batch = made[start : start + rows.BATCH_REFERRALS]
        writer.write(batch)
        region.progress.advance(len(batch))
    writer.finish()
    _open_deadlines()
    region.counts.update(
        referrals=len(made),
        referral_subjects=sum(len(r.subjects) for r in made),
        triage_decisions=sum(len(r.history.decisions) for r in made),
        partner_checks=sum(len(r.history.checks) for r in made),
        triage_notes=sum(len(r.history.notes) for r in made),
        referrals_open=sum(1 for r in made if r.history.status == Status.WITH_HUB),
        referrals_transferred=sum(1 for r in made if r.transferred_from is not None),
        **writer.counts,
    )


def _open_deadlines() -> None:
    """The decision deadlines of the referrals the hub has still to decide, as the service
    opens them on arrival (the decided ones' were met, so they keep none open)."""
    undecided = Referral.objects.filter(
        status=Referral.Status.WITH_HUB, decided_at__isnull=True
    ).only("pk", "area_id", "received_at")
    for referral in undecided:
        open_decision_deadline(referral)


def _report(region: RegionBuild, done: int, total: int) -> None:
    """Progress in steps of a thousand (and the rest at the end)."""
    if done % 1_000 == 0:
        region.progress.advance(1_000)
    elif done == total:
        region.progress.advance(total % 1_000)


def _misdirected(
    rng: Random, planner: Planner, triage: Triage, referrals: list[Planned], now: datetime
) -> dict[int, Area]:
    """A few referrals sent to the referrer's own hub instead of the person's: by referral
    (id), the area the hub will transfer them to."""
    if triage.transfer_option is None:  # a partnership whose hubs do not transfer
        return {}
    candidates = [
        r
        for r in referrals
        if len(r.subjects) == 1
        and r.subjects[0].person_id is not None
        and r.subjects[0].home_area_id == r.area.pk
        and timedelta(days=20) < now - r.received_at < timedelta(days=300)
    ]
    count = min(len(candidates), max(1, round(len(referrals) * TRANSFER_SHARE)))
    transfers: dict[int, Area] = {}
    for referral in rng.sample(candidates, count):
        transfers[id(referral)] = referral.area
        planner.misdirect(referral)
    return transfers


def _hold_open(
    rng: Random,
    planner: Planner,
    triage: Triage,
    referrals: list[Planned],
    plans: list[list[Step]],
    transfers: set[int],
    as_of: date,
) -> None:
    """Each area's newest referrals, moved into the last working days and paced so that the
    hub is still on them "now", at each stage in turn, where too few are open by themselves."""
    now = triage.now
    by_area: dict[str, list[int]] = defaultdict(list)
    for index, referral in enumerate(referrals):
        by_area[referral.area.slug].append(index)
    for area_index, slug in enumerate(ALL):
        indexes = by_area[slug]
        open_already = sum(1 for i in indexes if plans[i][-1][0] >= now)
        wanted = min(OPEN_PER_AREA, len(indexes) // 3) - open_already
        newest = sorted(
            (i for i in indexes if plans[i][-1][0] < now and id(referrals[i]) not in transfers),
            key=lambda i: referrals[i].received_at,
            reverse=True,
        )
        for index in newest:
            if wanted <= 0:
                break
            hold = HOLDS[(area_index + wanted) % len(HOLDS)]
            referral, moment = referrals[index], _open_moment(rng, hold, as_of)
            if any(
                s.is_child_on(moment.date()) != s.is_child_on(referral.received_at.date())
                for s in referral.subjects
            ):
                continue  # turned 18 in between: what was written no longer fits
            planner.retime(referral, moment)
            triage.start_clock(referral)
            plans[index] = triage.plan(referral, hold=hold)
            wanted -= 1


def _open_moment(rng: Random, hold: str, as_of: date) -> datetime:
    """When a referral still open at `hold` came in: last night (green "now"), the last
    working day (amber), or the two before it (red)."""
    if hold == "received" and rng.random() < 0.5:
        evening = datetime.combine(as_of - timedelta(days=1), time(17, 45), tzinfo=LOCAL)
        return evening + timedelta(minutes=rng.randint(0, 340))
    back = 1 if hold in ("received", "sign_off") or rng.random() < 0.5 else rng.choice((2, 3))
    day = working_days_before(as_of, back)
    return datetime.combine(day, time(8, 45), tzinfo=LOCAL) + timedelta(minutes=rng.randint(0, 420))
