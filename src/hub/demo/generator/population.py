"""The shape of the synthetic population: who lives where, ages, genders, vulnerabilities.

Figures are rough and documented so that anyone can see what the demo assumes. They shape a
plausible caseload; they are not statistics about real people.
"""

from __future__ import annotations

# Residents per area (ONS mid-2021 estimates, rounded), used to share persons between areas.
AREA_POPULATION: dict[str, int] = {
    "birmingham": 1_144_900,
    "coventry": 345_300,
    "dudley": 323_500,
    "sandwell": 341_800,
    "solihull": 216_200,
    "walsall": 284_100,
    "wolverhampton": 263_700,
}
# Share of persons who live outside the region but are known to its agencies (placed in or
# found in the region). They get a real postcode of a neighbouring authority.
OUTSIDE_SHARE = 0.01
OUTSIDE_NEIGHBOURS: dict[str, str] = {
    # ONS code: the letter files holding its postcodes
    "E07000234": "BD",  # Bromsgrove
    "E07000194": "BW",  # Lichfield
    "E07000192": "W",  # Cannock Chase
    "E07000196": "DW",  # South Staffordshire
    "E07000219": "C",  # Nuneaton and Bedworth
    "E07000222": "BC",  # Warwick
    "E07000218": "BC",  # North Warwickshire
}

# Ethnic group mix per area, per thousand residents, ONS 2021 codes. Rounded from Census 2021
# (TS021) area profiles: Birmingham is about 49% White, 31% Asian, 11% Black, 5% Mixed, 5% other;
# Coventry, Sandwell and Wolverhampton are more mixed than Dudley, Solihull and Walsall. Children
# are more diverse than all ages; we do not model that. "outside" is the neighbouring shires.
_COLUMNS = (
    "W_BRITISH", "W_IRISH", "W_GYPSY_TRAVELLER", "W_ROMA", "W_OTHER",
    "A_INDIAN", "A_PAKISTANI", "A_BANGLADESHI", "A_CHINESE", "A_OTHER",
    "B_AFRICAN", "B_CARIBBEAN", "B_OTHER",
    "M_WHITE_BLACK_CARIBBEAN", "M_WHITE_BLACK_AFRICAN", "M_WHITE_ASIAN", "M_OTHER",
    "O_ARAB", "O_OTHER",
)  # fmt: skip
# Columns in the order of _COLUMNS (WBr = W_BRITISH ... OOt = O_OTHER).
_MIX_TABLE = """
area           WBr WIr WGT WRo WOt AIn APk ABd ACh AOt BAf BCa BOt MBC MBA MWA MOt OAr OOt
birmingham     429  12   1   3  41  58 170  41   6  35  60  38  11  22   4  10  12  15  32
coventry       550  12   1   4  88  88  33  12  16  36  75   9   5  12   6   9   8  10  26
dudley         820   4   1   1  34  30  41   6   3   6   8   8   3  13   2   6   5   3   6
sandwell       490   6   1   4  62 126  74  34   3  34  53  28   9  18   3   7   8   8  32
solihull       798  13   1   1  37  50  25   5   5  11   7   8   2  10   2  10   6   2   7
walsall        665   4   1   3  42  80  78  31   2   9  20  14   4  16   2   7   6   3  13
wolverhampton  525   6   1   5  60 160  24   4   5  37  39  34  10  30   3  10  11   6  30
outside        880   6   2   1  35  25   8   2   4   7   8   4   1   8   2   6   4   2   5
"""


def _parse_mix(table: str) -> dict[str, dict[str, float]]:
    rows = [line.split() for line in table.strip().splitlines()[1:]]
    return {
        row[0]: dict(zip(_COLUMNS, (int(value) / 10 for value in row[1:]), strict=True))
        for row in rows
    }


# Per cent, by area slug and ONS code.
ETHNIC_MIX: dict[str, dict[str, float]] = _parse_mix(_MIX_TABLE)
# A few records say nothing about ethnicity, whatever the person's name suggests.
ETHNICITY_NOT_KNOWN_SHARE = 0.03
ETHNICITY_NOT_STATED_SHARE = 0.01

# Ages (whole years on the build's reference date): mostly children and young people.
AGE_BANDS: tuple[tuple[float, int, int], ...] = (
    # share, youngest, oldest
    (0.70, 10, 17),
    (0.18, 18, 25),
    (0.12, 26, 70),
)
DOB_ESTIMATED_SHARE = 0.05  # recorded as 1 January of the estimated year of birth
DOB_MISSING_SHARE = 0.01

# Gender as recorded. Child criminal exploitation referrals are mostly boys, child sexual
# exploitation mostly girls; together a little over half are boys.
GENDER_SHARES: tuple[tuple[str, float], ...] = (
    ("male", 0.55),
    ("female", 0.425),
    ("non_binary", 0.01),
    ("other", 0.005),
    ("not_known", 0.01),
)

# Chance of each vulnerability, independently, by age group (child < 18 <= adult). Most people
# end up with none, one or two.
VULNERABILITY_RATES: dict[str, tuple[float, float]] = {
    # code: (child, adult)
    "care_experienced": (0.12, 0.08),
    "send": (0.14, 0.05),
    "disability": (0.03, 0.04),
    "learning_disability": (0.03, 0.05),
    "mental_health": (0.15, 0.22),
    "substance_misuse": (0.08, 0.20),
    "excluded": (0.08, 0.0),
    "neet": (0.03, 0.15),  # children: 16 and 17 year olds only, in effect
    "missing_history": (0.20, 0.05),
    "insecure_immigration": (0.02, 0.03),
    "homeless": (0.01, 0.07),
    "domestic_abuse": (0.12, 0.10),
}

# How many agencies know a person: 1, 2 or 3.
INVOLVEMENT_COUNT_SHARES: tuple[float, float, float] = (0.45, 0.35, 0.20)
# Share of in-region persons also known to a team in another area of the region.
CROSS_AREA_SHARE = 0.03
# The first persons of each area are never cross-area, so every seed has people known to one
# area only (the browser tests rely on a Coventry-only person).
SINGLE_AREA_ANCHORS = 3

# Which kinds of team know people of each age group, with relative weights.
INVOLVEMENT_WEIGHTS: dict[str, dict[str, int]] = {
    "child": {
        "hub": 30,
        "social_care": 45,
        "police": 35,
        "school": 30,
        "youth_justice": 10,
        "health": 15,
        "voluntary": 8,
        "housing": 2,
    },
    "young_adult": {
        "hub": 15,
        "social_care": 10,
        "police": 40,
        "school": 4,
        "probation": 15,
        "health": 15,
        "adults": 10,
        "housing": 12,
        "voluntary": 10,
    },
    "adult": {
        "police": 45,
        "probation": 20,
        "health": 15,
        "adults": 20,
        "housing": 15,
        "voluntary": 8,
    },
}
# Kinds of team that pick up a person from another area.
CROSS_AREA_KINDS: tuple[str, ...] = ("hub", "police", "social_care")
