"""Writes of the person record itself: creating a person and changing their details."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.organisations.selectors import area_for_postcode, team_for_grant
from hub.people.identifiers import ERROR_NHS_NUMBER, normalise_identifier
from hub.people.models import (
    AliasKind,
    CareStatus,
    EducationStatus,
    Ethnicity,
    Gender,
    IdentifierKind,
    ImmigrationStatus,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonInvolvement,
    SenStatus,
    Vulnerability,
)
from hub.people.search.services import index_persons
from hub.platform.access import Permission, access_object, require_permission
from hub.platform.audit import audit_record
from hub.platform.places import normalise_postcode
from hub.platform.services import ServiceError, submit_once

if TYPE_CHECKING:
    from hub.organisations.models import User

EARLIEST_BIRTH_YEAR = 1900
NAME_MAX = 100
ERROR_GIVEN_NAME = "Enter the person's first name (write 'Unknown' if it is not known)"
ERROR_FAMILY_NAME = "Enter the person's last name (write 'Unknown' if it is not known)"
ERROR_NAME_TOO_LONG = f"Names must be {NAME_MAX} characters or fewer"
ERROR_DOB_FUTURE = "Date of birth must be today or in the past"
ERROR_DOB_TOO_EARLY = f"Date of birth must be after {EARLIEST_BIRTH_YEAR}"
ERROR_POSTCODE = "Enter a real postcode, like B1 1AA, or leave it blank"
ERROR_CHOICE = "Select one of the options"
ERROR_MERGED = "This record was merged into another. Make changes on the record that was kept"


@dataclass(frozen=True)
class PersonDetails:
    """The person's own details, as a form or another system gives them."""

    given_name: str
    family_name: str
    date_of_birth: date | None = None
    date_of_birth_estimated: bool = False
    gender: str = Gender.NOT_KNOWN
    ethnicity: str = Ethnicity.NOT_KNOWN
    nationality: str = ""
    immigration_status: str = ImmigrationStatus.NOT_KNOWN
    first_language: str = ""
    interpreter_needed: bool = False
    disability: str = ""
    sen_status: str = SenStatus.NOT_KNOWN
    care_status: str = CareStatus.NOT_KNOWN
    education_status: str = EducationStatus.NOT_KNOWN
    vulnerabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddressInput:
    """An address: any part may be blank; the postcode, if given, must be a real one."""

    address_line: str = ""
    town: str = ""
    postcode: str = ""
    moved_in: date | None = None


@dataclass(frozen=True)
class NewPerson:
    """Everything known about a person when their record is first made."""

    details: PersonDetails
    other_names: tuple[str, ...] = ()
    address: AddressInput | None = None
    nhs_number: str = ""


_CHOICES = {
    "gender": Gender,
    "ethnicity": Ethnicity,
    "immigration_status": ImmigrationStatus,
    "sen_status": SenStatus,
    "care_status": CareStatus,
    "education_status": EducationStatus,
}
DETAIL_FIELDS = tuple(f.name for f in fields(PersonDetails))


def check_date_of_birth(born: date | None, *, today: date | None = None) -> str | None:
    """Why a date of birth can't be right, or None when it can."""
    if born is None:
        return None
    if born > (today or timezone.localdate()):
        return ERROR_DOB_FUTURE
    if born.year < EARLIEST_BIRTH_YEAR:
        return ERROR_DOB_TOO_EARLY
    return None


def clean_details(details: PersonDetails) -> PersonDetails:
    """The details trimmed and checked; ServiceError names the first wrong field."""
    given, family = details.given_name.strip(), details.family_name.strip()
    if not given:
        raise ServiceError(ERROR_GIVEN_NAME, field="given_name")
    if not family:
        raise ServiceError(ERROR_FAMILY_NAME, field="family_name")
    for name, value in (("given_name", given), ("family_name", family)):
        if len(value) > NAME_MAX:
            raise ServiceError(ERROR_NAME_TOO_LONG, field=name)
    problem = check_date_of_birth(details.date_of_birth)
    if problem:
        raise ServiceError(problem, field="date_of_birth")
    for name, choices in _CHOICES.items():
        if getattr(details, name) not in choices.values:
            raise ServiceError(ERROR_CHOICE, field=name)
    if not set(details.vulnerabilities) <= set(Vulnerability.values):
        raise ServiceError(ERROR_CHOICE, field="vulnerabilities")
    return PersonDetails(
        **{
            **{name: getattr(details, name) for name in DETAIL_FIELDS},
            "given_name": given,
            "family_name": family,
            "nationality": details.nationality.strip()[:60],
            "first_language": details.first_language.strip()[:60],
            "disability": details.disability.strip()[:200],
            "vulnerabilities": tuple(sorted(set(details.vulnerabilities))),
            "date_of_birth_estimated": details.date_of_birth is not None
            and details.date_of_birth_estimated,
        }
    )


def clean_postcode(raw: str, *, field: str = "postcode") -> str:
    """The canonical postcode, '' for none, or ServiceError for something that is not one."""
    if not raw.strip():
        return ""
    canonical = normalise_postcode(raw)
    if canonical is None:
        raise ServiceError(ERROR_POSTCODE, field=field)
    return canonical


def _apply(person: Person, details: PersonDetails) -> None:
    for name in DETAIL_FIELDS:
        value = getattr(details, name)
        setattr(person, name, list(value) if name == "vulnerabilities" else value)


def person_create(*, actor: User, data: NewPerson, token: str = "") -> Person:
    """Make a person's record, known to the actor's team, and index it for search.

    The home area comes from the postcode (the region's area it lies in, or "outside the
    region"); without a known postcode it is the area of the actor's team. With a form's
    `token`, a second submission of the same form returns the record the first one made.
    """
    require_permission(actor, Permission.PERSON_CREATE)
    if token:
        with transaction.atomic():
            person_id, _ = submit_once(
                actor=actor,
                token=token,
                object_type="person",
                create=lambda: person_create(actor=actor, data=data),
            )
            return Person.objects.get(pk=person_id)
    details = clean_details(data.details)
    address = data.address or AddressInput()
    postcode = clean_postcode(address.postcode)
    nhs_number = ""
    if data.nhs_number.strip():
        nhs_number = normalise_identifier(IdentifierKind.NHS_NUMBER, data.nhs_number) or ""
        if not nhs_number:
            raise ServiceError(ERROR_NHS_NUMBER, field="nhs_number")
    team = team_for_grant(actor=actor, permission=Permission.PERSON_CREATE)
    if team is None:  # pragma: no cover (require_permission passed, so a grant exists)
        raise ServiceError("You are not in a team that may record people")
    home_area = (area_for_postcode(postcode) if postcode else None) or team.area
    with transaction.atomic():
        person = Person(home_area=home_area, postcode=postcode, created_by=actor)
        _apply(person, details)
        person.save()
        if address.address_line.strip() or address.town.strip() or postcode:
            PersonAddress.objects.create(
                person=person,
                address_line=address.address_line.strip()[:200],
                town=address.town.strip()[:100],
                postcode=postcode,
                area=home_area if postcode else None,
                moved_in=address.moved_in,
            )
        own = {
            details.given_name,
            details.family_name,
            f"{details.given_name} {details.family_name}",
        }
        own_folded = {name.casefold() for name in own}
        for name in dict.fromkeys(" ".join(n.split())[:200] for n in data.other_names):
            if name and name.casefold() not in own_folded:
                PersonAlias.objects.create(
                    person=person, kind=AliasKind.ALIAS, name=name, recorded_by=actor
                )
        if nhs_number:
            PersonIdentifier.objects.create(
                person=person, kind=IdentifierKind.NHS_NUMBER, value=nhs_number
            )
        PersonInvolvement.objects.create(
            person=person, agency_id=team.agency_id, team=team, since=timezone.localdate()
        )
        audit_record(actor=actor, action="create", object_type="person", object_id=person.pk)
        index_persons([person.pk])
    return person


def person_for_update(*, actor: User, person_id: object, purpose: str) -> Person:
    """A person the actor may change, read through the access layer and logged as a change
    (call inside the transaction that makes the change). A merged record is read-only."""
    person = access_object(
        actor=actor,
        permission=Permission.PERSON_UPDATE,
        queryset=Person.objects.select_for_update(),
        id=person_id,
        purpose=purpose,
        action="update",
    )
    if person.merged_into_id is not None:
        raise ServiceError(ERROR_MERGED)
    return person


def person_update(*, actor: User, person_id: object, details: PersonDetails) -> Person:
    """Change a person's details; the change history keeps what they were."""
    details = clean_details(details)
    with transaction.atomic():
        person = person_for_update(actor=actor, person_id=person_id, purpose="change details")
        names_before = (person.given_name, person.family_name, person.date_of_birth)
        _apply(person, details)
        person.save(update_fields=[*DETAIL_FIELDS, "updated_at"])
        if names_before != (person.given_name, person.family_name, person.date_of_birth):
            index_persons([person.pk])
    return person
