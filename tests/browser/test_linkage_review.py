"""Clerical review in a real browser: after a linkage run over agency records, a hub
practitioner works the queue, joins one pair and rejects another; a rerun keeps to both."""

from __future__ import annotations

import csv
import re

import pytest

from hub.linkage.models import RecordJoin, ReviewDecision, ReviewPair
from hub.linkage.pipeline import LinkOptions
from hub.linkage.services import linkage_run, source_records_import
from tests.linkage.conftest import sample  # noqa: F401 (shared fixture)

from .axe import assert_accessible
from .test_need_to_know import menu, shot, sign_in

REJECTED = "Different dates of birth and schools: brothers, not one boy"


def run_linkage():
    return linkage_run(actor=None, options=LinkOptions(), lower_threshold=0.5)


def person_of(record_pk: int) -> int:
    return RecordJoin.objects.get(record_id=record_pk, undone_at__isnull=True).person_id


def open_first_pair(page) -> int:
    link = page.get_by_role("table").get_by_role("link", name=re.compile(r"^RP\d+$")).first
    pair_id = int(link.inner_text().removeprefix("RP"))
    link.click()
    assert page.get_by_role("heading", name="Are these the same person?").is_visible()
    return pair_id


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_joins_one_pair_and_rejects_another_and_a_rerun_keeps_both(
    live_server,
    world,
    page,
    sample,  # noqa: F811 (the fixture)
):
    with sample.link_input.open(encoding="utf-8", newline="") as handle:
        source_records_import(actor=None, rows=list(csv.DictReader(handle)), area=world.birmingham)
    run_linkage()
    base = live_server.url

    sign_in(page, base, "bham.hp")
    menu(page, "Record linkage")
    assert page.get_by_role("heading", name="Record linkage review").is_visible()
    assert_accessible(page)
    shot(page, "linkage-queue")

    joined_id = open_first_pair(page)
    records = page.locator("#records")
    pair = ReviewPair.objects.select_related("left", "right").get(pk=joined_id)
    assert pair.left.record_id in records.inner_text()
    assert pair.right.record_id in records.inner_text()
    assert page.locator("#waterfall").get_by_text("Date of birth").is_visible()
    assert_accessible(page)
    shot(page, "linkage-pair")
    page.get_by_label("Yes, the same person").check()
    page.get_by_role("button", name="Save decision").click()
    assert page.get_by_text("Recorded: the same person").is_visible()

    rejected_id = open_first_pair(page)
    assert rejected_id != joined_id
    page.get_by_role("button", name="Save decision").click()  # nothing chosen: refused
    assert (
        page.get_by_role("alert")
        .get_by_text("Choose whether these records are the same person")
        .is_visible()
    )
    assert_accessible(page)
    page.get_by_label("No, not the same person").check()
    page.get_by_label("What decided it (optional)").fill(REJECTED)
    page.get_by_role("button", name="Save decision").click()
    assert page.get_by_text("Recorded: not the same person").is_visible()

    joined = ReviewPair.objects.get(pk=joined_id)
    rejected = ReviewPair.objects.get(pk=rejected_id)
    assert person_of(joined.left_id) == person_of(joined.right_id)
    assert person_of(rejected.left_id) != person_of(rejected.right_id)

    run_linkage()
    assert person_of(joined.left_id) == person_of(joined.right_id)
    assert person_of(rejected.left_id) != person_of(rejected.right_id)
    joined.refresh_from_db()
    rejected.refresh_from_db()
    assert joined.decision == ReviewDecision.MATCH
    assert (rejected.decision, rejected.reason) == (ReviewDecision.NO_MATCH, REJECTED)

    page.goto(f"{base}/linkage/review/")
    waiting = page.locator("main").inner_text()
    assert f"RP{joined_id:06d}" not in waiting and f"RP{rejected_id:06d}" not in waiting
    page.get_by_role("link", name="Decided").click()
    decided = page.locator("main").inner_text()
    assert f"RP{joined_id:06d}" in decided and f"RP{rejected_id:06d}" in decided
    assert_accessible(page)
    shot(page, "linkage-decided")
