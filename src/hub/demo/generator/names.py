"""Name pools for synthetic people: Faker's Latin-script locales, and short curated lists.

Faker's lists are read straight from its locale providers (not through a Faker instance), so
choosing a name is one call on our own seeded random generator: fast, and the same names come
back for the same seed (for the Faker version pinned in uv.lock). Faker has no Latin-script
lists that suit some of the region's communities (Pakistani, Bangladeshi, Caribbean, Somali,
Arab, Chinese and others), and its en_GB first names are a parents' generation; those lists are
curated here, kept modest, and are common names, not anyone in particular.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from random import Random
from typing import Any


@dataclass(frozen=True)
class NamePool:
    """Given names by sex, and family names (female forms where the language has them)."""

    male: Sequence[str]
    female: Sequence[str]
    family: Sequence[str]
    family_female: Sequence[str] | None = None
    family_cum_weights: Sequence[float] | None = None
    # Given names for people born since about 1995, where they differ from the parents' names.
    young_male: Sequence[str] | None = None
    young_female: Sequence[str] | None = None

    def given(self, rng: Random, *, female: bool, young: bool) -> str:
        if female:
            names = self.young_female if young and self.young_female else self.female
        else:
            names = self.young_male if young and self.young_male else self.male
        return names[int(rng.random() * len(names))]

    def family_name(self, rng: Random, *, female: bool) -> str:
        if female and self.family_female:
            return self.family_female[int(rng.random() * len(self.family_female))]
        if self.family_cum_weights is not None:
            return rng.choices(self.family, cum_weights=self.family_cum_weights)[0]
        return self.family[int(rng.random() * len(self.family))]


# --- curated lists ------------------------------------------------------------------------------
# fmt: off

# Popular names for boys and girls born in England and Wales 1998-2015 (ONS baby names).
BRITISH_YOUNG_MALE = (
    "Oliver", "Jack", "Harry", "Jacob", "Charlie", "Thomas", "George", "Oscar", "James",
    "William", "Joshua", "Alfie", "Noah", "Leo", "Ethan", "Daniel", "Samuel", "Joseph", "Max",
    "Lewis", "Callum", "Connor", "Kyle", "Liam", "Ryan", "Tyler", "Mason", "Riley", "Dylan",
    "Logan", "Archie", "Jayden", "Kai", "Reece", "Luke", "Jake", "Finley", "Harvey", "Ben",
    "Bradley", "Owen", "Nathan", "Adam", "Louis", "Cameron", "Ellis", "Jordan", "Kieran",
)
BRITISH_YOUNG_FEMALE = (
    "Amelia", "Olivia", "Emily", "Isla", "Ava", "Jessica", "Poppy", "Isabella", "Sophie", "Mia",
    "Ruby", "Lily", "Grace", "Evie", "Sophia", "Ella", "Chloe", "Megan", "Charlotte", "Lucy",
    "Holly", "Ellie", "Lauren", "Hannah", "Katie", "Courtney", "Paige", "Abbie", "Leah",
    "Bethany", "Millie", "Freya", "Amber", "Jade", "Caitlin", "Niamh", "Erin", "Phoebe", "Molly",
    "Daisy", "Scarlett", "Summer", "Keira", "Layla", "Maisie", "Tia", "Kayla", "Demi",
)
PAKISTANI_MALE = (
    "Mohammed", "Muhammad", "Ibrahim", "Yusuf", "Zain", "Hamza", "Ayaan", "Adam", "Ali", "Omar",
    "Bilal", "Usman", "Haris", "Rayyan", "Zakariya", "Imran", "Faisal", "Tariq", "Sohail",
    "Asif", "Rizwan", "Saif", "Ismail", "Abdullah", "Musa", "Idris", "Junaid", "Kamran",
    "Shahid", "Aqib", "Danyal", "Haroon", "Waqas", "Arslan", "Sameer", "Khalid",
)
PAKISTANI_FEMALE = (
    "Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Amina", "Khadija", "Zainab", "Inaya", "Iqra",
    "Sana", "Noor", "Anaya", "Hana", "Mariam", "Safa", "Alisha", "Nadia", "Samina", "Rubina",
    "Shazia", "Farah", "Sadia", "Rukhsana", "Nasreen", "Mehwish", "Aleena", "Eman", "Hira",
    "Laiba", "Ayesha", "Saima", "Bushra", "Rabia",
)
PAKISTANI_FAMILY = (
    "Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Mahmood", "Iqbal", "Rashid", "Javed", "Butt",
    "Malik", "Raja", "Shah", "Mirza", "Chaudhry", "Aslam", "Anwar", "Rehman", "Qureshi",
    "Yousaf", "Sadiq", "Arshad", "Saleem", "Nawaz", "Bashir", "Hanif", "Latif", "Siddique",
    "Zaman", "Riaz", "Tariq", "Mughal", "Kiani", "Abbasi", "Bibi",
)
BANGLADESHI_MALE = (
    "Mohammed", "Abdul", "Rahim", "Shahin", "Jamal", "Sabbir", "Tanvir", "Raihan", "Nabil",
    "Rafiq", "Shakil", "Ayaan", "Ibrahim", "Yahya", "Zakir", "Mahbub", "Aminul", "Saiful",
    "Rezaul", "Shafiq", "Nazmul", "Fahim", "Tahmid", "Adnan", "Ismail", "Sami",
)
BANGLADESHI_FEMALE = (
    "Sumaiya", "Tahmina", "Jannat", "Nusrat", "Ruksana", "Shirin", "Tasnim", "Afia", "Nabila",
    "Farzana", "Fatima", "Ayesha", "Maryam", "Salma", "Rumana", "Shanaz", "Habiba", "Jasmin",
    "Taslima", "Momtaz", "Rima", "Anika", "Mim", "Suhana",
)
BANGLADESHI_FAMILY = (
    "Miah", "Uddin", "Rahman", "Islam", "Ahmed", "Ali", "Hussain", "Choudhury", "Hoque",
    "Alam", "Karim", "Haque", "Chowdhury", "Begum", "Khatun", "Sultana", "Akter", "Ullah",
    "Hossain", "Mahmud", "Siddiqui", "Kabir",
)
CARIBBEAN_MALE = (
    "Jermaine", "Tyrone", "Marcus", "Leon", "Kemar", "Malachi", "Isaiah", "Josiah", "Elijah",
    "Tyrese", "Andre", "Delroy", "Winston", "Devon", "Curtis", "Dwayne", "Lloyd", "Nathaniel",
    "Jahmal", "Kareem", "Reuben", "Clive", "Errol", "Trevor", "Jordan", "Kyle", "Aaron",
)
CARIBBEAN_FEMALE = (
    "Shanice", "Jade", "Tia", "Kaya", "Keisha", "Aaliyah", "Shakira", "Chantelle", "Monique",
    "Tanisha", "Jasmine", "Nia", "Simone", "Marcia", "Beverley", "Paulette", "Yvonne", "Leanne",
    "Amari", "Imani", "Tiana", "Destiny", "Kiara", "Sasha",
)
CARIBBEAN_FAMILY = (
    "Campbell", "Brown", "Williams", "Thompson", "Johnson", "Clarke", "Francis", "Grant",
    "Reid", "Gordon", "Henry", "Lewis", "Walker", "Bailey", "Edwards", "Morgan", "Forbes",
    "Samuels", "Douglas", "Bennett", "Powell", "Hamilton", "Wright", "Palmer", "McKenzie",
    "Murray", "Blake", "Stewart", "Morrison", "Richards", "Anderson", "Daley", "Graham",
)
SOMALI_MALE = (
    "Mohamed", "Abdi", "Ahmed", "Hassan", "Ali", "Omar", "Yusuf", "Abdirahman", "Mustafe",
    "Abdullahi", "Liban", "Hamza", "Ilyas", "Khadar", "Bashir", "Said", "Jamal", "Abdikarim",
)
SOMALI_FEMALE = (
    "Hodan", "Fadumo", "Ayaan", "Hibo", "Sagal", "Amina", "Farhiya", "Ifrah", "Nimo", "Ubah",
    "Deeqa", "Hamdi", "Sahra", "Idil", "Ladan", "Khadra", "Muna", "Safiya",
)
SOMALI_FAMILY = (
    "Mohamed", "Abdi", "Hassan", "Farah", "Warsame", "Jama", "Osman", "Ismail", "Egal", "Aden",
    "Hersi", "Ahmed", "Ali", "Yusuf", "Nur", "Dahir", "Elmi", "Guled", "Abdullahi", "Hussein",
)
ZIMBABWEAN_MALE = (
    "Tendai", "Tatenda", "Tafadzwa", "Farai", "Takudzwa", "Kudakwashe", "Tinashe", "Blessing",
    "Simba", "Tapiwa", "Munashe", "Ruvimbo", "Nigel", "Brian", "Tonderai",
)
ZIMBABWEAN_FEMALE = (
    "Rumbidzai", "Chipo", "Nyasha", "Tariro", "Rutendo", "Vimbai", "Tsitsi", "Chiedza",
    "Nokuthula", "Precious", "Memory", "Ropafadzo", "Anesu", "Tanaka", "Fadzai",
)
ZIMBABWEAN_FAMILY = (
    "Moyo", "Ncube", "Sibanda", "Dube", "Chikore", "Mutasa", "Mhlanga", "Ndlovu", "Nyathi",
    "Chiwenga", "Makoni", "Mapfumo", "Gumbo", "Maposa", "Chirwa", "Banda", "Zhou", "Marufu",
)
CHINESE_GIVEN_MALE = (
    "Wei", "Jun", "Hao", "Ming", "Jie", "Yi", "Kai", "Long", "Tao", "Chen", "Yang", "Bo",
    "Kevin", "Jason", "Daniel", "Ryan", "Eric", "Nathan",
)
CHINESE_GIVEN_FEMALE = (
    "Mei", "Ying", "Ling", "Xin", "Hui", "Lin", "Jia", "Yan", "Fang", "Qing", "Xiao", "Yu",
    "Jenny", "Amy", "Grace", "Michelle", "Vivian", "Karen",
)
CHINESE_FAMILY = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
    "Ma", "Zhu", "Hu", "Lin", "Guo", "He", "Wong", "Chan", "Cheung", "Lau", "Leung", "Ng",
    "Tang", "Lam", "Yip", "Ho", "Lee", "Chow",
)
OTHER_ASIAN_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "afghan": (
        ("Ahmad", "Mohammad", "Farid", "Hamid", "Wahid", "Jawad", "Naveed", "Sohrab", "Zabihullah"),
        ("Zahra", "Fereshta", "Mariam", "Parwana", "Nazanin", "Laila", "Shabnam", "Mursal"),
        ("Ahmadi", "Rahimi", "Karimi", "Hashimi", "Popal", "Sultani", "Noori", "Safi", "Stanikzai"),
    ),
    "vietnamese": (
        ("Minh", "Tuan", "Duc", "Hung", "Nam", "Long", "Quang", "Thanh", "Bao"),
        ("Anh", "Linh", "Thu", "Huong", "Lan", "Mai", "Ngoc", "Trang", "Hoa"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do"),
    ),
    "filipino": (
        ("Jose", "Mark", "John Paul", "Angelo", "Rommel", "Jerome", "Christian", "Rodel"),
        ("Angelica", "Maricel", "Joy", "Kristine", "Rowena", "Jasmine", "Mary Grace", "Precious"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Dela Cruz"),
    ),
    "nepali": (
        ("Bikash", "Suman", "Prakash", "Rajesh", "Dipak", "Sagar", "Anish", "Rohit"),
        ("Sunita", "Anjali", "Sita", "Puja", "Asmita", "Sabina", "Rekha", "Srijana"),
        ("Gurung", "Thapa", "Rai", "Magar", "Tamang", "Limbu", "Shrestha", "Pun"),
    ),
}
ARAB_MALE = (
    "Ahmed", "Mohammed", "Omar", "Khalid", "Youssef", "Hassan", "Karim", "Sami", "Tariq",
    "Yasin", "Mustafa", "Adel", "Faris", "Nabil", "Rami", "Ziad", "Bilal", "Hamza",
)
ARAB_FEMALE = (
    "Layla", "Yasmin", "Noor", "Rania", "Huda", "Dalia", "Salma", "Mariam", "Lina", "Reem",
    "Samira", "Amal", "Hala", "Nadia", "Aya", "Jana", "Leen", "Malak",
)
ARAB_FAMILY = (
    "Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Hamdan", "Ibrahim", "Aziz", "Darwish",
    "Othman", "Al-Sayed", "Abdullah", "Qasim", "Yassin", "Mahmoud", "Jaber", "Farouk",
    "Al-Amin", "Suleiman", "Habib",
)
KURDISH_IRANIAN_MALE = (
    "Reza", "Amir", "Dara", "Soran", "Karwan", "Hiwa", "Arash", "Babak", "Rebwar", "Shvan",
)
KURDISH_IRANIAN_FEMALE = (
    "Shirin", "Parisa", "Roya", "Nasrin", "Zhila", "Avin", "Bahar", "Leyla", "Shilan", "Nazdar",
)
KURDISH_IRANIAN_FAMILY = (
    "Ahmadi", "Hosseini", "Rostami", "Karimi", "Mohammadi", "Rasuli", "Abdulla", "Salih",
    "Amini", "Tahir", "Jalal", "Faraj",
)
POLISH_MALE = (
    "Jakub", "Jan", "Mateusz", "Kacper", "Michał", "Szymon", "Filip", "Bartosz", "Piotr",
    "Tomasz", "Krzysztof", "Paweł", "Wojciech", "Marcin", "Dawid", "Kamil", "Łukasz", "Adam",
)
POLISH_FEMALE = (
    "Julia", "Zuzanna", "Maja", "Lena", "Hanna", "Natalia", "Aleksandra", "Wiktoria", "Oliwia",
    "Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Karolina", "Martyna", "Ewa",
)
POLISH_FAMILY_MALE = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
)
# The same families, in the forms women's surnames take in Polish.
POLISH_FAMILY_FEMALE = (
    "Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska",
    "Zielińska", "Szymańska", "Woźniak", "Dąbrowska", "Kozłowska", "Jankowska", "Mazur",
    "Kwiatkowska", "Krawczyk", "Piotrowska", "Grabowska", "Nowakowska", "Pawłowska",
)

# fmt: on


# --- Faker locales ------------------------------------------------------------------------------


def _faker_person(locale: str) -> Any:  # Faker's providers are untyped
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _weighted(names: Any) -> tuple[tuple[str, ...], tuple[float, ...] | None]:
    """Faker keeps some lists as {name: weight}; turn those into names and cumulative weights."""
    if isinstance(names, dict):
        keys = tuple(names)
        return keys, tuple(itertools.accumulate(float(names[k]) for k in keys))
    return tuple(names), None


def _faker_pool(locale: str, *, gendered_family: bool = False) -> NamePool:
    person = _faker_person(locale)
    male, _ = _weighted(person.first_names_male)
    female, _ = _weighted(person.first_names_female)
    if gendered_family:
        family, _ = _weighted(person.last_names_male)
        family_female, _ = _weighted(person.last_names_female)
        return NamePool(male, female, family, family_female=family_female)
    family, cum_weights = _weighted(person.last_names)
    return NamePool(male, female, family, family_cum_weights=cum_weights)


@lru_cache(maxsize=1)
def name_pools() -> dict[str, NamePool]:
    """Every pool by key. Built once per process."""
    british = _faker_pool("en_GB")
    pools = {
        "british": NamePool(
            british.male,
            british.female,
            british.family,
            family_cum_weights=british.family_cum_weights,
            young_male=BRITISH_YOUNG_MALE,
            young_female=BRITISH_YOUNG_FEMALE,
        ),
        "irish": _faker_pool("en_IE"),
        "polish": NamePool(
            POLISH_MALE, POLISH_FEMALE, POLISH_FAMILY_MALE, family_female=POLISH_FAMILY_FEMALE
        ),
        "romanian": _faker_pool("ro_RO"),
        "slovak": _faker_pool("sk_SK", gendered_family=True),
        "indian": _faker_pool("en_IN"),
        "pakistani": NamePool(PAKISTANI_MALE, PAKISTANI_FEMALE, PAKISTANI_FAMILY),
        "bangladeshi": NamePool(BANGLADESHI_MALE, BANGLADESHI_FEMALE, BANGLADESHI_FAMILY),
        "chinese": NamePool(CHINESE_GIVEN_MALE, CHINESE_GIVEN_FEMALE, CHINESE_FAMILY),
        "caribbean": NamePool(CARIBBEAN_MALE, CARIBBEAN_FEMALE, CARIBBEAN_FAMILY),
        "nigerian": _faker_pool("yo_NG"),
        "ghanaian": _faker_pool("tw_GH"),
        "somali": NamePool(SOMALI_MALE, SOMALI_FEMALE, SOMALI_FAMILY),
        "zimbabwean": NamePool(ZIMBABWEAN_MALE, ZIMBABWEAN_FEMALE, ZIMBABWEAN_FAMILY),
        "arab": NamePool(ARAB_MALE, ARAB_FEMALE, ARAB_FAMILY),
        "kurdish_iranian": NamePool(
            KURDISH_IRANIAN_MALE, KURDISH_IRANIAN_FEMALE, KURDISH_IRANIAN_FAMILY
        ),
        "latin_american": _faker_pool("es_CO"),
    }
    for key, (male, female, family) in OTHER_ASIAN_POOLS.items():
        pools[key] = NamePool(male, female, family)
    return pools


# Where each ONS 2021 ethnic group's names come from: (weight, given-name pool, family-name pool).
# Mixed groups draw given and family names from either side, as mixed families do.
NAME_SOURCES: dict[str, tuple[tuple[int, str, str], ...]] = {
    "W_BRITISH": ((1, "british", "british"),),
    "W_IRISH": ((1, "irish", "irish"),),
    "W_GYPSY_TRAVELLER": ((1, "irish", "irish"), (1, "british", "british")),
    "W_ROMA": ((2, "romanian", "romanian"), (1, "slovak", "slovak")),
    "W_OTHER": ((5, "polish", "polish"), (3, "romanian", "romanian"), (1, "slovak", "slovak")),
    "A_INDIAN": ((1, "indian", "indian"),),
    "A_PAKISTANI": ((1, "pakistani", "pakistani"),),
    "A_BANGLADESHI": ((1, "bangladeshi", "bangladeshi"),),
    "A_CHINESE": ((2, "chinese", "chinese"), (1, "british", "chinese")),
    "A_OTHER": (
        (2, "afghan", "afghan"),
        (1, "vietnamese", "vietnamese"),
        (1, "filipino", "filipino"),
        (1, "nepali", "nepali"),
    ),
    "B_AFRICAN": (
        (3, "nigerian", "nigerian"),
        (2, "ghanaian", "ghanaian"),
        (2, "somali", "somali"),
        (2, "zimbabwean", "zimbabwean"),
    ),
    "B_CARIBBEAN": ((2, "caribbean", "caribbean"), (1, "british", "caribbean")),
    "B_OTHER": (
        (1, "caribbean", "caribbean"),
        (1, "nigerian", "british"),
        (1, "british", "caribbean"),
    ),
    "M_WHITE_BLACK_CARIBBEAN": (
        (2, "british", "british"),
        (1, "caribbean", "british"),
        (1, "british", "caribbean"),
        (1, "caribbean", "caribbean"),
    ),
    "M_WHITE_BLACK_AFRICAN": (
        (2, "british", "british"),
        (1, "nigerian", "british"),
        (1, "british", "nigerian"),
        (1, "british", "ghanaian"),
    ),
    "M_WHITE_ASIAN": (
        (2, "british", "british"),
        (1, "british", "indian"),
        (1, "indian", "british"),
        (1, "british", "pakistani"),
        (1, "pakistani", "british"),
    ),
    "M_OTHER": (
        (1, "british", "british"),
        (1, "arab", "british"),
        (1, "british", "chinese"),
        (1, "caribbean", "indian"),
        (1, "latin_american", "british"),
    ),
    "O_ARAB": ((1, "arab", "arab"),),
    "O_OTHER": ((2, "kurdish_iranian", "kurdish_iranian"), (1, "latin_american", "latin_american")),
}
