"""Reads of the shared kernel: who viewed a record, break-glass queues, the user's own trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hub.organisations.models import Membership

from .access import (
    NotFound,
    Permission,
    Scope,
    grants_of,
    has_permission,
    model_for_object_type,
    parse_id,
    scoped,
)
from .audit import audit_record
from .models import AccessLogEntry, BreakGlassAccess, SubmissionToken

if TYPE_CHECKING:
    from hub.organisations.models import User

RECORD_ACTIONS = ("view", "break_glass", "update", "create", "export", "print")


@dataclass(frozen=True)
class AccessTrailRow:
    """One line of a record's access trail: the log entry and why it happened."""

    entry: AccessLogEntry
    why: str


def record_access_log(
    *, actor: User, object_type: str, object_id: object, limit: int = 500
) -> list[AccessTrailRow]:
    """Who has viewed or changed one record, newest first; itself an audited read.

    A data-protection officer sees any record's trail; a hub manager those of the records in
    their area. The trail names people and times, never the record's content.
    """
    model = model_for_object_type(object_type)
    pk = parse_id(object_id)
    if model is None or not has_permission(actor, Permission.RECORD_ACCESS_VIEW):
        raise NotFound
    reachable = scoped(
        actor,
        Permission.RECORD_ACCESS_VIEW,
        model._default_manager.filter(pk=pk),
        include_break_glass=False,
    )
    if not reachable.exists():
        raise NotFound
    audit_record(actor=actor, action="view_access_log", object_type=object_type, object_id=pk)
    entries = list(
        AccessLogEntry.objects.filter(object_type=object_type, object_id=pk)
        .filter(action__in=RECORD_ACTIONS)
        .select_related("actor")
        .order_by("-seq")[:limit]
    )
    # Break-glass reasons live in their own records; show each beside the access it opened.
    access_ids = [e.detail.get("break_glass_access") for e in entries if e.action == "break_glass"]
    reasons = dict(
        BreakGlassAccess.objects.filter(pk__in=[i for i in access_ids if i]).values_list(
            "pk", "reason"
        )
    )
    return [
        AccessTrailRow(
            entry=entry,
            why=reasons.get(entry.detail.get("break_glass_access"), "") or entry.purpose,
        )
        for entry in entries
    ]


def break_glass_queue(*, actor: User) -> QuerySet[BreakGlassAccess]:
    """Break-glass accesses awaiting the actor's review: those touching the areas they manage."""
    if not has_permission(actor, Permission.BREAK_GLASS_REVIEW):
        return BreakGlassAccess.objects.none()
    reach = Q(pk__in=[])
    for grant in grants_of(actor):
        if grant.permission != Permission.BREAK_GLASS_REVIEW:
            continue
        if grant.scope == Scope.PARTNERSHIP:
            reach = Q()
            break
        if grant.scope == Scope.AREA:
            # The record's area, and every area the actor holds a role in.
            works_there = Membership.objects.filter(
                user=OuterRef("actor"), team__area_id=grant.area_id
            )
            reach |= Q(record_area_id=grant.area_id) | Q(Exists(works_there))
    return (
        BreakGlassAccess.objects.awaiting_review()
        .filter(reach)
        .exclude(actor=actor)  # nobody reviews their own access
        .select_related("actor")
        .order_by("opened_at")
    )


def my_recent_records(*, actor: User, object_type: str, limit: int = 10) -> list[int]:
    """Ids of the records of one type the actor opened most recently (for 'my work')."""
    ids: list[int] = []
    rows = (
        AccessLogEntry.objects.filter(actor=actor, object_type=object_type, action="view")
        .order_by("-seq")
        .values_list("object_id", flat=True)[: limit * 5]
    )
    for object_id in rows:
        if object_id is not None and object_id not in ids:
            ids.append(object_id)
        if len(ids) == limit:
            break
    return ids


def my_open_break_glass(*, actor: User) -> QuerySet[BreakGlassAccess]:
    """The actor's own break-glass accesses that are still open."""
    return BreakGlassAccess.objects.filter(actor=actor, expires_at__gt=timezone.now()).order_by(
        "-opened_at"
    )


def submitted_already(*, actor: User, token: str, object_type: str) -> int | None:
    """The id of the record a form with this token already made, if it was sent before."""
    return (
        SubmissionToken.objects.filter(
            token=token, actor=actor, object_type=object_type, object_id__isnull=False
        )
        .values_list("object_id", flat=True)
        .first()
    )
