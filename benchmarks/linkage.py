#!/usr/bin/env python3
"""Benchmark: cross-agency record linkage (`hub link`) against synthetic ground truth.

    .venv/bin/python benchmarks/linkage.py                          # 10k, 100k and 1m records
    .venv/bin/python benchmarks/linkage.py --sizes 10k,100k         # some sizes
    .venv/bin/python benchmarks/linkage.py --sizes 10k --engine spark
    .venv/bin/python benchmarks/linkage.py --no-plain-above 100k    # plain Splink only up to

For each size N the synthetic generator (`hub.linkage.synthetic`, seed 1) writes agency
extracts (police, children's social care, health, education, youth justice, housing, adult
social care; CSV and Parquet in each agency's own columns) with the truth beside them; the
extracts are imported through their source mappings into one `hub link` input. Then, on the
same input:

- ours: `python -m hub link INPUT --out KEYS` in its own process (default threshold 0.95),
  timed by the wall clock from process start to exit; its peak memory is the peak resident
  set of that process (`os.wait4`; with `--engine spark` the JVM is a child of it and is not
  counted, so the figure is marked);
- the exact-match baseline (normalised given name, family name and date of birth);
- plain Splink as its tutorial sets it up (`hub.linkage.baselines`), in its own process.

Pairwise and cluster-level precision, recall and F1 are computed against the truth. Results
merge into benchmarks/results/linkage.json. For N in 10k, 100k, 1m: `f1_pairwise_N`,
`f1_cluster_N`, `seconds_N`, `peak_gb_N`, `baseline_f1_N` and `plain_splink_f1_N` (both
pairwise F1; their cluster F1 is in `baseline_f1_cluster_N`, `plain_splink_f1_cluster_N`),
with the counts and precision/recall behind them. Generated data is kept under
var/benchmarks/linkage/N (reused by a later run with the same seed; `--fresh` remakes it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for benchmarks.*
sys.path.insert(0, str(REPO / "src"))

from benchmarks.results_file import merge  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DATA = REPO / "var" / "benchmarks" / "linkage"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")
    import django

    django.setup()


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    env["PYTHONPATH"] = str(REPO / "src")
    return env


def _run_measured(command: list[str], log: Path) -> tuple[float, float, int]:
    """Run a command; (wall seconds, peak RSS in GB of that process, exit status)."""
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=_env())  # noqa: S603
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss * 1024 / 1e9, process.returncode


def _keys(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["record_id"] for row in rows], [row["person_key"] for row in rows]


def prepare_data(label: str, records: int, seed: int, fresh: bool) -> tuple[Path, Path, dict]:
    """The `hub link` input and truth for one size, generated once."""
    from hub.linkage.definitions import source_mapping
    from hub.linkage.extracts import Extract, write_link_input
    from hub.linkage.synthetic import make_extracts

    folder = DATA / f"{label}-seed{seed}"
    link_input, truth = folder / "link.csv", folder / "truth.csv"
    info_path = folder / "benchmark-data.json"
    if not fresh and link_input.exists() and info_path.exists():
        return link_input, truth, json.loads(info_path.read_text(encoding="utf-8"))
    started = time.monotonic()
    extracts = make_extracts(folder, records=records, seed=seed)
    generated = time.monotonic() - started
    started = time.monotonic()
    write_link_input(
        [Extract(path, source_mapping(source)) for source, path in extracts.files.items()],
        link_input,
    )
    info = {
        "records": extracts.records,
        "persons": extracts.persons,
        "generate_seconds": round(generated, 1),
        "import_seconds": round(time.monotonic() - started, 1),
    }
    info_path.write_text(json.dumps(info), encoding="utf-8")
    return link_input, truth, info


def measure(label: str, args: argparse.Namespace) -> dict[str, object]:
    """Every figure for one size."""
    from hub.linkage.baselines import exact_match_keys
    from hub.linkage.evaluation import score_linkage
    from hub.linkage.synthetic import read_truth

    link_input, truth_path, info = prepare_data(label, SIZES[label], args.seed, args.fresh)
    truth = read_truth(truth_path)
    folder = link_input.parent
    figures: dict[str, object] = {
        f"records_{label}": info["records"],
        f"persons_{label}": info["persons"],
        f"generate_seconds_{label}": info["generate_seconds"],
        f"import_seconds_{label}": info["import_seconds"],
        f"engine_{label}": args.engine,
        f"load_average_before_{label}": round(os.getloadavg()[0], 2),
    }
    print(f"[{label}] {info['records']:,} records of {info['persons']:,} persons", flush=True)
    out = folder / f"keys-{args.engine}.csv"
    command = [sys.executable, "-m", "hub", "link", str(link_input), "--out", str(out)]
    command += ["--engine", args.engine, "--model-dir", str(folder / "models")]
    seconds, peak, status = _run_measured(command, folder / f"link-{args.engine}.log")
    if status != 0:
        raise SystemExit(f"hub link failed ({status}); see {folder / f'link-{args.engine}.log'}")
    scores = score_linkage(*_keys(out), truth)
    figures.update(
        {
            f"f1_pairwise_{label}": round(scores.pairwise_f1, 4),
            f"f1_cluster_{label}": round(scores.cluster_f1, 4),
            f"seconds_{label}": round(seconds, 1),
            f"peak_gb_{label}": round(peak, 2),
            f"scores_{label}": {
                k: round(v, 4) if isinstance(v, float) else v for k, v in scores.as_dict().items()
            },
            f"load_average_after_{label}": round(os.getloadavg()[0], 2),
        }
    )
    if args.engine == "spark":
        figures[f"peak_gb_{label}_note"] = "the Python driver only; the JVM is not counted"
    print(f"[{label}] ours: {scores} in {seconds:.1f} s, {peak:.2f} GB", flush=True)
    exact = score_linkage(*exact_match_keys(link_input), truth)
    figures[f"baseline_f1_{label}"] = round(exact.pairwise_f1, 4)
    figures[f"baseline_f1_cluster_{label}"] = round(exact.cluster_f1, 4)
    print(f"[{label}] exact match: {exact}", flush=True)
    if args.no_plain_above and SIZES[label] > SIZES[args.no_plain_above]:
        figures[f"plain_splink_f1_{label}"] = None
        figures[f"plain_splink_note_{label}"] = f"not run (--no-plain-above {args.no_plain_above})"
        return figures
    plain_out = folder / "keys-plain-splink.csv"
    command = [sys.executable, __file__, "--plain-splink", str(link_input), str(plain_out)]
    seconds, peak, status = _run_measured(command, folder / "plain-splink.log")
    if status != 0:
        figures[f"plain_splink_f1_{label}"] = None
        figures[f"plain_splink_note_{label}"] = f"failed ({status}); see plain-splink.log"
        return figures
    plain = score_linkage(*_keys(plain_out), truth)
    figures.update(
        {
            f"plain_splink_f1_{label}": round(plain.pairwise_f1, 4),
            f"plain_splink_f1_cluster_{label}": round(plain.cluster_f1, 4),
            f"plain_splink_note_{label}": None,
            f"plain_splink_seconds_{label}": round(seconds, 1),
            f"plain_splink_peak_gb_{label}": round(peak, 2),
            f"plain_splink_scores_{label}": {
                k: round(v, 4) if isinstance(v, float) else v for k, v in plain.as_dict().items()
            },
        }
    )
    print(f"[{label}] plain Splink: {plain} in {seconds:.1f} s", flush=True)
    return figures


def _plain_splink(link_input: Path, out: Path) -> None:
    from hub.linkage.baselines import plain_splink_keys

    record_ids, keys = plain_splink_keys(link_input)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "person_key"])
        writer.writerows(zip(record_ids, keys, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="of 10k, 100k, 1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--fresh", action="store_true", help="generate the data again")
    parser.add_argument("--no-plain-above", choices=list(SIZES), default=None)
    parser.add_argument("--plain-splink", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    _django()
    if args.plain_splink:
        _plain_splink(*args.plain_splink)
        return
    for label in args.sizes.split(","):
        figures = measure(label.strip(), args)
        path = merge("linkage", figures)
        print(f"[{label}] merged into {path}", flush=True)


if __name__ == "__main__":
    main()
