"""Find before you create: one search box across names, aliases, dates of birth, identifiers
and postcodes, tolerant of misspellings, sound-alike names, swapped name order and partial dates.

- `text`: folding and tokens, misspelling variants (SymSpell deletions), phonetic codes, and
  token similarity (rapidfuzz Jaro-Winkler and edit distance with transpositions).
- `query`: what was typed, split into names, dates, identifiers, postcodes and references.
- `services`: the index writes, `index_persons(person_ids)` and `reindex_all()`.
- `selectors`: candidates from the index by indexed equality lookups, ranked in Python.

The tables are in `hub.people.models.search_index`; `hub.people.selectors.person_search` is the
one entry point (scoped to the actor and audited). Design and figures: docs/architecture.md and
benchmarks/person_search.py.
"""
