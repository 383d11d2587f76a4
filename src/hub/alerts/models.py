"""Deadlines raised by events, and alerts: what is due and overdue, and what another area
needs to know now (a child from elsewhere found here). Both are acknowledged, never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hub.organisations.models import Area, Team
from hub.people.models import Person


class Deadline(models.Model):
    """A step that must happen by a time the timescale definitions set from an event.

    `key` ties a deadline to what meets it: the event that meets it names the same key (the
    referral, the person and tool re-screened, the case's plan). Red/amber/green is worked out
    by `hub tick`, which stores it so that a change of colour raises its alert once.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        CANCELLED = "cancelled", "Cancelled"

    class Rag(models.TextChoices):
        GREEN = "green", "In time"
        AMBER = "amber", "Due soon"
        RED = "red", "Overdue"

    key = models.CharField(max_length=100)
    event = models.CharField(max_length=60)
    timescale = models.CharField(max_length=60)
    definitions_version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="deadlines"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="deadlines")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="deadlines"
    )
    source_type = models.CharField(max_length=40)
    source_id = models.BigIntegerField()
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    amber_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    rag = models.CharField(max_length=10, choices=Rag.choices, default=Rag.GREEN)
    met_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="deadline_open_due_idx"),
            models.Index(fields=["status", "amber_at"], name="deadline_open_amber_idx"),
            models.Index(fields=["key", "status"], name="deadline_key_idx"),
            models.Index(fields=["owner", "status", "due_at"], name="deadline_owner_idx"),
            models.Index(fields=["team", "status", "due_at"], name="deadline_team_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(team__isnull=False), name="deadline_has_owner"
            ),
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("amber_at")), name="deadline_amber_before_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} by {self.due_at:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    """Something a worker or a team must see now: a deadline turning amber or red, a person of
    concern arriving in the area, a repeat missing pattern. Acknowledged, not deleted."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        CROSS_BORDER = "cross_border", "Arrived in your area"
        REPEAT_MISSING = "repeat_missing", "Repeatedly missing"
        NOTIFY_OUTSIDE = "notify_outside", "Notification to send outside the region"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=300)
    # A minimal summary: enough to act on, never the case file.
    summary = models.TextField(blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="alerts")
    from_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts_sent"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    deadline = models.ForeignKey(
        Deadline, null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Cross-border: the receiving hub may see the person until then.
    grant_until = models.DateTimeField(null=True, blank=True)
    # Outside the region: who must be told, and when someone did.
    contact = models.CharField(max_length=300, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "acknowledged_at"], name="alert_user_idx"),
            models.Index(fields=["team", "acknowledged_at"], name="alert_team_idx"),
            models.Index(fields=["person", "area", "grant_until"], name="alert_grant_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(team__isnull=False), name="alert_has_recipient"
            ),
            models.UniqueConstraint(
                fields=["deadline", "kind"],
                condition=Q(deadline__isnull=False),
                name="alert_once_per_deadline_colour",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
