"""`hub demo`: builds once, refuses to build over data, and prints the sign-ins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hub.organisations.models import Area, User
from hub.people.models import Person
from hub.platform.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mode(settings):
    settings.HUB_DEMO_MODE = True
    return settings


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_build_prints_the_sign_ins_password_and_address(demo_mode, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    output = run_demo("--size", "tiny", "--seed", "2")
    assert Person.objects.count() == 200
    for username in (
        "birmingham.hub.practitioner",
        "birmingham.hub.manager",
        "birmingham.police.practitioner",
        "birmingham.meeting.chair",
        "birmingham.intelligence.analyst",
        "birmingham.quality.lead",
        "coventry.hub.practitioner",
        "coventry.hub.manager",
        "dpo",
        "admin",
    ):
        assert username in output
    assert "Data-protection officer" in output
    assert "demo-password" in output
    assert "http://127.0.0.1:8123/" in output


def test_the_address_defaults_to_port_8000(demo_mode, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert "http://127.0.0.1:8000/" in run_demo("--size", "tiny")


def test_if_missing_builds_once_and_then_only_prints_the_sign_ins(demo_mode):
    run_demo("--size", "tiny", "--if-missing")
    counts = (Area.objects.count(), User.objects.count(), Person.objects.count())
    output = run_demo("--size", "tiny", "--if-missing")
    assert "already built" in output
    assert "birmingham.hub.practitioner" in output
    assert (Area.objects.count(), User.objects.count(), Person.objects.count()) == counts
    assert AccessLogEntry.objects.filter(action="demo_build").count() == 1


def test_a_second_build_without_if_missing_is_refused_and_changes_nothing(demo_mode):
    run_demo("--size", "tiny")
    with pytest.raises(CommandError, match="fresh database"):
        run_demo("--size", "tiny")
    assert Person.objects.count() == 200
    assert AccessLogEntry.objects.filter(action="demo_build").count() == 1


def test_a_database_with_other_data_is_refused(demo_mode):
    User.objects.create_user(username="someone", password="x" * 12)
    with pytest.raises(CommandError, match="already holds partnership data"):
        run_demo("--size", "tiny", "--if-missing")
    assert not Area.objects.exists()


def test_outside_demo_mode_the_command_refuses(settings):
    settings.HUB_DEMO_MODE = False
    with pytest.raises(CommandError, match="demo mode"):
        run_demo("--size", "tiny")
    assert not Area.objects.exists()


def test_an_unknown_size_is_an_error(demo_mode):
    with pytest.raises(CommandError):
        run_demo("--size", "enormous")
