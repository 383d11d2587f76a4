"""Missing episodes, return home interviews, placements and Philomena profiles; NRM referrals,
their decisions, statutory defence notes and Duty to Notify records.

Placements and episodes are planned for the whole year (episodes.py), then NRM referrals for
the persons the hubs decided to refer and others at risk of trafficking (nrm.py); all become
rows with the chronology events, voices and alerts the services record, and the deadlines
they open, met or still open as happened (rows.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.people.models import Person as PersonRecord

from ..cases.sources import staff_of
from ..referrals.clock import world_now
from . import rows
from .episodes import Episodes
from .nrm import Nrm
from .records import Person

if TYPE_CHECKING:
    from ..core import RegionBuild


def _persons(region: RegionBuild) -> list[Person]:
    areas = {area.pk: area for area in region.areas.values()}
    found = PersonRecord.objects.filter(merged_into__isnull=True).order_by("pk").values_list(
        "pk", "given_name", "family_name", "date_of_birth", "gender", "home_area_id",
        "vulnerabilities", "nationality", "immigration_status",
    )  # fmt: skip
    return [
        Person(
            pk, given, family, born, gender, areas[area], tuple(vulnerable or ()), nation, status
        )
        for pk, given, family, born, gender, area, vulnerable, nation, status in found
    ]


def build(region: RegionBuild) -> None:
    """Placements, missing episodes, interviews, profiles, NRM records; alerts and deadlines."""
    rng = region.rng("missing")
    now = world_now(region.as_of)
    staff = staff_of(region)
    persons = _persons(region)
    region.progress.start("Missing episodes and the NRM", 3)
    episodes = Episodes(region, rng, now, staff)
    episodes.place(persons)
    episodes.go_missing(persons)
    episodes.profiles_for()
    region.progress.advance(1)
    nrm = Nrm(region, rng, now, staff, episodes)
    nrm.plan({p.pk: p for p in persons})
    region.progress.advance(1)
    rows.number(episodes, nrm)
    writer = rows.Writer(region, now)
    writer.write(episodes, nrm)
    writer.deadlines(episodes, nrm)
    writer.finish()
    region.progress.advance(1)
    made = episodes.episodes
    interviews = [e.interview for e in made if e.interview is not None]
    decisions = [d for r in nrm.referrals for d in r.decisions]
    region.counts.update(
        placements=len(episodes.placements),
        placements_out_of_area=sum(
            1 for p in episodes.placements if p.placed_in_area.pk != p.placing_area.pk
        ),
        missing_episodes=len(made),
        missing_persons=len({e.person.pk for e in made}),
        missing_now=sum(1 for e in made if e.found_at is None),
        found_out_of_area=sum(1 for e in made if e.found_out_of_area),
        return_interviews=len(interviews),
        return_interviews_completed=sum(1 for i in interviews if i.outcome == "completed"),
        return_interviews_declined=sum(1 for i in interviews if i.outcome == "declined"),
        philomena_profiles=len(episodes.profiles),
        nrm_referrals=len(nrm.referrals),
        nrm_decisions=len(decisions),
        defence_notes=sum(len(r.defences) for r in nrm.referrals),
        duty_to_notify=len(nrm.notifications),
        **writer.counts,
    )
