"""The test suite: the database from DATABASE_URL (SQLite in memory by default), fast hashing."""

import os

from .base import *  # noqa: F403 (settings modules extend the base by design)
from .base import DATABASES, dj_database_url

SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG"  # noqa: S105 (tests only)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
HUB_DEMO_MODE = False
HUB_MFA_REQUIRED = False

if "DATABASE_URL" in os.environ:
    DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"])
else:
    # Django runs SQLite tests in a shared in-memory database whatever the name says.
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}

# Argon2 at full cost would dominate the suite; the hasher choice is tested on its own.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True
