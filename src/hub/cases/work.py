"""Cases' sections of 'my work' (actions, reviews, closures to sign off) and record links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from hub.people.record_links import RecordLink, register_record_link
from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .selectors import actions_due, closures_to_sign_off, rag_for, reviews_due

if TYPE_CHECKING:
    from hub.organisations.models import User

    from .models import Action


def _action_item(action: Action) -> WorkItem:
    where = f"{action.case.reference}: " if action.case else ""
    url = (
        reverse("cases:detail", args=[action.case_id])
        if action.case_id
        else reverse("cases:actions")
    )
    return WorkItem(
        label=f"{where}{action.text}",
        url=url,
        detail=f"{action.owner}, due {action.due_on:%-d %b}",
        rag=rag_for(action.due_on),
    )


def my_actions(actor: User) -> WorkSection | None:
    """Actions the actor owns, due in the next two weeks or overdue."""
    items = [_action_item(a) for a in actions_due(actor=actor)[:20]]
    return WorkSection(title="Your actions", items=items, more_url=reverse("cases:actions"))


def team_actions(actor: User) -> WorkSection | None:
    """Actions of the actor's teams owned by others, due soon or overdue."""
    items = [_action_item(a) for a in actions_due(actor=actor, team=True).exclude(owner=actor)[:20]]
    return WorkSection(
        title="Your team's actions", items=items, more_url=reverse("cases:actions") + "?team=1"
    )


def my_reviews(actor: User) -> WorkSection | None:
    """Cases the actor leads whose plan review falls due."""
    items = [
        WorkItem(
            label=f"Review {case.reference}",
            url=reverse("cases:detail", args=[case.pk]),
            detail=f"due {case.next_review_on:%-d %b}",
            rag=rag_for(case.next_review_on),
        )
        for case in reviews_due(actor=actor)
        if case.next_review_on
    ]
    return WorkSection(title="Case reviews due", items=items)


def closures_waiting(actor: User) -> WorkSection | None:
    """Cases asking to close, for a manager."""
    if not has_permission(actor, Permission.CASE_SIGN_OFF):
        return None
    items = [
        WorkItem(
            label=f"Closure of {case.reference}",
            url=reverse("cases:detail", args=[case.pk]),
            rag="amber",
        )
        for case in closures_to_sign_off(actor=actor)
    ]
    return WorkSection(title="Case closures to sign off", items=items)


register_work(closures_waiting, order=11)
register_work(my_actions, order=15)
register_work(my_reviews, order=16)
register_work(team_actions, order=40)
register_record_link(RecordLink("Open a case", "cases:open", Permission.CASE_MANAGE, query=True))
