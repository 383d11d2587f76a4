"""The planned screenings written as rows, with the chronology events services/flow.py records
(each confirmation, and a manager's return), and the re-screen deadlines still open "now",
opened through the deadline engine as confirming opens them.

Rows go in as tuples with their ids given (the chronology names them), and with the times
they happened, not the time of the build; PostgreSQL's sequence is moved on after.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from hub.alerts.models import Deadline
from hub.alerts.services import deadlines_for
from hub.platform.models import ChronologyEvent
from hub.screening.models import Screening
from hub.screening.services import known_circumstances
from hub.screening.services.flow import _needs_review, result_answers
from hub.screening.thresholds import threshold_document

from ..referrals.rows import EVENT_FIELDS
from ..tables import day_value, insert_rows, moment_adapter, next_id, reset_sequences
from .planning import rescreen_due
from .records import Planned, Status
from .timing import local_day

if TYPE_CHECKING:
    from .records import Confirmation

Visibility = ChronologyEvent.Visibility

# fmt: off
SCREENING_FIELDS = (
    "id", "person", "referral", "tool_id", "tool_version", "status", "assessed_on", "answers",
    "circumstances", "draft_data", "computed_grades", "computed_overall", "scores", "reasons",
    "pathway", "pathway_reason", "thresholds_version", "final_overall", "override_rationale",
    "completed_by", "team", "confirmed_at", "review_needed", "reviewed_by", "reviewed_at",
    "review_note", "rescreen_due", "created_at", "updated_at",
)
# fmt: on


def number(plans: list[Planned]) -> None:
    """Ids in order of starting (so a later screening of a person has a higher id, as the
    re-screen list expects)."""
    first = next_id(Screening)
    for index, plan in enumerate(plans):
        plan.pk = first + index


def _json(value: object) -> str:
    return json.dumps(value)


class Writer:
    """Screening rows and their events, inserted in one go."""

    def __init__(self) -> None:
        self.moment = moment_adapter()
        self.pathways = {p.id: p.title for p in threshold_document().pathways}
        self.counts = {"screening_events": 0, "screening_deadlines": 0}

    def write(self, plans: list[Planned]) -> None:
        rows: list[tuple] = []
        events: list[tuple] = []
        for plan in plans:
            rows.append(self._row(plan))
            events += self._events(plan)
        insert_rows(Screening, SCREENING_FIELDS, rows)
        insert_rows(ChronologyEvent, EVENT_FIELDS, events)
        self.counts["screening_events"] += len(events)

    def _row(self, plan: Planned) -> tuple:
        moment, confirmed = self.moment, plan.confirmed
        steps = [plan.started_at, *plan.saves]
        steps += [c.at for c in plan.confirmations] + [r.at for r in plan.reviews]
        review = plan.reviews[-1] if plan.reviews else None
        if confirmed is None:  # a draft: as screening_start made it, with the draft saved
            return (
                plan.pk, plan.person.pk, plan.referral_id, plan.tool.id, plan.tool.version,
                Status.DRAFT, day_value(local_day(plan.started_at)), "{}",
                _json(known_circumstances(plan.person.record())), _json(plan.draft), "{}", "", None,
                "[]", "", "", None, "", "", plan.practitioner.id, plan.team.id, None, False,
                None, None, "", None, moment(plan.started_at), moment(max(steps)),
            )  # fmt: skip
        result = confirmed.drawn.result
        return (
            plan.pk, plan.person.pk, plan.referral_id, plan.tool.id, plan.tool.version,
            plan.status, day_value(local_day(confirmed.at)),
            _json(result_answers(plan.tool, confirmed.drawn.answers)),
            _json(confirmed.drawn.circumstances), "{}", _json(result.grades), result.overall,
            None if result.scores is None else _json(result.scores), _json(result.reason_dicts()),
            result.pathway, result.pathway_reason, result.thresholds_version, confirmed.final,
            confirmed.rationale if confirmed.overridden else "", plan.practitioner.id,
            plan.team.id, moment(confirmed.at), self.review_needed(plan),
            plan.manager.id if review else None, moment(review.at) if review else None,
            review.note if review else "", day_value(rescreen_due(plan.tool, confirmed.at)),
            moment(plan.started_at), moment(max(steps)),
        )  # fmt: skip

    @staticmethod
    def review_needed(plan: Planned) -> bool:
        confirmed = plan.confirmations[-1]
        return _needs_review(plan.tool, confirmed.final, confirmed.overridden)

    def _events(self, plan: Planned) -> list[tuple]:
        """Each confirmation (services/flow.py `_record`) and each return, by whom, when."""
        made: list[tuple] = []
        returns = [r for r in plan.reviews if not r.agree]
        for index, confirmation in enumerate(plan.confirmations):
            title, summary = self._confirmed(plan, confirmation)
            made.append(self._event(plan, confirmation.at, title, summary, plan.practitioner.id))
            if index < len(returns):
                back = returns[index]
                title = f"Screening S{plan.pk:07d} returned by the manager to be redone"
                made.append(self._event(plan, back.at, title, back.note, plan.manager.id))
        return made

    def _confirmed(self, plan: Planned, confirmation: Confirmation) -> tuple[str, str]:
        tool, result = plan.tool, confirmation.drawn.result
        final = tool.grade(confirmation.final).title
        summary = f"Recommended pathway: {self.pathways[result.pathway]}."
        if confirmation.overridden:
            computed = tool.grade(result.overall).title
            summary = f"The tool gave {computed}; the practitioner chose {final}. " + summary
        return f"Screening ({tool.title}): {final}", summary

    def _event(self, plan: Planned, at: datetime, title: str, summary: str, by: int) -> tuple:
        when = self.moment(at)
        return (
            "person", plan.person.pk, "screening", when, when, title, summary,
            Visibility.PARTNERSHIP, plan.team.area_id, plan.team.agency_id, by, "screening",
            plan.pk,
        )  # fmt: skip

    def open_deadlines(self, plans: list[Planned]) -> None:
        """The re-screen each person and tool still waits for: confirming opens one and meets
        the one before, so the latest confirmation of each keeps its deadline open."""
        latest: dict[tuple[int, str], tuple[Confirmation, Planned]] = {}
        for plan in plans:
            for confirmation in plan.confirmations:
                key = (plan.person.pk, plan.tool.id)
                if key not in latest or latest[key][0].at < confirmation.at:
                    latest[key] = (confirmation, plan)
        made: list[Deadline] = []
        hubs: dict[int, int | None] = {}
        for (person_id, tool_id), (confirmation, plan) in sorted(latest.items()):
            made += deadlines_for(
                event="screening_confirmed",
                key=f"screening:{person_id}:{tool_id}",
                reference=f"P{person_id:07d}",
                area_id=plan.team.area_id,
                source_type="screening",
                source_id=plan.pk,
                start=confirmation.at,
                person_id=person_id,
                owner_id=plan.practitioner.id,
                hubs=hubs,
            )
        # One bulk insert, not one per person: a region has tens of thousands.
        Deadline.objects.bulk_create(made)
        self.counts["screening_deadlines"] += len(made)

    @staticmethod
    def finish() -> None:
        """Move PostgreSQL's id sequence past the ids given (SQLite moves its own)."""
        reset_sequences([Screening])
