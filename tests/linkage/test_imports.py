"""The review pages load without Splink: importing it costs seconds, paid by a process's
first request if a page's imports pulled it in. Only the paths that run or explain a model
import it."""

from __future__ import annotations

import os
import subprocess
import sys

_CHECK = """
import sys
import django

django.setup()
import hub.linkage.selectors
import hub.linkage.services
import hub.linkage.views
from django.urls import get_resolver

get_resolver().url_patterns  # every app's URLs and views, as the first request loads them
print(",".join(name for name in ("splink", "duckdb", "pyarrow") if name in sys.modules))
"""


def _loaded_after(code: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(filter(None, done.stdout.strip().split(",")))


def test_the_review_pages_and_url_table_do_not_import_splink() -> None:
    assert _loaded_after(_CHECK) == set()


def test_scoring_a_household_check_loads_the_model_when_needed() -> None:
    # The check reads level values from the model's comparisons: it still works, loading
    # Splink at the first call rather than at import.
    code = """
import sys
import django

django.setup()
from hub.linkage.clusters import household_check

assert "splink" not in sys.modules
assert household_check({"given_name": 0, "date_of_birth": 0}) is not None
print(",".join(name for name in ("splink",) if name in sys.modules))
"""
    assert _loaded_after(code) == {"splink"}
