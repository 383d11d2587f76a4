"""Other names, identifiers and address histories for the synthetic persons; the search index.

Aliases, about two a person: other spellings (sound-alike forms and the slips agencies make
when they type a name: letters swapped, dropped, doubled or hit next door on the keyboard),
nicknames, street names, previous surnames, and now and then a false name given. Identifiers:
an NHS number (valid check digit) for most persons, a Police National Computer id for those
known to the police, a council case number for those known to social care, and a unique pupil
number (valid check letter) for children known to a school. Addresses: the current one (the
person's postcode) and for many a previous one, with real postcodes of the region.

Rows go straight in as tuples (COPY on PostgreSQL, batched INSERTs on SQLite): at region size
that is a million rows, and `bulk_create`'s per-object work was most of the build's time. No
change-history rows (synthetic data has no history). The search index is then rebuilt once for
everybody (`hub.people.search.services.reindex_all`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone

from hub.organisations.models import Agency
from hub.people.models import (
    AliasKind,
    IdentifierKind,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonInvolvement,
)
from hub.people.search.services import reindex_all
from hub.platform.places import postcodes_in

from .organisations import ALL
from .tables import insert_rows

if TYPE_CHECKING:
    from .core import RegionBuild

BATCH_SIZE = 10_000

# How many aliases a person has (0..5): about 2.1 on average.
ALIAS_COUNT_WEIGHTS = (0.09, 0.22, 0.33, 0.21, 0.10, 0.05)
ALIAS_KIND_WEIGHTS: tuple[tuple[str, float], ...] = (
    (AliasKind.OTHER_SPELLING, 0.36),
    (AliasKind.NICKNAME, 0.24),
    (AliasKind.STREET_NAME, 0.14),
    (AliasKind.PREVIOUS_NAME, 0.16),
    (AliasKind.ALIAS, 0.10),
)
NHS_NUMBER_SHARE = 0.9
POLICE_ID_SHARE = 0.85  # of those known to the police
COUNCIL_ID_SHARE = 0.9  # of those known to children's or adult social care
UPN_SHARE = 0.9  # of children known to a school
OTHER_CHILD_UPN_SHARE = 0.5  # of other children
PREVIOUS_ADDRESS_SHARE = 0.45
PREVIOUS_ADDRESS_ELSEWHERE_SHARE = 0.25

# DfE local authority numbers, used in unique pupil numbers.
LA_NUMBERS = {
    "birmingham": 330,
    "coventry": 331,
    "dudley": 332,
    "sandwell": 333,
    "solihull": 334,
    "walsall": 335,
    "wolverhampton": 336,
}
_UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# fmt: off
# Spellings of one name that agencies record interchangeably.
SPELLING_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"),
    ("Kayden", "Kaiden", "Caden", "Cayden", "Kaden"), ("Jayden", "Jaden", "Jaiden", "Jaydon"),
    ("Aaliyah", "Aliyah", "Aliya", "Aleeyah"), ("Stephen", "Steven", "Stefan"),
    ("Smith", "Smyth"), ("Aisha", "Ayesha", "Aysha", "Aishah"), ("Ayesha", "Aisha", "Aysha"),
    ("Yusuf", "Yousuf", "Yousef", "Youssef"), ("Ibrahim", "Ebrahim", "Ibraheem"),
    ("Zain", "Zayn", "Zane"), ("Hussain", "Hussein", "Husain", "Hossain"),
    ("Ahmed", "Ahmad", "Ahmet"), ("Khan", "Kahn"), ("Rahman", "Rehman"),
    ("Chowdhury", "Choudhury", "Chaudhry", "Chowdhry"), ("Chaudhry", "Chowdhury", "Choudhry"),
    ("Mariam", "Maryam", "Miriam"), ("Maryam", "Mariam"), ("Fatima", "Fatimah", "Fatema"),
    ("Leah", "Lea", "Leia"), ("Sophie", "Sofie", "Sophia"), ("Sophia", "Sofia"),
    ("Riley", "Rylee", "Reilly"), ("Connor", "Conor", "Konnor"), ("Callum", "Calum", "Kallum"),
    ("Kieran", "Ciaran", "Keiran"), ("Reece", "Rhys", "Reese"), ("Lewis", "Louis"),
    ("Thompson", "Thomson"), ("Phillips", "Philips"), ("Matthew", "Mathew"),
    ("Katie", "Katy", "Katey"), ("Zoe", "Zoey", "Zoë"), ("Chloe", "Chloé", "Cloe"),
    ("Niamh", "Neve", "Neave"), ("Jasmine", "Jasmin", "Yasmin"), ("Yasmin", "Yasmine", "Jasmin"),
    ("Layla", "Leila", "Laila", "Lailah"), ("Noor", "Nur"), ("Ali", "Aly"), ("Kai", "Ky", "Kye"),
    ("Abdullah", "Abdulla", "Abdallah"), ("Uddin", "Udin"), ("Miah", "Meah", "Mia"),
    ("Hoque", "Haque", "Hoq"), ("Haque", "Hoque"), ("Islam", "Islaam"),
    ("Wójcik", "Wojcik", "Woycik"), ("Nowak", "Novak"), ("Kowalski", "Kovalski"),
    ("Tyler", "Tylor"), ("Mason", "Maison"), ("Harvey", "Harvie"), ("Ellie", "Elly"),
    ("Jack", "Jak"), ("Isla", "Islay"), ("Amelia", "Emilia"), ("Olivia", "Olivea"),
    ("Mia", "Miya", "Mya"), ("Tia", "Tiah"), ("Jade", "Jayde"), ("Paige", "Page"),
    ("Bethany", "Bethanie"), ("Jordan", "Jorden"), ("Ryan", "Rian"), ("Ethan", "Eithan"),
    ("Hamza", "Hamzah"), ("Hafsa", "Hafsah"), ("Zainab", "Zaynab"), ("Amina", "Aminah"),
    ("Khadija", "Khadijah", "Khadeeja"), ("Omar", "Umar"), ("Usman", "Osman", "Uthman"),
    ("Bilal", "Bilaal"), ("Tariq", "Tarik"), ("Imran", "Imraan"), ("Iqbal", "Ikbal"),
    ("Javed", "Javid", "Jawed"), ("Mahmood", "Mahmud", "Mehmood"), ("Qureshi", "Kureshi"),
    ("Siddique", "Siddiqui", "Sadiq"), ("Begum", "Beegum"), ("Akhtar", "Akhter", "Akter"),
    ("Abdi", "Abdie"), ("Farah", "Farrah"), ("Hassan", "Hasan"), ("Hussein", "Hussain"),
    ("Osman", "Othman", "Usman"), ("Ismail", "Ismael"), ("Abdullahi", "Abdulahi"),
    ("Nguyen", "Nguyn"), ("Tendai", "Tenday"), ("Blessing", "Blessin"),
)
# Short forms people go by.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "mohammed": ("Mo", "Moe", "Hamid"), "muhammad": ("Mo", "Moe"), "mohamed": ("Mo",),
    "mohammad": ("Mo",), "thomas": ("Tom", "Tommy"), "daniel": ("Dan", "Danny"),
    "joshua": ("Josh",), "jacob": ("Jake", "Jay"), "samuel": ("Sam", "Sammy"),
    "joseph": ("Joe", "Joey"), "william": ("Will", "Billy", "Liam"), "james": ("Jim", "Jamie"),
    "charlie": ("Chaz", "Chas"), "oliver": ("Ollie", "Oli"), "alexander": ("Alex", "Zander"),
    "christopher": ("Chris", "Kit"), "benjamin": ("Ben", "Benji"), "nathan": ("Nate", "Nat"),
    "matthew": ("Matt", "Matty"), "michael": ("Mike", "Mikey", "Mick"), "jessica": ("Jess",),
    "rebecca": ("Becky", "Becca"), "elizabeth": ("Lizzie", "Beth", "Liz"),
    "abdullah": ("Abdul",), "ibrahim": ("Ibby", "Ibi"), "katarzyna": ("Kasia",),
    "aleksandra": ("Ola",), "mateusz": ("Mati",), "jakub": ("Kuba",), "alfie": ("Alf",),
    "isabella": ("Izzy", "Bella"), "amelia": ("Millie", "Mimi"), "charlotte": ("Lottie",),
    "olivia": ("Liv", "Livvy"), "harry": ("H",), "george": ("Georgie",), "tyler": ("Ty",),
    "kayden": ("Kay", "KD"), "jayden": ("Jay", "JD"), "muhammed": ("Mo",), "yusuf": ("Yus",),
    "hamza": ("Hamz",), "zainab": ("Zee",), "fatima": ("Fati",), "aaliyah": ("Liyah",),
    "abdul": ("Abs",), "tendai": ("Tee",), "blessing": ("Bless",), "precious": ("Prae",),
}
STREET_WORDS: tuple[str, ...] = (
    "Tiny", "Ghost", "Smokey", "Blade", "Trigger", "Ace", "Shadow", "Ziggy", "Bugsy", "Skinny",
    "Red", "Snoop", "Dizzy", "Flash", "Kash", "Bandz", "Capo", "Dread", "Junior", "Rambo",
    "Spider", "Tank", "Zeus", "Fade", "Kidda", "Madz", "Nitro", "Razor", "Scrappy", "Dotty",
    "Menace", "Sparks", "Chunky", "Bossman", "Digga", "Stacks", "Rocco", "Tiger", "Viper", "Ghosty",
)
STREET_PATTERNS: tuple[tuple[str, float], ...] = (
    ("{word}", 0.45), ("Lil {word}", 0.15), ("Young {word}", 0.1), ("Lil {initial}", 0.1),
    ("{word} {initial}", 0.1), ("Big {word}", 0.1),
)
STREETS: tuple[str, ...] = (
    "Church Road", "Station Road", "High Street", "Park Road", "Victoria Road", "Green Lane",
    "Manor Road", "Church Street", "Park Avenue", "Queens Road", "New Road", "Grange Road",
    "Albert Road", "Stanley Road", "Kings Road", "Springfield Road", "Windsor Road",
    "Coventry Road", "Stratford Road", "Soho Road", "Bromford Lane", "Walsall Road",
    "Dudley Road", "Tividale Road", "Foleshill Road", "Moseley Road", "Ladypool Road",
    "Alum Rock Road", "Washwood Heath Road", "Lichfield Road", "Tettenhall Road",
)
_KEYBOARD = {
    "a": "qswz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}
_SOUND_SWAPS: tuple[tuple[str, str], ...] = (
    ("ph", "f"), ("ck", "k"), ("c", "k"), ("k", "c"), ("y", "i"), ("i", "y"), ("ee", "ea"),
    ("ie", "y"), ("ou", "u"), ("th", "t"), ("z", "s"), ("s", "z"), ("mm", "m"), ("ll", "l"),
    ("nn", "n"), ("tt", "t"), ("ey", "y"), ("ai", "ay"), ("ay", "ai"), ("oo", "u"), ("ah", "a"),
    ("ia", "iya"), ("e", "a"), ("a", "e"), ("ar", "er"),
)
# fmt: on

_SPELLINGS: dict[str, tuple[str, ...]] = {}
for _group in SPELLING_GROUPS:
    _SPELLINGS.setdefault(_group[0].casefold(), _group[1:])


def _recase(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word[:1].upper() + word[1:]


def typo(rng: Random, word: str) -> str:
    """One slip of the kind people make typing a name; the first letter is usually kept."""
    if len(word) < 4:  # "Pun" -> "Pn" is not a slip anyone would recognise
        return word
    lower = word.lower()
    roll = rng.random()
    position = rng.randint(1, len(lower) - 2)
    if roll < 0.25:  # two letters swapped
        made = lower[:position] + lower[position + 1] + lower[position] + lower[position + 2 :]
    elif roll < 0.45:  # a letter left out
        made = lower[:position] + lower[position + 1 :]
    elif roll < 0.58:  # a letter doubled
        made = lower[: position + 1] + lower[position] + lower[position + 1 :]
    elif roll < 0.75:  # the key next door
        letter = lower[position]
        near = _KEYBOARD.get(letter, letter)
        made = lower[:position] + near[int(rng.random() * len(near))] + lower[position + 1 :]
    else:  # spelt as it sounds
        swaps = [swap for swap in _SOUND_SWAPS if swap[0] in lower[1:]]
        if not swaps:
            made = lower[:position] + lower[position + 1 :]
        else:
            old, new = swaps[int(rng.random() * len(swaps))]
            at = lower.index(old, 1)
            made = lower[:at] + new + lower[at + len(old) :]
    return _recase(made, word) if made != lower else word


def other_spelling(rng: Random, name: str) -> str:
    """Another recorded form of a name: a known variant where there is one, else a slip."""
    variants = _SPELLINGS.get(name.casefold())
    if variants and rng.random() < 0.7:
        return variants[int(rng.random() * len(variants))]
    made = typo(rng, name)
    if rng.random() < 0.12:
        made = typo(rng, made)
    return made


def nickname(rng: Random, given: str) -> str:
    """A short form of a given name."""
    first = given.split()[0] if given.split() else given
    known = NICKNAMES.get(first.casefold())
    if known:
        return known[int(rng.random() * len(known))]
    vowel = next((i for i, ch in enumerate(first.lower()) if ch in "aeiou"), 0)
    if len(first) <= 4:  # the "-z" short forms: Barry -> Baz, Sharon -> Shaz, Noah -> Noz
        return first[: vowel + 1] + "z"
    # The first syllable: up to the first consonant after the first vowel ("Vrishti" -> "Vris").
    consonant = next(
        (i for i in range(vowel + 1, len(first)) if first[i].lower() not in "aeiou"), vowel + 1
    )
    return first[: max(3, consonant + 1)]


def nhs_check_digit(nine: str) -> int | None:
    """The modulus 11 check digit of nine digits, or None when they make no valid number."""
    total = sum(int(digit) * weight for digit, weight in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return None if check == 10 else check


def nhs_number(rng: Random) -> str:
    """A valid NHS number (10 digits, check digit right), first digit 4-9 as issued."""
    while True:
        nine = str(rng.randint(400_000_000, 999_999_999))
        check = nhs_check_digit(nine)
        if check is not None:
            return nine + str(check)


def upn(rng: Random, la_number: int, year_of_entry: int) -> str:
    """A unique pupil number: check letter, LA number, school, year, serial (DfE's scheme)."""
    body = f"{la_number:03d}{rng.randint(2000, 7999):04d}{year_of_entry % 100:02d}"
    body += f"{rng.randint(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, range(2, 14), strict=True))
    return _UPN_CHECK_LETTERS[total % 23] + body


def pnc_id(rng: Random, year: int) -> str:
    """A Police National Computer id shape: year / serial and a check letter."""
    return f"{year % 100:02d}/{rng.randint(1, 999_999):06d}{chr(65 + rng.randint(0, 25))}"


class _Namer:
    """Makes the aliases of one person from the population's own names."""

    def __init__(self, rng: Random, givens: list[str], families: list[str]) -> None:
        self.rng = rng
        self.givens = givens
        self.families = families
        self.kinds = [kind for kind, _ in ALIAS_KIND_WEIGHTS]
        self.kind_weights = list(itertools.accumulate(w for _, w in ALIAS_KIND_WEIGHTS))
        self.patterns = [pattern for pattern, _ in STREET_PATTERNS]
        self.pattern_weights = list(itertools.accumulate(w for _, w in STREET_PATTERNS))

    def _pick(self, items: list[str] | tuple[str, ...]) -> str:
        return items[int(self.rng.random() * len(items))]

    def alias(self, given: str, family: str) -> tuple[str, str]:
        rng = self.rng
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        if kind == AliasKind.OTHER_SPELLING:
            roll = rng.random()
            if roll < 0.45:
                name = f"{other_spelling(rng, given)} {family}"
            elif roll < 0.85:
                name = f"{given} {other_spelling(rng, family)}"
            else:
                name = f"{other_spelling(rng, given)} {other_spelling(rng, family)}"
        elif kind == AliasKind.NICKNAME:
            short = nickname(rng, given)
            name = short if rng.random() < 0.6 else f"{short} {family}"
        elif kind == AliasKind.STREET_NAME:
            pattern = rng.choices(self.patterns, cum_weights=self.pattern_weights)[0]
            name = pattern.format(word=self._pick(STREET_WORDS), initial=given[:1].upper())
        elif kind == AliasKind.PREVIOUS_NAME:
            name = f"{given} {self._pick(self.families)}"
        else:
            name = f"{self._pick(self.givens)} {self._pick(self.families)}"
        return kind, name[:200]


def _address_line(rng: Random) -> str:
    return f"{rng.randint(1, 240)} {STREETS[int(rng.random() * len(STREETS))]}"


def _agency_kinds(region: RegionBuild) -> dict[int, tuple[str, int]]:
    """Agency id -> (kind, agency id), for the agencies the build made."""
    return {agency.pk: (agency.kind, agency.pk) for agency in region.agencies.values()}


def build(region: RegionBuild) -> None:
    """Aliases, identifiers and addresses for every person, then the search index."""
    rng = region.rng("identities")
    as_of = region.as_of
    slug_of_area = {area.pk: slug for slug, area in region.areas.items()}
    postcodes = {slug: postcodes_in(region.areas[slug].code) for slug in ALL}
    police = region.agencies["police"].pk

    agencies = _agency_kinds(region)
    known_to: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for person_id, agency_id in PersonInvolvement.objects.order_by("pk").values_list(
        "person_id", "agency_id"
    ):
        known_to[person_id].append(agencies.get(agency_id, ("", agency_id)))

    persons = list(
        Person.objects.order_by("pk").values_list(
            "pk", "given_name", "family_name", "date_of_birth", "postcode", "home_area_id"
        )
    )
    namer = _Namer(rng, [p[1] for p in persons[:5000]], [p[2] for p in persons[:5000]])
    alias_counts = list(range(len(ALIAS_COUNT_WEIGHTS)))
    alias_cum = list(itertools.accumulate(ALIAS_COUNT_WEIGHTS))
    used_nhs: set[str] = set()
    council_serial = itertools.count(1_000_000 + rng.randint(0, 99_999), 7)
    made: dict[str, int] = defaultdict(int)
    day = connection.ops.adapt_datefield_value  # a date as the database driver takes it
    recorded_at = connection.ops.adapt_datetimefield_value(timezone.now())
    region.progress.start("Aliases, identifiers, addresses", len(persons))
    for start in range(0, len(persons), BATCH_SIZE):
        aliases: list[tuple] = []
        identifiers: list[tuple] = []
        addresses: list[tuple] = []
        for pk, given, family, born, postcode, area_id in persons[start : start + BATCH_SIZE]:
            slug = slug_of_area.get(area_id, "outside")
            full = f"{given} {family}".casefold()
            seen: set[tuple[str, str]] = set()
            for _ in range(rng.choices(alias_counts, cum_weights=alias_cum)[0]):
                kind, name = namer.alias(given, family)
                if name.casefold() == full or (kind, name) in seen:
                    continue
                seen.add((kind, name))
                aliases.append((pk, kind, name, recorded_at))

            year_born = born.year if born else as_of.year - 16
            kinds = known_to.get(pk, [])
            if rng.random() < NHS_NUMBER_SHARE:
                number = nhs_number(rng)
                while number in used_nhs:
                    number = nhs_number(rng)
                used_nhs.add(number)
                identifiers.append((pk, IdentifierKind.NHS_NUMBER, number, None))
            if any(kind == Agency.Kind.POLICE for kind, _ in kinds) and (
                rng.random() < POLICE_ID_SHARE
            ):
                year = rng.randint(max(year_born + 10, as_of.year - 8), as_of.year)
                identifiers.append((pk, IdentifierKind.POLICE, pnc_id(rng, year), police))
            social = [
                agency
                for kind, agency in kinds
                if kind in (Agency.Kind.CHILDRENS_SERVICES, Agency.Kind.ADULT_SERVICES)
            ]
            if social and rng.random() < COUNCIL_ID_SHARE:
                identifiers.append(
                    (pk, IdentifierKind.LOCAL_AUTHORITY, str(next(council_serial)), social[0])
                )
            age = as_of.year - year_born
            if 4 <= age <= 19 and slug in LA_NUMBERS:
                schools = [agency for kind, agency in kinds if kind == Agency.Kind.EDUCATION]
                share = UPN_SHARE if schools else OTHER_CHILD_UPN_SHARE
                if rng.random() < share:
                    value = upn(rng, LA_NUMBERS[slug], year_born + 5)
                    school = schools[0] if schools else None
                    identifiers.append((pk, IdentifierKind.EDUCATION_UPN, value, school))

            age_days = (as_of - born).days if born else 16 * 365
            moved_in = as_of - timedelta(days=rng.randint(30, max(60, min(age_days, 12 * 365))))
            addresses.append((pk, _address_line(rng), "", postcode, area_id, day(moved_in), None))
            if rng.random() < PREVIOUS_ADDRESS_SHARE and (moved_in - timedelta(days=60)) > (
                born or date(1950, 1, 1)
            ):
                other = slug
                if slug == "outside" or rng.random() < PREVIOUS_ADDRESS_ELSEWHERE_SHARE:
                    other = ALL[int(rng.random() * len(ALL))]
                pool = postcodes[other]
                earliest = max(born or date.min, moved_in - timedelta(days=3650))
                lived = max(30, (moved_in - earliest).days)
                addresses.append(
                    (
                        pk,
                        _address_line(rng),
                        "",
                        pool[int(rng.random() * len(pool))],
                        region.areas[other].pk,
                        day(moved_in - timedelta(days=rng.randint(30, lived))),
                        day(moved_in),
                    )
                )
        insert_rows(PersonAlias, ("person", "kind", "name", "recorded_at"), aliases)
        insert_rows(PersonIdentifier, ("person", "kind", "value", "agency"), identifiers)
        insert_rows(
            PersonAddress,
            ("person", "address_line", "town", "postcode", "area", "moved_in", "moved_out"),
            addresses,
        )
        made["aliases"] += len(aliases)
        made["identifiers"] += len(identifiers)
        made["addresses"] += len(addresses)
        region.progress.advance(min(BATCH_SIZE, len(persons) - start))
    index = reindex_all(progress=region.progress)
    region.counts.update(
        aliases=made["aliases"],
        identifiers=made["identifiers"],
        addresses=made["addresses"],
        search_terms=index.terms,
        search_postings=index.postings,
    )
