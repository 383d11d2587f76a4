"""The generic authorization contract every view's tests inherit (design.md §3.5).

A test class sets `url_name` and says how to build the URL and who is who; the contract then
checks the answers: anonymous -> sign-in, no permission -> 403, in scope -> 200; and, for a
view that reads a scoped record (`ScopedAuthorizationContract`), out of scope -> 404.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlparse

from django.test import Client
from django.urls import reverse

from hub.organisations.models import User
from tests.world import World


class AuthorizationContract:
    """Inherit, then define `url(world)`, `allowed(world)` and `forbidden(world)`."""

    method: ClassVar[str] = "get"

    def url(self, world: World) -> str:
        raise NotImplementedError

    def allowed(self, world: World) -> User:
        raise NotImplementedError

    def forbidden(self, world: World) -> User:
        raise NotImplementedError

    def _call(self, client: Client, url: str) -> Any:
        return getattr(client, self.method)(url)

    def test_anonymous_is_sent_to_sign_in(self, world: World, client: Client) -> None:
        response = self._call(client, self.url(world))
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("sign-in")

    def test_without_the_permission_is_refused(self, world: World, client: Client) -> None:
        client.force_login(self.forbidden(world))
        assert self._call(client, self.url(world)).status_code == 403

    def test_in_scope_is_served(self, world: World, client: Client) -> None:
        client.force_login(self.allowed(world))
        assert self._call(client, self.url(world)).status_code == 200


class ScopedAuthorizationContract(AuthorizationContract):
    """For views that read a scoped record: also define `out_of_scope(world)`."""

    def out_of_scope(self, world: World) -> User:
        raise NotImplementedError

    def test_out_of_scope_looks_like_not_found(self, world: World, client: Client) -> None:
        client.force_login(self.out_of_scope(world))
        assert self._call(client, self.url(world)).status_code == 404
