"""Missing, cross-border and the NRM in a real browser. A looked-after child of Walsall,
placed in Dudley, goes missing and is found in Birmingham: Birmingham's hub gets the alert
and Walsall sees it acknowledged; Walsall's return home interview deadline appears and turns
amber, then red, on a clock the test sets (`hub tick --now`). An adult who does not consent
to an NRM referral gets a Duty to Notify record with nothing that identifies them."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.alerts.models import Alert, Deadline
from hub.missing.models import MissingEpisode
from hub.nrm.models import DutyToNotify, NrmReferral
from tests.factories import person_known_to
from tests.missing.conftest import placed  # noqa: F401 (shared fixture)

from .axe import assert_accessible
from .test_need_to_know import shot, sign_in, sign_out


def _when(page, name: str, moment: dt.datetime) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{name}_day").fill(str(local.day))
    page.locator(f"#id_{name}_month").fill(str(local.month))
    page.locator(f"#id_{name}_year").fill(str(local.year))
    page.locator(f"#id_{name}_time").fill(f"{local:%H:%M}")


def _tick(at: dt.datetime) -> str:
    out = StringIO()
    call_command("tick", "--now", timezone.localtime(at).isoformat(), stdout=out)
    return out.getvalue()


def _deadline_colour(page, title: str) -> str:
    """The colour tag of a deadline in the alerts page's table of deadlines."""
    table = page.locator("table").filter(has=page.get_by_role("columnheader", name="Deadline"))
    return table.get_by_role("row").filter(has_text=title).locator(".govuk-tag").inner_text()


@pytest.mark.django_db(transaction=True)
def test_found_out_of_area_alerts_the_hub_there_and_the_interview_clock_runs(
    live_server,
    placed,  # noqa: F811 (the fixture above)
    page,
):
    base, child = live_server.url, placed.child

    # Walsall's social worker reports the child missing from the Dudley placement.
    sign_in(page, base, "wal.sw")
    page.goto(f"{base}/people/{child.pk}/")
    page.get_by_role("link", name="Missing episodes, placements and profile").click()
    page.get_by_text("Record that they are missing").click()
    page.get_by_label("Care placement").check()
    _when(page, "reported_at", timezone.now() - dt.timedelta(hours=6))
    page.get_by_label("High risk").check()
    page.get_by_label("Police reference").fill("WMP-4471")
    page.get_by_role("button", name="Record as missing").click()
    assert page.get_by_text("Recorded as missing.").is_visible()
    assert page.get_by_text("Walsall (placed by them in Dudley)").is_visible()

    # Found in Birmingham by the police: the postcode decides the area.
    _when(page, "found_at", timezone.now() - dt.timedelta(hours=1))
    page.get_by_label("Postcode where they were found").fill("B5 4BU")
    page.get_by_label("Where were they found?").fill("Digbeth coach station")
    page.get_by_label("Who were they with?").fill("Two older males in a grey car")
    page.get_by_label("Brought back by police").check()
    page.get_by_role("button", name="Record as found").click()
    assert page.get_by_text("Out of area").first.is_visible()
    assert_accessible(page)
    shot(page, "missing-found-out-of-area")
    episode = MissingEpisode.objects.get()
    assert episode.found_area == placed.world.birmingham and episode.found_out_of_area
    sign_out(page)

    # Birmingham's hub has the alert, with a time-limited view of the child's record.
    sign_in(page, base, "bham.hp")
    page.goto(f"{base}/alerts/")
    alert = page.get_by_role("row").filter(has_text="Jayden Price: Found in Birmingham")
    assert alert.get_by_text("You may open the record until").is_visible()
    assert_accessible(page)
    alert.get_by_role("link", name=re.compile("Found in Birmingham")).click()
    assert page.get_by_role("heading", name=re.compile("Jayden Price")).is_visible()
    page.goto(f"{base}/alerts/")
    alert.get_by_role("button", name=re.compile("^Acknowledge")).click()
    found_alert = Alert.objects.get(kind=Alert.Kind.CROSS_BORDER, area=placed.world.birmingham)
    assert found_alert.acknowledged_at is not None
    sign_out(page)

    # Walsall's hub owns the return home interview deadline, and sees the acknowledgement.
    deadline = Deadline.objects.get(timescale="return_home_interview")
    assert (
        deadline.team == placed.walsall_hub
        and deadline.due_at == episode.found_at + dt.timedelta(hours=72)
    )
    sign_in(page, base, "wal.hp")
    page.goto(f"{base}/alerts/")
    title = f"Return home interview: {episode.reference}"
    assert _deadline_colour(page, title) == "In time"
    assert page.get_by_text(
        re.compile("Found in Birmingham to Birmingham.*acknowledged by")
    ).is_visible()

    assert "1 turned amber" in _tick(deadline.amber_at + dt.timedelta(minutes=1))
    page.reload()
    assert _deadline_colour(page, title) == "Due soon"
    assert "1 turned red" in _tick(deadline.due_at + dt.timedelta(minutes=1))
    page.reload()
    assert _deadline_colour(page, title) == "Overdue"
    assert page.get_by_text(f"Overdue: {title}").first.is_visible()
    assert_accessible(page)
    shot(page, "return-interview-overdue")


@pytest.mark.django_db(transaction=True)
def test_an_adult_who_does_not_consent_gets_an_anonymous_duty_to_notify(live_server, world, page):
    adult = person_known_to(
        world.bham_hub, given_name="Marius", family_name="Popescu",
        date_of_birth=dt.date(1994, 8, 17), gender="male", nationality="Romanian",
    )  # fmt: skip
    base = live_server.url
    sign_in(page, base, "bham.hp")
    page.goto(f"{base}/people/{adult.pk}/")
    page.get_by_role("link", name="National Referral Mechanism").click()
    page.get_by_text("Record an NRM referral").click()
    assert page.get_by_text("An adult: refer only with their informed consent").is_visible()
    consent = page.get_by_role("group", name=re.compile("informed consent"))
    consent.get_by_label("No").check()
    page.get_by_label("Labour exploitation").check()
    page.get_by_label("Why you believe they may be a victim").fill(
        "Works at a car wash for no pay; his passport is held by the owner."
    )
    page.get_by_label("Support while the decisions are awaited").select_option(
        label="Offered and declined"
    )
    page.get_by_role("button", name="Record").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Duty to Notify DTN\d+"))
    assert heading.is_visible()
    assert_accessible(page)
    shot(page, "duty-to-notify")
    text = page.locator("main").inner_text()
    assert "Labour exploitation" in text and "25-34" in text
    for identifying in ("Marius", "Popescu", "1994", adult.reference, "passport", "car wash"):
        assert identifying not in text
    assert DutyToNotify.objects.count() == 1 and not NrmReferral.objects.exists()
