"""How views declare what they need: deny by default (design.md §3.5).

Every view is either `@public` (the sign-in pages) or `@requires(Permission.X)`. The
PermissionDeclaredMiddleware refuses any view that declares neither, and a test walks every
URL to fail the build for one that forgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required

from .access import Permission

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
