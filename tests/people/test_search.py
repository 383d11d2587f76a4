"""Find before you create: one search box across names, aliases, dates of birth, identifiers
and postcodes, forgiving of slips and sound-alikes, and only ever within the searcher's scope."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hub.people.models import (
    AliasKind,
    IdentifierKind,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonNameToken,
    PersonSearchKey,
    SearchTerm,
)
from hub.people.search.services import index_counts, index_persons, reindex_all
from hub.people.selectors import SEARCH_LIMIT, person_search
from hub.platform.models import AccessLogEntry

from ..factories import person_known_to

pytestmark = pytest.mark.django_db

NHS_NUMBER = "4857773457"  # valid check digit (the example on the NHS number form)


@pytest.fixture
def people(world):
    """Birmingham persons with look-alike names, and the index built over everybody."""
    hub = world.bham_hub
    made = {
        "kayden": person_known_to(
            hub,
            given_name="Kayden",
            family_name="Smith",
            date_of_birth=dt.date(2010, 4, 3),
            postcode="B1 1AA",
        ),
        "kayden_2012": person_known_to(
            hub, given_name="Kayden", family_name="Smith", date_of_birth=dt.date(2012, 9, 21)
        ),
        "jayden": person_known_to(
            hub, given_name="Jayden", family_name="Smith", date_of_birth=dt.date(2010, 4, 3)
        ),
        "kayla": person_known_to(
            hub, given_name="Kayla", family_name="Smart", date_of_birth=dt.date(2009, 1, 5)
        ),
        "mohammed": person_known_to(
            hub, given_name="Mohammed", family_name="Khan", date_of_birth=dt.date(2008, 11, 30)
        ),
        "mohammed_ali": person_known_to(
            hub, given_name="Mohammed", family_name="Ali", date_of_birth=dt.date(2007, 2, 14)
        ),
        "stephen": person_known_to(
            hub, given_name="Stephen", family_name="Jones", date_of_birth=dt.date(2006, 6, 6)
        ),
        "steven": person_known_to(
            hub, given_name="Steven", family_name="Johns", date_of_birth=dt.date(1999, 3, 1)
        ),
        "oneil": person_known_to(hub, given_name="Siobhan", family_name="O'Neil"),
        "begum_khan": person_known_to(hub, given_name="Amina", family_name="Begum-Khan"),
        "zoe": person_known_to(hub, given_name="Zoë", family_name="Łukasz"),
    }
    tyler = world.school_person
    PersonAlias.objects.create(person=tyler, kind=AliasKind.STREET_NAME, name="Lil Ghost")
    PersonAlias.objects.create(person=tyler, kind=AliasKind.PREVIOUS_NAME, name="Tyler Okafor")
    PersonIdentifier.objects.create(
        person=made["mohammed"], kind=IdentifierKind.NHS_NUMBER, value=NHS_NUMBER
    )
    PersonIdentifier.objects.create(
        person=made["stephen"], kind=IdentifierKind.POLICE, value="09/123456A"
    )
    PersonAddress.objects.create(person=made["stephen"], postcode="B23 5TH", town="Birmingham")
    PersonIdentifier.objects.create(
        person=world.cov_person, kind=IdentifierKind.NHS_NUMBER, value="9434765919"
    )
    reindex_all()
    made["tyler"] = tyler
    return made


def found(actor, query: str) -> list[int]:
    return [person.pk for person in person_search(actor=actor, query=query)]


def top3(actor, query: str) -> list[int]:
    return found(actor, query)[:3]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("Kaydne Smith 3/4/2010", "kayden"),  # two letters swapped
        ("Kayden Smth 3/4/2010", "kayden"),  # a letter left out
        ("Kaydden Smitth 3/4/2010", "kayden"),  # two letters doubled
        ("Mohamad Kahn", "mohammed"),  # two slips in the given name, a swap in the family
        ("Stepehn Jnoes", "stephen"),
    ],
)
def test_misspelt_names_find_the_person(world, people, query, who):
    assert found(world.bham_hub_practitioner, query)[0] == people[who].pk


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("Kaiden Smith 2010", "kayden"),
        ("Caden Smyth 2010", "kayden"),
        ("Muhammad Khan", "mohammed"),
        ("Mohamed Khan", "mohammed"),
        ("Aliyah Begum", None),  # world's Aaliyah Begum
        ("Steven Jones", "stephen"),
    ],
)
def test_sound_alike_names_find_the_person(world, people, query, who):
    person = people[who] if who else world.bham_person
    assert person.pk in top3(world.bham_hub_practitioner, query)


def test_given_and_family_name_in_either_order(world, people):
    actor = world.bham_hub_practitioner
    assert found(actor, "Smith Kayden 3/4/2010")[0] == people["kayden"].pk
    assert found(actor, "Khan, Mohammed")[0] == people["mohammed"].pk


@pytest.mark.parametrize(
    "date_text",
    ["3/4/2010", "03/04/2010", "2010-04-03", "03-04-10", "3 April 2010", "3rd Apr 2010"],
)
def test_a_full_date_of_birth_in_any_common_form_picks_the_right_one(world, people, date_text):
    results = found(world.bham_hub_practitioner, f"Kayden Smith {date_text}")
    assert results[0] == people["kayden"].pk
    assert results.index(people["kayden"].pk) < results.index(people["kayden_2012"].pk)


@pytest.mark.parametrize(("date_text", "who"), [("2010", "kayden"), ("09/2012", "kayden_2012")])
def test_partial_dates_of_birth_rank_the_person_born_then_first(world, people, date_text, who):
    assert found(world.bham_hub_practitioner, f"Kayden Smith {date_text}")[0] == people[who].pk


def test_day_and_month_either_way_round(world, people):
    # 3 April 2010 typed month first: both readings of an ambiguous date are tried.
    assert found(world.bham_hub_practitioner, "Kayden Smith 4/3/2010")[0] == people["kayden"].pk


def test_a_date_of_birth_alone_finds_those_born_that_day(world, people):
    results = found(world.bham_hub_practitioner, "03/04/2010")
    assert {people["kayden"].pk, people["jayden"].pk} <= set(results)
    assert people["kayden_2012"].pk not in results


def test_aliases_street_names_and_previous_names_find_the_person(world, people):
    actor = world.bham_hub_practitioner
    assert found(actor, "Lil Ghost")[0] == people["tyler"].pk
    assert found(actor, "lil gost")[0] == people["tyler"].pk
    assert found(actor, "Tyler Okafor")[0] == people["tyler"].pk


@pytest.mark.parametrize("typed", [NHS_NUMBER, "485 777 3457", "485-777-3457", " 485 7773457 "])
def test_an_nhs_number_with_or_without_spaces(world, people, typed):
    assert found(world.bham_hub_practitioner, typed)[0] == people["mohammed"].pk


def test_other_agencies_identifiers_however_punctuated(world, people):
    for typed in ("09/123456A", "09123456a", "09 123456 A"):
        assert found(world.bham_hub_practitioner, typed)[0] == people["stephen"].pk


@pytest.mark.parametrize("typed", ["B1 1AA", "b11aa", "Smith B1 1AA"])
def test_the_current_postcode(world, people, typed):
    assert found(world.bham_hub_practitioner, typed)[0] == people["kayden"].pk


def test_a_postcode_from_the_address_history_and_an_outward_code(world, people):
    actor = world.bham_hub_practitioner
    assert found(actor, "B23 5TH")[0] == people["stephen"].pk
    assert found(actor, "Jones B23")[0] == people["stephen"].pk


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("O'Neil", "oneil"),
        ("oneil", "oneil"),
        ("O Neil Siobhan", "oneil"),
        ("O\u2019Neil", "oneil"),
        ("Begum-Khan", "begum_khan"),
        ("Amina Begum Khan", "begum_khan"),
        ("begumkhan", "begum_khan"),
        ("Zoe Lukasz", "zoe"),
        ("ZOË ŁUKASZ", "zoe"),
    ],
)
def test_apostrophes_hyphens_accents_and_case(world, people, query, who):
    assert found(world.bham_hub_practitioner, query)[0] == people[who].pk


def test_a_coventry_only_person_never_appears_for_a_birmingham_hub_practitioner(world, people):
    actor = world.bham_hub_practitioner
    for query in ("Kaiden Smyth", "Kayden Smith", "Smyth", "9434765919", "943 476 5919"):
        assert world.cov_person.pk not in found(actor, query), query
    assert found(world.cov_hub_practitioner, "Kaiden Smyth") == [world.cov_person.pk]
    assert found(world.cov_hub_practitioner, "943 476 5919") == [world.cov_person.pk]


def test_roles_without_search_find_nothing(world, people):
    for actor in (world.admin, world.dpo, world.no_roles):
        assert found(actor, "Kayden Smith") == []
        assert found(actor, NHS_NUMBER) == []


def test_a_team_practitioner_finds_only_the_people_known_to_their_team(world, people):
    results = found(world.bham_school_practitioner, "Tyler Jones")
    assert results == [people["tyler"].pk]
    assert found(world.bham_school_practitioner, "Kayden Smith") == []


def test_the_audit_row_holds_counts_never_the_words(world, people):
    query = "Kaiden Smyth 3/4/2010 B1 1AA 485 777 3457"
    results = person_search(actor=world.bham_hub_practitioner, query=query)
    entry = AccessLogEntry.objects.filter(action="search").latest("seq")
    assert entry.actor == world.bham_hub_practitioner
    assert entry.object_type == "person"
    assert entry.detail == {
        "terms": 5,
        "names": 2,
        "dates": 1,
        "identifiers": 1,
        "postcodes": 1,
        "results": len(results),
    }
    stored = json.dumps(
        [entry.detail, entry.purpose, entry.reason, entry.actor_label, entry.object_id]
    ).casefold()
    for word in ("kaiden", "smyth", "2010", "b1", "1aa", "485", "3457"):
        assert word not in stored


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 10_000,
        "Kayden " * 2_000,
        "9" * 10_000,
        "!!!???...,,,;;;",
        "\U0001f600\U0001f525\U0001f480",
        "%_%",
        "' OR 1=1 --",
        "\x00\x01",
        "P99999999999999999999999999",
        "31/02/2010 13/13/2010 00/00/0000",
        "\u0645\u062d\u0645\u062f",  # a name in Arabic script
        "a b c d e f g h i j k l m n o p",
    ],
)
def test_absurd_input_returns_a_bounded_list_without_error(world, people, query):
    results = person_search(actor=world.bham_hub_practitioner, query=query)
    assert isinstance(results, list)
    assert len(results) <= SEARCH_LIMIT


def test_a_common_name_alone_returns_at_most_the_limit(world, people):
    for number in range(SEARCH_LIMIT + 10):
        person_known_to(world.bham_hub, given_name=f"Sam{'x' * (number % 3)}", family_name="Smith")
    reindex_all()
    results = found(world.bham_hub_practitioner, "Smith")
    assert len(results) == SEARCH_LIMIT


def test_the_index_follows_changes_after_index_persons(world, people):
    actor = world.bham_hub_practitioner
    person = people["kayla"]
    PersonAlias.objects.create(person=person, kind=AliasKind.STREET_NAME, name="Bugsy")
    assert person.pk not in found(actor, "Bugsy")  # not indexed yet
    index_persons([person.pk])
    assert found(actor, "Bugsy")[0] == person.pk

    person.family_name = "Okonkwo"
    person.save()
    index_persons([person.pk])
    assert found(actor, "Kayla Okonkwo")[0] == person.pk
    assert person.pk not in found(actor, "Smart")

    person_id = person.pk
    person.delete()
    index_persons([person_id])
    assert not PersonNameToken.objects.filter(person_id=person_id).exists()
    assert not PersonSearchKey.objects.filter(person_id=person_id).exists()


def test_term_frequencies_count_postings_new_terms_at_once_the_rest_on_rebuild(world, people):
    smith = SearchTerm.objects.get(term="smith")
    assert smith.frequency == PersonNameToken.objects.filter(term=smith).count()
    first = person_known_to(world.bham_hub, given_name="Zebedee", family_name="Smith")
    second = person_known_to(world.bham_hub, given_name="Zebedee", family_name="Smith")
    index_persons([first.pk, second.pk])
    assert SearchTerm.objects.get(term="zebedee").frequency == 2
    reindex_all()  # a rebuild numbers the terms afresh
    smith = SearchTerm.objects.get(term="smith")
    assert smith.frequency == PersonNameToken.objects.filter(term=smith).count()


def test_a_person_not_yet_indexed_is_still_found_by_name(world, people):
    newest = person_known_to(world.bham_hub, given_name="Precious", family_name="Moyo")
    assert found(world.bham_hub_practitioner, "Presious Moyo")[0] == newest.pk


def test_before_any_index_is_built_names_are_still_found(world):
    assert index_counts()["postings"] == 0
    assert found(world.bham_hub_practitioner, "Begum") == [world.bham_person.pk]
    assert found(world.bham_hub_practitioner, "Aaliya Begum")[0] == world.bham_person.pk


def test_incremental_indexing_and_a_full_rebuild_agree(world, people):
    built = index_counts()
    index_persons(list(people[name].pk for name in people))
    assert index_counts() == built
    reindex_all()
    assert index_counts() == built


def test_the_reindex_command_rebuilds_the_index(world, people):
    from io import StringIO

    from django.core.management import call_command

    built = index_counts()
    PersonNameToken.objects.all().delete()
    out = StringIO()
    call_command("people-reindex", stdout=out)
    assert "Indexed" in out.getvalue()
    assert index_counts() == built
    call_command("people-reindex", "--person", str(people["kayden"].pk), stdout=StringIO())
    assert index_counts() == built
