"""Writes of what the record holds beyond the person's details: other names, identifiers,
addresses, warning notes and relationships. Each reads the person through the access layer
for a change (`person_for_update`), in the transaction that makes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.organisations.selectors import area_for_postcode
from hub.people.identifiers import ERROR_NHS_NUMBER, normalise_identifier
from hub.people.models import (
    AliasKind,
    IdentifierKind,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonRelationship,
    RelationshipKind,
    WarningNote,
)
from hub.people.moves import announce_move
from hub.people.search.services import index_persons
from hub.platform.access import NotFound, Permission, parse_id, scoped
from hub.platform.services import ServiceError

from .records import AddressInput, clean_postcode, person_for_update

if TYPE_CHECKING:
    from hub.organisations.models import User

ERROR_ALIAS_NAME = "Enter the other name"
ERROR_ALIAS_EXISTS = "The person already has that name recorded"
ERROR_IDENTIFIER = "Enter the identifier, in letters and numbers only"
ERROR_IDENTIFIER_EXISTS = "The person already has that identifier recorded"
ERROR_ADDRESS_EMPTY = "Enter at least a postcode, or the first line of the address and the town"
ERROR_MOVED_IN_FUTURE = "The date they moved in must be today or in the past"
ERROR_WARNING_TEXT = "Enter what workers need to know"
ERROR_REVIEW_DATE = "The review date must be in the future"
ERROR_RELATIONSHIP_WHO = "Enter the person's name, or choose a person on the system"
ERROR_RELATIONSHIP_SELF = "A person cannot be related to themselves"
ERROR_KIND = "Select one of the options"


def alias_add(*, actor: User, person_id: object, kind: str, name: str) -> PersonAlias:
    """Record another name the person is known by (a nickname, a street name...)."""
    name = " ".join(name.split())[:200]
    if not name:
        raise ServiceError(ERROR_ALIAS_NAME, field="name")
    if kind not in AliasKind.values:
        raise ServiceError(ERROR_KIND, field="kind")
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="add other name")
        if PersonAlias.objects.filter(person=person, name__iexact=name).exists():
            raise ServiceError(ERROR_ALIAS_EXISTS, field="name")
        alias = PersonAlias.objects.create(person=person, kind=kind, name=name, recorded_by=actor)
        index_persons([person.pk])
    return alias


def alias_remove(*, actor: User, person_id: object, alias_id: object) -> None:
    """Remove another name recorded in error (the change history keeps it)."""
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="remove other name")
        alias = PersonAlias.objects.filter(person=person, pk=parse_id(alias_id)).first()
        if alias is None:
            raise NotFound
        alias.delete()
        index_persons([person.pk])


def identifier_add(
    *, actor: User, person_id: object, kind: str, value: str, agency_id: int | None = None
) -> PersonIdentifier:
    """Record an agency's identifier for the person; NHS numbers must pass their check digit."""
    if kind not in IdentifierKind.values:
        raise ServiceError(ERROR_KIND, field="kind")
    normalised = normalise_identifier(kind, value)
    if normalised is None:
        message = ERROR_NHS_NUMBER if kind == IdentifierKind.NHS_NUMBER else ERROR_IDENTIFIER
        raise ServiceError(message, field="value")
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="add identifier")
        if PersonIdentifier.objects.filter(person=person, kind=kind, value=normalised).exists():
            raise ServiceError(ERROR_IDENTIFIER_EXISTS, field="value")
        identifier = PersonIdentifier.objects.create(
            person=person, kind=kind, value=normalised, agency_id=agency_id
        )
        index_persons([person.pk])
    return identifier


def identifier_remove(*, actor: User, person_id: object, identifier_id: object) -> None:
    """Remove an identifier recorded in error (the change history keeps it)."""
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="remove identifier")
        identifier = PersonIdentifier.objects.filter(
            person=person, pk=parse_id(identifier_id)
        ).first()
        if identifier is None:
            raise NotFound
        identifier.delete()
        index_persons([person.pk])


def address_add(*, actor: User, person_id: object, address: AddressInput) -> PersonAddress:
    """Record the person's new current address: the one before it ends the day they moved,
    and the home area follows the postcode (so the right hub sees the person)."""
    postcode = clean_postcode(address.postcode)
    line, town = address.address_line.strip()[:200], address.town.strip()[:100]
    if not postcode and not (line and town):
        raise ServiceError(ERROR_ADDRESS_EMPTY, field="postcode")
    if address.moved_in and address.moved_in > timezone.localdate():
        raise ServiceError(ERROR_MOVED_IN_FUTURE, field="moved_in")
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="add address")
        area = area_for_postcode(postcode) if postcode else None
        moved_in = address.moved_in or timezone.localdate()
        for previous in PersonAddress.objects.filter(person=person, moved_out__isnull=True):
            if previous.moved_in is None or previous.moved_in <= moved_in:
                previous.moved_out = moved_in
                previous.save(update_fields=["moved_out"])
        made = PersonAddress.objects.create(
            person=person,
            address_line=line,
            town=town,
            postcode=postcode,
            area=area,
            moved_in=moved_in,
        )
        person.postcode = postcode
        from_area_id = person.home_area_id
        if area is not None:
            person.home_area = area
        person.save(update_fields=["postcode", "home_area", "updated_at"])
        index_persons([person.pk])
        if area is not None:
            announce_move(
                actor=actor, person=person, from_area_id=from_area_id, to_area=area,
                postcode=postcode,
            )  # fmt: skip
    return made


def warning_add(*, actor: User, person_id: object, text: str, review_on: date) -> WarningNote:
    """A warning every worker sees before contact (a risk to workers, say), with a review date."""
    text = text.strip()
    if not text:
        raise ServiceError(ERROR_WARNING_TEXT, field="text")
    if review_on <= timezone.localdate():
        raise ServiceError(ERROR_REVIEW_DATE, field="review_on")
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="add warning")
        return WarningNote.objects.create(
            person=person, text=text[:2000], review_on=review_on, recorded_by=actor
        )


def warning_end(*, actor: User, person_id: object, warning_id: object) -> WarningNote:
    """Take a warning down once it no longer applies (kept, marked ended)."""
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="end warning")
        warning = WarningNote.objects.filter(
            person=person, pk=parse_id(warning_id), ended_at__isnull=True
        ).first()
        if warning is None:
            raise NotFound
        warning.ended_at = timezone.now()
        warning.save(update_fields=["ended_at"])
    return warning


@dataclass(frozen=True)
class RelationshipInput:
    """Someone who matters to the person: a person on the system, or a name and contact."""

    kind: str
    name: str = ""
    related_person_id: int | None = None
    agency_id: int | None = None
    contact: str = ""
    parental_responsibility: bool = False
    notes: str = ""


def relationship_add(
    *, actor: User, person_id: object, data: RelationshipInput
) -> PersonRelationship:
    """Record a family member, carer or professional in the person's life.

    A related person on the system must be one the actor may see: the link never reveals a
    record the actor could not open.
    """
    if data.kind not in RelationshipKind.values:
        raise ServiceError(ERROR_KIND, field="kind")
    name = " ".join(data.name.split())[:200]
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="add relationship")
        related = None
        if data.related_person_id is not None:
            related = (
                scoped(actor, Permission.PERSON_VIEW, Person.objects.all())
                .filter(pk=data.related_person_id, merged_into__isnull=True)
                .first()
            )
            if related is None:
                raise ServiceError(ERROR_RELATIONSHIP_WHO, field="related_person")
            if related.pk == person.pk:
                raise ServiceError(ERROR_RELATIONSHIP_SELF, field="related_person")
        elif not name:
            raise ServiceError(ERROR_RELATIONSHIP_WHO, field="name")
        return PersonRelationship.objects.create(
            person=person,
            kind=data.kind,
            related_person=related,
            name=name or (related.full_name if related else ""),
            agency_id=data.agency_id,
            contact=data.contact.strip()[:200],
            parental_responsibility=data.parental_responsibility,
            notes=data.notes.strip()[:2000],
            recorded_by=actor,
        )


def relationship_end(
    *, actor: User, person_id: object, relationship_id: object
) -> PersonRelationship:
    """Mark a relationship as ended today (a worker who moved on, a carer no longer caring)."""
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="end relationship")
        relationship = PersonRelationship.objects.filter(
            person=person, pk=parse_id(relationship_id), ended_on__isnull=True
        ).first()
        if relationship is None:
            raise NotFound
        relationship.ended_on = timezone.localdate()
        relationship.save(update_fields=["ended_on"])
    return relationship
