"""The front door's sections of 'my work': sign-offs waiting, referrals with the user, drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .selectors import QueueFilters, awaiting_my_sign_off, my_referrals, triage_queue

if TYPE_CHECKING:
    from hub.organisations.models import User


def sign_offs_waiting(actor: User) -> WorkSection | None:
    """Hub decisions waiting for the actor, a manager, to sign off."""
    if not has_permission(actor, Permission.REFERRAL_SIGN_OFF):
        return None
    items = [
        WorkItem(
            label=f"{d.subject.referral.reference}: {d.title}",
            url=reverse("triage:detail", args=[d.subject.referral_id]),
            detail=f"for {d.subject.described_as}, by {d.decided_by}",
            rag="amber",
        )
        for d in awaiting_my_sign_off(actor=actor)
    ]
    return WorkSection(
        title="Decisions awaiting your sign-off",
        items=items,
        more_url=reverse("triage:queue") + "?sign_off=1",
    )


def referrals_with_me(actor: User) -> WorkSection | None:
    """Open referrals the actor has taken on, most urgent first."""
    if not has_permission(actor, Permission.REFERRAL_TRIAGE):
        return None
    page = triage_queue(actor=actor, filters=QueueFilters(mine=True))
    items = [
        WorkItem(
            label=f"{r.reference}: {', '.join(s.described_as for s in r.subjects.all())}",
            url=reverse("triage:detail", args=[r.pk]),
            detail=f"decision due {timezone.localtime(r.due_at):%a %-d %b, %H:%M}",
            rag=r.rag,  # type: ignore[attr-defined]
        )
        for r in page.referrals[:10]
    ]
    return WorkSection(
        title="Referrals you are triaging",
        items=items,
        empty="None. Take one from the triage queue.",
        more_url=reverse("triage:queue") + "?mine=1",
    )


def my_drafts(actor: User) -> WorkSection | None:
    """The actor's referrals not yet sent."""
    if not has_permission(actor, Permission.REFERRAL_CREATE):
        return None
    drafts = my_referrals(actor=actor, limit=10, drafts_only=True)
    items = [
        WorkItem(
            label=f"Draft referral {r.reference}",
            url=reverse("referrals:edit", args=[r.pk]),
            detail=f"last saved {timezone.localtime(r.updated_at):%-d %b, %H:%M}",
        )
        for r in drafts
    ]
    return WorkSection(title="Your referrals not yet sent", items=items)


register_work(sign_offs_waiting, order=10)
register_work(referrals_with_me, order=20)
register_work(my_drafts, order=30)
