"""Writes about users: deactivation ends every session at once."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from hub.platform.access import Permission, require_permission
from hub.platform.audit import audit_record

from .models import User


def user_sessions_end(*, user: User) -> int:
    """End every live session of a user; returns how many ended.

    Sessions store the user id inside their encoded data, so this reads each live session: fine
    for the thousands a partnership has; a session store keyed by user would be the next step.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_deactivate(*, actor: User, user: User) -> None:
    """Stop a user signing in, and end the sessions they have open now."""
    require_permission(actor, Permission.USER_MANAGE)
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        ended = user_sessions_end(user=user)
        audit_record(
            actor=actor,
            action="user_deactivate",
            object_type="user",
            object_id=user.pk,
            detail={"sessions_ended": ended},
        )
