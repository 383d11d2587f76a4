"""Settings come from the environment; production refuses to start half-configured."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# A folder outside the project, so no local file can shadow the installed package.
tmp_cwd = "/"

GOOD_SECRET = "k" * 20 + "Q7#mZp2!vR9@xL4$wT8^bN1&cF6*hJ3(dS5)gA0"


def hub(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the `hub` command in a fresh process, with only the settings variables given."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' fixtures, never in deployment
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        cwd=tmp_cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": GOOD_SECRET}, "ALLOWED_HOSTS must be set"),
        ({"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_and_hosts(env, message):
    result = hub("check", DJANGO_SETTINGS_MODULE="hub.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_deploy_check_reports_nothing():
    result = hub(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="hub.example.org,hub2.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_local_settings_are_the_default_and_in_demo_mode(tmp_path):
    result = hub(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.HUB_DEMO_MODE, settings.ALLOWED_HOSTS,"
        " settings.DATABASES['default']['ENGINE'])",
        HUB_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("True ['127.0.0.1', 'localhost'] django.db.backends.sqlite3")


def test_database_url_chooses_the_database(tmp_path):
    result = hub(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3",
    )
    assert result.stdout.strip() == f"{tmp_path}/other.sqlite3"
