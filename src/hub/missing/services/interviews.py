"""Writes of return home interviews: offered, then completed by someone independent of the
carer, or declined. What the child said becomes their voice; what was learned (push and pull
factors, places, associates) goes on their chronology, ready to link to places and
intelligence. Completing or declining meets the 72-hour deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_meet
from hub.cases.models import VoiceRecord
from hub.cases.services.plans import voice_record
from hub.missing.models import ReturnInterview
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError

from .episodes import episode_for

if TYPE_CHECKING:
    from hub.organisations.models import User

register_event_kind("return_interview", "Return home interview")

ERROR_OUTCOME = "Select whether the interview was done, declined or is still to do"
ERROR_NOT_FOUND_YET = "Record that they were found before the return home interview"
ERROR_OFFERED_BEFORE_FOUND = "The interview cannot be offered before they were found ({when})"
ERROR_OFFERED_FUTURE = "The time offered cannot be in the future"
ERROR_COMPLETED_WHEN = "Enter when the interview was done"
ERROR_COMPLETED_ORDER = "The interview cannot be done before it was offered, or in the future"
ERROR_INDEPENDENT = (
    "A return home interview must be done by someone independent of the child's carer: "
    "confirm that you are, or ask someone who is"
)
ERROR_NOTHING_LEARNED = "Write down what the child said, or what was learned"
ERROR_DONE = "This interview has been recorded as {outcome}"


@dataclass(frozen=True)
class InterviewRecord:
    outcome: str
    offered_at: datetime
    completed_at: datetime | None = None
    independent_of_carer: bool = False
    in_their_words: str = ""
    push_factors: str = ""
    pull_factors: str = ""
    places: str = ""
    associates: str = ""


def _check(record: InterviewRecord) -> None:
    if record.outcome not in ReturnInterview.Outcome.values:
        raise ServiceError(ERROR_OUTCOME, field="outcome")
    now = timezone.now()
    if record.offered_at > now:
        raise ServiceError(ERROR_OFFERED_FUTURE, field="offered_at")
    if record.outcome != ReturnInterview.Outcome.COMPLETED:
        return
    if record.completed_at is None:
        raise ServiceError(ERROR_COMPLETED_WHEN, field="completed_at")
    if not record.offered_at <= record.completed_at <= now:
        raise ServiceError(ERROR_COMPLETED_ORDER, field="completed_at")
    if not record.independent_of_carer:
        raise ServiceError(ERROR_INDEPENDENT, field="independent_of_carer")
    learned = (record.in_their_words, record.push_factors, record.pull_factors)
    if not any(text.strip() for text in (*learned, record.places, record.associates)):
        raise ServiceError(ERROR_NOTHING_LEARNED, field="in_their_words")


def interview_record(
    *, actor: User, episode_id: object, record: InterviewRecord
) -> ReturnInterview:
    """Record the interview's offer and outcome (an offer may be completed or declined later;
    a completed or declined one is final)."""
    _check(record)
    with transaction.atomic():
        episode = episode_for(actor=actor, episode_id=episode_id, purpose="return interview")
        if episode.found_at is None:
            raise ServiceError(ERROR_NOT_FOUND_YET)
        if record.offered_at < episode.found_at:
            when = f"{timezone.localtime(episode.found_at):%-d %b %Y, %H:%M}"
            raise ServiceError(ERROR_OFFERED_BEFORE_FOUND.format(when=when), field="offered_at")
        interview = ReturnInterview.objects.filter(episode=episode).first()
        if interview is not None and interview.outcome != ReturnInterview.Outcome.OFFERED:
            raise ServiceError(ERROR_DONE.format(outcome=interview.get_outcome_display().lower()))
        interview = interview or ReturnInterview(episode=episode)
        completed = record.outcome == ReturnInterview.Outcome.COMPLETED
        interview.outcome = record.outcome
        interview.offered_at = record.offered_at
        interview.completed_at = record.completed_at if completed else None
        interview.interviewer = actor if completed else None
        interview.independent_of_carer = completed and record.independent_of_carer
        interview.push_factors = record.push_factors.strip()[:5000]
        interview.pull_factors = record.pull_factors.strip()[:5000]
        interview.places = record.places.strip()[:5000]
        interview.associates = record.associates.strip()[:5000]
        interview.recorded_by = actor
        interview.save()
        audit_record(
            actor=actor,
            action="update",
            object_type="missing_episode",
            object_id=episode.pk,
            detail={"return_interview": record.outcome},
        )
        if record.outcome == ReturnInterview.Outcome.OFFERED:
            return interview
        deadline_meet(
            event="return_interview_done",
            key=f"missing:{episode.pk}",
            at=interview.completed_at or timezone.now(),
        )
        if completed:
            _learned(actor, interview, record.in_their_words.strip())
        else:
            _chronicle(actor, interview, "Return home interview declined", "")
    return interview


def _learned(actor: User, interview: ReturnInterview, words: str) -> None:
    episode = interview.episode
    done = interview.completed_at or timezone.now()
    if words:
        voice_record(
            actor=actor,
            person_id=episode.person_id,
            context=VoiceRecord.Context.RETURN_HOME_INTERVIEW,
            words=words,
            said_on=timezone.localtime(done).date(),
        )
    lines = [
        f"{label}: {text}"
        for label, text in (
            ("What pushed them away", interview.push_factors),
            ("What pulled them", interview.pull_factors),
            ("Places", interview.places),
            ("Associates", interview.associates),
        )
        if text
    ]
    hours = (done - (episode.found_at or done)).total_seconds() / 3600
    title = f"Return home interview done, {hours:.0f} hours after their return"
    _chronicle(actor, interview, title, "\n".join(lines))


def _chronicle(actor: User, interview: ReturnInterview, title: str, summary: str) -> None:
    episode = interview.episode
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=episode.person_id,
            kind="return_interview",
            occurred_at=interview.completed_at or timezone.now(),
            title=f"{episode.reference}: {title}",
            summary=summary,
            area_id=episode.responsible_area_id,
            source_type="missing_episode",
            source_id=episode.pk,
        ),
    )
