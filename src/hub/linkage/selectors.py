"""Reads of the linkage app: the review queue, one pair side by side, a person's agency records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import F, OuterRef, Q, Subquery

from hub.linkage.definitions import RECORD_FIELDS
from hub.linkage.models import DECIDED, RecordJoin, ReviewDecision, ReviewPair, SourceRecord
from hub.people.models import Person
from hub.people.selectors import access_person
from hub.platform.access import Permission, access_object, require_permission, scoped
from hub.platform.audit import audit_record

if TYPE_CHECKING:
    from hub.organisations.models import User

QUEUE_PAGE_SIZE = 25
FIELD_LABELS = {
    "source": "Agency",
    "given_name": "Given name",
    "family_name": "Family name",
    "other_names": "Other names",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "address_line": "Address",
    "town": "Town",
    "postcode": "Postcode",
    "phone": "Phone",
    "email": "Email",
    "nhs_number": "NHS number",
    "other_identifier": "Agency identifier",
}


@dataclass(frozen=True)
class QueuePage:
    """One page of the review queue (waiting pairs, most likely first) or of decided pairs."""

    pairs: list[ReviewPair]
    total: int
    page: int
    pages: int
    decided: bool


def review_queue(*, actor: User, page: int = 1, decided: bool = False) -> QueuePage:
    """The pairs waiting for review in the actor's reach, or those already decided."""
    require_permission(actor, Permission.LINKAGE_REVIEW)
    pairs = scoped(actor, Permission.LINKAGE_REVIEW, ReviewPair.objects.all())
    if decided:
        chosen = pairs.filter(decision__in=DECIDED).order_by("-decided_at", "-pk")
    else:
        # A pair whose records are one person already (a reviewer's match between two other
        # records of the same two persons) has nothing left to decide; it returns if the two
        # persons are unmerged.
        live = RecordJoin.objects.filter(undone_at__isnull=True)

        def person_of(record: str) -> Subquery:
            return Subquery(live.filter(record=OuterRef(record)).values("person")[:1])

        chosen = (
            pairs.filter(decision=ReviewDecision.PENDING)
            .annotate(left_person=person_of("left"), right_person=person_of("right"))
            .filter(
                Q(left_person__isnull=True)
                | Q(right_person__isnull=True)
                | ~Q(left_person=F("right_person"))
            )
            .order_by("-match_probability", "pk")
        )
    total = chosen.count()
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(
        chosen.select_related("left", "right", "decided_by")[start : start + QUEUE_PAGE_SIZE]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="review_pair",
        purpose="clerical review queue",
        detail={"results": len(rows), "total": total, "decided": decided},
    )
    return QueuePage(rows, total, page, pages, decided)


@dataclass(frozen=True)
class FieldRow:
    """One field of the two records, side by side."""

    label: str
    left: str
    right: str
    same: bool


@dataclass(frozen=True)
class PairView:
    """A queued pair as the reviewer sees it: both records, the reasons, their persons."""

    pair: ReviewPair
    fields: list[FieldRow]
    explanation: dict[str, Any]
    left_person: Person | None
    right_person: Person | None


def _live_person(record: SourceRecord) -> Person | None:
    join = (
        RecordJoin.objects.filter(record=record, undone_at__isnull=True)
        .select_related("person")
        .first()
    )
    return join.person if join else None


def review_pair(*, actor: User, pair_id: object) -> PairView:
    """One pair of records side by side with the waterfall of its score (an audited read)."""
    pair = access_object(
        actor=actor,
        permission=Permission.LINKAGE_REVIEW,
        queryset=ReviewPair.objects.select_related("left", "right", "decided_by", "run"),
        id=pair_id,
        purpose="clerical review",
    )
    rows = []
    for name in RECORD_FIELDS:
        if name == "record_id":
            continue
        left, right = pair.left.values.get(name, ""), pair.right.values.get(name, "")
        if left or right:
            same = left.strip().casefold() == right.strip().casefold()
            rows.append(FieldRow(FIELD_LABELS.get(name, name), left, right, same))
    return PairView(
        pair=pair,
        fields=rows,
        explanation=pair.explanation,
        left_person=_live_person(pair.left),
        right_person=_live_person(pair.right),
    )


@dataclass(frozen=True)
class PersonRecords:
    """The agency records joined to a person, live and undone, with their provenance."""

    person: Person
    live: list[RecordJoin]
    undone: list[RecordJoin]


def person_source_records(*, actor: User, person_id: object) -> PersonRecords:
    """Which agency records make up a person, joined by which run or review (audited)."""
    require_permission(actor, Permission.LINKAGE_REVIEW)
    person = access_person(actor=actor, id=person_id, purpose="agency records")
    joins = list(
        RecordJoin.objects.filter(person=person)
        .select_related("record", "run", "review", "undone_by")
        .order_by("joined_at", "pk")
    )
    return PersonRecords(
        person=person,
        live=[join for join in joins if join.undone_at is None],
        undone=[join for join in joins if join.undone_at is not None],
    )
