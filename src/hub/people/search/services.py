"""Writes to the person search index: `index_persons` after a change, `reindex_all` from scratch.

The write services that change a person's names, aliases, date of birth, identifiers or
addresses call `index_persons([person.pk])` in their transaction. Persons made another way
(bulk loads, the demo generator, data fixes) are indexed by `reindex_all` (`hub people-reindex`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import OperationalError, connection, transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from hub.people.models import (
    NameField,
    Person,
    PersonAddress,
    PersonAlias,
    PersonIdentifier,
    PersonNameToken,
    PersonSearchKey,
    SearchTerm,
    SearchTermVariant,
)
from hub.platform.places import normalise_postcode

from .query import identifier_key
from .text import deletion_variants, index_tokens, phonetic_codes

REINDEX_BATCH = 10_000
_INSERT_BATCH = 20_000
# Query-parameter batches stay under SQLite's variable limit.
_LOOKUP_BATCH = 900

_TERM = SearchTerm._meta.db_table
_VARIANT = SearchTermVariant._meta.db_table
_TOKEN = PersonNameToken._meta.db_table
_KEY = PersonSearchKey._meta.db_table


@dataclass
class PersonDocument:
    """What the index holds for one person, gathered from the record."""

    person_id: int
    names: list[tuple[str, int]] = field(default_factory=list)  # (name, NameField)
    keys: set[str] = field(default_factory=set)
    born: int | None = None  # yyyymmdd

    def add_date_of_birth(self, born: date | None) -> None:
        if born is not None:
            self.keys.add(f"d:{born.isoformat()}")
            self.born = born.year * 10_000 + born.month * 100 + born.day

    def add_postcode(self, postcode: str | None) -> None:
        canonical = normalise_postcode(postcode or "")
        if canonical:
            self.keys.add(f"p:{canonical}")

    def add_identifier(self, value: str) -> None:
        key = identifier_key(value)
        if len(key) > 2:
            self.keys.add(key)

    def tokens(self) -> set[tuple[str, int]]:
        """(token, field) pairs, each once."""
        return {
            (token, name_field) for name, name_field in self.names for token in index_tokens(name)
        }


def _gather(persons: dict, aliases: Iterable, identifiers: Iterable, addresses: Iterable):
    """Documents from rows of the four tables (persons: pk -> (given, family, born, postcode))."""
    docs: dict[int, PersonDocument] = {}
    for pk, (given, family, born, postcode) in persons.items():
        doc = docs[pk] = PersonDocument(pk, [(given, NameField.GIVEN), (family, NameField.FAMILY)])
        doc.add_date_of_birth(born)
        doc.add_postcode(postcode)
    for person_id, name in aliases:
        if person_id in docs:
            docs[person_id].names.append((name, NameField.ALIAS))
    for person_id, value in identifiers:
        if person_id in docs:
            docs[person_id].add_identifier(value)
    for person_id, postcode in addresses:
        if person_id in docs:
            docs[person_id].add_postcode(postcode)
    return list(docs.values())


_PERSON_FIELDS = ("pk", "given_name", "family_name", "date_of_birth", "postcode")


def _documents(person_ids: Sequence[int]) -> list[PersonDocument]:
    """The documents of some persons (missing ids are skipped: deleted persons index nothing)."""
    rows = Person.objects.filter(pk__in=person_ids).values_list(*_PERSON_FIELDS)
    persons = {row[0]: row[1:] for row in rows}
    of_them = {"person_id__in": list(persons)}
    return _gather(
        persons,
        PersonAlias.objects.filter(**of_them).values_list("person_id", "name"),
        PersonIdentifier.objects.filter(**of_them).values_list("person_id", "value"),
        PersonAddress.objects.filter(**of_them).values_list("person_id", "postcode"),
    )


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(table: str, columns: Sequence[str], rows: Iterable[tuple], *, fresh: bool) -> None:
    """Insert many rows fast: COPY on PostgreSQL into fresh tables, else batched INSERTs.

    Rows already there are skipped (ON CONFLICT DO NOTHING, on both databases), so two
    writers indexing the same person at once do not fail each other.
    """
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if fresh and connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608 (our table and column names)
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _INSERT_BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


class _Vocabulary:
    """Term ids by term: found in the index, or added with their codes and variants."""

    def __init__(self, *, fresh: bool = False) -> None:
        self.ids: dict[str, int] = {}
        self.fresh = fresh
        self.created: set[int] = set()  # ids of the terms this vocabulary added

    def ensure(self, terms: Iterable[str]) -> None:
        missing = sorted(set(terms) - self.ids.keys())
        if not missing:
            return
        if not self.fresh:
            for chunk in _batches(missing, _LOOKUP_BATCH):
                self.ids.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", "pk"))
            missing = [term for term in missing if term not in self.ids]
            if not missing:
                return
        rows = [(term, *phonetic_codes(term), 0) for term in missing]
        _insert(_TERM, ("term", "metaphone", "nysiis", "frequency"), rows, fresh=False)
        for chunk in _batches(missing, _LOOKUP_BATCH):
            self.ids.update(SearchTerm.objects.filter(term__in=chunk).values_list("term", "pk"))
        self.created.update(self.ids[term] for term in missing)
        _insert(
            _VARIANT,
            ("variant", "term_id"),
            ((variant, self.ids[term]) for term in missing for variant in deletion_variants(term)),
            fresh=self.fresh,
        )


def _write(
    documents: Sequence[PersonDocument], vocabulary: _Vocabulary, *, fresh: bool
) -> tuple[int, int]:
    """Add the documents' postings and keys; returns how many of each."""
    tokens = {doc.person_id: (doc.born, doc.tokens()) for doc in documents}
    vocabulary.ensure(token for _, pairs in tokens.values() for token, _ in pairs)
    _insert(
        _TOKEN,
        ("term_id", "person_id", "field", "born"),
        (
            (vocabulary.ids[token], person_id, name_field, born)
            for person_id, (born, pairs) in tokens.items()
            for token, name_field in pairs
        ),
        fresh=fresh,
    )
    _insert(
        _KEY,
        ("key", "person_id"),
        ((key, doc.person_id) for doc in documents for key in doc.keys),
        fresh=fresh,
    )
    return sum(len(pairs) for _, pairs in tokens.values()), sum(len(doc.keys) for doc in documents)


def _refresh_frequencies(term_ids: Iterable[int] | None = None) -> None:
    """Count the postings of some terms (or all) into `SearchTerm.frequency`."""
    postings = (
        PersonNameToken.objects.filter(term_id=OuterRef("pk"))
        .order_by()
        .values("term_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    terms = SearchTerm.objects.all()
    if term_ids is None:
        terms.update(frequency=Coalesce(Subquery(postings), Value(0)))
        return
    for chunk in _batches(sorted(set(term_ids)), _LOOKUP_BATCH):
        terms.filter(pk__in=chunk).update(frequency=Coalesce(Subquery(postings), Value(0)))


def index_persons(person_ids: Iterable[int]) -> None:
    """Bring the index up to date for these persons (after any change to their record).

    Runs in the caller's transaction. Deleted persons simply drop out of the index. Terms new
    to the vocabulary get their frequency; the frequencies of terms already there (used only
    to bound the work a common name costs a search) are left as estimates until the next
    `reindex_all`, so that writers naming two Smiths at once never wait on each other.
    """
    ids = sorted({int(pk) for pk in person_ids})
    if not ids:
        return
    vocabulary = _Vocabulary()
    with transaction.atomic():
        for chunk in _batches(ids, _LOOKUP_BATCH):
            PersonNameToken.objects.filter(person_id__in=chunk).delete()
            PersonSearchKey.objects.filter(person_id__in=chunk).delete()
            _write(_documents(chunk), vocabulary, fresh=False)
        _refresh_frequencies(vocabulary.created)


@dataclass(frozen=True)
class ReindexResult:
    """What a full rebuild made."""

    persons: int
    terms: int
    postings: int
    keys: int


def _all_documents(batch: int) -> Iterator[list[PersonDocument]]:
    """Every person's document, in batches of consecutive ids (one query per table a batch)."""
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in _batches(ids, batch):
        span = {"pk__gte": chunk[0], "pk__lte": chunk[-1]}
        of_span = {"person_id__gte": chunk[0], "person_id__lte": chunk[-1]}
        rows = Person.objects.filter(**span).values_list(*_PERSON_FIELDS)
        yield _gather(
            {row[0]: row[1:] for row in rows},
            PersonAlias.objects.filter(**of_span).values_list("person_id", "name"),
            PersonIdentifier.objects.filter(**of_span).values_list("person_id", "value"),
            PersonAddress.objects.filter(**of_span).values_list("person_id", "postcode"),
        )


def _clear_index() -> None:
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {_TOKEN}, {_KEY}, {_VARIANT}, {_TERM}")
            return
        except OperationalError:
            pass  # rows written earlier in this transaction still owe their checks: delete
    with connection.cursor() as cursor:
        for table in (_TOKEN, _KEY, _VARIANT, _TERM):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (our table names)


def _analyze() -> None:
    """Fresh planner statistics for the index tables, so both databases use their indexes."""
    with connection.cursor() as cursor:
        for table in (_TERM, _VARIANT, _TOKEN, _KEY):
            cursor.execute(f"ANALYZE {table}")


def reindex_all(*, progress: object | None = None, batch: int = REINDEX_BATCH) -> ReindexResult:
    """Rebuild the whole index from the person records, in one transaction.

    `progress`, if given, has `start(label, total)` and `advance(n)` (the demo's progress).
    """
    with transaction.atomic():
        _clear_index()
        vocabulary = _Vocabulary(fresh=True)
        total = Person.objects.count()
        if progress is not None:
            progress.start("Search index", total)  # type: ignore[attr-defined]
        persons = postings = keys = 0
        for documents in _all_documents(batch):
            made_postings, made_keys = _write(documents, vocabulary, fresh=True)
            persons += len(documents)
            postings += made_postings
            keys += made_keys
            if progress is not None:
                progress.advance(len(documents))  # type: ignore[attr-defined]
        _refresh_frequencies()
    _analyze()
    return ReindexResult(persons=persons, terms=len(vocabulary.ids), postings=postings, keys=keys)


def index_counts() -> dict[str, int]:
    """How big the index is (for the reindex command and the benchmarks)."""
    per_field = defaultdict(int)
    for name_field, count in (
        PersonNameToken.objects.order_by().values_list("field").annotate(n=Count("*"))
    ):
        per_field[NameField(name_field).name.lower()] = count
    return {
        "terms": SearchTerm.objects.count(),
        "variants": SearchTermVariant.objects.count(),
        "postings": sum(per_field.values()),
        "keys": PersonSearchKey.objects.count(),
        **{f"postings_{name}": count for name, count in per_field.items()},
    }
