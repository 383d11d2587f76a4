#!/usr/bin/env python3
"""Benchmark: person search ("find before you create") over a region-size population.

    .venv/bin/python benchmarks/person_search.py                # SQLite (builds, or --reuse)
    .venv/bin/python benchmarks/person_search.py --pgserver     # and a throwaway PostgreSQL
    .venv/bin/python benchmarks/person_search.py --reuse        # SQLite: keep and reuse the
                                                                # database in var/bench/

The database is the demo region (`hub demo --size region --seed 1`: 200,000 persons, about
420,000 aliases). The query set (`--queries`, default 600) is drawn, with its own seed, from
known persons, each query carrying the errors practitioners make: misspelt given or family
names, sound-alike spellings, given and family name swapped, partial dates of birth (year, or
month and year), day and month swapped, two-digit years, alias or street names, NHS numbers
typed with spaces and other agencies' identifiers, and names with a postcode.

Each query runs through `person_search` (scoped and audited, as the search page does) as the
hub practitioner of the area the person is known in, so recall is measured under area scope,
as a real hub searches. Latency is the wall time of that call (parsing, index lookups, ranking,
the scoped fetch and the audit row), after 20 warm-up queries. Top-3 recall: the intended
person among the first three results. Results merge into benchmarks/results/front_door.json:
`person_search_p50_ms_<db>`, `person_search_p95_ms_<db>`, `person_search_top3_recall`
(the lower of the databases measured), `person_search_top3_recall_<db>`,
`person_search_queries`, and recall by kind of query.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for benchmarks.*

from benchmarks.runner import (  # noqa: E402 (after the path)
    add_database_options,
    demo_build,
    each_database,
    measure_in_child,
)

REUSED_SQLITE = REPO / "var" / "bench" / "person_search_region.sqlite3"
WARM_UP = 20
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


# --- the query set --------------------------------------------------------------------------


def _date_text(rng, born, style: str) -> str:
    d, m, y = born.day, born.month, born.year
    if style == "full":
        formats = (
            f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}",
            f"{d} {MONTHS[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}", f"{d:02d}-{m:02d}-{y}",
        )  # fmt: skip
        return formats[int(rng.random() * len(formats))]
    if style == "two_digit_year":
        return f"{d:02d}-{m:02d}-{y % 100:02d}"
    if style == "swapped":  # month first, as an American form or a slip would have it
        return f"{m}/{d}/{y}"
    if style == "month_year":
        return f"{m:02d}/{y}" if rng.random() < 0.6 else f"{MONTHS[m - 1][:3]} {y}"
    return str(y)


def make_queries(count: int, seed: int) -> list[dict]:
    """Queries with realistic errors, each with the person it is meant to find."""
    from random import Random

    from hub.demo.generator.identities import other_spelling, typo
    from hub.organisations.models import Team
    from hub.people.models import (
        IdentifierKind,
        Person,
        PersonAddress,
        PersonAlias,
        PersonIdentifier,
        PersonInvolvement,
    )

    rng = Random(f"person-search-benchmark:{seed}")
    total = Person.objects.count()
    ids = sorted(rng.sample(range(1, total + 1), min(total, count * 2)))
    persons = {p.pk: p for p in Person.objects.filter(pk__in=ids).select_related("home_area")}
    aliases: dict[int, list[tuple[str, str]]] = {}
    for person_id, kind, name in PersonAlias.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "name"
    ):
        aliases.setdefault(person_id, []).append((kind, name))
    identifiers: dict[int, list[tuple[str, str]]] = {}
    for person_id, kind, value in PersonIdentifier.objects.filter(person_id__in=ids).values_list(
        "person_id", "kind", "value"
    ):
        identifiers.setdefault(person_id, []).append((kind, value))
    postcodes: dict[int, list[str]] = {}
    for person_id, postcode in PersonAddress.objects.filter(person_id__in=ids).values_list(
        "person_id", "postcode"
    ):
        postcodes.setdefault(person_id, []).append(postcode)
    team_areas: dict[int, str] = {}
    slug_of_team = dict(Team.objects.values_list("pk", "area__slug"))
    for person_id, team_id in PersonInvolvement.objects.filter(person_id__in=ids).values_list(
        "person_id", "team_id"
    ):
        team_areas.setdefault(person_id, slug_of_team.get(team_id, ""))

    kinds = (
        ("misspelt_name_full_date", 0.16),
        ("sound_alike_full_date", 0.12),
        ("swapped_order_full_date", 0.10),
        ("misspelt_name_partial_date", 0.10),
        ("day_month_swapped", 0.08),
        ("two_digit_year", 0.06),
        ("alias_with_date", 0.12),
        ("nhs_number_spaced", 0.08),
        ("other_identifier", 0.05),
        ("name_and_postcode", 0.08),
        ("misspelt_both_names_full_date", 0.05),
    )
    names = [kind for kind, _ in kinds]
    weights = [weight for _, weight in kinds]
    queries: list[dict] = []
    for pk in ids:
        if len(queries) >= count:
            break
        person = persons.get(pk)
        if person is None:
            continue
        slug = person.home_area.slug if person.home_area.in_region else team_areas.get(pk)
        if not slug:
            continue
        kind = rng.choices(names, weights=weights)[0]
        given, family, born = person.given_name, person.family_name, person.date_of_birth
        exact_date = born is not None and not person.date_of_birth_estimated
        needs_date = kind.endswith("full_date") or kind in ("day_month_swapped", "two_digit_year")
        if needs_date and not exact_date:
            kind = "name_and_postcode"
        if kind == "day_month_swapped" and born is not None and born.day > 12:
            kind = "misspelt_name_full_date"  # a swap would not be a valid date: a slip instead
        if kind == "alias_with_date" and (not aliases.get(pk) or born is None):
            kind = "name_and_postcode"
        if kind == "nhs_number_spaced" and not any(
            k == IdentifierKind.NHS_NUMBER for k, _ in identifiers.get(pk, [])
        ):
            kind = "name_and_postcode"
        others = [(k, v) for k, v in identifiers.get(pk, []) if k != IdentifierKind.NHS_NUMBER]
        if kind == "other_identifier" and not others:
            kind = "name_and_postcode"

        if kind == "misspelt_name_full_date":
            if rng.random() < 0.5:
                text = f"{typo(rng, given)} {family} {_date_text(rng, born, 'full')}"
            else:
                text = f"{given} {typo(rng, family)} {_date_text(rng, born, 'full')}"
        elif kind == "misspelt_both_names_full_date":
            text = f"{typo(rng, given)} {typo(rng, family)} {_date_text(rng, born, 'full')}"
        elif kind == "sound_alike_full_date":
            text = f"{other_spelling(rng, given)} {other_spelling(rng, family)}"
            text += f" {_date_text(rng, born, 'full')}"
        elif kind == "swapped_order_full_date":
            text = f"{family} {given} {_date_text(rng, born, 'full')}"
        elif kind == "misspelt_name_partial_date":
            style = "month_year" if rng.random() < 0.6 else "year"
            text = f"{typo(rng, given)} {family} {_date_text(rng, born, style) if born else ''}"
        elif kind == "day_month_swapped":
            text = f"{given} {family} {_date_text(rng, born, 'swapped')}"
        elif kind == "two_digit_year":
            text = f"{family}, {given} {_date_text(rng, born, 'two_digit_year')}"
        elif kind == "alias_with_date":
            _, alias = aliases[pk][int(rng.random() * len(aliases[pk]))]
            style = "full" if exact_date and rng.random() < 0.7 else "year"
            text = f"{alias} {_date_text(rng, born, style)}"
        elif kind == "nhs_number_spaced":
            number = next(v for k, v in identifiers[pk] if k == IdentifierKind.NHS_NUMBER)
            text = f"{number[:3]} {number[3:6]} {number[6:]}"
        elif kind == "other_identifier":
            text = others[int(rng.random() * len(others))][1]
        else:  # name_and_postcode
            options = postcodes.get(pk) or [person.postcode]
            text = f"{typo(rng, given)} {family} {options[int(rng.random() * len(options))]}"
        queries.append({"text": " ".join(text.split()), "kind": kind, "person": pk, "area": slug})
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(label: str, count: int, seed: int) -> dict:
    """Run the query set as each area's hub practitioner; latency and top-3 recall."""
    import django

    django.setup()
    from hub.organisations.models import User
    from hub.people.search.services import index_counts
    from hub.people.selectors import person_search

    queries = make_queries(count, seed)
    users = {
        user.username: user for user in User.objects.filter(username__endswith=".hub.practitioner")
    }
    for query in queries[:WARM_UP]:
        person_search(actor=users[f"{query['area']}.hub.practitioner"], query=query["text"])
    latencies: list[float] = []
    hits = 0
    by_kind: dict[str, list[int]] = {}
    misses: list[dict] = []
    for query in queries:
        actor = users[f"{query['area']}.hub.practitioner"]
        started = time.perf_counter()
        results = person_search(actor=actor, query=query["text"])
        latencies.append((time.perf_counter() - started) * 1000)
        hit = query["person"] in [person.pk for person in results[:3]]
        hits += hit
        by_kind.setdefault(query["kind"], [0, 0])
        by_kind[query["kind"]][0] += hit
        by_kind[query["kind"]][1] += 1
        if not hit and len(misses) < 40:
            misses.append(
                {
                    "kind": query["kind"],
                    "query": query["text"],
                    "rank": next(
                        (i for i, p in enumerate(results, 1) if p.pk == query["person"]), None
                    ),
                }
            )
    from hub.people.models import Person, PersonAlias

    return {
        "label": label,
        "queries": len(queries),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        "recall": round(hits / len(queries), 4),
        "by_kind": {kind: round(h / n, 3) for kind, (h, n) in sorted(by_kind.items())},
        "kinds": {kind: n for kind, (_, n) in sorted(by_kind.items())},
        "persons": Person.objects.count(),
        "aliases": PersonAlias.objects.count(),
        "index": index_counts(),
        "misses": misses,
    }


def report(result: dict) -> None:
    print(
        f"{result['label']}: {result['queries']} queries over {result['persons']:,} persons and "
        f"{result['aliases']:,} aliases: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"max {result['max_ms']} ms, top-3 recall {result['recall']}",
        file=sys.stderr,
    )
    print(f"  by kind: {result['by_kind']}", file=sys.stderr)
    for miss in result["misses"][:15]:
        print(f"  missed ({miss['kind']}, rank {miss['rank']}): {miss['query']}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="region")
    parser.add_argument("--seed", type=int, default=1, help="the demo region's seed")
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--query-seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help=f"keep/reuse {REUSED_SQLITE}")
    add_database_options(parser)
    args = parser.parse_args(argv)

    if args.measure:  # the child: measure the database in DATABASE_URL, print JSON
        print(json.dumps(measure(args.measure, args.queries, args.query_seed)))
        return 0

    script = Path(__file__).resolve()
    query_arguments = ["--queries", str(args.queries), "--query-seed", str(args.query_seed)]
    results = each_database(
        args,
        script=script,
        folder_prefix="hub-search-bench-",
        sqlite_file="region.sqlite3",
        kept_sqlite=REUSED_SQLITE if args.reuse else None,
        measure=lambda url, label: measure_in_child(script, label, url, query_arguments),
        child_arguments=["--size", args.size, "--seed", str(args.seed), *query_arguments],
        prepare=demo_build(args.size, args.seed),
        report=report,
    )

    if results and not args.no_save and args.size == "region":
        from benchmarks.results_file import merge

        figures: dict[str, object] = {}
        for db, result in results.items():
            figures[f"person_search_p50_ms_{db}"] = result["p50_ms"]
            figures[f"person_search_p95_ms_{db}"] = result["p95_ms"]
            figures[f"person_search_top3_recall_{db}"] = result["recall"]
            figures[f"person_search_recall_by_kind_{db}"] = result["by_kind"]
            figures["person_search_queries"] = result["queries"]
            figures["person_search_population"] = {
                "persons": result["persons"],
                "aliases": result["aliases"],
                **result["index"],
            }
        path = merge("front_door", figures)
        # The headline recall: the lower of the databases on record (both, once both ran).
        data = json.loads(path.read_text(encoding="utf-8"))
        recalls = [data[k] for k in data if k.startswith("person_search_top3_recall_")]
        merge("front_door", {"person_search_top3_recall": min(recalls)})
        print(f"Wrote the person search figures to {path.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
