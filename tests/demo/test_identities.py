"""The synthetic region's other names, identifiers and address histories, and its search index."""

from __future__ import annotations

from collections import Counter
from datetime import date
from random import Random

import pytest

from hub.demo.generator import BuildOptions, region_build
from hub.demo.generator.identities import (
    LA_NUMBERS,
    nhs_number,
    nickname,
    other_spelling,
    typo,
    upn,
)
from hub.organisations.models import Agency
from hub.people.identifiers import nhs_number_is_valid
from hub.people.models import (
    AliasKind,
    IdentifierKind,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonInvolvement,
    PersonNameToken,
)
from hub.people.search.services import index_counts
from hub.platform.places import area_code_for_postcode

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 1)
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


@pytest.fixture
def small_region():
    return region_build(options=BuildOptions(size="small", seed=1, as_of=AS_OF))


def test_persons_have_about_two_aliases_of_every_kind(small_region):
    persons = Person.objects.count()
    aliases = PersonAlias.objects.count()
    assert aliases >= 2 * persons  # region size: 200,000 persons, 400,000 aliases or more
    assert aliases < 2.5 * persons
    kinds = Counter(PersonAlias.objects.values_list("kind", flat=True))
    assert set(kinds) == set(AliasKind.values)
    assert kinds[AliasKind.OTHER_SPELLING] > kinds[AliasKind.ALIAS]
    assert small_region.counts["aliases"] == aliases


def test_no_alias_repeats_the_persons_own_name(small_region):
    for person_id, name in PersonAlias.objects.values_list("person_id", "name")[:2000]:
        person = Person.objects.get(pk=person_id)
        assert name.casefold() != f"{person.given_name} {person.family_name}".casefold()


def test_nhs_numbers_are_valid_unique_and_held_by_most(small_region):
    numbers = list(
        PersonIdentifier.objects.filter(kind=IdentifierKind.NHS_NUMBER).values_list(
            "value", flat=True
        )
    )
    assert all(nhs_number_is_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert 0.85 * Person.objects.count() <= len(numbers) <= 0.95 * Person.objects.count()


def test_police_ids_only_for_people_known_to_the_police(small_region):
    police_known = set(
        PersonInvolvement.objects.filter(agency__kind=Agency.Kind.POLICE).values_list(
            "person_id", flat=True
        )
    )
    with_id = set(
        PersonIdentifier.objects.filter(kind=IdentifierKind.POLICE).values_list(
            "person_id", flat=True
        )
    )
    assert with_id and with_id <= police_known


def test_unique_pupil_numbers_carry_the_area_and_a_valid_check_letter(small_region):
    upns = PersonIdentifier.objects.filter(kind=IdentifierKind.EDUCATION_UPN).select_related(
        "person__home_area"
    )
    assert upns.exists()
    for identifier in upns:
        value = identifier.value
        total = sum(int(d) * w for d, w in zip(value[1:], range(2, 14), strict=True))
        assert value[0] == _UPN_LETTERS[total % 23]
        assert int(value[1:4]) == LA_NUMBERS[identifier.person.home_area.slug]


def test_addresses_have_real_postcodes_and_a_consistent_history(small_region):
    assert PersonAddress.objects.filter(moved_out__isnull=True).count() == Person.objects.count()
    for address in PersonAddress.objects.select_related("area")[:3000]:
        assert area_code_for_postcode(address.postcode) is not None
        if address.area.in_region:
            assert area_code_for_postcode(address.postcode) == address.area.code
    previous = PersonAddress.objects.filter(moved_out__isnull=False)
    assert previous.count() > 0.3 * Person.objects.count()
    for address in previous.select_related("person")[:500]:
        current = PersonAddress.objects.get(person=address.person, moved_out__isnull=True)
        assert address.moved_in < address.moved_out == current.moved_in
        if address.person.date_of_birth:
            assert address.moved_in >= address.person.date_of_birth


def test_the_build_leaves_a_search_index_of_everybody(small_region):
    counts = index_counts()
    assert counts["postings_given"] >= Person.objects.count()  # "Mary Grace": two tokens
    assert counts["postings_alias"] > Person.objects.count()
    indexed = PersonNameToken.objects.values("person_id").distinct().count()
    assert indexed == Person.objects.count()
    assert small_region.counts["search_postings"] == counts["postings"]


class _Rollback(Exception):
    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows


def first_aliases(seed: int) -> list[tuple]:
    """Build a tiny region, note its first aliases and identifiers, and roll it all back."""
    from django.db import transaction

    try:
        with transaction.atomic():
            region_build(options=BuildOptions(size="tiny", seed=seed, as_of=AS_OF))
            raise _Rollback(
                list(PersonAlias.objects.order_by("pk").values_list("kind", "name")[:30])
                + list(PersonIdentifier.objects.order_by("pk").values_list("kind", "value")[:30])
                + list(
                    PersonAddress.objects.order_by("pk").values_list("postcode", "moved_in")[:30]
                )
            )
    except _Rollback as done:
        return done.rows


def test_the_same_seed_makes_the_same_identities():
    first = first_aliases(seed=5)
    assert first_aliases(seed=5) == first
    assert first_aliases(seed=6) != first


def test_slips_and_other_spellings_look_like_real_ones():
    rng = Random(1)
    assert typo(rng, "Al") == "Al"  # too short to slip recognisably
    slips = {typo(rng, "Kayden") for _ in range(200)}
    assert "Kayden" not in slips or len(slips) > 20
    assert all(slip[0] == "K" for slip in slips if slip != "Kayden")
    spellings = {other_spelling(rng, "Mohammed") for _ in range(100)}
    assert {"Muhammad", "Mohamed"} & spellings
    assert nickname(rng, "Thomas") in ("Tom", "Tommy")
    assert nickname(rng, "Vrishti") == "Vris"
    assert nickname(rng, "Noah") == "Noz"


def test_generated_numbers_pass_their_checks():
    rng = Random(2)
    assert all(nhs_number_is_valid(nhs_number(rng)) for _ in range(500))
    value = upn(rng, 330, 2016)
    total = sum(int(d) * w for d, w in zip(value[1:], range(2, 14), strict=True))
    assert value[0] == _UPN_LETTERS[total % 23] and value[1:4] == "330"
