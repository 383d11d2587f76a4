"""How views declare what they need: deny by default (design.md §3.5).

Every view is either `@public` (the sign-in pages) or `@requires(Permission.X)`. The
PermissionDeclaredMiddleware refuses any view that declares neither, and a test walks every
URL to fail the build for one that forgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse

from .access import Permission
from .services import ServiceError

if TYPE_CHECKING:
    from hub.organisations.models import User

V = TypeVar("V", bound=Callable[..., Any])


def requires(permission: Permission) -> Callable[[V], V]:
    """Declare the permission a view needs; the middleware checks it before the view runs."""

    def decorate(view: V) -> V:
        view.hub_permission = permission  # type: ignore[attr-defined]
        return view

    return decorate


def public(view: V) -> V:
    """Declare a view open to anyone, signed in or not (sign-in, error pages)."""
    view.hub_public = True  # type: ignore[attr-defined]
    return login_not_required(view)


def declared_permission(view: Callable[..., Any]) -> Permission | None:
    """The permission a view declared, if any. Every admin page needs `user:manage`."""
    if getattr(view, "admin_site", None) or getattr(view, "model_admin", None):
        return Permission.USER_MANAGE
    return getattr(view, "hub_permission", None)


def is_public(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, "hub_public", False))


def add_service_error(form: forms.Form, error: ServiceError) -> None:
    """Show a service's message beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def actor_of(request: HttpRequest) -> User:
    """The signed-in user of a request (the middleware has already refused anyone else)."""
    return cast("User", request.user)


def submit(
    request: HttpRequest,
    form: forms.Form,
    act: Callable[[], Any],
    done: str,
    *,
    success: Callable[[Any], HttpResponse],
    failure: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """Run a form's service call: on success say `done` and go on; on a form or service error
    show the form again with what was typed and the message beside its field."""
    if form.is_valid():
        try:
            made = act()
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return success(made)
    return failure(form)
