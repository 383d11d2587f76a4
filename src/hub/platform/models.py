"""The shared kernel's tables: the access log (append-only, hash-chained) and break-glass access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from hub.organisations.models import User


class AppendOnlyError(Exception):
    """The access log is append-only: rows are never changed or removed through the app."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    """Refuses bulk changes: the log only grows."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("access log rows cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("access log rows cannot be deleted")


ACTION_LABELS = {
    "view": "Viewed",
    "search": "Searched",
    "list": "Listed",
    "create": "Created",
    "update": "Changed",
    "export": "Exported",
    "print": "Printed",
    "break_glass": "Break-glass access opened",
    "break_glass_review": "Break-glass access reviewed",
    "view_access_log": "Viewed who has viewed",
    "sign_in": "Signed in",
    "sign_out": "Signed out",
    "sign_in_failed": "Sign-in failed",
    "user_deactivate": "User deactivated",
    "mfa_enrolled": "Authenticator app set up",
    "role_grant": "Role granted",
    "role_change": "Role changed",
    "role_revoke": "Role taken away",
    "demo_build": "Synthetic region built",
}


class AccessLogEntry(models.Model):
    """One read, search, export, print or write of personal data, or a sign-in event.

    It says who did what to which record, when, why and from where, never the content itself.
    Rows are chained: each `hash` covers the row and the previous row's hash, so a row altered
    or removed after the fact is found by `hub audit verify`.
    """

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True)
    purpose = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # Text, as Python writes it: PostgreSQL's inet type rewrites some addresses on the way
    # back, which would make an untouched row look altered. NULL: no address was known.
    ip_address = models.CharField(max_length=45, null=True)  # noqa: DJ001 (NULL is hashed)
    request_id = models.CharField(max_length=32, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="accesslog_object_idx"),
            models.Index(fields=["actor", "at"], name="accesslog_actor_idx"),
        ]
        ordering = ["seq"]
        constraints = [
            models.CheckConstraint(condition=Q(seq__gt=0), name="accesslog_seq_positive")
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type} {self.object_id or ''}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("access log rows cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("access log rows cannot be deleted")

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action.replace("_", " ").capitalize())


class AuditChainHead(models.Model):
    """The last link of the access-log chain: one row, locked while a new link is added."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # The hash before last_hash: lets one UPDATE ... RETURNING hand both to the new row.
    prev_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="auditchainhead_single_row")]

    def __str__(self) -> str:
        return f"audit chain head at row {self.last_seq}"


class BreakGlassQuerySet(models.QuerySet["BreakGlassAccess"]):
    """Selections of break-glass access used by the access layer and the review queue."""

    def open_for(self, actor: User, object_type: str) -> BreakGlassQuerySet:
        return self.filter(actor=actor, object_type=object_type, expires_at__gt=timezone.now())

    def awaiting_review(self) -> BreakGlassQuerySet:
        return self.filter(reviewed_at__isnull=True)


class BreakGlassAccess(models.Model):
    """Access to a record outside the actor's scope, for a written reason, reviewed afterwards."""

    class Outcome(models.TextChoices):
        JUSTIFIED = "justified", "Justified"
        NOT_JUSTIFIED = "not_justified", "Not justified: referred to the data-protection officer"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_accesses"
    )
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    reason = models.TextField()
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # Reviews go to the hub managers of the record's area and of every area where the actor
    # holds a role; actor_area keeps where the actor worked from, for the reviewer to read.
    record_area = models.ForeignKey(
        "organisations.Area", null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_area = models.ForeignKey(
        "organisations.Area", null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="break_glass_reviews",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["actor", "object_type", "object_id", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True) | ~Q(outcome=""),
                name="breakglass_review_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("opened_at")), name="breakglass_expires_after"
            ),
        ]

    def __str__(self) -> str:
        return f"break-glass by {self.actor_id} on {self.object_type} {self.object_id}"


class ChronologyEvent(models.Model):
    """A significant event about a person or a context: the one stream every timeline reads."""

    class Visibility(models.TextChoices):
        PARTNERSHIP = "partnership", "Everyone who may see the person"
        HUB = "hub", "The area's exploitation hub"
        RECORDING_AGENCY = "agency", "The agency that recorded it"

    subject_type = models.CharField(max_length=20)
    subject_id = models.BigIntegerField()
    kind = models.CharField(max_length=50)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PARTNERSHIP
    )
    area = models.ForeignKey(
        "organisations.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "organisations.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "occurred_at"], name="chronology_subject_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility="hub") | Q(area__isnull=False),
                name="chronology_hub_event_has_area",
            ),
            models.CheckConstraint(
                condition=~Q(visibility="agency") | Q(agency__isnull=False),
                name="chronology_agency_event_has_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d %b %Y}: {self.title}"


class SubmissionToken(models.Model):
    """A form's one-time token: a second submission of the same form finds the first's result
    instead of making a second record (a double click, a resent request)."""

    token = models.CharField(max_length=64, unique=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} from form {self.token[:8]}"
