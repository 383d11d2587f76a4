"""Normalisers: one written form for each name, date, postcode, phone and identifier."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.linkage.normalise import contact
from hub.linkage.normalise.dates import (
    UnreadableDate,
    as_day_first,
    day_month_swapped,
    read_birth_date,
)
from hub.linkage.normalise.names import (
    family_words,
    formal_names,
    name_words,
    person_name,
    sound_code,
    split_whole_name,
)
from hub.linkage.normalise.record import (
    OWN_MOBILE_MOST_RECORDS,
    has_anything_to_link,
    initials_at_home,
    linkable,
    names_the_wrong_way_round,
    own_mobiles,
    prepare_record,
    prepare_records,
    turn_names_round,
)
from hub.linkage.synthetic.population import nhs_check_digit

TODAY = date(2026, 11, 1)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


# --- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("O'Brien", ["obrien"]),
        ("OBRIEN", ["obrien"]),
        ("Zoë", ["zoe"]),
        ("Wójcik", ["wojcik"]),
        ("Smith-Jones", ["smith", "jones"]),
        ("  smith   jones ", ["smith", "jones"]),
        ("D\u2019Souza", ["dsouza"]),  # a curly apostrophe
        ("", []),
    ],
)
def test_name_words_ignore_case_accents_and_punctuation(written, words):
    assert name_words(written) == words


def test_family_particles_join_the_next_word():
    assert family_words("Mc Donald") == family_words("McDonald") == ["mcdonald"]
    assert family_words("de la Cruz") == ["delacruz"]
    assert family_words("O Brien") == family_words("O'Brien")


def test_short_forms_lead_to_formal_names_from_the_table():
    assert "thomas" in formal_names("tom")
    assert set(formal_names("alex")) >= {"alex", "alexander", "alexandra"}
    assert formal_names("kayden") == ("kayden",)


def test_a_slip_in_a_name_the_table_knows_leads_to_its_formal_names():
    # "Jmaes" and "Jimmy" are both James; "Thomes" and "Tommy" both Thomas.
    assert set(formal_names("jmaes")) & set(formal_names("jimmy")) == {"james"}
    assert set(formal_names("thomes")) & set(formal_names("tommy")) == {"thomas"}
    assert formal_names("patricck") == ("patricck", "patrick")
    # known names keep their own; short names are too often other names one letter apart
    assert formal_names("helen") == ("helen",)
    assert formal_names("jame") == ("jame",)
    assert formal_names("kayden") == ("kayden",)


@pytest.mark.parametrize(
    ("one", "other", "alike"),
    [
        ("Kayden", "Caden", True),
        ("Rhys", "Reece", True),  # a silent H
        ("Lewis", "Louis", True),  # a W sounded as a vowel
        ("Ewan", "Euan", True),
        ("Holly", "Olly", False),  # the first letter is kept
        ("Holly", "Harry", False),
    ],
)
def test_names_spelt_as_they_sound_have_one_sound_code(one, other, alike):
    assert (sound_code(one.lower()) == sound_code(other.lower())) is alike


def test_person_name_uses_the_name_after_an_initial_and_collects_every_word():
    name = person_name("J Kayden", "Smith-Jones", "Lee")
    assert name.given == "kayden"
    assert name.family == "smith jones"
    assert name.family_words == ("smith", "jones")
    assert name.all_words == ("j", "kayden", "lee", "smith", "jones")
    assert person_name("Mr Tom", "Smith").given_formal == "thomas"


def test_the_middle_name_is_the_first_name_after_the_given_name():
    assert person_name("J Kayden", "Smith", "Lee").middle == "lee"  # not the initial before
    assert person_name("Kayden James", "Smith", "Lee").middle == "james"
    assert person_name("Kayden", "Smith").middle is None
    assert person_name("", "Smith", "James").middle == "james"


@pytest.mark.parametrize(
    ("whole", "family_first", "parts"),
    [
        ("SMITH, Kayden James", True, ("Kayden", "SMITH", "James")),
        ("Kayden James Smith", False, ("Kayden", "Smith", "James")),
        ("SMITH Kayden", True, ("Kayden", "SMITH", "")),
        ("Smith", False, ("", "Smith", "")),
    ],
)
def test_whole_names_split_into_given_family_and_other(whole, family_first, parts):
    assert split_whole_name(whole, family_first=family_first) == parts


# --- dates -----------------------------------------------------------------------------------
@given(birth_dates)
def test_every_agency_format_reads_back_the_same_date(day):
    for written in (
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.year}{day.month:02d}{day.day:02d}",
        f"{day.day} {day:%B} {day.year}",
        f"{day:%d-%b-%Y}",
        f"{day:%B} {day.day}, {day.year}",
    ):
        assert day in read_birth_date(written, today=TODAY).readings, written
        assert read_birth_date(written, today=TODAY).primary == day, written


@given(birth_dates)
def test_a_date_whose_day_could_be_its_month_keeps_both_readings(day):
    reading = read_birth_date(f"{day.day:02d}/{day.month:02d}/{day.year}", today=TODAY)
    swapped = day_month_swapped(day)
    if swapped is None or swapped > TODAY:
        assert reading.readings == (day,)
    else:
        assert reading.readings == (day, swapped)
        month_first = read_birth_date(
            f"{day.day:02d}/{day.month:02d}/{day.year}", today=TODAY, day_first=False
        )
        assert month_first.readings == (swapped, day)


@given(birth_dates)
def test_swapping_day_and_month_twice_gives_the_date_back(day):
    swapped = day_month_swapped(day)
    if swapped is not None:
        assert swapped != day
        assert day_month_swapped(swapped) == day
    else:
        assert day.day > 12 or day.day == day.month


@given(birth_dates)
def test_month_first_text_rewritten_day_first_reads_the_same(day):
    month_first = f"{day.month}/{day.day}/{day.year}"
    assert (
        read_birth_date(as_day_first(month_first), today=TODAY).primary
        == read_birth_date(month_first, today=TODAY, day_first=False).primary
        == day
    )


def test_two_digit_years_are_never_in_the_future():
    assert read_birth_date("3/4/10", today=TODAY).primary == date(2010, 4, 3)
    assert read_birth_date("3/4/60", today=TODAY).primary == date(1960, 4, 3)
    assert read_birth_date("3/4/26", today=TODAY).primary == date(2026, 4, 3)


@pytest.mark.parametrize("text", ["31/02/2010", "soon", "00/00/0000", "2010-13-01", "1/1/1850"])
def test_text_that_is_no_date_of_birth_is_unreadable(text):
    with pytest.raises(UnreadableDate):
        read_birth_date(text, today=TODAY)


def test_a_date_after_today_is_no_date_of_birth():
    with pytest.raises(UnreadableDate):
        read_birth_date((TODAY + timedelta(days=1)).isoformat(), today=TODAY)


def test_blank_is_no_date_not_a_bad_one():
    assert read_birth_date("  ", today=TODAY) is None
    assert read_birth_date(None, today=TODAY) is None


# --- postcodes, phones, identifiers ------------------------------------------------------------
def test_uk_postcodes_take_one_form_and_anything_else_stays_text():
    assert contact.postcode("b11aa").text == "B1 1AA"
    assert contact.postcode(" B1   1AA ").sector == "B1 1"
    assert contact.postcode("WS10 9AE").district == "WS10"
    foreign = contact.postcode("75001 Paris")
    assert (foreign.text, foreign.uk, foreign.sector) == ("75001 PARIS", False, None)
    assert contact.postcode("n/a") is None


@pytest.mark.parametrize(
    "written", ["07911 123456", "+44 7911 123456", "447911123456", "0044 7911 123456"]
)
def test_uk_phone_numbers_however_written_are_one_number(written):
    assert contact.phone(written) == "+447911123456"


def test_a_foreign_number_keeps_its_country_and_nonsense_is_unreadable():
    assert contact.phone("+33 1 42 68 53 00") == "+33142685300"
    with pytest.raises(contact.UnreadableValue):
        contact.phone("12")
    assert contact.phone("") is None


nine_digits = st.integers(min_value=100_000_000, max_value=999_999_999).map(str)


@given(nine_digits)
def test_nhs_numbers_with_their_check_digit_are_read_spaced_or_not(nine):
    check = nhs_check_digit(nine)
    if check is None:
        return  # these nine digits make no NHS number
    number = nine + str(check)
    assert contact.nhs_number(f"{number[:3]} {number[3:6]} {number[6:]}") == number
    assert contact.nhs_number(number) == number


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_one_digit_wrong_fails_the_nhs_check_digit(nine, position, change):
    check = nhs_check_digit(nine)
    if check is None:
        return
    number = nine + str(check)
    wrong = number[:position] + str((int(number[position]) + change) % 10) + number[position + 1 :]
    with pytest.raises(contact.UnreadableValue):
        contact.nhs_number(wrong)


def test_identifiers_are_named_by_kind():
    assert contact.identifier("10/123456a", "pnc") == "pnc:10/123456A"
    assert contact.identifier("upn:A330 1234", None) == "upn:A3301234"
    assert contact.identifier("X 1", None) == "other:X1"


def test_a_record_keeps_what_it_can_read_and_reports_the_rest():
    prepared = prepare_record(
        {
            "record_id": "r1",
            "given_name": "Kaiden",
            "family_name": "Smyth",
            "date_of_birth": "03/04/2010",
            "postcode": "b1 1aa",
            "phone": "07911 123456",
            "nhs_number": "485 777 3458",  # check digit wrong
            "sex": "Male",
        },
        unique_id=0,
        today=TODAY,
    )
    values = prepared.values
    assert values["dob"] == "2010-04-03"
    assert values["dob_readings"] == ["2010-04-03", "2010-03-04"]
    assert values["postcode"] == "B1 1AA"
    assert values["phone"] == "+447911123456"
    assert values["nhs_number"] is None
    assert values["sex"] == "m"
    assert [field for field, _ in prepared.problems] == ["nhs_number"]


@given(
    st.sampled_from(["07", "01", "02", "03", "08", "05", "09"]),
    st.integers(min_value=0, max_value=10**9 - 1),
    st.integers(min_value=8, max_value=9),
)
def test_the_quick_uk_check_agrees_with_a_full_phonenumbers_parse(prefix, digits, width):
    import phonenumbers

    number = f"{prefix}{digits:0{width}d}"
    parsed = phonenumbers.parse(number, "GB")
    expected = (
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(parsed)
        else None
    )
    assert contact.uk_number(number) == expected


@pytest.mark.parametrize(
    ("fields", "enough"),
    [
        ({"family_name": "Palmer", "address_line": "198 Ladypool Road"}, True),
        ({"given_name": "Marcia", "postcode": "B70 9LF"}, True),
        ({"given_name": "Marcia", "date_of_birth": "06/12/1998"}, True),
        ({"phone": "07911 123456"}, True),
        ({"given_name": "Marcia", "family_name": "Palmer"}, False),
        ({"address_line": "198 Ladypool Road", "postcode": "B70 9LF"}, False),
    ],
)
def test_a_name_with_a_date_a_postcode_or_an_address_is_enough_to_link(fields, enough):
    # A housing record often has the name and the address, and no date of birth or postcode.
    assert has_anything_to_link(prepare_record(fields, unique_id=0, today=TODAY).values) is enough
    columns, _ = prepare_records([fields], unique_ids=[0], today=TODAY)
    assert linkable(columns) == [enough]


def _prepared(
    fields: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> dict[str, list[object]]:
    """The prepared columns of rows giving these fields, in order."""
    columns, _ = prepare_records(
        [dict(zip(fields, row, strict=True)) for row in rows],
        unique_ids=list(range(len(rows))),
        today=TODAY,
    )
    return columns


def _names(*rows: tuple[str, str, str]) -> dict[str, list[object]]:
    return _prepared(("given_name", "family_name", "other_names"), rows)


def test_names_the_wrong_way_round_are_told_by_how_the_input_uses_each_word():
    family = [("Zain", "Shah", ""), ("Haroon", "Shah", ""), ("Ali", "Shah", ""),
              ("Zain", "Khan", ""), ("Zain", "Ahmed", "")]  # fmt: skip
    columns = _names(*family, ("SHAH", "Zain", "Ahmed"), ("Thomas", "Lewis", ""))
    # "shah" is a family name three times and "zain" a given name three times; "Thomas"
    # and "Lewis" are seen once each way, which tells nothing.
    assert names_the_wrong_way_round(columns) == [5]
    turn_names_round(columns, [5])
    assert columns["given_name"][5] == "zain" and columns["family_name"][5] == "shah"
    assert columns["family_words"][5] == ["shah"]
    assert columns["given_sound"][5] == columns["given_sound"][0]
    assert columns["family_sound"][5] == columns["family_sound"][0]
    # the middle name and the words of every name are the record's own still
    assert columns["middle_name"][5] == "ahmed"
    assert columns["name_words"][5] == ["shah", "ahmed", "zain"]


def test_a_word_used_both_ways_or_seldom_turns_no_record_round():
    # Two records a family name "james", three a given name: not four times as many.
    both = [("James", "Ward", ""), ("James", "Cole", ""), ("James", "Hart", ""),
            ("Ann", "James", ""), ("Ruth", "James", ""), ("Ward", "Ann", "")]  # fmt: skip
    assert names_the_wrong_way_round(_names(*both, ("James", "Ann", ""))) == []
    # Words seen fewer than three times say nothing, however they are used.
    assert names_the_wrong_way_round(_names(("Okafor", "Chidi", ""), ("Chidi", "Eze", ""))) == []


def test_a_family_name_as_the_given_name_turns_round_a_name_too_seldom_seen_to_tell():
    # "Brooks Fknley" is Finley Brooks with a slip: "fknley" is in no other record, or once
    # as a given name. "Brooks Okafor", where another record has Okafor as a family name, is
    # not turned: Brooks may be his given name.
    brooks = [("George", "Brooks", ""), ("Amy", "Brooks", ""), ("Ian", "Brooks", "")]
    assert names_the_wrong_way_round(_names(*brooks, ("Brooks", "Fknley", ""))) == [3]
    once = _names(*brooks, ("Brooks", "Fknley", ""), ("Fknley", "Brooks", ""))
    assert names_the_wrong_way_round(once) == [3]
    other = _names(*brooks, ("Brooks", "Okafor", ""), ("Chidi", "Okafor", ""))
    assert names_the_wrong_way_round(other) == []


def _people(*rows: tuple[str, str, str]) -> dict[str, list[object]]:
    return _prepared(("given_name", "family_name", "postcode"), rows)


def test_an_initial_stands_for_the_one_name_with_it_in_the_family_at_that_postcode():
    holly = _people(
        ("Holly", "Faulkner", "B64 7JD"), ("Holie", "Falkner", "B64 7JD"),  # one name, misspelt
        ("H", "Faulkner", "B64 7JD"),
        ("Hassan", "Ali", "B64 7JD"),  # another family at the address
        ("H", "Faulkner", "B1 1AA"),  # no Faulkner known there
    )  # fmt: skip
    assert initials_at_home(holly) == [None, None, holly["given_sound"][0], None, None]
    # With Harry there too, "H" could be either of them.
    both = _people(
        ("Holly", "Faulkner", "B64 7JD"), ("Harry", "Faulkner", "B64 7JD"),
        ("H", "Faulkner", "B64 7JD"),
    )  # fmt: skip
    assert initials_at_home(both) == [None, None, None]
    # Without a postcode an initial stands for no one.
    assert initials_at_home(_people(("Holly", "Faulkner", ""), ("H", "Faulkner", ""))) == [
        None,
        None,
    ]


def test_a_mobile_number_is_told_from_a_landline():
    assert contact.is_mobile(contact.phone("07846 427726"))
    assert not contact.is_mobile(contact.phone("0121 273 4656"))
    assert not contact.is_mobile(contact.phone("+1 415 555 2671"))  # a US number may be either


def _phones(*rows: tuple[str, str, str]) -> dict[str, list[object]]:
    return _prepared(("given_name", "date_of_birth", "phone"), rows)


def test_a_mobile_given_with_one_persons_details_wherever_it_appears_is_their_own():
    ryan = _phones(
        ("Ryan", "13/02/1995", "07846 427726"),
        ("Rhan", "31/02/1995", "07846427726"),  # a slip in the name, two digits swapped
        ("", "", "+44 7846 427726"),  # no name, no date: says nothing against it
        ("Ryan", "", "07846 999000"),  # a number seen once
    )
    assert own_mobiles(ryan) == ["+447846427726"] * 3 + ["+447846999000"]
    # A mother's number as her children's contact: two names, two dates.
    children = _phones(
        ("Shahid", "23/03/2020", "07846 111222"), ("Haroon", "03/05/2019", "07846 111222")
    )
    assert own_mobiles(children) == [None, None]
    # A father and the son named after him: one name, dates years apart.
    juniors = _phones(
        ("Ryan", "13/02/1965", "07846 111222"), ("Ryan", "13/02/1995", "07846 111222")
    )
    assert own_mobiles(juniors) == [None, None]
    # A number on more records than one person has is an office's, named or not.
    office = _phones(*[("", "", "07846 111222")] * (OWN_MOBILE_MOST_RECORDS + 1))
    assert own_mobiles(office) == [None] * (OWN_MOBILE_MOST_RECORDS + 1)
    # A landline is the household's, whoever gives it.
    home = _phones(("Ryan", "13/02/1995", "0121 273 4656"), ("Ryan", "13/02/1995", "0121 273 4656"))
    assert own_mobiles(home) == [None, None]


def test_an_email_address_gives_the_letters_of_its_name():
    columns = _prepared(("email",), (("Susan_Hamilton85@Outlook.com",), ("",), ("42@example.com",)))
    assert columns["email_name"] == ["susanhamilton", None, None]
