"""From scored pairs to persons: links join, reviewers' decisions bind."""

from __future__ import annotations

from hub.linkage.clusters import (
    APART_BIRTHS,
    APART_NAMES,
    APART_NHS,
    Identity,
    ScoredPair,
    identity,
    persons,
)
from hub.linkage.normalise.names import formal_names, sound_code


def pair(left: int, right: int, probability: float) -> ScoredPair:
    return ScoredPair(left, right, 10.0, probability, {})


def test_links_join_records_transitively():
    assert persons(4, [pair(0, 1, 0.99), pair(1, 2, 0.98)]) == [0, 0, 0, 3]


def test_a_must_link_joins_records_no_link_joins():
    assert persons(3, [], must_link=[(1, 2)]) == [0, 1, 1]


def test_a_cannot_link_refuses_the_weaker_chain_between_two_records():
    # 0-1 strongly, 1-2 weakly: 0 and 2 may not be one person, so the weaker link is refused.
    linked = [pair(1, 2, 0.96), pair(0, 1, 0.999)]
    assert persons(3, linked, cannot_link=[(0, 2)]) == [0, 0, 2]


def test_a_cannot_link_holds_against_groups_joined_later():
    linked = [pair(0, 1, 0.99), pair(2, 3, 0.99), pair(1, 2, 0.97), pair(3, 4, 0.96)]
    keys = persons(5, linked, cannot_link=[(0, 4)])
    assert keys[0] == keys[1] == keys[2] == keys[3]
    assert keys[4] == 4


def nhs(*numbers: str | None) -> list[Identity | None]:
    return [Identity(nhs_number=number) for number in numbers]


def test_no_link_joins_two_groups_with_different_nhs_numbers():
    # A chain through a sibling: 0 and 2 have their own NHS numbers, 1 (no number) looks
    # like both; the weaker link is refused, and says why.
    linked = [pair(0, 1, 0.99), pair(1, 2, 0.97)]
    numbers = ["4010232137", None, "9434765919"]
    refused: dict[tuple[int, int], str] = {}
    assert persons(3, linked, identities=nhs(*numbers), refused=refused) == [0, 0, 2]
    assert refused == {(1, 2): APART_NHS}
    assert persons(3, linked, identities=nhs(numbers[0], None, numbers[0])) == [0, 0, 0]
    # A reviewer's match stands whatever the numbers say.
    assert persons(3, linked, must_link=[(0, 2)], identities=nhs(*numbers)) == [0, 0, 0]


def person(
    given: str | None, dob: str | None, *, swapped: str | None = None, middle: str | None = None
) -> Identity:
    """A record's identity; `swapped`: the other reading of a date whose day and month could
    be either way round."""
    words = [word for word in (given, middle) if word]
    return identity(
        nhs_number=None,
        dob=dob,
        dob_readings=(2 if swapped else 1) if dob else 0,
        dob_swapped=swapped,
        given=given,
        given_formals=formal_names(given) if given else [],
        given_sound=sound_code(given) if given else None,
        name_words=words,
    )


def test_no_chain_through_a_record_without_a_date_joins_people_born_years_apart():
    # Anna (born 2026) and Hanna (born 2012) at one address; a record of Anna's without a
    # date of birth looks like both.
    hanna, anna = person("hanna", "2012-03-14"), person("anna", "2026-02-19")
    anna_undated = person("anna", None)
    linked = [pair(1, 2, 0.999), pair(0, 2, 0.99)]
    refused: dict[tuple[int, int], str] = {}
    keys = persons(3, linked, identities=[hanna, anna, anna_undated], refused=refused)
    assert keys == [0, 1, 1]
    assert refused == {(0, 2): APART_BIRTHS}


def test_one_wrong_date_does_not_keep_a_persons_records_apart():
    # 2 has a date twenty years out, joined to 3 by an email they share; 0 and 1 agree with
    # 3. Some date of one group agrees with one of the other: they are one person.
    records = [
        person("kayden", "2010-04-03"),
        person("kayden", "2010-04-03"),
        person("kayden", "1990-07-21"),
        person("kayden", "2010-04-03"),
    ]
    by_email = ScoredPair(2, 3, 20.0, 0.999, {"email": 1})
    linked = [by_email, pair(0, 1, 0.998), pair(1, 3, 0.99)]
    assert persons(4, linked, identities=records) == [0, 0, 0, 0]
    # Without the email, 2 alone is born twenty years from 3: not joined.
    assert persons(4, [pair(2, 3, 0.999), *linked[1:]], identities=records) == [0, 0, 2, 0]


def test_a_digit_slip_or_a_year_out_is_not_years_apart():
    for one, other in [("1989-05-01", "1998-05-01"), ("2011-06-22", "2012-06-22")]:
        records = [person("lynda", one), person("lynda", other)]
        assert persons(2, [pair(0, 1, 0.99)], identities=records) == [0, 0], (one, other)


def test_no_chain_joins_twins_whose_given_names_have_nothing_in_common():
    # Twins Mia and Jessica (one date of birth, one address); a school record without a
    # given name looks like both.
    records = [
        person("mia", "2017-07-30"),
        person(None, "2017-07-30"),
        person("jessica", "2017-07-30"),
        person("jess", "2017-07-30"),
    ]
    linked = [pair(1, 2, 0.9999), pair(2, 3, 0.999), pair(0, 1, 0.99)]
    refused: dict[tuple[int, int], str] = {}
    assert persons(4, linked, identities=records, refused=refused) == [0, 1, 1, 1]
    assert refused == {(0, 1): APART_NAMES}


def test_a_middle_name_any_of_a_persons_records_gives_is_one_of_their_names():
    # Kacper Jakub, one record without the middle name and taken first; another agency
    # knows him as Jakub.
    records = [
        person("kacper", "2021-02-14"),
        person("kacper", "2021-02-14", middle="jakub"),
        person("jakub", "2021-02-14"),
    ]
    linked = [pair(0, 1, 0.9999), pair(1, 2, 0.999)]
    assert persons(3, linked, identities=records) == [0, 0, 0]


def test_given_names_alike_in_any_way_do_not_part_records():
    for one, other in [
        ("tom", "thomas"),
        ("jasmin", "jasmyn"),
        ("kayden", "caden"),
        ("aimee", "aymee"),
    ]:
        records = [person(one, None), person(other, None)]
        assert persons(2, [pair(0, 1, 0.99)], identities=records) == [0, 0], (one, other)


def test_an_identifier_on_the_link_outranks_names_and_dates_but_not_nhs_numbers():
    # "Veta" is what one agency calls Octavia: the two records share an email.
    records = [person("octavia", "1981-01-16"), person("veta", "1981-01-16")]
    by_email = ScoredPair(0, 1, 20.0, 0.999, {"email": 1})
    assert persons(2, [by_email], identities=records) == [0, 0]
    assert persons(2, [pair(0, 1, 0.999)], identities=records) == [0, 1]
    numbered = nhs("4010232137", "9434765919")
    assert persons(2, [by_email], identities=numbered) == [0, 1]


def test_uncertain_dates_and_initials_say_nothing_about_who_a_person_is():
    assert person("k", "2010-04-03").given is None
    assert person("kayden", "2010-01-01").births == ()  # a 1 January written for the year
    assert person("kayden", "2010-04-03").births == ("2010-04-03",)
    assert persons(
        2,
        [pair(0, 1, 0.99)],
        identities=[person("kayden", "2010-01-01"), person("kayden", "1990-07-21")],
    ) == [0, 0]


def test_a_date_either_way_round_still_says_the_year():
    # Shafiq (born 7 March 2013, written 07/03/2013) and Shafiq (3 June 2009, written
    # 03/06/2009), brothers' namesakes; a record of one without a date looks like both.
    younger = person("shafiq", "2013-03-07", swapped="2013-07-03")
    elder = person("shafiq", "2009-06-03", swapped="2009-03-06")
    assert younger.births == ("2013-03-07", "2013-07-03")
    undated = person("shafiq", None)
    refused: dict[tuple[int, int], str] = {}
    keys = persons(
        3, [pair(1, 2, 0.999), pair(0, 2, 0.99)], identities=[younger, elder, undated],
        refused=refused,
    )  # fmt: skip
    assert keys == [0, 1, 1] and refused == {(0, 2): APART_BIRTHS}
    # Either reading agreeing is enough: 05/04/2010 and 4 May 2010 may be one person.
    either = [person("amy", "2010-04-05", swapped="2010-05-04"), person("amy", "2010-05-04")]
    assert persons(2, [pair(0, 1, 0.99)], identities=either) == [0, 0]


def _level_value(name: str, label: str) -> int:
    """The comparison vector value of a level of the model's comparison `name`, by label."""
    from hub.linkage.model import comparison_vector_value, comparisons

    found = {comparison.create_output_column_name(): comparison for comparison in comparisons()}
    return comparison_vector_value(found[name], label)


def test_the_same_middle_name_outweighs_one_of_given_name_and_date_disagreeing():
    from hub.linkage.clusters import household_check

    given = _level_value("given_name", "Exact match on given_name")
    born = _level_value("date_of_birth", "Exact match on dob")
    middle = _level_value("middle_name", "Exact match on middle_name")
    other_middle = _level_value("middle_name", "All other comparisons")
    # Kieran and Ciaran Daniel Evans, one date of birth
    assert household_check({"given_name": 0, "date_of_birth": born, "middle_name": middle}) is None
    # Lisa Joanna Lyons, her date written wrong twice over
    assert household_check({"given_name": given, "date_of_birth": 0, "middle_name": middle}) is None
    # without it, or with another middle name, or with both disagreeing: a brother or sister
    for middle_level in (-1, other_middle):
        levels = {"given_name": 0, "date_of_birth": born, "middle_name": middle_level}
        assert household_check(levels) is not None
    assert household_check({"given_name": 0, "date_of_birth": 0, "middle_name": middle}) is not None


def test_with_the_sexes_apart_the_given_name_itself_must_agree():
    # A boy and a girl born one day at one address are twins, however alike their names.
    from hub.linkage.clusters import household_check
    from hub.linkage.model import GIVEN_SLIP_LABEL

    born = _level_value("date_of_birth", "Exact match on dob")
    alike = _level_value("given_name", "Jaro-Winkler distance of given_name >= 0.8")
    initial = _level_value("given_name", "an initial that fits")
    for given in (alike, initial, -1):
        twins = {"given_name": given, "date_of_birth": born, "sex": 0}
        assert household_check(twins) is not None, given
        assert household_check({**twins, "sex": 1}) is None, given
        assert household_check({**twins, "sex": -1}) is None, given
        assert household_check({**twins, "nhs_number": 1}) is None, given  # her own number
    # A sex written wrong on one record of a person whose name agrees links still.
    for given in (
        _level_value("given_name", "Exact match on given_name"),
        _level_value("given_name", GIVEN_SLIP_LABEL),
    ):
        assert household_check({"given_name": given, "date_of_birth": born, "sex": 0}) is None


def test_a_mobile_number_of_ones_own_speaks_for_the_pair_where_a_shared_phone_does_not():
    from hub.linkage.clusters import household_check
    from hub.linkage.model import OWN_PHONE_LABEL

    own = _level_value("phone", OWN_PHONE_LABEL)
    shared = _level_value("phone", "Exact match on phone")
    # Juliana Danciak, and a housing record of hers with no given name or date of birth
    assert household_check({"given_name": -1, "date_of_birth": -1, "phone": own}) is None
    # The same number where it is a household's: her daughter's contact number too
    assert household_check({"given_name": -1, "date_of_birth": -1, "phone": shared}) is not None


def test_a_date_of_birth_in_the_same_month_or_year_neither_agrees_nor_disagrees():
    # Eileen Page born 18 and 29 September 1993: one date typed wrong, or a sister whose
    # name tells her apart.
    from hub.linkage.clusters import household_check
    from hub.linkage.model import SAME_MONTH_LABEL

    given = _level_value("given_name", "Exact match on given_name")
    month = _level_value("date_of_birth", SAME_MONTH_LABEL)
    year = _level_value("date_of_birth", "same year")
    assert household_check({"given_name": given, "date_of_birth": month}) is None
    assert household_check({"given_name": 0, "date_of_birth": month}) is not None
    assert household_check({"given_name": -1, "date_of_birth": month}) is not None
    # The same year only, with the given name written alike: a date typed wrong. With a
    # name merely alike, it disagrees.
    assert household_check({"given_name": given, "date_of_birth": year}) is None
    alike = _level_value("given_name", "Jaro-Winkler distance of given_name >= 0.92")
    assert household_check({"given_name": alike, "date_of_birth": year}) is not None
