"""Reads of screening: the tools open for a person, one screening, a person's history with the
grade over time, and what waits in 'my work'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from hub.people.models import Person
from hub.platform.access import (
    Permission,
    access_object,
    has_permission,
    permissions_reaching,
    scoped,
)
from hub.platform.audit import audit_record

from .engine import Result, Subject, score
from .models import Screening
from .thresholds import threshold_document
from .tools import ScreeningTool, UnknownTool, get_tool, latest_tools

if TYPE_CHECKING:
    from hub.organisations.models import User

    from .services import ScreeningAnswers


def tools_for(person: Person, *, on: date | None = None) -> list[ScreeningTool]:
    """The latest version of every tool meant for someone of the person's age."""
    is_child = person.is_child_on(on or timezone.localdate())
    return [tool for tool in latest_tools() if tool.applies_to.allows(is_child)]


def access_screening(
    *, actor: User, screening_id: object, purpose: str, action: str = "view"
) -> Screening:
    """The one read path for a screening: in scope, audited, else NotFound."""
    return access_object(
        actor=actor,
        permission=Permission.SCREENING_VIEW,
        queryset=Screening.objects.select_related(
            "person", "person__home_area", "completed_by", "reviewed_by", "referral", "team"
        ),
        id=screening_id,
        purpose=purpose,
        action=action,
    )


def screening_preview(*, screening: Screening, answers: ScreeningAnswers) -> Result:
    """What the tool gives for these answers (nothing is saved): shown before confirming.
    Raises AnswerError for answers that do not fit the tool."""
    tool = get_tool(screening.tool_id, screening.tool_version)
    return score(
        tool,
        answers=answers.answers,
        subject=Subject(
            assessed_on=timezone.localdate(),
            date_of_birth=screening.person.date_of_birth,
            circumstances=answers.circumstances,
        ),
    )


@dataclass(frozen=True)
class ScreeningPage:
    """A confirmed screening as its page shows it."""

    screening: Screening
    tool: ScreeningTool
    can_review: bool
    pathway_title: str
    can_open_case: bool


def screening_page(*, actor: User, screening_id: object) -> ScreeningPage:
    """A screening, the tool version it used, and whether the actor may review it."""
    screening = access_screening(actor=actor, screening_id=screening_id, purpose="view screening")
    tool = get_tool(screening.tool_id, screening.tool_version)
    reach = permissions_reaching(actor, screening, [Permission.SCREENING_REVIEW])
    may_open = has_permission(actor, Permission.CASE_MANAGE)
    return ScreeningPage(
        screening=screening,
        tool=tool,
        can_review=Permission.SCREENING_REVIEW in reach
        and screening.status == Screening.Status.AWAITING_REVIEW
        and screening.completed_by_id != actor.pk,
        pathway_title=threshold_document().pathway(screening.pathway).title
        if screening.pathway
        else "",
        can_open_case=may_open and screening.status == Screening.Status.COMPLETE,
    )


@dataclass(frozen=True)
class HistoryRow:
    """One screening in a person's history: when, which tool, the grade, and how high it is
    on the threshold document's scale (for the grade-over-time chart)."""

    screening: Screening
    tool_title: str
    grade_title: str
    computed_title: str
    level: int
    level_title: str


@dataclass(frozen=True)
class History:
    person: Person
    rows: list[HistoryRow]
    levels: list[str]


def person_history(*, actor: User, person_id: object) -> History:
    """A person's screenings, oldest first, each with its grade placed on one scale."""
    person = access_object(
        actor=actor,
        permission=Permission.PERSON_VIEW,
        queryset=Person.objects.all(),
        id=person_id,
        purpose="screening history",
    )
    document = threshold_document()
    screenings = (
        scoped(actor, Permission.SCREENING_VIEW, Screening.objects.filter(person=person))
        .exclude(status=Screening.Status.DRAFT)
        .select_related("completed_by")
        .order_by("assessed_on", "pk")
    )
    rows = []
    for screening in screenings:
        try:
            tool = get_tool(screening.tool_id, screening.tool_version)
        except UnknownTool:  # a retired tool: still listed, by its id
            continue
        grade = tool.grade(screening.final_overall)
        rows.append(
            HistoryRow(
                screening=screening,
                tool_title=tool.title,
                grade_title=grade.title,
                computed_title=tool.grade(screening.computed_overall).title,
                level=document.level_rank(grade.level),
                level_title=next(lvl.title for lvl in document.levels if lvl.id == grade.level),
            )
        )
    audit_record(
        actor=actor,
        action="list",
        object_type="screening",
        purpose="screening history",
        detail={"person": person.pk, "results": len(rows)},
    )
    return History(person=person, rows=rows, levels=[lvl.title for lvl in document.levels])


def awaiting_my_review(*, actor: User, limit: int = 20) -> list[Screening]:
    """Confirmed screenings waiting for the actor, a manager, to review (not their own)."""
    return list(
        scoped(actor, Permission.SCREENING_REVIEW, Screening.objects.all())
        .filter(status=Screening.Status.AWAITING_REVIEW)
        .exclude(completed_by=actor)
        .select_related("person")
        .order_by("confirmed_at")[:limit]
    )


def my_screenings(*, actor: User, limit: int = 20) -> QuerySet[Screening]:
    """The actor's drafts, and their screenings due for a re-screen within four weeks (only
    the latest of each person and tool: a re-screen clears the one before)."""
    soon = timezone.localdate() + timedelta(days=28)
    mine = Screening.objects.filter(completed_by=actor).select_related("person")
    newer = Screening.objects.filter(
        person=OuterRef("person"), tool_id=OuterRef("tool_id"), pk__gt=OuterRef("pk")
    ).exclude(status=Screening.Status.DRAFT)
    due = mine.filter(status=Screening.Status.COMPLETE, rescreen_due__lte=soon).exclude(
        Exists(newer)
    )
    drafts = mine.filter(status=Screening.Status.DRAFT)
    return (drafts | due).order_by("rescreen_due", "-updated_at")[:limit]
