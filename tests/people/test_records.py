"""Making and changing person records: the rules live in the services, every change is
scoped, audited and indexed, and bad input names the field that is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hub.people.identifiers import ERROR_NHS_NUMBER
from hub.people.models import AliasKind, IdentifierKind, Person, PersonAddress, PersonAlias
from hub.people.selectors import DuplicateQuery, person_possible_duplicates, person_search
from hub.people.services import (
    AddressInput,
    NewPerson,
    PersonDetails,
    RelationshipInput,
    address_add,
    alias_add,
    identifier_add,
    person_create,
    person_update,
    relationship_add,
    warning_add,
)
from hub.people.services.details import ERROR_ALIAS_EXISTS, ERROR_RELATIONSHIP_WHO
from hub.people.services.records import (
    ERROR_DOB_FUTURE,
    ERROR_DOB_TOO_EARLY,
    ERROR_GIVEN_NAME,
    ERROR_POSTCODE,
)
from hub.platform.access import NotFound, PermissionDenied
from hub.platform.models import AccessLogEntry
from hub.platform.services import ServiceError

from ..factories import AreaFactory

pytestmark = pytest.mark.django_db

NHS_NUMBER = "4857773457"


def new(given="Kayden", family="Smith", **details) -> NewPerson:
    extra = {k: details.pop(k) for k in ("other_names", "address", "nhs_number") if k in details}
    return NewPerson(
        details=PersonDetails(given_name=given, family_name=family, **details), **extra
    )


def test_a_new_person_is_placed_by_postcode_known_to_the_team_audited_and_found(world):
    person = person_create(
        actor=world.bham_hub_practitioner,
        data=new(
            date_of_birth=dt.date(2010, 4, 3),
            other_names=("K-Dog", "Kayden Smith", "K-Dog"),
            address=AddressInput(address_line="1 High St", town="Coventry", postcode="cv1 5fb"),
            nhs_number="485 777 3457",
        ),
    )
    assert person.home_area == world.coventry  # the postcode's area, not the team's
    assert person.postcode == "CV1 5FB"
    assert list(person.aliases.values_list("name", flat=True)) == ["K-Dog"]
    assert person.identifiers.get().value == NHS_NUMBER
    assert person.addresses.get().area == world.coventry
    assert person.involvements.get().team == world.bham_hub
    assert AccessLogEntry.objects.filter(action="create", object_id=person.pk).exists()
    # Indexed at once: the misspelt alias finds them.
    assert person in person_search(actor=world.bham_hub_practitioner, query="K Dogg")


def test_without_a_postcode_the_person_lives_in_the_teams_area(world):
    person = person_create(actor=world.bham_school_practitioner, data=new())
    assert person.home_area == world.birmingham
    assert person.created_by == world.bham_school_practitioner


def test_a_real_postcode_outside_the_region_goes_to_the_outside_area(world):
    outside = AreaFactory(
        code="OUTSIDE", name="Outside the region", slug="outside", in_region=False
    )
    person = person_create(
        actor=world.bham_hub_practitioner, data=new(address=AddressInput(postcode="SW1A 1AA"))
    )
    assert person.home_area == outside


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (new(given="  "), "given_name", ERROR_GIVEN_NAME),
        (
            new(date_of_birth=dt.date.today() + dt.timedelta(days=1)),
            "date_of_birth",
            ERROR_DOB_FUTURE,
        ),
        (new(date_of_birth=dt.date(1850, 1, 1)), "date_of_birth", ERROR_DOB_TOO_EARLY),
        (new(address=AddressInput(postcode="not a postcode")), "postcode", ERROR_POSTCODE),
        (new(nhs_number="4857773456"), "nhs_number", ERROR_NHS_NUMBER),
        (new(gender="wizard"), "gender", "Select one of the options"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, data, field, message):
    before = Person.objects.count()
    with pytest.raises(ServiceError) as raised:
        person_create(actor=world.bham_hub_practitioner, data=data)
    assert (raised.value.field, raised.value.message) == (field, message)
    assert Person.objects.count() == before


def test_a_double_submission_of_one_form_makes_one_record(world):
    token = "form-token-0123456789abcdef"
    first = person_create(actor=world.bham_hub_practitioner, data=new(), token=token)
    second = person_create(actor=world.bham_hub_practitioner, data=new(), token=token)
    assert first.pk == second.pk
    assert Person.objects.filter(given_name="Kayden").count() == 1
    # Someone else's token is refused, never answered with their record.
    with pytest.raises(ServiceError):
        person_create(actor=world.cov_hub_practitioner, data=new(), token=token)


def test_roles_without_create_are_refused(world):
    with pytest.raises(PermissionDenied):
        person_create(actor=world.dpo, data=new())


def test_possible_duplicates_are_the_strong_matches_in_scope(world):
    hub = world.bham_hub_practitioner
    kayden = person_create(actor=hub, data=new(date_of_birth=dt.date(2010, 4, 3)))
    person_create(actor=hub, data=new(given="Brandon", family="Okoro"))
    found = person_possible_duplicates(
        actor=hub,
        query=DuplicateQuery(
            given_name="Kaiden", family_name="Smyth", date_of_birth=dt.date(2010, 4, 3)
        ),
    )
    assert found == [kayden]
    # Coventry's hub can't see Birmingham's Kayden, so is not shown him.
    assert (
        person_possible_duplicates(
            actor=world.cov_hub_practitioner,
            query=DuplicateQuery(given_name="Kayden", family_name="Smith"),
        )
        == []
    )
    logged = AccessLogEntry.objects.filter(purpose="possible duplicates").first()
    assert logged.action == "search" and "Kaiden" not in str(logged.detail)


def test_changing_details_is_scoped_kept_in_history_and_reindexed(world):
    person = world.bham_person
    details = PersonDetails(given_name="Aaliya", family_name="Begum", gender="female")
    person_update(actor=world.bham_hub_practitioner, person_id=person.pk, details=details)
    person.refresh_from_db()
    assert person.given_name == "Aaliya" and person.gender == "female"
    assert person.history.count() >= 2
    assert person in person_search(actor=world.bham_hub_practitioner, query="Aaliya Begum")
    with pytest.raises(NotFound):
        person_update(actor=world.cov_hub_practitioner, person_id=person.pk, details=details)
    assert AccessLogEntry.objects.filter(action="update", object_id=person.pk).count() == 1


def test_other_names_identifiers_and_relationships(world):
    hub, person = world.bham_hub_practitioner, world.bham_person
    alias_add(actor=hub, person_id=person.pk, kind=AliasKind.STREET_NAME, name="  Lil   A ")
    assert PersonAlias.objects.get(person=person).name == "Lil A"
    with pytest.raises(ServiceError, match=ERROR_ALIAS_EXISTS):
        alias_add(actor=hub, person_id=person.pk, kind=AliasKind.NICKNAME, name="lil a")
    with pytest.raises(ServiceError) as raised:
        identifier_add(actor=hub, person_id=person.pk, kind=IdentifierKind.NHS_NUMBER, value="123")
    assert raised.value.field == "value"
    identifier_add(actor=hub, person_id=person.pk, kind=IdentifierKind.POLICE, value="pnc 12/345")
    assert person.identifiers.get().value == "PNC12/345"
    # A related person must be one the actor may see: Coventry's Kaiden is not.
    with pytest.raises(ServiceError, match=ERROR_RELATIONSHIP_WHO):
        relationship_add(
            actor=hub,
            person_id=person.pk,
            data=RelationshipInput(kind="sibling", related_person_id=world.cov_person.pk),
        )
    mother = relationship_add(
        actor=hub,
        person_id=person.pk,
        data=RelationshipInput(kind="mother", name="Nadia Begum", parental_responsibility=True),
    )
    assert mother.parental_responsibility and mother.recorded_by == hub


def test_a_new_address_ends_the_last_and_moves_the_home_area(world):
    hub, person = world.bham_hub_practitioner, world.bham_person
    first = address_add(
        actor=hub,
        person_id=person.pk,
        address=AddressInput(postcode="B1 1AA", moved_in=dt.date(2020, 1, 1)),
    )
    address_add(actor=hub, person_id=person.pk, address=AddressInput(postcode="CV1 5FB"))
    first.refresh_from_db()
    person.refresh_from_db()
    assert first.moved_out == timezone.localdate()
    assert person.home_area == world.coventry and person.postcode == "CV1 5FB"
    assert PersonAddress.objects.filter(person=person, moved_out__isnull=True).count() == 1


def test_a_warning_needs_a_future_review_date(world):
    with pytest.raises(ServiceError) as raised:
        warning_add(
            actor=world.bham_hub_practitioner,
            person_id=world.bham_person.pk,
            text="Dog at the address",
            review_on=timezone.localdate(),
        )
    assert raised.value.field == "review_on"
