"""Reads of alerts and deadlines: a user's (and their teams') alerts and deadlines, and the
cross-border alerts an area sent with who acknowledged them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from hub.organisations.models import Membership
from hub.platform.access import Permission, grants_of

from .models import Alert, Deadline

if TYPE_CHECKING:
    from hub.organisations.models import User


def _mine(actor: User) -> Q:
    teams = Membership.objects.filter(user=actor).values("team_id")
    return Q(user=actor) | Q(team_id__in=teams)


def my_alerts(*, actor: User, include_acknowledged: bool = False) -> QuerySet[Alert]:
    """Alerts to the actor or their teams, newest first (the unacknowledged unless asked)."""
    alerts = Alert.objects.filter(_mine(actor)).select_related(
        "person", "area", "from_area", "team", "acknowledged_by"
    )
    if not include_acknowledged:
        alerts = alerts.filter(acknowledged_at__isnull=True)
    return alerts.order_by("-created_at", "-pk")


def alerts_sent(*, actor: User) -> QuerySet[Alert]:
    """Cross-border alerts the actor's areas sent, and whether they were acknowledged."""
    areas = [g.area_id for g in grants_of(actor) if g.permission == Permission.REFERRAL_TRIAGE]
    return (
        Alert.objects.filter(
            from_area_id__in=areas, kind__in=[Alert.Kind.CROSS_BORDER, Alert.Kind.NOTIFY_OUTSIDE]
        )
        .select_related("area", "acknowledged_by")
        .order_by("-created_at")[:100]
    )


def my_deadlines(*, actor: User, limit: int = 50) -> QuerySet[Deadline]:
    """Open deadlines the actor or their teams own, the most urgent first."""
    return (
        Deadline.objects.filter(
            Q(owner=actor) | Q(team_id__in=Membership.objects.filter(user=actor).values("team_id")),
            status=Deadline.Status.OPEN,
        )
        .select_related("area")
        .order_by("due_at", "pk")[:limit]
    )
