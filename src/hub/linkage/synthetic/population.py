"""A synthetic population for linkage: households of real-looking people at real postcodes.

Households are what make linkage hard: parents and children share a family name, an address
and a landline; twins share a date of birth too; a son may be named after his father. People
move, women and children change surnames, teenagers get phones. Names come from the demo's
pools (`hub.demo.generator.names`), postcodes from the ONS directory for the seven West
Midlands areas. Everything is drawn from one seeded `random.Random`, so a seed gives the same
people every time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from random import Random

from hub.demo.generator.names import NamePool, name_pools
from hub.platform.places import WEST_MIDLANDS_AREAS, postcodes_in

# Ages are worked out on this day, so a seed gives the same people whatever day it runs.
REFERENCE_DAY = date(2026, 11, 1)

# Names of a household's community: a rough regional mix, pool keys of name_pools().
COMMUNITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("british", 0.52),
    ("pakistani", 0.11),
    ("indian", 0.06),
    ("bangladeshi", 0.04),
    ("caribbean", 0.04),
    ("irish", 0.02),
    ("polish", 0.04),
    ("romanian", 0.02),
    ("nigerian", 0.02),
    ("ghanaian", 0.01),
    ("somali", 0.02),
    ("zimbabwean", 0.01),
    ("arab", 0.02),
    ("kurdish_iranian", 0.01),
    ("chinese", 0.01),
    ("afghan", 0.01),
    ("vietnamese", 0.01),
    ("latin_american", 0.01),
    ("slovak", 0.02),
)
AREA_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("E08000025", 1145),
    ("E08000026", 345),
    ("E08000027", 323),
    ("E08000028", 342),
    ("E08000029", 216),
    ("E08000030", 284),
    ("E08000031", 264),
)
STREET_NAMES: tuple[str, ...] = (
    "Church Road", "Station Road", "High Street", "Park Road", "Victoria Road", "Green Lane",
    "Manor Road", "Church Street", "Park Avenue", "Queens Road", "New Road", "Grange Road",
    "Albert Road", "Stanley Road", "Kings Road", "Springfield Road", "Windsor Road",
    "Coventry Road", "Stratford Road", "Soho Road", "Bromford Lane", "Walsall Road",
    "Dudley Road", "Tividale Road", "Foleshill Road", "Moseley Road", "Ladypool Road",
    "Alum Rock Road", "Lichfield Road", "Tettenhall Road", "Hagley Road", "Pershore Road",
    "Bristol Road", "Warwick Road", "Oak Tree Lane", "Mill Lane", "School Lane", "Cedar Close",
)  # fmt: skip
EMAIL_DOMAINS: tuple[str, ...] = ("gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk")
# Household sizes 1..6 and their shares.
HOUSEHOLD_SIZE_WEIGHTS: tuple[float, ...] = (0.22, 0.22, 0.2, 0.2, 0.1, 0.06)
TWIN_SHARE = 0.04  # of children after the first, born the same day as the one before
JUNIOR_SHARE = 0.03  # of sons given their father's name
DOUBLE_BARRELLED_SHARE = 0.03
MAIDEN_NAME_SHARE = 0.35  # of mothers, a family name before this one
STEP_NAME_SHARE = 0.04  # of children, known earlier by another family name
MOVER_SHARE = 0.3  # of people, with a previous address
MOBILE_SHARE = 0.75  # of people 12 and over
LANDLINE_SHARE = 0.35  # of households
EMAIL_SHARE = 0.45  # of people 14 and over
NHS_NUMBER_SHARE = 0.97
# UK mobile ranges in use (076 is pagers, 070 personal numbers).
MOBILE_PREFIXES = ("074", "075", "077", "078", "079")


@dataclass(frozen=True, slots=True)
class Address:
    """Where a household lives."""

    line: str
    town: str
    postcode: str


@dataclass(slots=True)
class Person:
    """One synthetic person, as they truly are (records copy them with errors)."""

    person_id: str
    household: int
    community: str
    sex: str  # "m" or "f"
    given: str
    middle: str | None
    family: str
    previous_family: str | None
    dob: date
    nhs_number: str | None
    mobile: str | None
    landline: str | None
    email: str | None
    address: Address
    previous_address: Address | None
    parent_phone: str | None = None  # a child's contact number: a parent's or the home's

    @property
    def age(self) -> int:
        """Whole years on the reference day."""
        had_birthday = (REFERENCE_DAY.month, REFERENCE_DAY.day) >= (self.dob.month, self.dob.day)
        return REFERENCE_DAY.year - self.dob.year - (0 if had_birthday else 1)


@lru_cache(maxsize=8)
def _postcodes(la_code: str) -> tuple[str, ...]:
    return tuple(postcodes_in(la_code))


def nhs_check_digit(nine: str) -> int | None:
    """The modulus 11 check digit of nine digits, or None when they make no valid number."""
    total = sum(int(digit) * weight for digit, weight in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return None if check == 10 else check


class PopulationMaker:
    """Draws households and their people from one random generator."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.pools: dict[str, NamePool] = name_pools()
        self.communities = [key for key, _ in COMMUNITY_WEIGHTS]
        self.community_weights = list(
            itertools.accumulate(weight for _, weight in COMMUNITY_WEIGHTS)
        )
        self.areas = [code for code, _ in AREA_WEIGHTS]
        self.area_weights = list(itertools.accumulate(weight for _, weight in AREA_WEIGHTS))
        self.person_count = 0
        self.household_count = 0
        self.used_nhs: set[str] = set()
        self.used_phones: set[str] = set()

    # --- small draws ---------------------------------------------------------------------
    def _address(self) -> Address:
        rng = self.rng
        area = rng.choices(self.areas, cum_weights=self.area_weights)[0]
        postcodes = _postcodes(area)
        street = STREET_NAMES[int(rng.random() * len(STREET_NAMES))]
        number = rng.randint(1, 240)
        flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.08 else ""
        return Address(
            f"{flat}{number} {street}",
            WEST_MIDLANDS_AREAS[area],
            postcodes[int(rng.random() * len(postcodes))],
        )

    def _nhs_number(self) -> str:
        while True:
            nine = str(self.rng.randint(400_000_000, 999_999_999))
            check = nhs_check_digit(nine)
            if check is not None and nine + str(check) not in self.used_nhs:
                self.used_nhs.add(nine + str(check))
                return nine + str(check)

    def _phone(self, prefix: str) -> str:
        while True:
            width = 11 - len(prefix)
            number = f"{prefix}{self.rng.randrange(10**width):0{width}d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def _dob(self, youngest: int, oldest: int) -> date:
        days = self.rng.randint(youngest * 365, oldest * 365 + 364)
        return REFERENCE_DAY - timedelta(days=days)

    def _given(self, pool: NamePool, *, female: bool, dob: date, avoid: set[str]) -> str:
        young = dob.year >= 1995
        for _ in range(20):
            name = pool.given(self.rng, female=female, young=young)
            if name not in avoid:
                return name
        return name

    # --- people ----------------------------------------------------------------------------
    def _person(
        self,
        household: int,
        community: str,
        *,
        sex: str,
        given: str,
        family: str,
        dob: date,
        address: Address,
        landline: str | None,
    ) -> Person:
        rng = self.rng
        self.person_count += 1
        pool = self.pools[community]
        middle = (
            pool.given(rng, female=sex == "f", young=dob.year >= 1995)
            if rng.random() < 0.35
            else None
        )
        age = (REFERENCE_DAY - dob).days // 365
        mobile = None
        if age >= 12 and rng.random() < MOBILE_SHARE:
            mobile = self._phone(rng.choice(MOBILE_PREFIXES))
        email = None
        if age >= 14 and rng.random() < EMAIL_SHARE:
            separator = rng.choice((".", "", "_"))
            email = (
                f"{given.lower()}{separator}{family.lower().replace(' ', '')}"
                f"{rng.randint(1, 99) if rng.random() < 0.6 else ''}"
                f"@{rng.choice(EMAIL_DOMAINS)}"
            )
        return Person(
            person_id=f"T{self.person_count:08d}",
            household=household,
            community=community,
            sex=sex,
            given=given,
            middle=middle if middle != given else None,
            family=family,
            previous_family=None,
            dob=dob,
            nhs_number=self._nhs_number() if rng.random() < NHS_NUMBER_SHARE else None,
            mobile=mobile,
            landline=landline,
            email=email,
            address=address,
            previous_address=self._address() if rng.random() < MOVER_SHARE else None,
        )

    def household(self) -> list[Person]:
        """One household: adults, their children (twins now and then), shared details."""
        rng = self.rng
        self.household_count += 1
        number = self.household_count
        community = rng.choices(self.communities, cum_weights=self.community_weights)[0]
        pool = self.pools[community]
        family = pool.family_name(rng, female=False)
        if community == "british" and rng.random() < DOUBLE_BARRELLED_SHARE:
            family = f"{family}-{pool.family_name(rng, female=False)}"
        address = self._address()
        landline = (
            self._phone(f"0121{rng.randint(2, 7)}") if rng.random() < LANDLINE_SHARE else None
        )
        size = rng.choices(range(1, 7), weights=HOUSEHOLD_SIZE_WEIGHTS)[0]
        if size == 1:
            sex = "m" if rng.random() < 0.55 else "f"
            dob = self._dob(16, 60)
            given = self._given(pool, female=sex == "f", dob=dob, avoid=set())
            return [
                self._person(
                    number, community, sex=sex, given=given, family=family, dob=dob,
                    address=address, landline=landline,
                )
            ]  # fmt: skip
        people: list[Person] = []
        adults = 2 if size >= 3 and rng.random() < 0.7 else 1
        mother_dob = self._dob(24, 52)
        mother = self._person(
            number, community, sex="f", given=self._given(pool, female=True, dob=mother_dob,
            avoid=set()), family=family, dob=mother_dob, address=address, landline=landline,
        )  # fmt: skip
        if rng.random() < MAIDEN_NAME_SHARE:
            mother.previous_family = pool.family_name(rng, female=True)
        people.append(mother)
        father: Person | None = None
        if adults == 2:
            father_dob = mother_dob - timedelta(days=rng.randint(-1500, 3000))
            father = self._person(
                number, community, sex="m", given=self._given(pool, female=False,
                dob=father_dob, avoid=set()), family=family, dob=father_dob, address=address,
                landline=landline,
            )  # fmt: skip
            people.append(father)
        names = {mother.given} | ({father.given} if father else set())
        youngest_mother_age = (REFERENCE_DAY - mother_dob).days // 365
        previous: Person | None = None
        for _ in range(size - adults):
            sex = "m" if rng.random() < 0.55 else "f"
            if previous is not None and rng.random() < TWIN_SHARE:
                dob = previous.dob
            else:
                dob = self._dob(0, max(0, min(17, youngest_mother_age - 17)))
            if father is not None and sex == "m" and rng.random() < JUNIOR_SHARE:
                given = father.given
            else:
                given = self._given(pool, female=sex == "f", dob=dob, avoid=names)
            names.add(given)
            child = self._person(
                number, community, sex=sex, given=given, family=family, dob=dob,
                address=address, landline=landline,
            )  # fmt: skip
            if rng.random() < STEP_NAME_SHARE:
                child.previous_family = pool.family_name(rng, female=sex == "f")
            child.parent_phone = mother.mobile or landline
            people.append(child)
            previous = child
        return people


def population(rng: Random) -> Iterator[Person]:
    """People household by household, without end: take as many as needed."""
    maker = PopulationMaker(rng)
    while True:
        yield from maker.household()
