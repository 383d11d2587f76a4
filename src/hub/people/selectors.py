"""Reads of person records: every one scoped by the actor's grants and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from hub.platform.access import Permission, access_object, scoped
from hub.platform.audit import audit_record
from hub.platform.selectors import my_recent_records

from .models import Person

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


def person_search(*, actor: User, query: str) -> list[Person]:
    """People in the actor's scope who best match the query, best first; the search is audited.

    Names and aliases (misspelt, sound-alike, in either order), dates of birth (full or
    partial, day and month either way round), identifiers, postcodes and record references
    (see `hub.people.search`). The audit row says how many terms of each kind and how many
    results, never the words searched for.
    """
    from django.db import transaction

    from .search.query import parse_query
    from .search.selectors import rank_people

    parsed = parse_query(query)
    people = scoped(
        actor,
        Permission.PERSON_SEARCH,
        Person.objects.select_related("home_area"),
        include_break_glass=False,
    )
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
