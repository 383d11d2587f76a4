"""The test suite: the database from DATABASE_URL (a throwaway SQLite file by default)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403 (settings modules extend the base by design)
from .base import DATABASES, SQLITE_OPTIONS, dj_database_url

SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
HUB_DEMO_MODE = False
HUB_MFA_REQUIRED = False

if "DATABASE_URL" in os.environ:
    DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"])
else:
    # A file, configured as the embedded default is (WAL, IMMEDIATE transactions, a busy
    # timeout), so that tests see SQLite as the demo runs it: an in-memory database's shared
    # cache fails concurrent writers at once instead of queueing them.
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(Path(tempfile.gettempdir()) / "hub-test-unused.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
        "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"hub-test-{os.getpid()}.sqlite3")},
    }

# Argon2 at full cost would dominate the suite; the hasher choice is tested on its own.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True
