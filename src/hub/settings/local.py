"""The embedded default: SQLite under var/, synthetic data, demo mode on. Never production."""

import os

from .base import *  # noqa: F403 (settings modules extend the base by design)
from .base import VAR_DIR, env_list

HUB_DEMO_MODE = True
HUB_MFA_REQUIRED = False
# The demo runs only on this machine; a fixed key here protects nothing real.
SECRET_KEY = os.environ.get("SECRET_KEY") or "demo-only-key-not-for-production-use-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
VAR_DIR.mkdir(parents=True, exist_ok=True)
