"""Reads of person records: every one scoped by the actor's grants and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from hub.platform.access import NotFound, Permission, access_object, parse_id, scoped
from hub.platform.audit import audit_record
from hub.platform.selectors import my_recent_records

from .models import Person

if TYPE_CHECKING:
    from hub.organisations.models import User

SEARCH_LIMIT = 50


def access_person(*, actor: User, id: object, purpose: str) -> Person:
    """The one read path for a person: in scope (or break-glass) and audited, else NotFound."""
    return access_object(
        actor=actor,
        permission=Permission.PERSON_VIEW,
        queryset=Person.objects.select_related("home_area"),
        id=id,
        purpose=purpose,
    )


def person_search(*, actor: User, query: str) -> list[Person]:
    """People in the actor's scope whose name or reference matches; the search is audited.

    A plain name match for now: the people issue brings fuzzy, sound-alike and date search.
    """
    terms = query.split()[:4]
    people = scoped(
        actor,
        Permission.PERSON_SEARCH,
        Person.objects.select_related("home_area"),
        include_break_glass=False,
    )
    for term in terms:
        if term[:1] in "Pp" and term[1:].isdigit():
            try:
                people = people.filter(pk=parse_id(term[1:]))
            except NotFound:  # an absurd reference matches nothing
                return []
            continue
        people = people.filter(Q(given_name__istartswith=term) | Q(family_name__istartswith=term))
    results = list(people.order_by("family_name", "given_name", "pk")[:SEARCH_LIMIT])
    audit_record(
        actor=actor,
        action="search",
        object_type="person",
        detail={"terms": len(terms), "results": len(results)},
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
