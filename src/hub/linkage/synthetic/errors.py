"""The mistakes and habits of agency records, applied to a person's true details.

Slips of the keyboard, names spelt as they sound, short forms, day and month swapped, a
digit wrong, a postcode mistyped, a field left empty, and the many ways of writing the same
phone number. The short forms here are the generator's own list: they overlap the linkage
nickname table (definitions/nicknames.yaml) without copying it, so the measured figures are
not flattered by testing the table against itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

# fmt: off
# Other spellings agencies record for the same name.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "mohammed": ("Muhammad", "Mohamed", "Mohammad", "Muhammed"),
    "muhammad": ("Mohammed", "Muhammed", "Mohamed"), "kayden": ("Kaiden", "Caden", "Cayden"),
    "jayden": ("Jaden", "Jaiden", "Jaydon"), "aaliyah": ("Aliyah", "Aliya"),
    "stephen": ("Steven",), "steven": ("Stephen",), "smith": ("Smyth",),
    "aisha": ("Ayesha", "Aysha"), "ayesha": ("Aisha",), "yusuf": ("Yousuf", "Yousef"),
    "ibrahim": ("Ebrahim", "Ibraheem"), "zain": ("Zayn", "Zane"),
    "hussain": ("Hussein", "Husain"), "ahmed": ("Ahmad",), "khan": ("Kahn",),
    "rahman": ("Rehman",), "chowdhury": ("Choudhury", "Chaudhry"), "mariam": ("Maryam",),
    "maryam": ("Mariam",), "fatima": ("Fatimah",), "leah": ("Lea",), "sophie": ("Sofie",),
    "sophia": ("Sofia",), "connor": ("Conor",), "callum": ("Calum",), "kieran": ("Ciaran",),
    "reece": ("Rhys", "Reese"), "lewis": ("Louis",), "thompson": ("Thomson",),
    "phillips": ("Philips",), "matthew": ("Mathew",), "katie": ("Katy",), "zoe": ("Zoey",),
    "layla": ("Leila", "Laila"), "jasmine": ("Jasmin",), "abdullah": ("Abdulla",),
    "begum": ("Beegum",), "akhtar": ("Akhter",), "hassan": ("Hasan",), "omar": ("Umar",),
}
# Short forms people go by, as the generator knows them.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "thomas": ("Tom", "Tommy"), "daniel": ("Dan", "Danny"), "joshua": ("Josh",),
    "samuel": ("Sam",), "joseph": ("Joe",), "william": ("Will", "Billy"),
    "james": ("Jim", "Jimmy"), "oliver": ("Ollie",), "alexander": ("Alex",),
    "christopher": ("Chris",), "benjamin": ("Ben",), "nathan": ("Nate",),
    "matthew": ("Matt",), "michael": ("Mike", "Mick"), "jessica": ("Jess",),
    "rebecca": ("Becky",), "elizabeth": ("Liz", "Beth"), "mohammed": ("Mo",),
    "muhammad": ("Mo",), "abdullah": ("Abdul",), "katarzyna": ("Kasia",), "jakub": ("Kuba",),
    "isabella": ("Izzy", "Bella"), "charlotte": ("Lottie",), "olivia": ("Liv",),
    "robert": ("Rob", "Bob"), "richard": ("Rich",), "anthony": ("Tony",),
    "andrew": ("Andy",), "david": ("Dave",), "edward": ("Eddie", "Ted"), "peter": ("Pete",),
    "margaret": ("Maggie",), "jennifer": ("Jenny",), "victoria": ("Vicky",),
    "stephen": ("Steve",), "steven": ("Steve",), "patrick": ("Paddy",),
    "nicholas": ("Nick",), "kayden": ("Kay",), "jayden": ("Jay",), "ibrahim": ("Ibby",),
    "hamza": ("Hamz",), "zachary": ("Zac",), "frederick": ("Freddie",),
}
_KEYBOARD = {
    "a": "qswz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}
_SOUNDS: tuple[tuple[str, str], ...] = (
    ("ph", "f"), ("ck", "k"), ("c", "k"), ("y", "i"), ("i", "y"), ("ee", "ea"), ("th", "t"),
    ("z", "s"), ("s", "z"), ("mm", "m"), ("ll", "l"), ("nn", "n"), ("tt", "t"), ("ai", "ay"),
    ("oo", "u"), ("ah", "a"), ("e", "a"), ("a", "e"),
)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on


def _recase(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word[:1].upper() + word[1:]


def typo(rng: Random, word: str) -> str:
    """One slip typing a name (letters swapped, dropped, doubled, next key, as it sounds);
    the first letter is kept, as people keep it."""
    if len(word) < 4:
        return word
    lower = word.lower()
    roll = rng.random()
    at = rng.randint(1, len(lower) - 2)
    if roll < 0.25:
        made = lower[:at] + lower[at + 1] + lower[at] + lower[at + 2 :]
    elif roll < 0.45:
        made = lower[:at] + lower[at + 1 :]
    elif roll < 0.58:
        made = lower[: at + 1] + lower[at] + lower[at + 1 :]
    elif roll < 0.75:
        near = _KEYBOARD.get(lower[at], lower[at])
        made = lower[:at] + near[int(rng.random() * len(near))] + lower[at + 1 :]
    else:
        swaps = [swap for swap in _SOUNDS if swap[0] in lower[1:]]
        if not swaps:
            made = lower[:at] + lower[at + 1 :]
        else:
            old, new = swaps[int(rng.random() * len(swaps))]
            found = lower.index(old, 1)
            made = lower[:found] + new + lower[found + len(old) :]
    return _recase(made, word)


def other_spelling(rng: Random, name: str) -> str:
    """A recorded variant of a name where one is known, else a slip."""
    variants = SPELLINGS.get(name.casefold())
    if variants:
        return variants[int(rng.random() * len(variants))]
    return typo(rng, name)


def short_form(name: str, rng: Random) -> str | None:
    """A short form the person might give, if the name has one."""
    forms = SHORT_FORMS.get(name.casefold())
    return forms[int(rng.random() * len(forms))] if forms else None


def written_name(rng: Random, name: str) -> str:
    """A name as a system writes it: usually as given, sometimes in capitals or lower case."""
    roll = rng.random()
    if roll < 0.18:
        return name.upper()
    if roll < 0.22:
        return name.lower()
    return name


# --- dates -----------------------------------------------------------------------------------
def wrong_birth_date(rng: Random, dob: date) -> date:
    """A date of birth as a record gets it wrong: day and month swapped, a digit, a year."""
    roll = rng.random()
    if roll < 0.5 and dob.day <= 12 and dob.day != dob.month:
        return dob.replace(month=dob.day, day=dob.month)
    if roll < 0.75:
        day = dob.day + rng.choice((-10, -1, 1, 10))
        try:
            return dob.replace(day=day)
        except ValueError:
            return dob + timedelta(days=1)
    if roll < 0.9:
        try:
            return dob.replace(year=dob.year + rng.choice((-1, 1)))
        except ValueError:
            return dob - timedelta(days=1)
    return date(dob.year, 1, 1)  # the year known, the day estimated


def write_date(value: date, style: str) -> str:
    """A date in one agency's style."""
    if style == "iso":
        return value.isoformat()
    if style == "dmy":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if style == "mdy_short":
        return f"{value.month}/{value.day}/{value.year % 100:02d}"
    if style == "compact":
        return f"{value.year}{value.month:02d}{value.day:02d}"
    if style == "long":
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    if style == "dotted":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if style == "abbreviated":
        return f"{value.day:02d}-{MONTH_NAMES[value.month - 1][:3]}-{value.year}"
    raise ValueError(f"unknown date style {style!r}")


# --- places and numbers ----------------------------------------------------------------------
def written_postcode(rng: Random, postcode: str) -> str:
    """A postcode as typed: mostly right, sometimes without its space or in lower case, now
    and then with a character wrong."""
    roll = rng.random()
    if roll < 0.015:
        chars = list(postcode)
        at = rng.choice([i for i, ch in enumerate(chars) if ch != " "])
        chars[at] = rng.choice("0123456789") if chars[at].isdigit() else rng.choice("ABDEHJLNPRTW")
        return "".join(chars)
    if roll < 0.2:
        return postcode.replace(" ", "")
    if roll < 0.3:
        return postcode.lower()
    return postcode


def written_phone(rng: Random, number: str) -> str:
    """A UK number ("07911123456") written one of the ways people write it."""
    national = number[1:]
    roll = rng.random()
    if roll < 0.35:
        return number
    if roll < 0.6:
        return f"{number[:5]} {number[5:]}"
    if roll < 0.75:
        return f"+44 {national[:4]} {national[4:]}"
    if roll < 0.85:
        return f"+44{national}"
    if roll < 0.92:
        return f"({number[:4]}) {number[4:7]} {number[7:]}"
    return f"0044 {national}"


def written_nhs_number(rng: Random, number: str) -> str:
    """An NHS number spaced 3-3-4 as printed, or run together, now and then mistyped."""
    if rng.random() < 0.006:
        at = rng.randint(0, 9)
        number = number[:at] + str((int(number[at]) + rng.randint(1, 9)) % 10) + number[at + 1 :]
    return f"{number[:3]} {number[3:6]} {number[6:]}" if rng.random() < 0.5 else number
