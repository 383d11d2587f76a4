"""Reads of the person search index: candidates by indexed lookups, ranked in Python.

The query plan, the same on SQLite and PostgreSQL:

1. Each name token finds candidate terms in the vocabulary by indexed equality: its deletion
   variants (`SearchTermVariant.variant IN ...`: misspellings within two edits), its Metaphone
   and NYSIIS codes (sound-alikes), and a prefix range (what was typed is the start of a name).
   Each candidate term is scored against the token in Python (rapidfuzz); weak ones are dropped,
   and a token's terms are capped by how many postings they bring (common names stay cheap).
2. The postings of the kept terms (`PersonNameToken`, primary key led by the term) give each
   person the best score per query token, so swapped given and family names, aliases and
   previous names all count, and persons matching every token outrank the rest.
3. Exact keys (`PersonSearchKey`) add identifiers, postcodes and dates of birth.
4. The best candidates go through the caller's scoped queryset (only persons the actor may
   search), which also gives the names and dates of birth for the final score.
5. Persons newer than anything in the index (made by a path that did not index them yet) are
   scored straight from their record; an empty index falls back to plain name prefixes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from hub.people.models import (
    NameField,
    Person,
    PersonNameToken,
    PersonSearchKey,
    SearchTerm,
    SearchTermVariant,
)

from .query import DatePart, ParsedQuery
from .text import deletion_variants, index_tokens, phonetic_codes, token_similarity

# A candidate term must be at least this alike to a query token.
MIN_TERM_SCORE = 0.78
# Postings read per query token, and for the whole query: common names stay bounded. Weak
# matches (a different name that happens to be close) get a smaller share than strong ones.
TOKEN_POSTINGS_CAP = 20_000
WEAK_POSTINGS_CAP = 3_000
STRONG_TERM_SCORE = 0.88
QUERY_POSTINGS_CAP = 50_000
# Terms found by one prefix (partial name) at most.
PREFIX_TERMS_CAP = 60
# Candidates checked against the actor's scope, best first, in growing chunks, until enough
# are in scope (or the chunks run out): a hub sees a fraction of the region.
# Chunks stay small: PostgreSQL checks a few rows' scope row by row, but for a long list it
# builds a hash of every involvement in the area first.
SCOPE_CHUNKS = (100, 100, 100, 100)
ENOUGH_IN_SCOPE = 50
# Persons the name postings hand on for ranking, at most.
NAME_CANDIDATES = 2_000
# Persons newer than the index scored from their records; key range scans at most.
UNINDEXED_TAIL = 500
KEY_RANGE_CAP = 20_000

ALIAS_WEIGHT = 0.97  # a main-name match beats the same match on an alias
INITIAL_SCORE = 0.5
DIRECT_MIN_SCORE = 0.7
IDENTIFIER_SCORE = 3.0
REFERENCE_SCORE = 5.0
POSTCODE_SCORE = 1.0
OUTWARD_SCORE = 0.3
DOB_MATCH = 1.0
DOB_NEAR = 0.4
DOB_YEAR_ONLY = 0.6  # the record's date of birth is an estimate: only its year counts
DOB_MISMATCH = -0.6

_ROW_FIELDS = ("pk", "given_name", "family_name", "date_of_birth", "date_of_birth_estimated")


@dataclass
class _Row:
    pk: int
    given: str
    family: str
    born: date | None
    estimated: bool


def _successor(prefix: str) -> str:
    """The smallest string after every string that starts with `prefix` (for range scans)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Term ids from the misspelling variants come first, in a query of their own: joined in one
# statement, PostgreSQL would rather hash the whole vocabulary than look up a few hundred ids.
_TERMS_SQL = """
SELECT id, term, frequency FROM {terms} WHERE id IN ({ids})
{phonetic}{prefixes}
"""
_PHONETIC_SQL = """UNION
SELECT id, term, frequency FROM {terms} WHERE metaphone IN ({codes}) OR nysiis IN ({codes})
"""
# One range scan per typed token, the commonest names first (a prefix like "mo" is common).
_PREFIX_SQL = """UNION
SELECT id, term, frequency FROM (
    SELECT id, term, frequency FROM {terms} WHERE term >= %s AND term < %s
     ORDER BY frequency DESC LIMIT {cap}
) p{number}
"""


def _candidate_terms(tokens: Sequence[str]) -> dict[int, tuple[str, int]]:
    """Vocabulary terms that may be a query token: id -> (term, frequency). One query: its
    deletion variants (misspellings), its sound codes, and the names it is the start of."""
    searchable = [token for token in tokens if len(token) >= 2]
    if not searchable:
        return {}
    variants = sorted(set().union(*(deletion_variants(token) for token in searchable)))
    codes = sorted(
        {code for token in searchable if len(token) >= 3 for code in phonetic_codes(token) if code}
    )
    prefixed = [token for token in searchable if len(token) >= 3]
    term_ids = sorted(
        set(
            SearchTermVariant.objects.filter(variant__in=variants).values_list("term_id", flat=True)
        )
    ) or [0]
    terms = SearchTerm._meta.db_table
    phonetic = ""
    if codes:
        phonetic = _PHONETIC_SQL.format(terms=terms, codes=", ".join(["%s"] * len(codes)))
    sql = _TERMS_SQL.format(
        terms=terms,
        ids=", ".join(["%s"] * len(term_ids)),
        phonetic=phonetic,
        prefixes="".join(
            _PREFIX_SQL.format(terms=terms, cap=PREFIX_TERMS_CAP, number=number)
            for number in range(len(prefixed))
        ),
    )
    params: list[Any] = [*term_ids, *codes, *codes]
    for token in prefixed:
        params += [token, _successor(token)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # A range scan is not a prefix match under every collation: the scoring sorts that out.
    return {pk: (term, frequency) for pk, term, frequency in rows}


def _term_matches(tokens: Sequence[str]) -> list[tuple[int, int, float]]:
    """(term id, query token index, score) for the terms each token may be, within the caps."""
    terms = _candidate_terms(tokens)
    per_token: list[list[tuple[float, int, int]]] = [[] for _ in tokens]
    for term_id, (term, frequency) in terms.items():
        for index, token in enumerate(tokens):
            if len(token) < 2:
                continue
            score = token_similarity(token, term)
            if score >= MIN_TERM_SCORE:
                per_token[index].append((score, frequency, term_id))
    searchable = sum(1 for found in per_token if found) or 1
    token_cap = min(TOKEN_POSTINGS_CAP, QUERY_POSTINGS_CAP // searchable)
    matches: list[tuple[int, int, float]] = []
    for index, found in enumerate(per_token):
        found.sort(key=lambda item: (-item[0], item[1]))
        postings = 0
        for score, frequency, term_id in found:
            cap = token_cap if score >= STRONG_TERM_SCORE else min(token_cap, WEAK_POSTINGS_CAP)
            if postings + frequency > cap and score < 1.0 and postings:
                continue  # a rarer term may still fit under the cap
            postings += frequency
            matches.append((term_id, index, round(score, 4)))
    return matches


# The postings are scored and ranked in the database, in plain SQL that SQLite and PostgreSQL
# both run: per person, the best score of each query token (terms grouped by score in CASE
# branches) and whether the date of birth copied onto the postings agrees with a typed one;
# only the best `limit` persons come back to Python. The postings are read by
# `term_id IN (...)`, their primary key, on both databases (a join to a VALUES list made SQLite
# build a throwaway index over every posting instead).
_NAME_SCORES_SQL = """
SELECT g.person_id, g.born, {columns} FROM (
    SELECT t.person_id AS person_id, {per_token}, MAX({born}) AS born
      FROM {tokens} t
     WHERE t.term_id IN ({term_ids})
     GROUP BY t.person_id
) g
 ORDER BY ({total} + g.born) DESC, g.person_id
 LIMIT %s
"""


def _born_condition(dates: Sequence[DatePart]) -> tuple[str, list[Any]]:
    """SQL (and its parameters) that is 1.0 when a posting's date of birth fits a typed date."""
    if not dates:
        return "0.0", []
    conditions: list[str] = []
    params: list[Any] = []
    for part in dates:
        low = part.year * 10_000 + (part.month or 0) * 100 + (part.day or 0)
        if part.full:
            conditions.append("t.born = %s")
            params.append(low)
            continue
        high = low + 100 if part.month else (part.year + 1) * 10_000
        conditions.append("(t.born >= %s AND t.born < %s)")
        params += [low, high]
    return f"CASE WHEN {' OR '.join(conditions)} THEN 1.0 ELSE 0.0 END", params


def _name_scores(
    tokens: Sequence[str], dates: Sequence[DatePart], *, limit: int
) -> tuple[list[dict[int, float]], set[int]]:
    """Per query token, the best score of the persons whose names match best (at most `limit`
    persons; those born on a typed date, or in a typed year or month, first among equals),
    and which of them were born then."""
    best: list[dict[int, float]] = [{} for _ in tokens]
    dated: set[int] = set()
    matches = _term_matches(tokens)
    if not matches:
        return best, dated
    by_token: dict[int, dict[float, list[int]]] = defaultdict(lambda: defaultdict(list))
    for term_id, index, score in matches:
        by_token[index][round(score, 2)].append(term_id)
    used = sorted(by_token)
    params: list[Any] = []
    columns = []
    alias_weight = f"(CASE WHEN t.field = {int(NameField.ALIAS)} THEN {ALIAS_WEIGHT} ELSE 1.0 END)"
    for index in used:
        branches = []
        for score, term_ids in sorted(by_token[index].items(), reverse=True):
            marks = ", ".join(["%s"] * len(term_ids))
            branches.append(f"WHEN t.term_id IN ({marks}) THEN {score}")
            params += term_ids
        columns.append(
            f"MAX((CASE {' '.join(branches)} ELSE 0.0 END) * {alias_weight}) AS s{index}"
        )
    born, born_params = _born_condition(dates)
    all_terms = sorted({term_id for term_id, _, _ in matches})
    sql = _NAME_SCORES_SQL.format(
        columns=", ".join(f"g.s{index}" for index in used),
        per_token=", ".join(columns),
        born=born,
        tokens=PersonNameToken._meta.db_table,
        term_ids=", ".join(["%s"] * len(all_terms)),
        total=" + ".join(f"g.s{index}" for index in used),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *born_params, *all_terms, limit])
        for row in cursor.fetchall():
            person_id = row[0]
            if row[1]:
                dated.add(person_id)
            for index, score in zip(used, row[2:], strict=True):
                if score:
                    best[index][person_id] = float(score)
    return best, dated


def _key_persons(keys: Sequence[str]) -> set[int]:
    if not keys:
        return set()
    return set(
        PersonSearchKey.objects.filter(key__in=list(keys)).values_list("person_id", flat=True)
    )


def _key_range_persons(prefixes: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for prefix in prefixes:
        found.update(
            PersonSearchKey.objects.filter(key__gte=prefix, key__lt=_successor(prefix))
            .order_by("key")
            .values_list("person_id", flat=True)[:KEY_RANGE_CAP]
        )
    return found


def _date_score(dates: Sequence[DatePart], born: date | None, estimated: bool) -> float:
    """How a typed date of birth (any of its readings) agrees with the record's."""
    if not dates or born is None:
        return 0.0
    best = DOB_MISMATCH
    for part in dates:
        if estimated:
            if part.year == born.year:
                best = max(best, DOB_YEAR_ONLY)
            elif abs(part.year - born.year) == 1:
                best = max(best, DOB_NEAR / 2)
            continue
        same_month = part.month is None or part.month == born.month
        same_day = part.day is None or part.day == born.day
        if part.year == born.year and same_month and same_day:
            return DOB_MATCH
        if part.full and (
            (same_month and same_day and abs(part.year - born.year) == 1)
            or (part.year == born.year and same_month)
            or (part.year == born.year and same_day)
        ):
            best = max(best, DOB_NEAR)  # one part of the date slipped
    return best


def _direct_similarity(token: str, name_tokens: Sequence[str]) -> float:
    if len(token) == 1:
        return INITIAL_SCORE if any(name.startswith(token) for name in name_tokens) else 0.0
    score = max((token_similarity(token, name) for name in name_tokens), default=0.0)
    return score if score >= DIRECT_MIN_SCORE else 0.0


@dataclass
class _Ranking:
    parsed: ParsedQuery
    best: list[dict[int, float]]
    bonus: dict[int, float]

    def prelim(self, born_then: set[int]) -> dict[int, float]:
        """A first score from the index alone: names, keys, and a typed date of birth."""
        scores: dict[int, float] = defaultdict(float)
        for per_person in self.best:
            for person_id, score in per_person.items():
                scores[person_id] += score
        for person_id, score in self.bonus.items():
            scores[person_id] += score
        for person_id in born_then:
            scores[person_id] += DOB_MATCH
        return scores

    def final(self, row: _Row) -> float:
        names = index_tokens(row.given) + index_tokens(row.family)
        score = self.bonus.get(row.pk, 0.0)
        for index, token in enumerate(self.parsed.names):
            indexed = self.best[index].get(row.pk, 0.0) if index < len(self.best) else 0.0
            if indexed < 1.0:
                indexed = max(indexed, _direct_similarity(token, names))
            score += indexed
        return score + _date_score(self.parsed.dates, row.born, row.estimated)


def _rows(people: QuerySet[Person], ids: Sequence[int]) -> list[_Row]:
    return [
        _Row(*values)
        for values in people.filter(pk__in=list(ids)).order_by().values_list(*_ROW_FIELDS)
    ]


def _index_watermark() -> int | None:
    """The highest person id in the index, or None when nothing is indexed at all."""
    return (
        PersonNameToken.objects.order_by("-person_id").values_list("person_id", flat=True).first()
    )


def _degraded_rows(people: QuerySet[Person], parsed: ParsedQuery) -> list[_Row]:
    """No index yet (`hub people-reindex` not run): plain prefix matches on the record."""
    condition = Q(pk__in=parsed.references)
    for token in parsed.names:
        condition |= Q(given_name__istartswith=token) | Q(family_name__istartswith=token)
    full_dates = [
        date(part.year, part.month, part.day)
        for part in parsed.dates
        if part.full and part.month is not None and part.day is not None
    ]
    if full_dates:
        condition |= Q(date_of_birth__in=full_dates)
    values = people.filter(condition).order_by("pk").values_list(*_ROW_FIELDS)[:UNINDEXED_TAIL]
    return [_Row(*row) for row in values]


def rank_people(*, parsed: ParsedQuery, people: QuerySet[Person], limit: int) -> list[Person]:
    """The persons of `people` (already scoped to the actor) that best match, best first."""
    return [person for person, _ in rank_people_scored(parsed=parsed, people=people, limit=limit)]


def rank_people_scored(
    *, parsed: ParsedQuery, people: QuerySet[Person], limit: int
) -> list[tuple[Person, float]]:
    """Like `rank_people`, with each person's score: about 1 per name matched exactly, 1 for
    the date of birth, 1 for the postcode, 3 for an identifier (the constants above)."""
    if parsed.empty:
        return []
    watermark = _index_watermark()
    bonus: dict[int, float] = defaultdict(float)
    best: list[dict[int, float]] = [{} for _ in parsed.names]
    born_then: set[int] = set()
    if watermark is not None:
        best, dated = _name_scores(parsed.names, parsed.dates, limit=NAME_CANDIDATES)
        # Persons born on a typed date are candidates (even with the name badly misspelt).
        born_then = dated | _key_persons([part.key_prefix() for part in parsed.dates if part.full])
        for person_id in _key_persons(parsed.identifiers):
            bonus[person_id] += IDENTIFIER_SCORE
        for person_id in _key_persons(parsed.postcodes):
            bonus[person_id] += POSTCODE_SCORE
        for person_id in _key_range_persons(parsed.outward_codes):
            bonus[person_id] += OUTWARD_SCORE
        if not parsed.names and not bonus and not born_then:
            born_then = _key_range_persons(p.key_prefix() for p in parsed.dates)
    for pk in parsed.references:
        bonus[pk] += REFERENCE_SCORE
    ranking = _Ranking(parsed, best, bonus)

    rows: dict[int, _Row] = {}
    if watermark is None:
        rows.update((row.pk, row) for row in _degraded_rows(people, parsed))
    else:
        prelim = ranking.prelim(born_then)
        ordered = heapq.nsmallest(sum(SCOPE_CHUNKS), prelim, key=lambda pk: (-prelim[pk], pk))
        start = 0
        for size in SCOPE_CHUNKS:
            chunk = ordered[start : start + size]
            start += size
            if not chunk:
                break
            rows.update((row.pk, row) for row in _rows(people, chunk))
            if len(rows) >= ENOUGH_IN_SCOPE:
                break
    newest = people.filter(pk__gt=watermark or 0).order_by("-pk").values_list(*_ROW_FIELDS)
    rows.update((values[0], _Row(*values)) for values in newest[:UNINDEXED_TAIL])

    scored = [(ranking.final(row), row) for row in rows.values()]
    scored = [(score, row) for score, row in scored if score > 0.0]
    scored.sort(key=lambda item: (-item[0], item[1].family, item[1].given, item[1].pk))
    top = {row.pk: score for score, row in scored[:limit]}
    found = people.in_bulk(list(top))
    return [(found[pk], score) for pk, score in top.items() if pk in found]
