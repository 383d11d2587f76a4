"""Meetings' sections of 'my work': meetings coming, and follow-ups falling due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.cases.selectors import rag_for
from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .selectors import follow_ups_due, meetings_coming

if TYPE_CHECKING:
    from hub.organisations.models import User


def coming(actor: User) -> WorkSection | None:
    """Meetings the actor chairs or scheduled, in the next two weeks."""
    if not has_permission(actor, Permission.MEETING_VIEW):
        return None
    items = [
        WorkItem(
            label=meeting.title,
            url=reverse("meetings:detail", args=[meeting.pk]),
            detail=f"{timezone.localtime(meeting.starts_at):%a %-d %b, %H:%M}",
        )
        for meeting in meetings_coming(actor=actor)
    ]
    return WorkSection(title="Your meetings", items=items, more_url=reverse("meetings:list"))


def follow_ups(actor: User) -> WorkSection | None:
    """Follow-up meetings (an ICPC, a MACE review) due from meetings the actor chaired."""
    if not has_permission(actor, Permission.MEETING_MANAGE):
        return None
    items = [
        WorkItem(
            label=f"{meeting.follow_up_title} after {meeting.reference}",
            url=reverse("meetings:detail", args=[meeting.pk]),
            detail=f"due {meeting.follow_up_due:%-d %b}",
            rag=rag_for(meeting.follow_up_due),
        )
        for meeting in follow_ups_due(actor=actor)
        if meeting.follow_up_due
    ]
    return WorkSection(title="Follow-up meetings due", items=items)


register_work(coming, order=18)
register_work(follow_ups, order=19)
