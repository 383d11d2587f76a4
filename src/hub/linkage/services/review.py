"""Clerical review: a reviewer's match / no-match on a queued pair, and undoing a wrong join.

A decision is kept on the pair and binds every later run (`runs.py` reads them as must-link
and cannot-link). A match takes effect at once: the two records' persons become one (a merge
of person records, through the people app, when both already have one). Undoing a join ends
it (kept, with who and why) and records a no-match between the record and each of the
person's other records, so that no later run joins it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.linkage.models import DECIDED, RecordJoin, ReviewDecision, ReviewPair, SourceRecord
from hub.people.services.merge import person_merge
from hub.platform.access import (
    NotFound,
    Permission,
    PermissionDenied,
    access_object,
    parse_id,
    require_permission,
)
from hub.platform.audit import audit_record
from hub.platform.services import ServiceError

from .runs import _Held, _new_person

if TYPE_CHECKING:
    from hub.organisations.models import User

UNDO_REASON_MIN = 10
ERROR_DECISION = "Choose whether these records are the same person"
ERROR_ALREADY_DECIDED = "This pair has already been decided: undo the join instead"
ERROR_MERGE_NOT_ALLOWED = (
    "These records belong to two person records and you may not merge them: ask a hub manager"
)
ERROR_UNDO_REASON = (
    f"Say why this record is not this person, in at least {UNDO_REASON_MIN} characters"
)
ERROR_NOT_JOINED = "This join has already been undone"
ERROR_ONLY_RECORD = "This is the person's only agency record: there is no join to undo"


def _live_join(record_pk: int) -> RecordJoin | None:
    return (
        RecordJoin.objects.select_for_update()
        .filter(record_id=record_pk, undone_at__isnull=True)
        .first()
    )


def _held(record: SourceRecord) -> _Held:
    return _Held(record.pk, record.record_id, record.values, record.area_id)


def _join_as_one(actor: User, pair: ReviewPair) -> None:
    """Make the pair's two records one person, whatever each belongs to now."""
    left, right = _live_join(pair.left_id), _live_join(pair.right_id)
    now = timezone.now()
    if left is not None and right is not None:
        if left.person_id == right.person_id:
            return
        try:
            person_merge(
                actor=actor,
                kept_id=left.person_id,
                duplicate_id=right.person_id,
                reason=f"Linkage review {pair}: the reviewer judged these records the same person",
            )
        except (NotFound, PermissionDenied):
            raise ServiceError(ERROR_MERGE_NOT_ALLOWED) from None
        return
    if left is not None:
        person_pk, unjoined = left.person_id, [pair.right_id]
    elif right is not None:
        person_pk, unjoined = right.person_id, [pair.left_id]
    else:
        person = _new_person([_held(pair.left), _held(pair.right)], actor)
        audit_record(
            actor=actor,
            action="create",
            object_type="person",
            object_id=person.pk,
            purpose="record linkage",
            detail={"review_pair": pair.pk},
        )
        person_pk, unjoined = person.pk, [pair.left_id, pair.right_id]
    for record_pk in unjoined:
        RecordJoin.objects.create(
            record_id=record_pk,
            person_id=person_pk,
            review=pair,
            joined_at=now,
            match_probability=pair.match_probability,
        )


def review_decide(*, actor: User, pair_id: object, decision: str, reason: str = "") -> ReviewPair:
    """Record a reviewer's match or no-match on a queued pair; a match joins them at once."""
    if decision not in DECIDED:
        raise ServiceError(ERROR_DECISION, field="decision")
    with transaction.atomic():
        pair = access_object(
            actor=actor,
            permission=Permission.LINKAGE_REVIEW,
            queryset=ReviewPair.objects.select_for_update().select_related("left", "right"),
            id=pair_id,
            purpose="clerical review",
            action="update",
        )
        if pair.decision in DECIDED:
            raise ServiceError(ERROR_ALREADY_DECIDED)
        pair.decision = decision
        pair.decided_by = actor
        pair.decided_at = timezone.now()
        pair.reason = reason.strip()
        pair.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
        if decision == ReviewDecision.MATCH:
            _join_as_one(actor, pair)
        audit_record(
            actor=actor,
            action="decide",
            object_type="review_pair",
            object_id=pair.pk,
            purpose="clerical review",
            detail={"decision": decision, "left": pair.left_id, "right": pair.right_id},
        )
    return pair


def join_undo(*, actor: User, join_id: object, reason: str) -> RecordJoin:
    """Take a wrongly joined record out of its person; no later run puts it back."""
    require_permission(actor, Permission.LINKAGE_REVIEW)
    reason = reason.strip()
    if len(reason) < UNDO_REASON_MIN:
        raise ServiceError(ERROR_UNDO_REASON, field="reason")
    with transaction.atomic():
        join = RecordJoin.objects.select_for_update().filter(pk=parse_id(join_id)).first()
        if join is None:
            raise NotFound
        record = access_object(
            actor=actor,
            permission=Permission.LINKAGE_REVIEW,
            queryset=SourceRecord.objects.all(),
            id=join.record_id,
            purpose="undo a wrong join",
            action="update",
        )
        if join.undone_at is not None:
            raise ServiceError(ERROR_NOT_JOINED)
        others = list(
            RecordJoin.objects.filter(person_id=join.person_id, undone_at__isnull=True)
            .exclude(pk=join.pk)
            .select_related("record")
        )
        if not others:
            raise ServiceError(ERROR_ONLY_RECORD)
        now = timezone.now()
        join.undone_at, join.undone_by, join.undo_reason = now, actor, reason
        join.save(update_fields=["undone_at", "undone_by", "undo_reason"])
        for other in others:
            left, right = sorted((record, other.record), key=lambda held: held.pk)
            ReviewPair.objects.update_or_create(
                left=left,
                right=right,
                defaults={
                    "decision": ReviewDecision.NO_MATCH,
                    "decided_by": actor,
                    "decided_at": now,
                    "reason": reason,
                },
                create_defaults={
                    "area_id": left.area_id,
                    "decision": ReviewDecision.NO_MATCH,
                    "decided_by": actor,
                    "decided_at": now,
                    "reason": reason,
                    "queued_at": now,
                },
            )
        audit_record(
            actor=actor,
            action="unlink",
            object_type="source_record",
            object_id=record.pk,
            purpose="undo a wrong join",
            reason=reason,
            detail={"person": join.person_id, "join": join.pk},
        )
    return join
