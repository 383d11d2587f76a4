"""The missing app's section of 'my work' (who is missing now) and its record link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.people.record_links import RecordLink, register_record_link
from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .selectors import missing_now

if TYPE_CHECKING:
    from hub.organisations.models import User

# How urgent each police grade looks in a list (grades not named here show no colour).
GRADE_RAG = {"high": "red", "medium": "amber"}


def missing_now_section(actor: User) -> WorkSection | None:
    """Everyone in the actor's reach still missing, the longest missing first."""
    if not has_permission(actor, Permission.MISSING_VIEW):
        return None
    items = []
    for episode in missing_now(actor=actor)[:20]:
        since = timezone.localtime(episode.reported_at)
        items.append(
            WorkItem(
                label=f"{episode.person.full_name} ({episode.reference})",
                url=reverse("missing:detail", args=[episode.pk]),
                detail=f"missing since {since:%-d %b %H:%M}, {episode.grade_title.lower()}",
                rag=GRADE_RAG.get(episode.risk_grade, ""),
            )
        )
    return WorkSection(title="Missing now", items=items, more_url=reverse("missing:list"))


register_work(missing_now_section, order=12)
register_record_link(
    RecordLink(
        "Missing episodes, placements and profile", "missing:person", Permission.MISSING_VIEW
    )
)
