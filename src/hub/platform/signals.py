"""Sign-in events go to the access log: Django's auth signals are the only place they surface."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit_record


@receiver(user_logged_in, dispatch_uid="hub_audit_sign_in")
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="sign_in")


@receiver(user_logged_out, dispatch_uid="hub_audit_sign_out")
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action="sign_out")


@receiver(user_login_failed, dispatch_uid="hub_audit_sign_in_failed")
def _sign_in_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # The username is kept only when it is a real one, to trace attacks on that account: a
    # string that matches no user may be a password typed into the wrong box.
    from hub.organisations.models import User

    typed = str(credentials.get("username", ""))[:150]
    known = User.objects.filter(username=typed).exists()
    audit_record(
        actor=None, action="sign_in_failed", actor_label=typed if known else "(unknown username)"
    )
