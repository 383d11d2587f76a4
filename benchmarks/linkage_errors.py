#!/usr/bin/env python3
"""Diagnostic: the persons a `hub link` run got wrong, against the synthetic truth.

    .venv/bin/python -m hub link var/benchmarks/linkage/10k-seed1/link.csv \\
        --out /tmp/keys.csv --pairs /tmp/pairs.jsonl
    .venv/bin/python benchmarks/linkage_errors.py var/benchmarks/linkage/10k-seed1 \\
        /tmp/keys.csv /tmp/pairs.jsonl [--limit 40]

Says what cluster F1 the best decisions on the scored pairs could reach (each pair scored
0.5 or more joined exactly when the truth says so), then lists the false merges (a
predicted person holding records of two or more true persons:
the records, and the links between true persons that joined them) and the false splits (a
true person in two or more predicted persons: the records, and for each two parts the most
likely scored pair between them). Each pair is shown with its match weight and probability,
the household check, `not_joined` when clustering refused it, the comparison levels reached,
and which prediction blocking rules (by their position in `prediction_blocking_rules()`)
would find it; a pair no rule finds is never scored. The truth is read here only, never by
the linker.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

SHOWN = ("given_name", "family_name", "other_names", "date_of_birth", "sex", "address_line",
         "postcode", "phone", "email", "nhs_number", "other_identifier")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a benchmark data folder (link.csv, truth.csv)")
    parser.add_argument("keys", type=Path, help="the hub link output")
    parser.add_argument("pairs", type=Path, help="the hub link --pairs output")
    parser.add_argument("--limit", type=int, default=40, help="persons listed of each kind")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")
    import django

    django.setup()
    import duckdb

    from hub.linkage.model import prediction_blocking_rules
    from hub.linkage.pipeline import prepare_rows
    from hub.linkage.reader import LinkInput

    def read(path: Path) -> list[dict[str, str]]:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    truth = {row["record_id"]: row["person_id"] for row in read(args.folder / "truth.csv")}
    raw = {row["record_id"]: row for row in read(args.folder / "link.csv")}
    keys = {row["record_id"]: row["person_key"] for row in read(args.keys)}
    pairs = {}
    with args.pairs.open(encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            pairs[frozenset((pair["record_id_l"], pair["record_id_r"]))] = pair
    prepared = prepare_rows(LinkInput(args.folder / "link.csv").rows())
    position = {record_id: index for index, record_id in enumerate(prepared.record_ids)}
    connection = duckdb.connect()
    connection.register("records", prepared.table)
    rules = [
        rule.get_blocking_rule("duckdb").blocking_rule_sql for rule in prediction_blocking_rules()
    ]

    def rules_finding(a: str, b: str) -> list[int]:
        found = []
        for number, sql in enumerate(rules):
            for left, right in ((a, b), (b, a)):
                query = (
                    "SELECT count(*) FROM records l, records r"  # noqa: S608 (our own rules)
                    f" WHERE l.unique_id = {position[left]} AND r.unique_id = {position[right]}"
                    f" AND ({sql})"
                )
                counted = connection.execute(query).fetchone()
                if counted and counted[0]:
                    found.append(number)
                    break
        return found

    def record(record_id: str) -> str:
        values = " | ".join(raw[record_id].get(name, "") for name in SHOWN)
        return f"  {record_id:38} true {truth[record_id]}  {values}"

    def pair_line(a: str, b: str) -> str:
        pair = pairs.get(frozenset((a, b)))
        found = rules_finding(a, b) if a in position and b in position else []
        if pair is None:
            return f"    {a} ~ {b}: not scored at 0.5 or more; blocking rules {found}"
        levels = "; ".join(
            f"{reason['comparison']}: {reason['level']}"
            for reason in pair["reasons"]
            if "NULL" not in reason["level"] and "missing" not in reason["level"]
        )
        return (
            f"    {a} ~ {b}: weight {pair['match_weight']:.1f}, p {pair['match_probability']:.3f},"
            f" household check {pair['household_check']}, not joined {pair.get('not_joined')},"
            f" blocking rules {found}\n      {levels}"
        )

    by_key: dict[str, list[str]] = defaultdict(list)
    by_person: dict[str, list[str]] = defaultdict(list)
    for record_id, key in keys.items():
        by_key[key].append(record_id)
        by_person[truth[record_id]].append(record_id)
    merges = [group for group in by_key.values() if len({truth[r] for r in group}) > 1]
    splits = [group for group in by_person.values() if len({keys[r] for r in group}) > 1]
    print(
        f"false merges: {len(merges)} predicted persons; false splits: {len(splits)} true persons"
    )
    print(
        "cluster F1 if every pair scored at 0.5 or more were decided right (and no other"
        f" joined): {ceiling(list(keys), truth, pairs):.4f}"
    )
    print("=== false merges")
    for group in merges[: args.limit]:
        print(f"person key {keys[group[0]]}")
        for record_id in sorted(group, key=lambda r: truth[r]):
            print(record(record_id))
        for index, a in enumerate(group):
            for b in group[index + 1 :]:
                pair = pairs.get(frozenset((a, b)))
                if truth[a] != truth[b] and pair is not None and pair["linked"]:
                    print(pair_line(a, b))
    print("=== false splits")
    for group in splits[: args.limit]:
        print(f"true person {truth[group[0]]}")
        for record_id in sorted(group, key=lambda r: keys[r]):
            print(record(record_id), f" key {keys[record_id]}")
        parts: dict[str, list[str]] = defaultdict(list)
        for record_id in group:
            parts[keys[record_id]].append(record_id)
        split = list(parts.values())
        for i, first in enumerate(split):
            for second in split[i + 1 :]:
                _, a, b = max(
                    (pairs.get(frozenset((a, b)), {}).get("match_weight", -99.0), a, b)
                    for a in first
                    for b in second
                )
                print(pair_line(a, b))


def ceiling(
    record_ids: list[str], truth: dict[str, str], pairs: dict[frozenset[str], dict]
) -> float:
    """Cluster F1 of the persons the scored pairs would make, each joined only when the
    truth says it is one person: what the best decisions on these pairs could reach. The
    rest of a split person has no pair likely enough to show anyone."""
    from hub.linkage.evaluation import score_linkage

    parent = {record_id: record_id for record_id in record_ids}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        a, b = tuple(pair)
        if truth[a] == truth[b]:
            parent[root(a)] = root(b)
    return score_linkage(record_ids, [root(r) for r in record_ids], truth).cluster_f1


if __name__ == "__main__":
    main()
