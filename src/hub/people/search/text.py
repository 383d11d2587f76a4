"""Text for the person search: folding, name tokens, misspelling variants, phonetic codes, and
how alike two tokens are. Pure functions; no database.

Names are folded the same way when indexed and when searched: accents stripped, letters that
Unicode does not decompose (ł, ø, ß...) transliterated, case folded. Apostrophes join
(O'Neil -> oneil; "neil" is indexed too, for "O Neil"), hyphens split (Begum-Khan -> begum, khan;
"begumkhan" is indexed too). Only letters are kept: digits and emoji never form a name token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import OSA, JaroWinkler

# Longest token kept (SearchTerm.term is 40 characters); longer runs of letters are cut.
MAX_TOKEN = 40
# SymSpell works on a token's first letters only: the variants stay few, and the full token is
# compared afterwards anyway.
VARIANT_PREFIX = 8

_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ẞ": "SS",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "\u0131": "i", "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D", "ŀ": "l", "Ŀ": "L", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
# ' and its look-alikes: right and left quotation marks, grave, acute, modifier apostrophe.
_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
# Hyphens and dashes of every kind split a name into parts.
_HYPHEN_RE = re.compile("[-\u2010-\u2015]")


def fold(text: str) -> str:
    """Lower case, without accents: "Zoë Łukasz" -> "zoe lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())[:MAX_TOKEN]


@lru_cache(maxsize=200_000)
def index_tokens(name: str) -> tuple[str, ...]:
    """The tokens a name is indexed under (cached: the same names recur across a population)."""
    tokens: list[str] = []
    for chunk in fold(name).split():
        parts = [part for part in _HYPHEN_RE.split(chunk) if _letters(part)]
        if len(parts) > 1:
            tokens.append(_letters(chunk))  # "begumkhan"
        for part in parts:
            tokens.append(_letters(part))  # "begum", "khan"; "oneil"
            pieces = [piece for piece in _APOSTROPHE_RE.split(part) if _letters(piece)]
            if len(pieces) > 1 and len(_letters(pieces[-1])) > 1:
                tokens.append(_letters(pieces[-1]))  # "neil"
    return tuple(dict.fromkeys(tokens))


def query_tokens(text: str) -> list[str]:
    """The name tokens of what someone typed: apostrophes join, hyphens and spaces split."""
    tokens = []
    for chunk in _HYPHEN_RE.sub(" ", fold(_APOSTROPHE_RE.sub("", text))).split():
        letters = _letters(chunk)
        if letters:
            tokens.append(letters)
    return tokens


def edit_budget(token: str) -> int:
    """How many deletions a token's variants go to: none for short tokens, two for long."""
    length = len(token)
    return 0 if length <= 3 else 1 if length <= 5 else 2


@lru_cache(maxsize=100_000)
def deletion_variants(token: str) -> frozenset[str]:
    """The token (its first letters) with up to `edit_budget` letters deleted, and itself."""
    head = token[:VARIANT_PREFIX]
    found = {head}
    frontier = {head}
    for _ in range(edit_budget(token)):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        frontier.discard("")
        found |= frontier
    return frozenset(found)


@lru_cache(maxsize=100_000)
def phonetic_codes(token: str) -> tuple[str, str]:
    """(Metaphone, NYSIIS) of a token; empty for tokens outside the Latin alphabet."""
    if not token.isascii() or not token.isalpha():
        return "", ""
    return jellyfish.metaphone(token)[:40], jellyfish.nysiis(token)[:40]


# A match by sound alone counts nearly as much as a one-letter slip.
METAPHONE_SCORE = 0.9
NYSIIS_SCORE = 0.88
SHORT_CODE_SCORE = 0.8
PREFIX_SCORE = 0.8


@lru_cache(maxsize=200_000)
def token_similarity(query: str, term: str) -> float:
    """How alike a typed token and an indexed token are, 0..1; only identical tokens score 1.

    The best of Jaro-Winkler (kind to slips late in a word), the edit distance with
    transpositions as one edit, agreement of sound (Metaphone or NYSIIS), and a typed prefix.
    """
    if query == term:
        return 1.0
    score = max(
        JaroWinkler.normalized_similarity(query, term),
        1.0 - OSA.distance(query, term) / max(len(query), len(term)),
    )
    if len(query) >= 3:
        q_meta, q_nysiis = phonetic_codes(query)
        t_meta, t_nysiis = phonetic_codes(term)
        # Two-letter codes ("KN", "AL") gather many names: weaker evidence than longer ones.
        if q_meta and q_meta == t_meta:
            score = max(score, METAPHONE_SCORE if len(q_meta) >= 3 else SHORT_CODE_SCORE)
        if q_nysiis and q_nysiis == t_nysiis:
            score = max(score, NYSIIS_SCORE if len(q_nysiis) >= 3 else SHORT_CODE_SCORE)
        if term.startswith(query):
            score = max(score, PREFIX_SCORE)
    return min(score, 0.99)
