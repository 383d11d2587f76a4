"""The person-linkage model: what is compared, how finely, and how candidate pairs are found.

Fellegi-Sunter through Splink 5. Each comparison turns a pair of prepared records into one
level (exact, a known short form, a close spelling, ...); training learns how much each
level says for or against the pair being one person. The same model runs on DuckDB and on
Spark: only the SQL dialect differs.

Why these comparisons:
- Names written the wrong way round count, once, under the given name; a middle name used
  as the first counts a little. Both still say something, neither says as much as a match.
- The middle name is compared on its own: it does not change with marriage or a move, and
  brothers and sisters, twins too, seldom share one.
- Dates of birth: a day and month swapped, a day out, one digit out, a year out and the
  year only each get their own level, as agencies make those mistakes; an ambiguous date
  ("03/04/2010") agrees if either reading does.
- Postcode and first line of address are one comparison, not two: members of a household
  share both, and counting them twice would make siblings look like one person.
- Family name and address are not independent, and are weighed so: a family name that
  differs at one address is a level of the address comparison, and the family names of
  records at addresses nothing alike are a comparison of their own (a married or maiden name
  and a move go together).
- Identifiers (NHS number, phone, email, agency ids) are strong when they agree and, for the
  NHS number, decisive when two valid ones differ. Agency ids of different kinds (a police
  id, a pupil number) are never compared.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule

# Splink's base classes (a comparison, and a level whose SQL depends on the dialect: Jaro-
# Winkler is a different function on DuckDB and Spark) have no public import path in Splink 5.
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from .model_names import PLACEHOLDER_DAY

PLACEHOLDER_LABEL = "a 1 January date (often written when only the year is known), same year"


class _NamesReversed(ComparisonLevelCreator):
    """Given and family names the wrong way round, one of the two perhaps misspelt.

    A slip costs a short name more similarity than a long one ("Mdan" and "Madan" are 0.87
    alike): 0.8, the lowest level a given name agrees at, is close enough, as the other
    name agrees exactly."""

    def create_sql(self, sql_dialect: Any) -> str:
        similar = sql_dialect.jaro_winkler_function_name
        return (
            f"(given_name_l = family_name_r AND {similar}(family_name_l, given_name_r) >= 0.8)"
            f" OR (family_name_l = given_name_r AND {similar}(given_name_l, family_name_r) >= 0.8)"
        )

    def create_label_for_charts(self) -> str:
        return "given and family names the wrong way round"


class _AnyInCommon(ComparisonLevelCreator):
    """Two lists with a value in common. Splink's ArrayIntersectLevel builds the whole
    intersection to count it, three times the cost of asking whether there is one; over
    millions of pairs that is seconds."""

    def __init__(self, column: str, label: str) -> None:
        self.column, self.label = column, label

    def create_sql(self, sql_dialect: Any) -> str:
        left, right = f"{self.column}_l", f"{self.column}_r"
        if sql_dialect.sql_dialect_str == "duckdb":
            return f"list_has_any({left}, {right})"
        if sql_dialect.sql_dialect_str == "spark":
            return f"arrays_overlap({left}, {right})"
        return cll.ArrayIntersectLevel(self.column, 1).create_sql(sql_dialect)

    def create_label_for_charts(self) -> str:
        return self.label


class _DigitSlip(ComparisonLevelCreator):
    """Two ISO dates one digit apart, or with two digits next to each other swapped, in one
    part of the date (the day, the month or the year), the rest the same.

    A part of its own for each, so the data tell how often each slip happens: a day out by
    ten is a common slip, while a month out by one digit is as often a brother or sister
    born in another month as the same person. Damerau-Levenshtein costs ten times a
    comparison of text, so it is computed only for pairs whose other parts agree.
    """

    # the part -> the other parts agreeing, as SQL
    RESTS = {
        "day": "substr(dob_l, 1, 8) = substr(dob_r, 1, 8)",
        "month": "birth_year_l = birth_year_r AND substr(dob_l, 9, 2) = substr(dob_r, 9, 2)",
        "year": "substr(dob_l, 6, 5) = substr(dob_r, 6, 5)",
    }

    def __init__(self, part: str) -> None:
        self.part = part

    def create_sql(self, sql_dialect: Any) -> str:
        distance = sql_dialect.damerau_levenshtein_function_name
        return f"{self.RESTS[self.part]} AND {distance}(dob_l, dob_r) <= 1"

    def create_label_for_charts(self) -> str:
        return f"one digit of the {self.part} different, or two next to each other swapped"


def _reversed() -> ComparisonLevelCreator:
    return _NamesReversed()


def _among_other_names() -> cll.CustomLevel:
    # Not the other's family name: "Smith Kayden" (the wrong way round) and "Lewis Smith"
    # (his brother) share the word "smith", which says nothing about the given name.
    condition = (
        "(array_contains(name_words_r, given_name_l) AND given_name_l <> family_name_r)"
        " OR (array_contains(name_words_l, given_name_r) AND given_name_r <> family_name_l)"
    )
    return cll.CustomLevel(condition, label_for_charts="one of the other record's given names")


def _given_as_family() -> cll.CustomLevel:
    # "Roberts Lucy" (the wrong way round, and married since) and "Lucy Elliott"; but just as
    # well "Smith Kayden" and his brother "Lewis Smith": which of the two is the wrong way
    # round cannot be told, so this level is weak, and in the household check it neither
    # agrees nor disagrees (the date of birth decides).
    return cll.CustomLevel(
        "given_name_l = family_name_r OR family_name_l = given_name_r",
        label_for_charts="one's given name is the other's family name",
    )


GIVEN_SLIP_LABEL = "one letter different, dropped, added, or two swapped"
# An initial where the input knows one given name with it in the family at that postcode
# (`normalise.record.initials_at_home`): "H Faulkner" where Holly is the only H. It counts as
# the given name agreeing in the household check, as a slip does.
INITIAL_AT_HOME_LABEL = "an initial, the only given name with it in the family at that postcode"


class _GivenNameSlip(ComparisonLevelCreator):
    """A slip typing the name: one letter different, dropped or added, or two swapped, the
    first letter kept (people keep it: "Rtan" is Ryan, while Rami and Sami are brothers).

    Unlike names merely alike (Jasmine and Jermaine, Jaro-Winkler 0.83), a slip counts as
    the given name agreeing in the household check."""

    def create_sql(self, sql_dialect: Any) -> str:
        distance = sql_dialect.damerau_levenshtein_function_name
        return (
            "substr(given_name_l, 1, 1) = substr(given_name_r, 1, 1)"
            f" AND {distance}(given_name_l, given_name_r) <= 1"
        )

    def create_label_for_charts(self) -> str:
        return GIVEN_SLIP_LABEL


def _given_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="given_name",
        comparison_description="Given name",
        comparison_levels=[
            cll.NullLevel("given_name"),
            cll.ExactMatchLevel("given_name", term_frequency_adjustments=True),
            _AnyInCommon("given_formals", "the same formal name (a short form of it)"),
            cll.JaroWinklerLevel("given_name", 0.92),
            _reversed(),
            cll.ExactMatchLevel("given_sound").configure(label_for_charts="sounds the same"),
            cll.CustomLevel(
                "initial_stands_for_l = given_sound_r OR given_sound_l = initial_stands_for_r",
                label_for_charts=INITIAL_AT_HOME_LABEL,
            ),
            _GivenNameSlip(),
            cll.JaroWinklerLevel("given_name", 0.8),
            _among_other_names(),
            _given_as_family(),
            cll.CustomLevel(
                "(length(given_name_l) = 1 OR length(given_name_r) = 1)"
                " AND substr(given_name_l, 1, 1) = substr(given_name_r, 1, 1)",
                label_for_charts="an initial that fits",
            ),
            cll.ElseLevel(),
        ],
    )


def _family_agreeing() -> list[ComparisonLevelCreator]:
    """The levels at which family names agree, alike or the wrong way round."""
    return [
        cll.ExactMatchLevel("family_name", term_frequency_adjustments=True),
        _AnyInCommon("family_words", "one part of a double-barrelled name"),
        cll.JaroWinklerLevel("family_name", 0.92),
        # Names the wrong way round count once, in the given name comparison: counted in
        # both, "Lan Pham" and "Pham Lan" outweigh an exact match of both names.
        _reversed().configure(
            is_null_level=True,
            label_for_charts="the wrong way round (counted under given name)",
        ),
        cll.ExactMatchLevel("family_sound").configure(label_for_charts="sounds the same"),
        cll.JaroWinklerLevel("family_name", 0.8),
    ]


def _any_reached(levels: list[ComparisonLevelCreator], sql_dialect: Any) -> str:
    """SQL true when a pair reaches any of these levels as Splink reads a comparison's levels
    in turn: a level whose condition is on a missing value (names the wrong way round, with no
    given name) is not reached."""
    return " OR ".join(f"COALESCE(({level.create_sql(sql_dialect)}), FALSE)" for level in levels)


_SAME_PLACE = "postcode_l = postcode_r AND address_line_l = address_line_r"
SAME_PLACE_OTHER_FAMILY_LABEL = "same postcode and address, family names differ"


class _SamePlaceOtherFamily(ComparisonLevelCreator):
    """Both records at one address under different family names.

    At one address a family name is no longer independent of the address: most people
    living together share one, so a family name that differs there says far less against
    the pair than it does between strangers, and a married or maiden name at the old home
    is how a woman's records often differ. The two are one level, weighed together, and the
    family name comparison does not count the difference again."""

    def create_sql(self, sql_dialect: Any) -> str:
        agreeing = _any_reached(_family_agreeing(), sql_dialect)
        return (
            f"{_SAME_PLACE} AND family_name_l IS NOT NULL AND family_name_r IS NOT NULL"
            f" AND NOT ({agreeing})"
        )

    def create_label_for_charts(self) -> str:
        return SAME_PLACE_OTHER_FAMILY_LABEL


_ADDRESS_MISSING = (
    "(postcode_l IS NULL OR postcode_r IS NULL)"
    " AND (address_line_l IS NULL OR address_line_r IS NULL)"
)


def _address_alike() -> list[ComparisonLevelCreator]:
    """The address comparison's levels at which two addresses are one place, or near."""
    return [
        cll.CustomLevel(_SAME_PLACE, label_for_charts="same postcode and address"),
        cll.ExactMatchLevel("postcode").configure(label_for_charts="same postcode"),
        cll.CustomLevel(
            "address_line_l = address_line_r AND postcode_sector_l = postcode_sector_r",
            label_for_charts="same address, postcode mistyped",
        ),
        cll.ExactMatchLevel("address_line").configure(
            label_for_charts="same first line of address, postcode missing or different"
        ),
        cll.ExactMatchLevel("postcode_sector").configure(label_for_charts="same postcode sector"),
        cll.ExactMatchLevel("postcode_district").configure(
            label_for_charts="same postcode district"
        ),
    ]


class _Moved(ComparisonLevelCreator):
    """Both addresses known and nothing alike: the address comparison's last level."""

    def create_sql(self, sql_dialect: Any) -> str:
        alike = _any_reached(_address_alike(), sql_dialect)
        return f"NOT ({_ADDRESS_MISSING}) AND NOT ({alike})"

    def create_label_for_charts(self) -> str:
        return "addresses nothing alike (counted under family name, moved)"


class _NotMoved(_Moved):
    def create_sql(self, sql_dialect: Any) -> str:
        return (
            "family_name_l IS NULL OR family_name_r IS NULL"
            f" OR NOT ({super().create_sql(sql_dialect)})"
        )

    def create_label_for_charts(self) -> str:
        return "family name missing, or addresses alike (counted under family name)"


def _family_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="family_name",
        comparison_description="Family name",
        comparison_levels=[
            cll.NullLevel("family_name"),
            _Moved().configure(is_null_level=True),
            *_family_agreeing(),
            cll.CustomLevel(
                _SAME_PLACE,
                label_for_charts="different, at one address (counted under address)",
            ).configure(is_null_level=True),
            _family_in_email(),
            _woman_other_family(),
            cll.ElseLevel(),
        ],
    )


def _family_in_email() -> ComparisonLevelCreator:
    """Family names that differ where one record's email address holds the other's family
    name: "susan_hamilton@..." on Susan Evans's record, and Susan Hamilton. An address is
    made from a name and outlives a change of it."""
    held = "length({family}) >= 4 AND instr({email}, replace({family}, ' ', '')) > 0"
    return cll.CustomLevel(
        f"({held.format(email='email_name_l', family='family_name_r')})"
        f" OR ({held.format(email='email_name_r', family='family_name_l')})",
        label_for_charts="different, one's email address holds the other's",
    )


def _woman_other_family() -> ComparisonLevelCreator:
    """Family names that differ for a woman or a girl (one record says female, neither male):
    a surname taken on marriage is the commonest change, and the training weighs it."""
    return cll.CustomLevel(
        "(sex_l = 'f' OR sex_r = 'f')"
        " AND COALESCE(sex_l, '') <> 'm' AND COALESCE(sex_r, '') <> 'm'",
        label_for_charts="different, a woman's or a girl's",
    )


def _family_name_moved() -> cl.CustomComparison:
    """The family names of two records whose addresses are nothing alike.

    A married or maiden name and a move go together (a woman's records under her married
    name at her home, under her maiden name at her old home): among records of one person
    at two addresses, family names differ far more often than at one. Weighed apart, the
    family name's m for such pairs is that of the records that moved, not of all."""
    return cl.CustomComparison(
        output_column_name="family_name_moved",
        comparison_description="Family name, the addresses nothing alike",
        comparison_levels=[
            _NotMoved().configure(is_null_level=True),
            *_family_agreeing(),
            _family_in_email(),
            _woman_other_family(),
            cll.ElseLevel(),
        ],
    )


def _middle_name() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="middle_name",
        comparison_description="Middle name",
        comparison_levels=[
            cll.NullLevel("middle_name"),
            cll.ExactMatchLevel("middle_name"),
            cll.JaroWinklerLevel("middle_name", 0.88),
            cll.CustomLevel(
                "(length(middle_name_l) = 1 OR length(middle_name_r) = 1)"
                " AND substr(middle_name_l, 1, 1) = substr(middle_name_r, 1, 1)",
                label_for_charts="an initial that fits",
            ),
            # "James Kayden" and "Kayden James": counted once, under the given name.
            cll.CustomLevel(
                "middle_name_l = given_name_r OR given_name_l = middle_name_r",
                label_for_charts="one's middle name is the other's given name (counted there)",
            ).configure(is_null_level=True),
            cll.ElseLevel(),
        ],
    )


def _date_of_birth() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="date_of_birth",
        comparison_description="Date of birth",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            _AnyInCommon("dob_readings", "one reading of an ambiguous date agrees"),
            cll.CustomLevel("dob_l = dob_swapped_r", label_for_charts="day and month swapped"),
            cll.CustomLevel(
                "dob_l = dob_next_r OR dob_next_l = dob_r", label_for_charts="a day apart"
            ),
            # Agencies write 1 January when only the year is known (and the Home Office gives
            # it to many young people who arrive without papers): the year agreeing says what
            # such a date can say, no more, and neither agrees nor disagrees in the
            # household check.
            cll.CustomLevel(
                f"(substr(dob_l, 6, 5) = '{PLACEHOLDER_DAY}' OR substr(dob_r, 6, 5) = "
                f"'{PLACEHOLDER_DAY}') AND birth_year_l = birth_year_r",
                label_for_charts=PLACEHOLDER_LABEL,
            ),
            _DigitSlip("day"),
            _DigitSlip("month"),
            cll.CustomLevel(
                "substr(dob_l, 6, 5) = substr(dob_r, 6, 5)"
                " AND abs(cast(birth_year_l as int) - cast(birth_year_r as int)) = 1",
                label_for_charts="the same day a year out",
            ),
            _DigitSlip("year"),
            cll.CustomLevel(
                "substr(dob_l, 1, 7) = substr(dob_r, 1, 7)", label_for_charts=SAME_MONTH_LABEL
            ),
            cll.ExactMatchLevel("birth_year").configure(label_for_charts=SAME_YEAR_LABEL),
            cll.ElseLevel(),
        ],
    )


def _address() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="address",
        comparison_description="Postcode and first line of address",
        comparison_levels=[
            cll.CustomLevel(
                _ADDRESS_MISSING, label_for_charts="postcode or address missing"
            ).configure(is_null_level=True),
            _SamePlaceOtherFamily(),
            *_address_alike(),
            cll.ElseLevel(),
        ],
    )


def _identifier(column: str, description: str) -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=column,
        comparison_description=description,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.ElseLevel(),
        ],
    )


OWN_PHONE_LABEL = "the same mobile number, given with no one else's details"


def _phone() -> cl.CustomComparison:
    # A mobile number given with one person's details wherever it appears is theirs
    # (`normalise.record.own_mobiles`); any other number may be a household's.
    return cl.CustomComparison(
        output_column_name="phone",
        comparison_description="Phone number",
        comparison_levels=[
            cll.NullLevel("phone"),
            cll.ExactMatchLevel("own_phone").configure(label_for_charts=OWN_PHONE_LABEL),
            cll.ExactMatchLevel("phone"),
            cll.ElseLevel(),
        ],
    )


def _other_identifier() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="other_identifier",
        comparison_description="Agency identifier of the same kind",
        comparison_levels=[
            cll.CustomLevel(
                "other_identifier_l IS NULL OR other_identifier_r IS NULL"
                " OR other_identifier_kind_l <> other_identifier_kind_r",
                label_for_charts="missing, or of different kinds",
            ).configure(is_null_level=True),
            cll.ExactMatchLevel("other_identifier"),
            cll.ElseLevel(),
        ],
    )


# For the household check (clusters.py): the least a comparison may say and still count as
# the person's own details agreeing, by its label. A date of birth in the same year only, a
# given name that is only an initial or another's middle name, does not tell siblings apart;
# they still count as not disagreeing.
LEAST_AGREEING = {
    "given_name": GIVEN_SLIP_LABEL,
    "date_of_birth": _DigitSlip("year").create_label_for_charts(),
}


def comparison_vector_value(comparison: ComparisonCreator, label: str) -> int:
    """The value Splink gives a level of a comparison (0 the last, "all other"), by label."""
    levels = [
        level
        for level in comparison.create_comparison_levels()
        if not getattr(level, "is_null_level", False)
    ]
    # A level's label is the one it was configured with, else Splink's own for it.
    labels = [
        getattr(level, "label_for_charts", None) or level.create_label_for_charts()
        for level in levels
    ]
    return len(levels) - 1 - labels.index(label)


# For the household check: the level at which an identifier of the person's own agrees.
OWN_IDENTIFIERS = {
    "nhs_number": "Exact match on nhs_number",
    "email": "Exact match on email",
    "other_identifier": "Exact match on other_identifier",
    "phone": OWN_PHONE_LABEL,
}


def own_identifier_values() -> dict[str, int]:
    """Comparison name -> the comparison vector value at which it is the person's own and
    agrees."""
    found = {comparison.create_output_column_name(): comparison for comparison in comparisons()}
    return {name: comparison_vector_value(found[name], label)
            for name, label in OWN_IDENTIFIERS.items()}  # fmt: skip


SAME_MONTH_LABEL = "same month"
# Levels that count as neither agreeing nor disagreeing in the household check: a 1 January
# date says only the year; a date in the same month of the same year is as often one
# person's date written wrong (a day misheard, another date typed) as a brother's or a
# sister's, whose given names tell them apart.
NEUTRAL = {"date_of_birth": (PLACEHOLDER_LABEL, SAME_MONTH_LABEL)}


def neutral_values() -> dict[str, frozenset[int]]:
    """Comparison name -> the comparison vector values of its neutral levels."""
    found = {comparison.create_output_column_name(): comparison for comparison in comparisons()}
    return {
        name: frozenset(comparison_vector_value(found[name], label) for label in labels)
        for name, labels in NEUTRAL.items()
    }


SAME_YEAR_LABEL = "same year"


def same_year_given_exactly_values() -> tuple[int, int]:
    """The comparison vector values of a date of birth in the same year only, and of the
    given name agreeing exactly: together, the date neither agrees nor disagrees."""
    found = {comparison.create_output_column_name(): comparison for comparison in comparisons()}
    return (
        comparison_vector_value(found["date_of_birth"], SAME_YEAR_LABEL),
        comparison_vector_value(found["given_name"], "Exact match on given_name"),
    )


def least_agreeing_values() -> dict[str, int]:
    """Comparison name -> the lowest comparison vector value that counts as agreeing."""
    found = {comparison.create_output_column_name(): comparison for comparison in comparisons()}
    return {
        name: comparison_vector_value(found[name], label) for name, label in LEAST_AGREEING.items()
    }


def middle_name_exact_value() -> int:
    """The comparison vector value of the middle names agreeing exactly."""
    return comparison_vector_value(_middle_name(), "Exact match on middle_name")


def comparisons() -> list[ComparisonCreator]:
    """Every comparison of the model, in the order the waterfall shows them."""
    return [
        _given_name(),
        _family_name(),
        _family_name_moved(),
        _middle_name(),
        _date_of_birth(),
        _identifier("sex", "Sex"),
        _address(),
        _phone(),
        _identifier("email", "Email address"),
        _identifier("nhs_number", "NHS number"),
        _other_identifier(),
    ]


def prediction_blocking_rules() -> list[Any]:
    """How candidate pairs are found: any one of these agreeing makes a pair to score.

    Between them they catch a record with a wrong date of birth, a changed family name, a
    typo in one name, names the wrong way round or a day and month swapped, as long as
    something else agrees exactly.

    Every pair found is scored, and scoring is most of a large run's time, so a rule earns
    its place by the pairs only it finds that could link. The names with no more than the
    year of birth agreeing (a given name alone, or both names) found some 35 million pairs
    in a million records and almost no person the rest miss: such a pair, with nothing
    else agreeing, is not likely enough to link. Both names find pairs where one date of
    birth is missing, or where a slip in the year leaves the day and month as they were.
    """
    return [
        block_on("nhs_number"),
        block_on("other_identifier"),
        block_on("phone"),
        block_on("email"),
        block_on("dob", "given_formal"),
        block_on("dob", "family_sound"),
        CustomRule(
            "l.given_formal = r.given_formal AND l.family_sound = r.family_sound"
            " AND (l.dob IS NULL OR r.dob IS NULL)"
        ),
        CustomRule(
            "l.given_formal = r.given_formal AND l.family_sound = r.family_sound"
            " AND substr(l.dob, 6, 5) = substr(r.dob, 6, 5)"
        ),
        block_on("given_sound", "family_sound", "birth_year"),
        block_on("postcode", "given_sound"),
        block_on("postcode", "family_sound"),
        block_on("dob", "postcode"),
        block_on("address_line", "given_sound"),
        CustomRule("l.dob = r.dob_swapped AND l.given_sound = r.given_sound"),
        # a day apart, either way round (the left record of a pair is the one read first)
        CustomRule("l.dob = r.dob_next AND l.given_sound = r.given_sound"),
        CustomRule("l.dob_next = r.dob AND l.given_sound = r.given_sound"),
        CustomRule("l.given_name = r.family_name AND l.family_name = r.given_name"),
        CustomRule(
            "l.postcode = r.postcode"
            " AND (l.given_name = r.family_name OR l.family_name = r.given_name)"
        ),
        block_on("birth_year", "given_sound", "postcode_district"),
        # Both names misspelt, or a changed surname with the given name misspelt, where
        # something of the person's own still agrees exactly.
        block_on("postcode", "birth_year"),
        block_on("dob", "middle_name"),
        block_on("dob", "address_line"),
        block_on("address_line", "family_sound"),
        block_on("postcode", "address_line"),
        block_on("postcode", "middle_name"),
        block_on("dob", "given_sound"),
        CustomRule("l.dob = r.dob_swapped AND l.family_sound = r.family_sound"),
        CustomRule(
            "l.dob = r.dob AND (l.given_name = r.family_name OR l.family_name = r.given_name)"
        ),
    ]


def training_blocking_rules() -> list[Any]:
    """The blocks expectation maximisation learns m from; each leaves out what it blocks on.

    None of them is a household's (a postcode, a phone): in a block of people living
    together, EM takes "the same household" for "the same person".
    """
    return [block_on("nhs_number"), block_on("given_name", "family_name"), block_on("dob")]


def deterministic_rules() -> list[Any]:
    """Pairs surely one person, to estimate how often two records match (with a recall)."""
    return [
        block_on("nhs_number"),
        block_on("given_name", "family_name", "dob"),
    ]


def settings() -> SettingsCreator:
    """The untrained model."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=list[ComparisonCreator | dict[str, Any]](comparisons()),
        blocking_rules_to_generate_predictions=prediction_blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        additional_columns_to_retain=["source"],
        max_iterations=20,
        em_convergence=0.001,
    )
