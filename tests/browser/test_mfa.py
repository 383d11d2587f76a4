"""MFA in a real browser, as production enforces it: enrol with the key shown, then sign in."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

from tests.factories import TEST_PASSWORD

from .axe import assert_accessible
from .test_need_to_know import shot


def code_for(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


@pytest.mark.django_db(transaction=True)
def test_enrolment_then_every_sign_in_needs_a_code(live_server, world, page, settings):
    settings.HUB_MFA_REQUIRED = True
    base = live_server.url

    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("bham.hm")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/mfa/set-up/")
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert page.get_by_role("navigation", name="Menu").count() == 0  # nothing else to offer yet
    assert_accessible(page)
    shot(page, "mfa-set-up")
    secret = page.locator("code").inner_text().strip()

    # Nothing else opens until a code is given.
    page.goto(f"{base}/people/")
    page.wait_for_url(f"{base}/mfa/set-up/")

    page.get_by_label("6-digit code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("Enter the 6-digit code from your authenticator app").first.is_visible()
    assert_accessible(page)
    page.get_by_label("6-digit code").fill(code_for(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("heading", name="My work").is_visible()
    assert page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").count()

    # Signing in again asks for the code, not a new enrolment.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Username").fill("bham.hm")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/mfa/verify/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Enter the code from your authenticator app")
