"""The person search index: normalised name tokens, their sound-alike and misspelling keys,
and exact keys (dates of birth, postcodes, identifiers).

Derived data, rebuilt from the person records by `hub people-reindex` and kept current by
`hub.people.search.services.index_persons`, which the write services call. It is the same four
tables on SQLite and PostgreSQL: every lookup is an indexed equality or prefix-range scan, and
the fuzzy scoring happens in Python (see `hub.people.search`). No history and no append-only
guard: an index can always be rebuilt from the records it indexes.
"""

from __future__ import annotations

from django.db import models

from .person import Person


class NameField(models.IntegerChoices):
    """Where in the record a name token comes from."""

    GIVEN = 1, "Given name"
    FAMILY = 2, "Family name"
    ALIAS = 3, "Alias"


class SearchTerm(models.Model):
    """A distinct normalised name token, with its phonetic codes and how many postings use it."""

    term = models.CharField(max_length=40, unique=True)
    metaphone = models.CharField(max_length=40)
    nysiis = models.CharField(max_length=40)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["metaphone"], name="searchterm_metaphone_idx"),
            models.Index(fields=["nysiis"], name="searchterm_nysiis_idx"),
        ]

    def __str__(self) -> str:
        return self.term


class SearchTermVariant(models.Model):
    """A term with up to two letters deleted (SymSpell), or the term itself: finds misspellings.

    A query token and a term within two edits (insertions, deletions, substitutions,
    transpositions) share at least one deletion variant, so candidates come from one indexed
    `variant IN (...)` lookup of the query token's own variants.
    """

    pk = models.CompositePrimaryKey("variant", "term_id")
    variant = models.CharField(max_length=40)
    # The primary key leads with `variant`; terms are only ever removed all at once.
    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="+", db_index=False)

    def __str__(self) -> str:
        return self.variant


class PersonNameToken(models.Model):
    """One posting: a person has this term in their names or aliases (the inverted index)."""

    pk = models.CompositePrimaryKey("term_id", "person_id", "field")
    # The primary key (term, person, field) is the postings list and covers lookups by term.
    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="+", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    field = models.PositiveSmallIntegerField(choices=NameField.choices)
    # The person's date of birth as yyyymmdd, copied here so that a typed date (full, or a
    # year or month as a range) is scored in the same pass over the postings.
    born = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.term_id} in {self.person_id}"


class PersonSearchKey(models.Model):
    """An exact key a person is found by: `d:` date of birth, `p:` postcode, `i:` identifier.

    Keys are prefix-ordered strings so that partial dates ("d:2010-04") and outward postcodes
    ("p:B23 ") are index range scans on both databases.
    """

    pk = models.CompositePrimaryKey("key", "person_id")
    key = models.CharField(max_length=50)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return self.key
