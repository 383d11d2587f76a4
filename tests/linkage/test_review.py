"""From links to hub persons: runs join records with provenance, the uncertain pairs wait for a
reviewer, decisions bind every later run, and a wrong join can be undone."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from hub.linkage import selectors
from hub.linkage.evaluation import score_linkage
from hub.linkage.models import RecordJoin, ReviewDecision, ReviewPair, SourceRecord
from hub.linkage.pipeline import LinkOptions
from hub.linkage.services import (
    ERROR_ALREADY_DECIDED,
    ERROR_UNDO_REASON,
    join_undo,
    linkage_run,
    review_decide,
    source_records_import,
)
from hub.platform.access import NotFound, PermissionDenied
from hub.platform.models import AccessLogEntry
from hub.platform.services import ServiceError

from .conftest import Sample

pytestmark = pytest.mark.django_db


def import_sample(world, sample: Sample) -> None:
    with sample.link_input.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    result = source_records_import(actor=None, rows=rows, area=world.birmingham)
    assert result.created == len(rows)


def run(**kwargs):
    return linkage_run(
        actor=None, options=LinkOptions(**kwargs), lower_threshold=0.5, actor_label="test run"
    )


def live_person() -> dict[str, int]:
    return dict(
        RecordJoin.objects.filter(undone_at__isnull=True).values_list(
            "record__record_id", "person_id"
        )
    )


def test_a_run_joins_every_record_into_a_hub_person_with_provenance(world, sample):
    import_sample(world, sample)
    summary = run()
    joins = list(RecordJoin.objects.select_related("record", "run"))
    assert len(joins) == SourceRecord.objects.count() == summary.records == summary.joined
    assert {join.run for join in joins} == {summary.run}
    assert summary.run.model_version >= 1 and summary.run.splink_model["comparisons"]
    persons = live_person()
    scores = score_linkage(list(persons), [str(p) for p in persons.values()], sample.truth)
    assert scores.pairwise_precision > 0.97, scores
    assert scores.pairwise_recall > 0.95, scores
    assert summary.persons_created == len(set(persons.values()))
    assert AccessLogEntry.objects.filter(action="create", object_type="person").count() == (
        summary.persons_created
    )
    # The uncertain band: each queued pair is still in two persons, with its waterfall.
    pending = list(ReviewPair.objects.filter(decision=ReviewDecision.PENDING))
    assert pending and summary.queued == len(pending)
    for pair in pending:
        assert persons[pair.left.record_id] != persons[pair.right.record_id]
        assert pair.match_probability >= 0.5
        assert pair.explanation["reasons"] and pair.run == summary.run


def test_a_rerun_with_nothing_new_changes_no_join(world, sample):
    import_sample(world, sample)
    run()
    before = live_person()
    again = run()
    assert again.joined == 0 and again.persons_created == 0
    assert live_person() == before


def test_decisions_take_effect_and_bind_every_later_run(world, sample):
    import_sample(world, sample)
    run()
    reviewer = world.bham_hub_practitioner
    queued = selectors.review_queue(actor=reviewer).pairs
    before = live_person()

    def persons_of(pair: ReviewPair) -> set[int]:
        return {before[pair.left.record_id], before[pair.right.record_id]}

    # Two decisions about four persons: a match between the first two makes one person of
    # them, and with it of every other pair between the same two.
    first = queued[0]
    second = next(pair for pair in queued if persons_of(pair).isdisjoint(persons_of(first)))
    review_decide(actor=reviewer, pair_id=first.pk, decision=ReviewDecision.MATCH)
    review_decide(
        actor=reviewer, pair_id=second.pk, decision=ReviewDecision.NO_MATCH, reason="twins"
    )
    persons = live_person()
    assert persons[first.left.record_id] == persons[first.right.record_id]
    with pytest.raises(ServiceError, match=ERROR_ALREADY_DECIDED):
        review_decide(actor=reviewer, pair_id=first.pk, decision=ReviewDecision.NO_MATCH)

    run()
    persons = live_person()
    assert persons[first.left.record_id] == persons[first.right.record_id]
    assert persons[second.left.record_id] != persons[second.right.record_id]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.decision, second.decision) == (ReviewDecision.MATCH, ReviewDecision.NO_MATCH)
    queue = selectors.review_queue(actor=reviewer)
    assert not {first.pk, second.pk} & {pair.pk for pair in queue.pairs}


def test_a_wrong_join_is_undone_and_no_later_run_puts_it_back(world, sample):
    import_sample(world, sample)
    run()
    reviewer = world.bham_hub_manager
    by_person: dict[int, list[RecordJoin]] = defaultdict(list)
    for join in RecordJoin.objects.select_related("record").filter(record__area=world.birmingham):
        by_person[join.person_id].append(join)
    person, joins = next((p, j) for p, j in by_person.items() if len(j) >= 2)
    wrong = joins[-1]
    with pytest.raises(ServiceError, match=ERROR_UNDO_REASON):
        join_undo(actor=reviewer, join_id=wrong.pk, reason="no")
    join_undo(actor=reviewer, join_id=wrong.pk, reason="A different child: the school says so")
    wrong.refresh_from_db()
    assert wrong.undone_by == reviewer and wrong.undone_at is not None
    assert wrong.record.record_id not in live_person()
    apart = ReviewPair.objects.filter(decision=ReviewDecision.NO_MATCH)
    assert apart.count() == len(joins) - 1

    run()
    persons = live_person()
    assert persons[wrong.record.record_id] != person
    assert all(persons[join.record.record_id] == person for join in joins[:-1])
    records = selectors.person_source_records(actor=reviewer, person_id=person)
    assert [join.pk for join in records.undone] == [wrong.pk]


def test_the_queue_is_the_reviewer_s_area_only(world, sample):
    import_sample(world, sample)
    run()
    pair = (
        ReviewPair.objects.filter(decision=ReviewDecision.PENDING)
        .exclude(right__area=world.coventry)
        .exclude(area=world.coventry)
        .first()
    )
    assert pair is not None
    assert selectors.review_pair(actor=world.bham_hub_practitioner, pair_id=pair.pk).pair == pair
    with pytest.raises(NotFound):
        selectors.review_pair(actor=world.cov_hub_practitioner, pair_id=pair.pk)
    with pytest.raises(NotFound):
        review_decide(
            actor=world.cov_hub_practitioner, pair_id=pair.pk, decision=ReviewDecision.MATCH
        )
    with pytest.raises(PermissionDenied):
        selectors.review_queue(actor=world.bham_school_practitioner)
    assert AccessLogEntry.objects.filter(
        action="view", object_type="review_pair", object_id=pair.pk
    ).exists()
