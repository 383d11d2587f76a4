"""For tests that run `hub` as other systems do: in a process of its own, on the test database."""

from __future__ import annotations

import os

from django.db import connection


def database_url() -> str:
    """A URL for the test database, so a separate `hub` process can open it."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def hub_process_env() -> dict[str, str]:
    """The environment of a `hub` process on the test database, with the local settings."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="hub.settings.local", DATABASE_URL=database_url())
    return env
