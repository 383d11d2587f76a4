"""Exploitation screenings consistent with the region's referrals.

The hub practitioner of the area screens most persons the hub decided to screen, and some of
those listed for the panel or for a strategy discussion (planning.py), with the tool the
service offers for their age that day. The answers fit the referral's forms of exploitation
and the person's record, drawn towards the level the hub's information points to; every grade
is the real engine's (answers.py). Now and then the practitioner chooses another grade, with
the reason; the area's hub manager reviews where the tool asks, and now and then returns one
to be redone (schedule.py). Re-screens follow around the dates the flow sets. "Now" finds a
few drafts and a few awaiting review; each person's latest re-screen date is an open
deadline, as confirming leaves it (rows.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..referrals.clock import world_now
from . import rows
from .planning import Planner
from .records import Status

if TYPE_CHECKING:
    from ..core import RegionBuild


def build(region: RegionBuild) -> None:
    """Screenings with their reviews, chronology events and open re-screen deadlines."""
    rng = region.rng("screenings")
    now = world_now(region.as_of)
    plans = Planner(region, rng, now).plans()
    rows.number(plans)
    writer = rows.Writer()
    region.progress.start("Screening records", len(plans))
    writer.write(plans)
    writer.open_deadlines(plans)
    writer.finish()
    region.progress.advance(len(plans))
    region.counts.update(
        screenings=len(plans),
        screenings_draft=sum(1 for p in plans if p.status == Status.DRAFT),
        screenings_awaiting_review=sum(1 for p in plans if p.status == Status.AWAITING_REVIEW),
        screenings_overridden=sum(
            1 for p in plans if p.confirmed is not None and p.confirmed.overridden
        ),
        screenings_returned=sum(1 for p in plans if any(not r.agree for r in p.reviews)),
        rescreens=sum(1 for p in plans if p.referral_id is None),
        **writer.counts,
    )
