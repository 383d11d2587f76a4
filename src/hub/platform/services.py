"""Writes of the shared kernel: break-glass access and its review."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import (
    NotFound,
    Permission,
    PermissionDenied,
    model_for_object_type,
    parse_id,
    require_permission,
)
from .access import area_of as record_area_of
from .audit import audit_record
from .models import BreakGlassAccess, SubmissionToken

if TYPE_CHECKING:
    from hub.organisations.models import User

BREAK_GLASS_PERMISSIONS = {"person": Permission.PERSON_BREAK_GLASS}
REASON_MIN_LENGTH = 20

ERROR_REASON_TOO_SHORT = (
    f"Enter the reason you need this record now, in at least {REASON_MIN_LENGTH} characters"
)
ERROR_OUTCOME_REQUIRED = "Select whether the access was justified"


class ServiceError(ValueError):
    """Input a person can correct; the message is shown to them as it is, beside `field`
    (a form field's name) when the service knows which answer is wrong."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(ServiceError):
    """Someone else changed the record first; the message says what they did."""


def _actor_area_id(actor: User) -> int | None:
    membership = actor.memberships.select_related("team").order_by("pk").first()
    return membership.team.area_id if membership else None


def break_glass_open(
    *, actor: User, object_type: str, object_id: object, reason: str
) -> BreakGlassAccess:
    """Open time-limited access to one record outside the actor's scope, for a written reason.

    Whether the record exists is not revealed here: the access is recorded either way, and the
    record's own read path still answers not-found for a record that does not exist.
    """
    permission = BREAK_GLASS_PERMISSIONS.get(object_type)
    model = model_for_object_type(object_type)
    if permission is None or model is None:
        raise PermissionDenied(object_type)
    require_permission(actor, permission)
    pk = parse_id(object_id)
    reason = reason.strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ServiceError(ERROR_REASON_TOO_SHORT)
    record = model._default_manager.filter(pk=pk).first()
    now = timezone.now()
    with transaction.atomic():
        access = BreakGlassAccess.objects.create(
            actor=actor,
            object_type=object_type,
            object_id=pk,
            reason=reason,
            opened_at=now,
            expires_at=now + timedelta(hours=settings.HUB_BREAK_GLASS_HOURS),
            record_area_id=record_area_of(record) if record is not None else None,
            actor_area_id=_actor_area_id(actor),
        )
        audit_record(
            actor=actor,
            action="break_glass",
            object_type=object_type,
            object_id=pk,
            # The reason may hold case detail: it stays in the break-glass record, which the
            # log points to, never in the log itself (design.md §3.4).
            detail={"break_glass_access": access.pk},
        )
    return access


def break_glass_review(
    *, actor: User, access_id: object, outcome: str, note: str
) -> BreakGlassAccess:
    """Record a manager's review of one break-glass access in their queue."""
    from .selectors import break_glass_queue

    require_permission(actor, Permission.BREAK_GLASS_REVIEW)
    pk = parse_id(access_id)
    if outcome not in BreakGlassAccess.Outcome.values:
        raise ServiceError(ERROR_OUTCOME_REQUIRED)
    with transaction.atomic():
        access = break_glass_queue(actor=actor).select_for_update().filter(pk=pk).first()
        if access is None:
            raise NotFound
        access.reviewed_by = actor
        access.reviewed_at = timezone.now()
        access.outcome = outcome
        access.review_note = note.strip()
        access.save(update_fields=["reviewed_by", "reviewed_at", "outcome", "review_note"])
        audit_record(
            actor=actor,
            action="break_glass_review",
            object_type=access.object_type,
            object_id=access.object_id,
            detail={"break_glass_access": access.pk, "outcome": outcome},
        )
    return access


def mfa_enrolment_device(*, actor: User) -> TOTPDevice | None:
    """The authenticator being set up (made on first use); None once one is confirmed."""
    if TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        return None
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=actor, name="Authenticator", confirmed=False)


def mfa_confirm_enrolment(*, actor: User, device: TOTPDevice, code: str) -> bool:
    """Confirm the authenticator with its first right code; the enrolment is logged."""
    if device.user_id != actor.pk or not device.verify_token(code):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor, action="mfa_enrolled")
    return True


def mfa_check_code(*, actor: User, code: str) -> TOTPDevice | None:
    """The actor's confirmed authenticator that accepts this code, if any."""
    for device in TOTPDevice.objects.filter(user=actor, confirmed=True):
        if device.verify_token(code):
            return device
    return None


ERROR_FORM_TOKEN = "This form has expired. Reload the page and try again"  # noqa: S105 (a message)
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
T = TypeVar("T", bound=models.Model)


def submit_once(
    *, actor: User, token: str, object_type: str, create: Callable[[], T]
) -> tuple[int, bool]:
    """Run `create` once per form token, in the caller's transaction.

    Returns the record's id and whether this call made it. A second submission of the same
    form (a double click, or a browser resending) gets the first one's id; two at the same
    moment queue on the token's unique index, and the second then finds the first's result.
    """
    if not _TOKEN_RE.match(token or ""):
        raise ServiceError(ERROR_FORM_TOKEN)
    with transaction.atomic():
        existing = SubmissionToken.objects.filter(token=token).first()
        if existing is None:
            try:
                with transaction.atomic():
                    marker = SubmissionToken.objects.create(
                        token=token, actor=actor, object_type=object_type
                    )
            except IntegrityError:
                existing = SubmissionToken.objects.get(token=token)
        if existing is not None:
            mine = existing.actor_id == actor.pk and existing.object_type == object_type
            if not mine or existing.object_id is None:
                raise ServiceError(ERROR_FORM_TOKEN)
            return existing.object_id, False
        record = create()
        marker.object_id = record.pk
        marker.save(update_fields=["object_id"])
    return record.pk, True
