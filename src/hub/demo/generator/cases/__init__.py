"""Cases, safety plans and a year of multi-agency meetings.

Cases open from the triage decisions and completed screenings that call for one, as the
triage and screening pages offer it (sources.py), one at a time per person; each lives its
life as cases/services would record it up to "now" (lives.py, work.py, acts.py): a team
across agencies, risk over time with reasons, plan versions at the cadence the risk sets,
actions done, late or still open, the person's own words, the transition task for a child
near 18, and closing with another manager's sign-off. Strategy discussions and section 42
planning meetings are held as cases open, and every area's MACE panel meets monthly
(meetings.py). Deadlines are opened only for what is still open "now" (rows.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..referrals.clock import world_now
from ..screenings.timing import local_day
from . import rows
from .lives import Lives
from .meetings import Meetings
from .records import ActionStatus, CaseStatus, MeetingStatus, PlannedCase
from .sources import openings, staff_of

if TYPE_CHECKING:
    from ..core import RegionBuild


def build(region: RegionBuild) -> None:
    """Cases with their teams, risk, plans, actions and voices; meetings; open deadlines."""
    rng = region.rng("cases")
    now = world_now(region.as_of)
    staff = staff_of(region)
    meetings = Meetings(region, rng, now, staff)
    lives = Lives(rng, now, staff, meetings)
    found = openings(region, rng, now)
    region.progress.start("Cases and their meetings", len(found) + 1)
    cases: list[PlannedCase] = []
    for opening in found:
        case = lives.plan(opening)
        if case is not None:
            cases.append(case)
        region.progress.advance(1)
    meetings.panels(cases, lives.acts, lives.words)
    region.progress.advance(1)
    made = meetings.made
    rows.number(cases, made)
    writer = rows.Writer(now)
    writer.write(cases, made)
    writer.open_deadlines(cases, made)
    writer.finish()
    acts = [act for case in cases for act in case.actions]
    today = local_day(now)
    region.counts.update(
        cases=len(cases),
        cases_open=sum(1 for c in cases if c.status not in (CaseStatus.CLOSING, CaseStatus.CLOSED)),
        cases_closing=sum(1 for c in cases if c.status == CaseStatus.CLOSING),
        cases_closed=sum(1 for c in cases if c.status == CaseStatus.CLOSED),
        case_members=sum(len(c.members) for c in cases),
        case_risks=sum(len(c.risks) for c in cases),
        safety_plans=sum(len(c.plans) for c in cases),
        actions=len(acts),
        actions_open=sum(1 for a in acts if a.status == ActionStatus.OPEN),
        actions_overdue=sum(1 for a in acts if a.status == ActionStatus.OPEN and a.due_on < today),
        transition_actions=sum(1 for a in acts if a.kind == "transition"),
        voice_records=sum(len(c.voices) for c in cases),
        meetings=len(made),
        meetings_scheduled=sum(1 for m in made if m.status == MeetingStatus.SCHEDULED),
        mace_panels=sum(1 for m in made if m.type_code == "mace_panel"),
        strategy_discussions=sum(1 for m in made if m.type_code == "strategy_discussion"),
        meetings_short=sum(1 for m in made if m.attendance_short),
        agenda_items=sum(len(m.items) for m in made),
        **writer.counts,
    )
