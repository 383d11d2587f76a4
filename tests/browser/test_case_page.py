"""The case page in a real browser: its forms come into the page when a worker asks for one
(HTMX, under the strict content security policy), and work as they did on the page itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hub.cases.services import case_open

from .axe import assert_accessible
from .test_need_to_know import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_form_comes_into_the_case_page_when_asked_for(live_server, world, page):
    base = live_server.url
    case = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    sign_in(page, base, "bham.hp")
    page.goto(f"{base}/cases/{case.pk}/")
    assert page.locator("select[name='action-owner']").count() == 0
    page.get_by_role("link", name="Add an action").click()
    owner = page.get_by_label("Who will do it")
    owner.wait_for()

    assert page.url == f"{base}/cases/{case.pk}/"  # in the page, not a page of its own
    assert page.evaluate("document.activeElement.name") == "action-text"
    assert_accessible(page)
    page.get_by_label("What needs doing").fill("Visit the school with the family")
    owner.select_option(value=str(world.bham_hub_manager.pk))
    due = timezone.localdate() + dt.timedelta(days=5)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add the action").click()
    assert page.get_by_text("Action added.").is_visible()
    added = page.get_by_role("cell", name="Visit the school with the family", exact=True)
    assert added.is_visible()
    assert errors == []
