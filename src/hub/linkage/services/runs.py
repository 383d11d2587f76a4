"""A linkage run over every source record held: from scored pairs to hub persons and a queue.

The model is trained on the records held (as `hub link` trains on its file). Reviewers'
decisions bind the clustering (a match is always linked, a no-match never), and so do the
joins already made: a run adds records to persons, it never moves a record a run or a
reviewer has joined (only undoing a join does). Then, for each group of linked records:
none joined yet makes a new hub person of them; otherwise the unjoined ones join the person
most of the group's records already belong to. Pairs scored at the lower threshold or more
whose records still end in different persons, and that nobody has decided, wait in the
review queue with the reasons for their score.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.linkage.clusters import APART_REVIEWED
from hub.linkage.definitions import RECORD_FIELDS
from hub.linkage.explain import explain_pair
from hub.linkage.model_names import MODEL_ID, MODEL_VERSION
from hub.linkage.models import (
    DECIDED,
    LinkageRun,
    RecordJoin,
    ReviewDecision,
    ReviewPair,
    SourceRecord,
)
from hub.linkage.normalise.dates import UnreadableDate, read_birth_date
from hub.linkage.pipeline import LinkOptions, Progress, link_prepared, prepare_rows
from hub.linkage.reader import InputRow
from hub.people.models import Person
from hub.people.search.services import index_persons
from hub.platform.audit import audit_record
from hub.platform.places import normalise_postcode

if TYPE_CHECKING:
    from hub.linkage.clusters import ScoredPair
    from hub.organisations.models import User

UNKNOWN_NAME = "Unknown"
NAME_MAX = 100


@dataclass(frozen=True)
class RunSummary:
    """What a run did."""

    run: LinkageRun
    records: int
    joined: int
    persons_created: int
    queued: int
    resolved: int


@dataclass
class _Held:
    pk: int
    record_id: str
    values: dict[str, str]
    area_id: int


def _completeness(values: dict[str, str]) -> int:
    return sum(
        bool(values.get(name))
        for name in ("given_name", "family_name", "date_of_birth", "postcode")
    )


def _new_person(members: list[_Held], actor: User | None) -> Person:
    """A hub person made from a group of records, named as its fullest record names them."""
    best = max(members, key=lambda held: (_completeness(held.values), -held.pk))
    values = best.values
    born = None
    try:
        reading = read_birth_date(values.get("date_of_birth"), today=datetime.now(UTC).date())
        born = reading.primary if reading is not None and not reading.ambiguous else None
    except UnreadableDate:
        pass
    person = Person(
        given_name=(values.get("given_name") or UNKNOWN_NAME)[:NAME_MAX],
        family_name=(values.get("family_name") or UNKNOWN_NAME)[:NAME_MAX],
        date_of_birth=born,
        postcode=normalise_postcode(values.get("postcode", "")) or "",
        home_area_id=best.area_id,
        created_by=actor,
    )
    person.save()
    return person


def _held_records() -> list[_Held]:
    return [
        _Held(pk, record_id, values, area_id)
        for pk, record_id, values, area_id in SourceRecord.objects.order_by("pk").values_list(
            "pk", "record_id", "values", "area_id"
        )
    ]


def _constraints(
    held: list[_Held], person_of: dict[int, int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[tuple[int, int]]]:
    """(must link, cannot link, decided pairs by record pk) as positions."""
    position = {record.pk: index for index, record in enumerate(held)}
    must: list[tuple[int, int]] = []
    cannot: list[tuple[int, int]] = []
    decided: set[tuple[int, int]] = set()
    for left, right, decision in ReviewPair.objects.filter(decision__in=DECIDED).values_list(
        "left_id", "right_id", "decision"
    ):
        decided.add((left, right))
        pair = (position[left], position[right])
        (must if decision == ReviewDecision.MATCH else cannot).append(pair)
    # Records joined to one person stay together.
    first_of: dict[int, int] = {}
    for record_pk, person_pk in person_of.items():
        first = first_of.setdefault(person_pk, record_pk)
        if first != record_pk:
            must.append((position[first], position[record_pk]))
    return must, cannot, decided


def linkage_run(
    *,
    actor: User | None,
    options: LinkOptions,
    lower_threshold: float,
    actor_label: str = "",
    progress: Progress = lambda _: None,
) -> RunSummary:
    """Link every source record held into hub persons; queue the uncertain pairs."""
    started = timezone.now()
    held = _held_records()
    person_of = dict(
        RecordJoin.objects.filter(undone_at__isnull=True).values_list("record_id", "person_id")
    )
    must, cannot, decided = _constraints(held, person_of)
    rows = [
        InputRow(
            line=index + 1,
            values={
                **dict.fromkeys(RECORD_FIELDS, ""),
                **record.values,
                "record_id": record.record_id,
            },
        )
        for index, record in enumerate(held)
    ]
    prepared = prepare_rows(rows)
    run_options = LinkOptions(
        threshold=options.threshold,
        engine=options.engine,
        seed=options.seed,
        u_max_pairs=options.u_max_pairs,
        em_max_pairs=options.em_max_pairs,
        workdir=options.workdir,
        explain=True,
    )
    result = link_prepared(prepared, run_options, progress, must_link=must, cannot_link=cannot)
    progress("joining records into persons")
    clusters: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(result.person_keys):
        clusters[key].append(index)
    strongest: dict[int, float] = {}
    for pair in result.pairs:
        if pair.match_probability >= options.threshold:
            for side in (pair.left, pair.right):
                strongest[side] = max(strongest.get(side, 0.0), pair.match_probability)
    with transaction.atomic():
        run = LinkageRun.objects.create(
            started_at=started,
            started_by=actor,
            started_label=actor_label,
            engine=options.engine,
            model_id=MODEL_ID,
            model_version=MODEL_VERSION,
            splink_model=result.model,
            upper_threshold=options.threshold,
            lower_threshold=lower_threshold,
            records=len(held),
        )
        joined, created, touched = _join(run, held, clusters, person_of, strongest, actor)
        queued, resolved = _queue(
            run, held, result.pairs, person_of, decided, lower_threshold, result.refused
        )
        run.joined, run.persons_created, run.queued = joined, created, queued
        run.finished_at = timezone.now()
        run.save(update_fields=["joined", "persons_created", "queued", "finished_at"])
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action="link",
            object_type="linkage_run",
            object_id=run.pk,
            purpose="record linkage",
            detail={"records": len(held), "joined": joined, "created": created, "queued": queued},
        )
        index_persons(sorted(touched))
    return RunSummary(run, len(held), joined, created, queued, resolved)


def _join(
    run: LinkageRun,
    held: list[_Held],
    clusters: dict[str, list[int]],
    person_of: dict[int, int],
    strongest: dict[int, float],
    actor: User | None,
) -> tuple[int, int, set[int]]:
    """Give every record of each group a person; (records joined, persons made, persons)."""
    now = timezone.now()
    joins: list[RecordJoin] = []
    created = 0
    touched: set[int] = set()
    for positions in clusters.values():
        members = [held[index] for index in positions]
        unjoined = [(index, record) for index, record in zip(positions, members, strict=True)
                    if record.pk not in person_of]  # fmt: skip
        if not unjoined:
            continue
        present = Counter(person_of[record.pk] for record in members if record.pk in person_of)
        if present:
            person_pk = min(present, key=lambda pk: (-present[pk], pk))
        else:
            person = _new_person(members, actor)
            person_pk = person.pk
            created += 1
            audit_record(
                actor=actor,
                action="create",
                object_type="person",
                object_id=person_pk,
                purpose="record linkage",
                detail={"linkage_run": run.pk, "records": len(members)},
            )
        touched.add(person_pk)
        for index, record in unjoined:
            person_of[record.pk] = person_pk
            joins.append(
                RecordJoin(
                    record_id=record.pk,
                    person_id=person_pk,
                    run=run,
                    joined_at=now,
                    match_probability=strongest.get(index) if len(members) > 1 else None,
                )
            )
    RecordJoin.objects.bulk_create(joins, batch_size=2000)
    return len(joins), created, touched


def _queue(
    run: LinkageRun,
    held: list[_Held],
    pairs: list[ScoredPair],
    person_of: dict[int, int],
    decided: set[tuple[int, int]],
    lower_threshold: float,
    refused: dict[tuple[int, int], str],
) -> tuple[int, int]:
    """Queue the undecided pairs left in different persons; (queued, resolved by this run).
    A pair likely enough to link that clustering refused says why (`not_joined`)."""
    now = timezone.now()
    model = run.splink_model
    wanted: dict[tuple[int, int], ScoredPair] = {}
    for pair in pairs:
        if pair.match_probability < lower_threshold:
            continue
        left, right = sorted((held[pair.left].pk, held[pair.right].pk))
        if (left, right) in decided or person_of.get(left) == person_of.get(right):
            continue
        if (left, right) not in wanted:
            wanted[(left, right)] = pair
    area_of = {record.pk: record.area_id for record in held}
    existing = {
        (pair.left_id, pair.right_id): pair
        for pair in ReviewPair.objects.filter(decision=ReviewDecision.PENDING)
    }
    new, changed = [], []
    for (left, right), scored in wanted.items():
        explanation = explain_pair(model, scored, run.upper_threshold).as_json()
        why = refused.get((scored.left, scored.right))
        if why is not None and why != APART_REVIEWED:
            explanation["not_joined"] = why
        pending = existing.get((left, right))
        if pending is None:
            new.append(
                ReviewPair(
                    left_id=left,
                    right_id=right,
                    area_id=area_of[left],
                    run=run,
                    match_probability=scored.match_probability,
                    match_weight=scored.match_weight,
                    explanation=explanation,
                    queued_at=now,
                )
            )
        else:
            pending.run, pending.explanation = run, explanation
            pending.match_probability = scored.match_probability
            pending.match_weight = scored.match_weight
            changed.append(pending)
    # Pairs already resolved in passing: their records now belong to one person.
    resolved = [
        waiting
        for (left, right), waiting in existing.items()
        if left in person_of and person_of.get(left) == person_of.get(right)
    ]
    for waiting in resolved:
        waiting.decision = ReviewDecision.RESOLVED
    ReviewPair.objects.bulk_create(new, batch_size=2000)
    ReviewPair.objects.bulk_update(
        changed, ["run", "explanation", "match_probability", "match_weight"], batch_size=2000
    )
    ReviewPair.objects.bulk_update(resolved, ["decision"], batch_size=2000)
    return len(new) + len(changed), len(resolved)
