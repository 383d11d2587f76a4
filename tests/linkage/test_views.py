"""The clerical review pages: who may open them, what they show, what their forms do."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.linkage import selectors
from hub.linkage.clusters import APART_BIRTHS
from hub.linkage.models import LinkageRun, RecordJoin, ReviewDecision, ReviewPair, SourceRecord
from hub.people.models import PersonMerge
from hub.people.services.merge import person_unmerge
from tests.authz import ScopedAuthorizationContract
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

KAYDEN = {"source": "education", "given_name": "Kayden", "family_name": "Smith",
          "date_of_birth": "03/04/2010", "postcode": "B31 2AA"}  # fmt: skip
KAIDEN = {"source": "police", "given_name": "Kaiden", "family_name": "Smyth",
          "date_of_birth": "2010-04-03", "postcode": "B31 2AA"}  # fmt: skip
EXPLANATION = {
    "prior": -8.0,
    "reasons": [
        {"comparison": "given_name", "description": "Given name", "level": "sounds the same",
         "match_weight": 3.5, "term_frequency_adjustment": 0.0},
        {"comparison": "date_of_birth", "description": "Date of birth",
         "level": "one reading of an ambiguous date agrees", "match_weight": 6.0,
         "term_frequency_adjustment": 0.0},
    ],
    "match_weight": 1.5,
    "match_probability": 0.74,
    "household_check": None,
    "linked": False,
}  # fmt: skip


def queued(world, area=None):
    """Two records in two persons of one area, and the run's pair between them."""
    area = area or world.birmingham
    now = timezone.now()
    run = LinkageRun.objects.create(
        started_at=now, engine="duckdb", model_id="hub-person-linkage", model_version=1,
        upper_threshold=0.95, lower_threshold=0.5,
    )  # fmt: skip
    left = SourceRecord.objects.create(
        record_id=f"education:{area.slug}", source="education", area=area, values=KAYDEN,
        imported_at=now,
    )  # fmt: skip
    right = SourceRecord.objects.create(
        record_id=f"police:{area.slug}", source="police", area=area, values=KAIDEN,
        imported_at=now,
    )  # fmt: skip
    for record in (left, right):
        person = PersonFactory(home_area=area, given_name=record.values["given_name"])
        RecordJoin.objects.create(record=record, person=person, run=run, joined_at=now)
    return ReviewPair.objects.create(
        left=left, right=right, area=area, run=run, match_probability=0.74, match_weight=1.5,
        explanation=EXPLANATION, queued_at=now,
    )  # fmt: skip


class TestQueue(ScopedAuthorizationContract):
    def url(self, world):
        queued(world)
        return reverse("linkage:queue")

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.bham_school_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_practitioner

    def test_out_of_scope_looks_like_not_found(self, world, client):
        """A list, not a record: out of scope it is served, without the other area's pairs."""
        client.force_login(self.out_of_scope(world))
        response = client.get(self.url(world))
        assert response.status_code == 200
        assert "No pairs are waiting for review" in response.content.decode()


def test_the_queue_lists_the_area_s_pairs_only(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("linkage:queue")).content.decode()
    assert reverse("linkage:pair", args=[pair.pk]) in page
    assert "Kaiden Smyth" in page
    client.force_login(world.cov_hub_practitioner)
    page = client.get(reverse("linkage:queue")).content.decode()
    assert reverse("linkage:pair", args=[pair.pk]) not in page
    assert "No pairs are waiting for review" in page


class TestPair(ScopedAuthorizationContract):
    def url(self, world):
        return reverse("linkage:pair", args=[queued(world).pk])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.bham_school_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


def test_the_pair_page_shows_both_records_and_the_waterfall(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    page = client.get(reverse("linkage:pair", args=[pair.pk])).content.decode()
    assert "education:birmingham" in page and "police:birmingham" in page
    assert "03/04/2010" in page and "2010-04-03" in page
    assert "one reading of an ambiguous date agrees" in page
    assert "Are these records the same person?" in page


def test_the_pair_page_says_why_a_likely_pair_was_not_joined(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    url = reverse("linkage:pair", args=[pair.pk])
    assert "not joined automatically" not in client.get(url).content.decode()
    pair.explanation = {**EXPLANATION, "match_probability": 0.99, "linked": True}
    pair.save()
    assert "the records are already in two persons" in client.get(url).content.decode()
    # The run says why it did not join them, when clustering refused the link.
    pair.explanation = {
        **EXPLANATION,
        "match_probability": 0.99,
        "linked": True,
        "not_joined": APART_BIRTHS,
    }
    pair.save()
    page = client.get(url).content.decode()
    assert "joining them would give one person dates of birth years apart" in page
    assert "the records are already in two persons" not in page
    pair.explanation = {**EXPLANATION, "household_check": "the date of birth disagree"}
    pair.save()
    assert (
        "Not joined automatically: the date of birth disagree" in client.get(url).content.decode()
    )


def test_a_decision_without_a_choice_is_refused_on_the_page(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    response = client.post(reverse("linkage:decide", args=[pair.pk]), {"reason": "x"})
    assert response.status_code == 200
    assert "Choose whether these records are the same person" in response.content.decode()
    pair.refresh_from_db()
    assert pair.decision == ReviewDecision.PENDING


def test_a_match_merges_the_two_persons(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    response = client.post(reverse("linkage:decide", args=[pair.pk]), {"decision": "match"})
    assert response.status_code == 302
    persons = set(
        RecordJoin.objects.filter(undone_at__isnull=True).values_list("person_id", flat=True)
    )
    assert len(persons) == 1
    pair.refresh_from_db()
    assert pair.decision == ReviewDecision.MATCH and pair.decided_by == world.bham_hub_practitioner


def test_pairs_made_one_person_by_another_match_leave_the_queue(world, client):
    # Two records of one person each paired with the other person's record: a match on
    # one pair makes one person of both, and the other pair has nothing left to decide.
    pair = queued(world)
    now = timezone.now()
    other = SourceRecord.objects.create(
        record_id="health:bham", source="health", area=world.birmingham, values=KAYDEN,
        imported_at=now,
    )  # fmt: skip
    RecordJoin.objects.create(
        record=other, person=RecordJoin.objects.get(record=pair.left).person, run=pair.run,
        joined_at=now,
    )  # fmt: skip
    second = ReviewPair.objects.create(
        left=pair.right, right=other, area=world.birmingham, run=pair.run,
        match_probability=0.7, match_weight=1.2, explanation=EXPLANATION, queued_at=now,
    )  # fmt: skip
    reviewer = world.bham_hub_practitioner
    assert [p.pk for p in selectors.review_queue(actor=reviewer).pairs] == [pair.pk, second.pk]
    client.force_login(reviewer)
    client.post(reverse("linkage:decide", args=[pair.pk]), {"decision": "match"})
    waiting = selectors.review_queue(actor=reviewer)
    assert waiting.pairs == [] and waiting.total == 0
    second.refresh_from_db()
    assert second.decision == ReviewDecision.PENDING
    # The two persons unmerged, the pair has something to decide again.
    person_unmerge(
        actor=world.bham_hub_manager,
        merge_id=PersonMerge.objects.get().pk,
        reason="Two boys: the school and the police describe different children",
    )
    assert [p.pk for p in selectors.review_queue(actor=reviewer).pairs] == [second.pk]


class TestPersonRecords(ScopedAuthorizationContract):
    def url(self, world):
        pair = queued(world)
        join = RecordJoin.objects.get(record=pair.left)
        return reverse("linkage:person-records", args=[join.person_id])

    def allowed(self, world):
        return world.bham_hub_practitioner

    def forbidden(self, world):
        return world.bham_school_practitioner

    def out_of_scope(self, world):
        return world.cov_hub_practitioner


def test_undoing_a_join_needs_a_reason_and_keeps_the_record_out(world, client):
    pair = queued(world)
    client.force_login(world.bham_hub_practitioner)
    client.post(reverse("linkage:decide", args=[pair.pk]), {"decision": "match"})
    join = RecordJoin.objects.get(record=pair.right, undone_at__isnull=True)
    url = reverse("linkage:undo-join", args=[join.pk])
    response = client.post(url, {"reason": "", "person": join.person_id})
    assert "Say why this record is not this person" in response.content.decode()
    response = client.post(
        url, {"reason": "The police record is his cousin", "person": join.person_id}
    )
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.undone_at is not None
    page = client.get(reverse("linkage:person-records", args=[join.person_id])).content.decode()
    assert "The police record is his cousin" in page
