"""Deny by default: every URL's view is public or declares the permission it needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from hub.platform.access import Permission
from hub.platform.views_base import declared_permission, is_public

# The only pages anyone may open without signing in.
PUBLIC = {"sign-in", "sign-out", "login"}


def all_patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, Any]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_url_declares_a_permission_or_is_public():
    undeclared = [
        route
        for route, pattern in all_patterns()
        if declared_permission(pattern.callback) is None and not is_public(pattern.callback)
    ]
    assert undeclared == []


def test_only_the_sign_in_pages_are_public():
    public = {pattern.name for _, pattern in all_patterns() if is_public(pattern.callback)}
    assert public <= PUBLIC


def test_declared_permissions_are_real_permissions():
    declared = {declared_permission(p.callback) for _, p in all_patterns()} - {None}
    assert declared <= set(Permission)


def test_admin_pages_need_user_management():
    admin = [p for route, p in all_patterns() if route.startswith("admin/") and p.name != "login"]
    assert admin, "the admin site is routed"
    assert {declared_permission(p.callback) for p in admin} == {Permission.USER_MANAGE}
