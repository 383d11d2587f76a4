"""Screening's sections of 'my work' and its links on a person's record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.people.record_links import RecordLink, register_record_link
from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .models import Screening
from .selectors import awaiting_my_review, my_screenings

if TYPE_CHECKING:
    from hub.organisations.models import User


def reviews_waiting(actor: User) -> WorkSection | None:
    """Screenings waiting for the actor, a manager, to review."""
    if not has_permission(actor, Permission.SCREENING_REVIEW):
        return None
    items = [
        WorkItem(
            label=f"{s.reference}: {s.person.full_name}",
            url=reverse("screening:detail", args=[s.pk]),
            detail=f"confirmed {timezone.localtime(s.confirmed_at):%-d %b}",
            rag="amber",
        )
        for s in awaiting_my_review(actor=actor)
    ]
    return WorkSection(title="Screenings awaiting your review", items=items)


def screenings_to_do(actor: User) -> WorkSection | None:
    """The actor's screening drafts and the re-screens falling due."""
    if not has_permission(actor, Permission.SCREENING_CONDUCT):
        return None
    today = timezone.localdate()
    items = []
    for s in my_screenings(actor=actor):
        if s.status == Screening.Status.DRAFT:
            items.append(
                WorkItem(
                    label=f"Finish screening {s.reference}: {s.person.full_name}",
                    url=reverse("screening:edit", args=[s.pk]),
                )
            )
        else:
            items.append(
                WorkItem(
                    label=f"Re-screen {s.person.full_name}",
                    url=f"{reverse('screening:start')}?person={s.person_id}",
                    detail=f"due {s.rescreen_due:%-d %b %Y}",
                    rag="red" if s.rescreen_due and s.rescreen_due < today else "amber",
                )
            )
    return WorkSection(title="Your screenings", items=items)


register_work(reviews_waiting, order=12)
register_work(screenings_to_do, order=25)
register_record_link(RecordLink("Screenings", "screening:history", Permission.SCREENING_VIEW))
register_record_link(
    RecordLink("Start a screening", "screening:start", Permission.SCREENING_CONDUCT, query=True)
)
