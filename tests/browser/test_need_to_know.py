"""The foundation's story in a real browser: need-to-know, break-glass, and who has viewed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hub.platform.models import AccessLogEntry, BreakGlassAccess
from tests.factories import TEST_PASSWORD

from .axe import assert_accessible

REASON = "Police found Kaiden at 2am in Birmingham; need his allocated worker and care plan."
SCREENSHOTS = os.environ.get("HUB_SCREENSHOT_DIR")  # docs/images when refreshing the user guide


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def sign_in(page, base: str, username: str, screenshot: str = "") -> None:
    page.goto(f"{base}/sign-in/")
    assert_accessible(page)
    if screenshot:
        shot(page, screenshot)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def menu(page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.django_db(transaction=True)
def test_need_to_know_break_glass_and_who_has_viewed(live_server, world, page):
    base = live_server.url
    bham, cov = world.bham_person, world.cov_person

    sign_in(page, base, "bham.hp", screenshot="sign-in")
    assert page.get_by_role("heading", name="My work").is_visible()
    assert_accessible(page)
    shot(page, "home-hub-practitioner")

    # A Birmingham person: open.
    menu(page, "People")
    page.get_by_label("Name or record reference").fill("Begum")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Aaliyah Begum").click()
    assert page.get_by_role("heading", name="Aaliyah Begum").is_visible()
    assert_accessible(page)
    shot(page, "person-record")

    # A person known only to Coventry: not found, and nothing about them shown.
    response = page.goto(f"{base}/people/{cov.pk}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Record not found").is_visible()
    assert "Kaiden" not in page.content()
    assert_accessible(page)
    shot(page, "record-not-found")

    # Break-glass, with a reason: the record opens, and the access is audited.
    page.get_by_role("link", name="Request break-glass access").click()
    page.get_by_role("button", name="Open the record").click()
    assert page.get_by_text("Enter the reason you need this record now").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Why do you need this record now?").fill(REASON)
    shot(page, "break-glass")
    with page.expect_response(lambda r: r.url.endswith(f"/people/{cov.pk}/")) as opened:
        page.get_by_role("button", name="Open the record").click()
    assert opened.value.status == 200
    assert page.get_by_role("heading", name="Kaiden Smyth").is_visible()
    assert_accessible(page)
    assert BreakGlassAccess.objects.get(object_id=cov.pk).reason == REASON
    assert AccessLogEntry.objects.filter(
        action="view", object_id=cov.pk, detail__break_glass=True
    ).exists()
    sign_out(page)

    # Coventry's hub manager finds it in the review queue.
    sign_in(page, base, "cov.hm")
    assert page.get_by_text("Break-glass access to review").is_visible()
    shot(page, "home-hub-manager")
    menu(page, "Break-glass reviews")
    assert page.get_by_text(REASON[:40]).is_visible()
    assert_accessible(page)
    shot(page, "break-glass-queue")
    sign_out(page)

    # The data-protection officer sees both reads under "who has viewed this record".
    sign_in(page, base, "dpo")
    for person in (bham, cov):
        menu(page, "Access log")
        assert_accessible(page)
        page.get_by_label("Record reference").fill(person.reference)
        page.get_by_role("button", name="Show access").click()
        assert page.get_by_role("heading", name=f"Who has viewed record {person.reference}")
        assert_accessible(page)
        rows = page.locator("tbody tr")
        assert rows.count() >= 1
        assert world.bham_hub_practitioner.last_name in rows.first.inner_text()
    assert page.get_by_text("Break-glass").first.is_visible()
    shot(page, "who-has-viewed")
    # ...but cannot open the record itself.
    assert page.goto(f"{base}/people/{bham.pk}/").status == 403
    assert page.get_by_role("heading", name="You do not have access to this page").is_visible()
    assert_accessible(page)
