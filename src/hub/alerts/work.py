"""Alerts' sections of 'my work': unacknowledged alerts first, then deadlines turning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.platform.work import WorkItem, WorkSection, register_work

from .models import Alert, Deadline
from .selectors import my_alerts, my_deadlines

if TYPE_CHECKING:
    from hub.organisations.models import User

RAG: dict[str, str] = {
    Alert.Kind.OVERDUE: "red",
    Alert.Kind.DUE_SOON: "amber",
    Alert.Kind.CROSS_BORDER: "red",
}


def alerts(actor: User) -> WorkSection | None:
    """Alerts not yet acknowledged, for the actor or their teams."""
    items = [
        WorkItem(
            label=alert.title,
            url=reverse("alerts:list"),
            detail=f"{timezone.localtime(alert.created_at):%-d %b, %H:%M}",
            rag=RAG.get(alert.kind, ""),
        )
        for alert in my_alerts(actor=actor)[:20]
    ]
    return WorkSection(title="Alerts", items=items, more_url=reverse("alerts:list"))


def deadlines(actor: User) -> WorkSection | None:
    """Deadlines the actor or their teams own that are due soon or overdue."""
    items = [
        WorkItem(
            label=d.title,
            url=reverse("alerts:list"),
            detail=f"due {timezone.localtime(d.due_at):%a %-d %b, %H:%M}",
            rag=d.rag,
        )
        for d in my_deadlines(actor=actor)
        if d.rag in (Deadline.Rag.AMBER, Deadline.Rag.RED)
    ][:20]
    return WorkSection(
        title="Deadlines due soon or overdue", items=items, more_url=reverse("alerts:list")
    )


register_work(alerts, order=1)
register_work(deadlines, order=2)
