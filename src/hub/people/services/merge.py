"""Merging a duplicate person record into the one kept, with full provenance, and unmerging.

Everything that points at the duplicate moves to the record kept: other names, identifiers,
addresses, warnings, the agencies that know them, relationships, and what other apps register
(a referral's subjects, say). The merge records every row it moved, so an unmerge moves exactly
those back; rows added to the kept record after the merge stay with it. The chronology is not
rewritten: a record's timeline reads the events of the records merged into it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from hub.people.models import (
    AliasKind,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonInvolvement,
    PersonMerge,
    PersonRelationship,
    WarningNote,
)
from hub.people.search.services import index_persons
from hub.platform.access import NotFound, Permission, access_object, parse_id
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError

if TYPE_CHECKING:
    from hub.organisations.models import User

MERGE_REASON_MIN = 10
ERROR_MERGE_SAME = "Choose two different records"
ERROR_MERGE_REASON = f"Say why these are the same person, in at least {MERGE_REASON_MIN} characters"
ERROR_ALREADY_MERGED = "One of these records has already been merged into another"
ERROR_UNMERGE_DONE = "This merge has already been undone"
ERROR_UNMERGE_CHAIN = "The record kept was itself merged later: undo that merge first"

register_event_kind("record_merged", "Records merged")
register_event_kind("record_unmerged", "Merge undone")


@dataclass(frozen=True)
class PersonReference:
    """A table whose rows belong to a person through `field`; rows that would clash with one
    the kept record already has (the same values of `unique_with`) stay where they are."""

    model: type[models.Model]
    field: str
    unique_with: tuple[str, ...] = ()
    # Rows whose `not_to` field already points at the kept record would link it to itself.
    not_to: str = ""

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


PERSON_REFERENCES: list[PersonReference] = [
    PersonReference(PersonAlias, "person", ("kind", "name")),
    PersonReference(PersonIdentifier, "person", ("kind", "value")),
    PersonReference(PersonAddress, "person"),
    PersonReference(WarningNote, "person"),
    PersonReference(PersonInvolvement, "person", ("agency", "team")),
    PersonReference(PersonRelationship, "person", not_to="related_person"),
    PersonReference(PersonRelationship, "related_person", not_to="person"),
]


def register_person_reference(reference: PersonReference) -> None:
    """Another app's rows that belong to a person move with a merge (call at app start-up)."""
    if reference.label not in {r.label for r in PERSON_REFERENCES}:
        PERSON_REFERENCES.append(reference)


def _movable(reference: PersonReference, duplicate: Person, kept: Person) -> list[int]:
    rows = reference.model._default_manager.filter(**{reference.field: duplicate})
    if reference.not_to:
        rows = rows.exclude(**{reference.not_to: kept})
    if reference.unique_with:
        taken = reference.model._default_manager.filter(**{reference.field: kept}).values_list(
            *reference.unique_with
        )
        clash = Q(pk__in=[])
        for values in taken:
            clash |= Q(**dict(zip(reference.unique_with, values, strict=True)))
        rows = rows.exclude(clash)
    return list(rows.values_list("pk", flat=True))


def _move(reference: PersonReference, ids: list[int], to: Person) -> None:
    if ids:
        reference.model._default_manager.filter(pk__in=ids).update(**{reference.field: to})


def _read_for_merge(actor: User, person_id: object) -> Person:
    return access_object(
        actor=actor,
        permission=Permission.PERSON_MERGE,
        queryset=Person.objects.select_for_update(),
        id=person_id,
        purpose="merge records",
        action="update",
    )


def _event(actor: User, person: Person, kind: str, title: str, merge: PersonMerge) -> None:
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=person.pk,
            kind=kind,
            occurred_at=timezone.now(),
            title=title,
            source_type="person_merge",
            source_id=merge.pk,
        ),
    )


def person_merge(*, actor: User, kept_id: object, duplicate_id: object, reason: str) -> PersonMerge:
    """Merge the duplicate into the record kept; both must be in the actor's reach."""
    reason = reason.strip()
    if len(reason) < MERGE_REASON_MIN:
        raise ServiceError(ERROR_MERGE_REASON, field="reason")
    if parse_id(kept_id) == parse_id(duplicate_id):
        raise ServiceError(ERROR_MERGE_SAME, field="duplicate")
    with transaction.atomic():
        kept = _read_for_merge(actor, kept_id)
        duplicate = _read_for_merge(actor, duplicate_id)
        if kept.merged_into_id is not None or duplicate.merged_into_id is not None:
            raise ServiceError(ERROR_ALREADY_MERGED, field="duplicate")
        moved = {}
        for reference in PERSON_REFERENCES:
            ids = _movable(reference, duplicate, kept)
            _move(reference, ids, kept)
            if ids:
                moved[reference.label] = ids
        created = {}
        kept_names = {kept.full_name.casefold()} | {
            name.casefold()
            for name in PersonAlias.objects.filter(person=kept).values_list("name", flat=True)
        }
        if duplicate.full_name.casefold() not in kept_names:
            alias = PersonAlias.objects.create(
                person=kept, kind=AliasKind.ALIAS, name=duplicate.full_name, recorded_by=actor
            )
            created[PersonAlias._meta.label] = [alias.pk]
        duplicate.merged_into = kept
        duplicate.save(update_fields=["merged_into", "updated_at"])
        merge = PersonMerge.objects.create(
            kept=kept,
            duplicate=duplicate,
            reason=reason,
            merged_by=actor,
            merged_at=timezone.now(),
            moved=moved,
            created=created,
        )
        title = f"Record {duplicate.reference} merged into {kept.reference}"
        _event(actor, kept, "record_merged", title, merge)
        audit_record(
            actor=actor,
            action="merge",
            object_type="person",
            object_id=duplicate.pk,
            detail={"kept": kept.pk, "merge": merge.pk},
        )
        index_persons([kept.pk, duplicate.pk])
    return merge


def person_unmerge(*, actor: User, merge_id: object, reason: str) -> PersonMerge:
    """Undo a wrong merge: the rows it moved go back, the name it added goes, both records
    stand again. Needs the same reach over the kept record as the merge did."""
    reason = reason.strip()
    if len(reason) < MERGE_REASON_MIN:
        raise ServiceError(ERROR_MERGE_REASON, field="reason")
    with transaction.atomic():
        merge = (
            PersonMerge.objects.select_for_update()
            .select_related("duplicate")
            .filter(pk=parse_id(merge_id))
            .first()
        )
        if merge is None:
            raise NotFound
        kept = _read_for_merge(actor, merge.kept_id)
        if merge.unmerged_at is not None:
            raise ServiceError(ERROR_UNMERGE_DONE)
        if kept.merged_into_id is not None:
            raise ServiceError(ERROR_UNMERGE_CHAIN)
        duplicate = merge.duplicate
        for reference in PERSON_REFERENCES:
            ids = merge.moved.get(reference.label, [])
            still_here = reference.model._default_manager.filter(
                pk__in=ids, **{reference.field: kept}
            ).values_list("pk", flat=True)
            _move(reference, list(still_here), duplicate)
        PersonAlias.objects.filter(pk__in=merge.created.get(PersonAlias._meta.label, [])).delete()
        duplicate.merged_into = None
        duplicate.save(update_fields=["merged_into", "updated_at"])
        merge.unmerged_by = actor
        merge.unmerged_at = timezone.now()
        merge.unmerge_reason = reason
        merge.save(update_fields=["unmerged_by", "unmerged_at", "unmerge_reason"])
        title = f"Merge of record {duplicate.reference} into {kept.reference} undone"
        for person in (kept, duplicate):
            _event(actor, person, "record_unmerged", title, merge)
        audit_record(
            actor=actor,
            action="unmerge",
            object_type="person",
            object_id=duplicate.pk,
            detail={"kept": kept.pk, "merge": merge.pk},
        )
        index_persons([kept.pk, duplicate.pk])
    return merge
