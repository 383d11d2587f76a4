"""The practitioner's screening: start it from a person or a referral, keep the draft as
typed, confirm the result (a different final grade only with a written reason), and a
manager's review where the tool asks for one. The re-screen date is derived, never typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_meet, deadline_open
from hub.organisations.selectors import team_for_grant
from hub.people.models import CareStatus, Person, Vulnerability
from hub.platform.access import NotFound, Permission, access_object, require_permission
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError, submit_once
from hub.platform.timescales import timescales_definition
from hub.referrals.models import Referral
from hub.screening.engine import AnswerError, Result, Subject, score
from hub.screening.models import Screening
from hub.screening.thresholds import threshold_document
from hub.screening.tools import ScreeningTool, UnknownTool, get_tool

if TYPE_CHECKING:
    from hub.organisations.models import User

register_event_kind("screening", "Exploitation screening")

ERROR_TOOL = "Select a screening tool"
ERROR_TOOL_NOT_FOR = "That tool is not for this person's age"
ERROR_RATIONALE = "Say why you chose a different grade from the one the tool gave"
ERROR_GRADE = "Select a grade"
ERROR_NOT_DRAFT = "This screening has been confirmed; it can no longer be changed"
ERROR_NOT_AWAITING = "This screening is not waiting for review"
ERROR_OWN_REVIEW = "You cannot review your own screening. Ask another manager"
ERROR_RETURN_NOTE = "Say what needs to change"
DRAFT_DATA_MAX_CHARS = 100_000


def _person_for_screening(actor: User, person_id: object) -> Person:
    return access_object(
        actor=actor,
        permission=Permission.PERSON_VIEW,
        queryset=Person.objects.filter(merged_into__isnull=True),
        id=person_id,
        purpose="screening",
    )


def known_circumstances(person: Person) -> dict[str, bool | str]:
    """What the record already says that the threshold document reads (the form starts
    from these and the practitioner corrects them)."""
    care = person.care_status if person.care_status in CareStatus.values else "not_known"
    return {
        "care_status": care,
        "existing_plan": care in (CareStatus.CHILD_PROTECTION_PLAN, CareStatus.CHILD_IN_NEED),
        "learning_disability": Vulnerability.LEARNING_DISABILITY in person.vulnerabilities,
    }


def screening_start(
    *, actor: User, person_id: object, tool_id: str, token: str, referral_id: object = None
) -> Screening:
    """Start a draft screening of a person with the latest version of a tool."""
    require_permission(actor, Permission.SCREENING_CONDUCT)
    try:
        tool = get_tool(tool_id)
    except UnknownTool:
        raise ServiceError(ERROR_TOOL, field="tool") from None
    team = team_for_grant(actor=actor, permission=Permission.SCREENING_CONDUCT)
    if team is None:  # pragma: no cover (require_permission passed, so a grant exists)
        raise ServiceError("You are not in a team that may screen")
    with transaction.atomic():
        person = _person_for_screening(actor, person_id)
        today = timezone.localdate()
        if not tool.applies_to.allows(person.is_child_on(today)):
            raise ServiceError(ERROR_TOOL_NOT_FOR, field="tool")
        referral = None
        if referral_id:
            referral = access_object(
                actor=actor,
                permission=Permission.REFERRAL_VIEW,
                queryset=Referral.objects.filter(subjects__person=person).distinct(),
                id=referral_id,
                purpose="screening",
            )

        def create() -> Screening:
            screening = Screening.objects.create(
                person=person,
                referral=referral,
                tool_id=tool.id,
                tool_version=tool.version,
                assessed_on=today,
                circumstances=known_circumstances(person),
                completed_by=actor,
                team=team,
            )
            audit_record(
                actor=actor, action="create", object_type="screening", object_id=screening.pk
            )
            return screening

        pk, _ = submit_once(actor=actor, token=token, object_type="screening", create=create)
        return Screening.objects.get(pk=pk)


def screening_draft(*, actor: User, screening_id: object, purpose: str) -> Screening:
    """The actor's own draft, locked for a change and logged as one."""
    screening = access_object(
        actor=actor,
        permission=Permission.SCREENING_CONDUCT,
        queryset=Screening.objects.select_for_update().select_related("person"),
        id=screening_id,
        purpose=purpose,
        action="update",
    )
    if screening.completed_by_id != actor.pk:
        raise NotFound
    if screening.status != Screening.Status.DRAFT:
        raise ServiceError(ERROR_NOT_DRAFT)
    return screening


def screening_draft_save(
    *, actor: User, screening_id: object, data: dict[str, list[str]]
) -> Screening:
    """Keep what was ticked and typed, exactly, before anything is judged."""
    kept = {str(k)[:100]: [str(v)[:5000] for v in values][:10] for k, values in data.items()}
    kept.pop("csrfmiddlewaretoken", None)
    if sum(len(k) + sum(map(len, v)) for k, v in kept.items()) > DRAFT_DATA_MAX_CHARS:
        raise ServiceError("This draft is too long to save")
    with transaction.atomic():
        screening = screening_draft(actor=actor, screening_id=screening_id, purpose="save draft")
        screening.draft_data = kept
        screening.save(update_fields=["draft_data", "updated_at"])
    return screening


@dataclass(frozen=True)
class ScreeningAnswers:
    """The checked answers of a screening form."""

    answers: dict[str, str]
    circumstances: dict[str, bool | str]


def _grade(tool: ScreeningTool, person: Person, answers: ScreeningAnswers) -> Result:
    try:
        return score(
            tool,
            answers=answers.answers,
            subject=Subject(
                assessed_on=timezone.localdate(),
                date_of_birth=person.date_of_birth,
                circumstances=answers.circumstances,
            ),
        )
    except AnswerError as exc:
        raise ServiceError(exc.message, field=exc.field) from None


def _needs_review(tool: ScreeningTool, final: str, overridden: bool) -> bool:
    review = tool.review
    if overridden and review.when_overridden:
        return True
    return review.at_or_above is not None and tool.rank(final) >= tool.rank(review.at_or_above)


def screening_confirm(
    *,
    actor: User,
    screening_id: object,
    answers: ScreeningAnswers,
    final_overall: str,
    rationale: str = "",
) -> Screening:
    """Confirm a screening: the engine's result is kept as it is; a different final grade
    needs its reason; a manager reviews it where the tool asks; the re-screen date follows."""
    rationale = rationale.strip()
    with transaction.atomic():
        screening = screening_draft(actor=actor, screening_id=screening_id, purpose="confirm")
        tool = get_tool(screening.tool_id, screening.tool_version)
        result = _grade(tool, screening.person, answers)
        if final_overall not in tool.grade_ids():
            raise ServiceError(ERROR_GRADE, field="final_overall")
        overridden = final_overall != result.overall
        if overridden and not rationale:
            raise ServiceError(ERROR_RATIONALE, field="rationale")
        now = timezone.now()
        timescale = timescales_definition().get(tool.rescreen_timescale)
        screening.answers = dict(result_answers(tool, answers.answers))
        screening.circumstances = answers.circumstances
        screening.assessed_on = timezone.localdate()
        screening.computed_grades = result.grades
        screening.computed_overall = result.overall
        screening.scores = result.scores
        screening.reasons = result.reason_dicts()
        screening.pathway = result.pathway
        screening.pathway_reason = result.pathway_reason
        screening.thresholds_version = result.thresholds_version
        screening.final_overall = final_overall
        screening.override_rationale = rationale if overridden else ""
        screening.review_needed = _needs_review(tool, final_overall, overridden)
        screening.status = (
            Screening.Status.AWAITING_REVIEW
            if screening.review_needed
            else Screening.Status.COMPLETE
        )
        screening.confirmed_at = now
        screening.rescreen_due = timezone.localtime(timescale.due(now)).date()
        screening.draft_data = {}
        screening.save()
        _record(actor, tool, screening)
        # This screening meets the re-screen due from the last one, and sets its own.
        key = f"screening:{screening.person_id}:{tool.id}"
        deadline_meet(event="screening_confirmed", key=key, at=now)
        deadline_open(
            event="screening_confirmed",
            key=key,
            reference=screening.person.reference,
            area_id=screening.team.area_id,
            source_type="screening",
            source_id=screening.pk,
            start=now,
            person_id=screening.person_id,
            owner_id=actor.pk,
        )
    return screening


def result_answers(tool: ScreeningTool, answers: dict[str, str]) -> dict[str, str]:
    """Only the answers that say an indicator is present (not-present ones add nothing)."""
    present = {w.id for w in tool.windows if w.present}
    return {indicator: window for indicator, window in answers.items() if window in present}


def _record(actor: User, tool: ScreeningTool, screening: Screening) -> None:
    final = tool.grade(screening.final_overall).title
    summary = f"Recommended pathway: {threshold_document().pathway(screening.pathway).title}."
    if screening.overridden:
        computed = tool.grade(screening.computed_overall).title
        summary = f"The tool gave {computed}; the practitioner chose {final}. " + summary
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=screening.person_id,
            kind="screening",
            occurred_at=screening.confirmed_at or timezone.now(),
            title=f"Screening ({tool.title}): {final}",
            summary=summary,
            area_id=screening.team.area_id,
            agency_id=screening.team.agency_id,
            source_type="screening",
            source_id=screening.pk,
        ),
    )


def screening_review(
    *, actor: User, screening_id: object, agree: bool, note: str = ""
) -> Screening:
    """A manager agrees with a confirmed screening, or returns it as a draft to be redone."""
    with transaction.atomic():
        screening = access_object(
            actor=actor,
            permission=Permission.SCREENING_REVIEW,
            queryset=Screening.objects.select_for_update(),
            id=screening_id,
            purpose="review",
            action="update",
        )
        if screening.status != Screening.Status.AWAITING_REVIEW:
            raise ServiceError(ERROR_NOT_AWAITING)
        if screening.completed_by_id == actor.pk:
            raise ServiceError(ERROR_OWN_REVIEW)
        if not agree and not note.strip():
            raise ServiceError(ERROR_RETURN_NOTE, field="note")
        screening.reviewed_by = actor
        screening.reviewed_at = timezone.now()
        screening.review_note = note.strip()[:5000]
        if agree:
            screening.status = Screening.Status.COMPLETE
        else:
            screening.status = Screening.Status.DRAFT
            screening.confirmed_at = None
            screening.final_overall = ""
            screening.override_rationale = ""
        screening.save()
        if not agree:
            chronology_record(
                actor=actor,
                event=EventInput(
                    subject_type="person",
                    subject_id=screening.person_id,
                    kind="screening",
                    occurred_at=screening.reviewed_at,
                    title=f"Screening {screening.reference} returned by the manager to be redone",
                    summary=screening.review_note,
                    area_id=screening.team.area_id,
                    agency_id=screening.team.agency_id,
                    source_type="screening",
                    source_id=screening.pk,
                ),
            )
    return screening
