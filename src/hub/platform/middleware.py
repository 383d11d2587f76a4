"""Request-wide rules: session lifetime, MFA, declared permissions, audit context, no-store."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.deprecation import MiddlewareMixin

from .access import has_permission
from .audit import RequestContext, reset_request_context, set_request_context
from .views_base import declared_permission, is_public

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_STARTED_KEY = "hub_session_started"


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """Refuses a request whose headers, path or query carry control characters (NUL above all).

    PostgreSQL refuses NUL in text, so such a value reaching the lockout or audit tables would
    fail the request half-way: no lockout counted, no audit row. It is never a real person's
    input, so it is turned away first, before any other middleware reads it.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        values = [request.path, unquote(request.META.get("QUERY_STRING", ""))]
        values += [
            v for k, v in request.META.items() if k.startswith("HTTP_") and isinstance(v, str)
        ]
        if any(_CONTROL_CHARACTERS.search(value) for value in values):
            from .views import bad_request

            return bad_request(request)
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in whatever the activity (idle expiry is the cookie's)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = int(time.time())
            elif time.time() - started > settings.HUB_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class MfaRequiredMiddleware(MiddlewareMixin):
    """Outside demo mode a signed-in user must pass a TOTP check before anything else."""

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not settings.HUB_MFA_REQUIRED or not request.user.is_authenticated:
            return None
        if getattr(view, "hub_mfa_exempt", False) or is_public(view):
            return None
        # django-otp's middleware adds is_verified() to the user at run time.
        if request.user.is_verified():  # type: ignore[union-attr,attr-defined]
            return None
        from django_otp import devices_for_user

        has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
        return redirect("mfa-verify" if has_device else "mfa-setup")


class PermissionDeclaredMiddleware(MiddlewareMixin):
    """Deny by default: a view must be public or declare a permission the user holds."""

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if is_public(view):
            return None
        permission = declared_permission(view)
        if permission is None or not has_permission(request.user, permission):  # type: ignore[arg-type]
            raise PermissionDenied
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address: REMOTE_ADDR, which a trusted proxy in front must set (documented)."""
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Binds the request's origin and id to the audit rows it writes."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_context(
            RequestContext(ip_address=client_ip(request), request_id=secrets.token_hex(8))
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)


class NoStoreMiddleware:
    """Pages shown to a signed-in user may hold personal data: never cache them anywhere."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
