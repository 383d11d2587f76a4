"""Writes about users: deactivation ends every session at once."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from hub.platform.access import Permission, PermissionDenied, require_permission
from hub.platform.audit import audit_record

from .models import Membership, User


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
        user.is_active = False
        user.save(update_fields=["is_active"])  # a save, so the change history keeps it
        ended = user_sessions_end(user=user)
        audit_record(
            actor=actor,
            action="user_deactivate",
            object_type="user",
            object_id=user.pk,
            detail={"sessions_ended": ended},
        )


ERROR_OWN_ROLES = "You cannot change your own roles. Ask another administrator."


def _refuse_own_roles(actor: User, membership: Membership) -> None:
    # Administrators see no personal data; granting themselves a role would undo that.
    if membership.user_id == actor.pk:
        raise PermissionDenied(ERROR_OWN_ROLES)


def membership_save(*, actor: User, membership: Membership) -> Membership:
    """Grant a role (or change one) to another user; every grant is in the access log."""
    require_permission(actor, Permission.USER_MANAGE)
    _refuse_own_roles(actor, membership)
    with transaction.atomic():
        created = membership.pk is None
        membership.save()
        audit_record(
            actor=actor,
            action="role_grant" if created else "role_change",
            object_type="user",
            object_id=membership.user_id,
            detail={"role": membership.role, "team": membership.team_id},
        )
    return membership


def membership_delete(*, actor: User, membership: Membership) -> None:
    """Take a role away from another user; logged as the grant was."""
    require_permission(actor, Permission.USER_MANAGE)
    _refuse_own_roles(actor, membership)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="role_revoke",
            object_type="user",
            object_id=membership.user_id,
            detail={"role": membership.role, "team": membership.team_id},
        )
        membership.delete()
