"""Names as linkage compares them: one spelling of each word, formal forms, sound codes.

Agencies write the same name differently: "O'Brien", "OBRIEN", "o brien"; "Smith-Jones" and
"Smith Jones"; "Zoë" and "Zoe"; "Tom" for Thomas. Each name becomes lower-case words of the
letters a to z, apostrophes dropped, other punctuation splitting words, accents removed, and
family-name particles joined to the word after them ("Mc Donald" is "mcdonald").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish

from hub.linkage.definitions import nickname_table

# Letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "\u0131": "i", "þ": "th"}
)
_APOSTROPHES = re.compile("['`\u2018\u2019\u00b4]")  # straight, curly, grave, acute
_NOT_LETTERS = re.compile(r"[^a-z]+")
_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "dr", "master", "prof", "sir", "rev"})
# Particles written apart or together: "Mc Donald"/"McDonald", "O Brien"/"O'Brien".
_PARTICLES = frozenset(
    {
        "mc",
        "mac",
        "o",
        "st",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "le",
        "la",
        "du",
    }
)


def name_words(text: object) -> list[str]:
    """The words of a name, lower case a-z: accents removed, apostrophes dropped."""
    if not isinstance(text, str) or not text.strip():
        return []
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain)
    return [word for word in _NOT_LETTERS.split(plain) if word]


def _without_title(words: list[str]) -> list[str]:
    return words[1:] if len(words) > 1 and words[0] in _TITLES else words


def family_words(text: object) -> list[str]:
    """A family name's words, particles joined to the next word ("de la cruz" -> "delacruz")."""
    words = name_words(text)
    joined: list[str] = []
    carry = ""
    for word in words:
        if word in _PARTICLES and len(words) > 1:
            carry += word
            continue
        joined.append(carry + word)
        carry = ""
    if carry:
        joined.append(carry)
    return joined


@lru_cache(maxsize=1)
def _formal_forms() -> dict[str, tuple[str, ...]]:
    """Every name the table knows -> the formal names it may stand for (a formal name: itself)."""
    forms: dict[str, tuple[str, ...]] = {
        formal: (formal,) for formal in nickname_table().formal_names
    }
    forms.update(nickname_table().formal_forms())
    return forms


# A name this long that the table does not know, one slip away from one it does, is taken
# for a slip of it: "Jmaes" may be "Jimmy" as "James" may. Shorter names are too often
# other names one letter apart ("Mark", "Mary").
SLIP_MIN_LENGTH = 5


def _deletions(word: str) -> set[str]:
    return {word, *(word[:at] + word[at + 1 :] for at in range(len(word)))}


@lru_cache(maxsize=1)
def _known_by_deletion() -> dict[str, tuple[str, ...]]:
    """The known names by each form of them with one letter dropped (and as they are): two
    words one slip apart share such a form (symmetric deletion), so candidates are found
    without comparing a name with the whole table."""
    found: dict[str, set[str]] = {}
    for known in _formal_forms():
        for form in _deletions(known):
            found.setdefault(form, set()).add(known)
    return {form: tuple(sorted(names)) for form, names in found.items()}


@lru_cache(maxsize=65536)
def formal_names(given: str) -> tuple[str, ...]:
    """The formal names a given name may be short for, itself first ("tom" -> tom, thomas);
    for a name the table does not know, those of the known names one slip from it."""
    forms = _formal_forms()
    if given in forms:
        return tuple(dict.fromkeys((given, *forms[given])))
    if len(given) < SLIP_MIN_LENGTH:
        return (given,)
    index = _known_by_deletion()
    near = {
        known
        for form in _deletions(given)
        for known in index.get(form, ())
        if jellyfish.damerau_levenshtein_distance(given, known) == 1
    }
    return (given, *sorted({formal for known in near for formal in forms[known]}))


def formal_name(given: str) -> str:
    """One formal form of a given name, for blocking: the first the table gives, or itself."""
    forms = formal_names(given)
    return forms[1] if len(forms) > 1 else given


@lru_cache(maxsize=65536)
def sound_code(word: str) -> str:
    """How a name sounds (Metaphone), so "Kayden" and "Caden" can be found together.

    Metaphone keeps an H or a W that comes before a vowel, so spellings that differ by a
    silent H or a W sounded as a vowel ("Rhys" and "Reece", "Lewis" and "Louis", "Ewan" and
    "Euan") would sound different: after the first letter, they are dropped."""
    if not word:
        return ""
    code = jellyfish.metaphone(word)
    return code[:1] + code[1:].replace("H", "").replace("W", "")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A record's name as linkage compares it."""

    given: str | None  # the first given name
    given_formal: str | None
    given_formals: tuple[str, ...]
    # the first name after the given name, from the given names or the other names
    middle: str | None
    family: str | None  # the family name's words joined by a space
    family_words: tuple[str, ...]
    all_words: tuple[str, ...]  # every word of every name, once each, in order


@lru_cache(maxsize=1 << 18)  # the same names recur across records and families
def person_name(given: object, family: object, other: object = None) -> PersonName:
    """A record's given, family and other names made comparable."""
    given_words = _without_title(name_words(given))
    family_parts = family_words(family)
    other_words = name_words(other)
    first = given_words[0] if given_words else None
    if first is not None and len(first) == 1 and len(given_words) > 1:
        # "J Kayden": an initial before the name people use
        first = given_words[1]
    all_words = tuple(dict.fromkeys([*given_words, *other_words, *family_parts]))
    after_first = given_words[given_words.index(first) + 1 :] if first is not None else []
    middles = [*after_first, *other_words]
    return PersonName(
        given=first,
        given_formal=formal_name(first) if first else None,
        given_formals=formal_names(first) if first else (),
        middle=middles[0] if middles else None,
        family=" ".join(family_parts) or None,
        family_words=tuple(family_parts),
        all_words=all_words,
    )


def split_whole_name(text: object, *, family_first: bool) -> tuple[str, str, str]:
    """(given, family, other) from one column: "SMITH, Kayden James" or "Kayden James Smith"."""
    if not isinstance(text, str) or not text.strip():
        return "", "", ""
    if "," in text:
        family, _, rest = text.partition(",")
        words = rest.split()
        return (words[0] if words else ""), family.strip(), " ".join(words[1:])
    words = text.split()
    if len(words) == 1:
        return "", words[0], ""
    if family_first:
        return words[1], words[0], " ".join(words[2:])
    return words[0], words[-1], " ".join(words[1:-1])
