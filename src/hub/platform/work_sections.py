"""The shared kernel's own sections of 'my work': break-glass access to review, and open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from .access import Permission, has_permission
from .selectors import break_glass_queue, my_open_break_glass
from .work import WorkItem, WorkSection, register_work

if TYPE_CHECKING:
    from hub.organisations.models import User


def _when(moment: object) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y, %H:%M")  # type: ignore[arg-type]


def break_glass_to_review(actor: User) -> WorkSection | None:
    """Break-glass access by others that the actor, a manager, should review."""
    if not has_permission(actor, Permission.BREAK_GLASS_REVIEW):
        return None
    items = [
        WorkItem(
            label=f"{access.actor} opened record P{access.object_id:07d}",
            url=reverse("audit:break-glass-review", args=[access.pk]),
            detail=f"on {_when(access.opened_at)}",
        )
        for access in break_glass_queue(actor=actor)[:20]
    ]
    return WorkSection(title="Break-glass access to review", items=items)


def break_glass_still_open(actor: User) -> WorkSection | None:
    """The actor's own break-glass access that has not yet run out."""
    items = [
        WorkItem(
            label=f"Record P{access.object_id:07d}",
            url=reverse("people:detail", args=[access.object_id]),
            detail=f"until {_when(access.expires_at)}",
        )
        for access in my_open_break_glass(actor=actor)
    ]
    return WorkSection(title="Your break-glass access still open", items=items)


register_work(break_glass_to_review, order=5)
register_work(break_glass_still_open, order=6)
