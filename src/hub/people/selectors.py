"""Reads of person records: every one scoped by the actor's grants and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hub.platform.access import Permission, access_object, permissions_reaching, scoped
from hub.platform.audit import audit_record
from hub.platform.chronology import event_filters_for, events_for
from hub.platform.models import ChronologyEvent
from hub.platform.selectors import my_recent_records

from .models import (
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonInvolvement,
    PersonMerge,
    PersonRelationship,
    Vulnerability,
    WarningNote,
)

if TYPE_CHECKING:
    from hub.organisations.models import User

SEARCH_LIMIT = 50


def access_person(*, actor: User, id: object, purpose: str, action: str = "view") -> Person:
    """The one read path for a person: in scope (or break-glass) and audited, else NotFound.
    `action` says what the read is for in the log: "view", or "print" for a printed copy."""
    return access_object(
        actor=actor,
        permission=Permission.PERSON_VIEW,
        queryset=Person.objects.select_related("home_area"),
        id=id,
        purpose=purpose,
        action=action,
    )


def _searchable(actor: User) -> QuerySet[Person]:
    """The persons the actor may search: in scope, and not merged into another record."""
    return scoped(
        actor,
        Permission.PERSON_SEARCH,
        Person.objects.select_related("home_area").filter(merged_into__isnull=True),
        include_break_glass=False,
    )


def person_search(*, actor: User, query: str) -> list[Person]:
    """People in the actor's scope who best match the query, best first; the search is audited.

    Names and aliases (misspelt, sound-alike, in either order), dates of birth (full or
    partial, day and month either way round), identifiers, postcodes and record references
    (see `hub.people.search`). The audit row says how many terms of each kind and how many
    results, never the words searched for.
    """
    from .search.query import parse_query
    from .search.selectors import rank_people

    parsed = parse_query(query)
    people = _searchable(actor)
    with transaction.atomic():
        results = rank_people(parsed=parsed, people=people, limit=SEARCH_LIMIT)
        counts = parsed.counts()
        audit_record(
            actor=actor,
            action="search",
            object_type="person",
            detail={"terms": sum(counts.values()), **counts, "results": len(results)},
        )
    return results


def recently_viewed_people(*, actor: User, limit: int = 10) -> list[Person]:
    """People the actor opened lately and may still see, most recent first.

    Like search results, the list is logged as one row with its length: a name in a list is
    a read, but not an opening of the record (each of those was logged when it happened).
    """
    ids = my_recent_records(actor=actor, object_type="person", limit=limit)
    if not ids:
        return []
    visible: QuerySet[Person] = scoped(actor, Permission.PERSON_VIEW, Person.objects.all())
    by_id = {person.pk: person for person in visible.filter(pk__in=ids)}
    people = [by_id[pk] for pk in ids if pk in by_id]
    audit_record(
        actor=actor,
        action="list",
        object_type="person",
        purpose="my work: recently viewed",
        detail={"results": len(people)},
    )
    return people


# A match this strong (two names alike, or one name and the date of birth, or an identifier)
# is shown as a possible duplicate before a new record is saved.
DUPLICATE_MIN_SCORE = 1.6
DUPLICATES_SHOWN = 5


@dataclass(frozen=True)
class DuplicateQuery:
    """What is typed for a new person, to look for them before a record is made."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    postcode: str = ""
    nhs_number: str = ""

    def text(self) -> str:
        born = self.date_of_birth.strftime("%d/%m/%Y") if self.date_of_birth else ""
        parts = (self.given_name, self.family_name, born, self.postcode, self.nhs_number)
        return " ".join(part.strip() for part in parts if part.strip())


def person_possible_duplicates(*, actor: User, query: DuplicateQuery) -> list[Person]:
    """Persons in the actor's scope who may be the person about to be recorded, best first.

    Logged as a search, as the search box is. Only persons the actor may search are shown:
    the hub finds duplicates across agencies when it triages (merge, below).
    """
    from .search.query import parse_query
    from .search.selectors import rank_people_scored

    parsed = parse_query(query.text())
    with transaction.atomic():
        scored = rank_people_scored(parsed=parsed, people=_searchable(actor), limit=20)
        found = [person for person, score in scored if score >= DUPLICATE_MIN_SCORE]
        audit_record(
            actor=actor,
            action="search",
            object_type="person",
            purpose="possible duplicates",
            detail={**parsed.counts(), "results": len(found[:DUPLICATES_SHOWN])},
        )
    return found[:DUPLICATES_SHOWN]


@dataclass(frozen=True)
class PersonRecord:
    """A person's record as its page shows it, read once through the access layer."""

    person: Person
    age: int | None
    is_child: bool | None
    turning_adult_soon: bool
    vulnerabilities: list[str]
    warnings: list[WarningNote]
    aliases: list[PersonAlias]
    identifiers: list[PersonIdentifier]
    addresses: list[PersonAddress]
    relationships: list[PersonRelationship]
    involvements: list[PersonInvolvement]
    merges: list[PersonMerge]
    can_update: bool
    can_merge: bool


def person_record(*, actor: User, person_id: object) -> PersonRecord:
    """Everything the person page shows, in one audited read of the record."""
    person = access_person(actor=actor, id=person_id, purpose="view record")
    today = timezone.localdate()
    may = (
        permissions_reaching(actor, person, [Permission.PERSON_UPDATE, Permission.PERSON_MERGE])
        if person.merged_into_id is None
        else set()
    )
    return PersonRecord(
        person=person,
        age=person.age_on(today),
        is_child=person.is_child_on(today),
        turning_adult_soon=person.turning_adult_soon(today),
        vulnerabilities=[
            Vulnerability(code).label
            for code in person.vulnerabilities
            if code in Vulnerability.values
        ],
        warnings=list(person.warnings.filter(ended_at__isnull=True).select_related("recorded_by")),
        aliases=list(person.aliases.all()),
        identifiers=list(person.identifiers.select_related("agency")),
        addresses=list(person.addresses.select_related("area")),
        relationships=list(
            person.relationships.select_related("agency", "related_person").order_by(
                "ended_on", "kind", "pk"
            )
        ),
        involvements=list(person.involvements.select_related("agency", "team").order_by("since")),
        merges=list(
            PersonMerge.objects.filter(kept=person, unmerged_at__isnull=True).select_related(
                "duplicate", "merged_by"
            )
        ),
        can_update=Permission.PERSON_UPDATE in may,
        can_merge=Permission.PERSON_MERGE in may,
    )


def merged_ids(person: Person) -> list[int]:
    """The record and every record merged into it (and into those), for its timeline."""
    ids, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids += frontier
    return ids


def merged_ids_of(person_ids: list[int]) -> dict[int, list[int]]:
    """For each of these records, itself and every record merged into it (and into those), as
    merged_ids gives for one: one query a level of merging, however many records."""
    root_of = {pk: pk for pk in person_ids}
    frontier = list(root_of)
    while frontier:
        rows = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", "merged_into_id")
        )
        frontier = []
        for pk, into in rows:
            if pk not in root_of:  # one of the records asked about is its own timeline
                root_of[pk] = root_of[into]
                frontier.append(pk)
    found: dict[int, list[int]] = {pk: [] for pk in person_ids}
    for pk, root in root_of.items():
        found[root].append(pk)
    return found


def person_chronology(
    *, actor: User, person: Person, kinds: list[str] | None = None, agency_id: int | None = None
) -> tuple[list[ChronologyEvent], list[tuple[str, str]], list[tuple[int, str]]]:
    """The events the actor may read about a person (already read through `access_person`),
    with the kinds and agencies among them for the filters. Events of records merged into
    this one are part of its timeline."""
    ids = merged_ids(person)
    events = events_for(
        actor=actor, subject_type="person", subject_ids=ids, kinds=kinds, agency_id=agency_id
    )
    kind_choices, agency_choices = event_filters_for(
        actor=actor, subject_type="person", subject_ids=ids
    )
    return list(events), kind_choices, agency_choices


def merge_for_undo(*, actor: User, merge_id: object) -> PersonMerge:
    """A live merge whose kept record the actor may merge (so may unmerge)."""
    from hub.platform.access import NotFound, parse_id

    merge = (
        PersonMerge.objects.filter(pk=parse_id(merge_id), unmerged_at__isnull=True)
        .select_related("kept", "duplicate", "merged_by")
        .first()
    )
    if merge is None:
        raise NotFound
    reach = scoped(actor, Permission.PERSON_MERGE, Person.objects.filter(pk=merge.kept_id))
    if not reach.exists():
        raise NotFound
    return merge
