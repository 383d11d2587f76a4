#!/usr/bin/env python3
"""Benchmark: cross-agency record linkage (`hub link`) against synthetic ground truth.

    .venv/bin/python benchmarks/linkage.py                          # 10k, 100k and 1m records
    .venv/bin/python benchmarks/linkage.py --sizes 10k,100k         # some sizes
    .venv/bin/python benchmarks/linkage.py --sizes 10k --engine spark
    .venv/bin/python benchmarks/linkage.py --no-plain-above 100k    # plain Splink only up to
    .venv/bin/python benchmarks/linkage.py --sizes 100k --no-plain  # ours again, not plain

For each size N the synthetic generator (`hub.linkage.synthetic`, seed 1) writes agency
extracts (police, children's social care, health, education, youth justice, housing, adult
social care; CSV and Parquet in each agency's own columns) with the truth beside them; the
extracts are imported through their source mappings into one `hub link` input. Then, on the
same input:

- ours: `python -m hub link INPUT --out KEYS` in its own process (default threshold 0.95),
  timed by the wall clock from process start to exit; its peak memory (`peak_gb_N`) is the
  peak proportional set size of that process and its children (the normalising workers; with
  `--engine spark` the JVM too), sampled every 2 seconds, or its own peak resident set if
  higher (`peak_rss_gb_N`); `cpu_seconds_N` is its CPU time and that of the workers it waited
  for;
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
import threading
import time
from dataclasses import dataclass
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


def _tree_pss_bytes(root: int) -> int:
    """The proportional set size of a process and all its descendants (shared pages, as a
    forked worker shares its parent's, counted once between them)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


@dataclass
class Measured:
    """One measured process: wall seconds, peak memory, CPU seconds, exit status."""

    seconds: float
    peak_gb: float  # the peak of the process tree's PSS, sampled every 2 seconds
    peak_rss_gb: float  # the process's own peak resident set (its workers not counted)
    cpu_seconds: float  # user + system, the process and the workers it waited for
    status: int


def _run_measured(command: list[str], log: Path, timeout: float | None = None) -> Measured:
    """Run a command and measure it. Past `timeout` seconds the process is stopped (its
    status is then -15)."""
    started = time.monotonic()
    peak = 0
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=_env())  # noqa: S603
        timer = threading.Timer(timeout, process.terminate) if timeout else None
        if timer is not None:
            timer.start()
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            # Reading a large process's page map costs CPU: often enough to see the peak.
            while not done.wait(2.0):
                peak = max(peak, _tree_pss_bytes(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        if timer is not None:
            timer.cancel()
    return Measured(
        seconds=time.monotonic() - started,
        peak_gb=peak / 1e9,
        peak_rss_gb=usage.ru_maxrss * 1024 / 1e9,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        status=os.waitstatus_to_exitcode(status),
    )


def _failure(status: int, log: Path, timeout: float) -> str:
    """Why a measured process failed, in words, with the last line it wrote."""
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    last = lines[-1][:300] if lines else "(nothing written)"
    if status == -15:
        return f"stopped after {timeout:.0f} s (--plain-timeout); see {log.name}"
    return f"failed (exit {status}): {last}; see {log.name}"


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
    ours = _run_measured(command, folder / f"link-{args.engine}.log")
    seconds, peak, status = ours.seconds, max(ours.peak_gb, ours.peak_rss_gb), ours.status
    if status != 0:
        raise SystemExit(f"hub link failed ({status}); see {folder / f'link-{args.engine}.log'}")
    scores = score_linkage(*_keys(out), truth)
    figures.update(
        {
            f"f1_pairwise_{label}": round(scores.pairwise_f1, 4),
            f"f1_cluster_{label}": round(scores.cluster_f1, 4),
            f"seconds_{label}": round(seconds, 1),
            f"peak_gb_{label}": round(peak, 2),
            f"peak_rss_gb_{label}": round(ours.peak_rss_gb, 2),
            f"cpu_seconds_{label}": round(ours.cpu_seconds, 1),
            f"scores_{label}": {
                k: round(v, 4) if isinstance(v, float) else v for k, v in scores.as_dict().items()
            },
            f"load_average_after_{label}": round(os.getloadavg()[0], 2),
        }
    )
    print(f"[{label}] ours: {scores} in {seconds:.1f} s, {peak:.2f} GB", flush=True)
    exact = score_linkage(*exact_match_keys(link_input), truth)
    figures[f"baseline_f1_{label}"] = round(exact.pairwise_f1, 4)
    figures[f"baseline_f1_cluster_{label}"] = round(exact.cluster_f1, 4)
    print(f"[{label}] exact match: {exact}", flush=True)
    if args.no_plain:  # the plain Splink figures already in the results file stand
        return figures
    if args.no_plain_above and SIZES[label] > SIZES[args.no_plain_above]:
        figures[f"plain_splink_f1_{label}"] = None
        figures[f"plain_splink_note_{label}"] = f"not run (--no-plain-above {args.no_plain_above})"
        return figures
    plain_out = folder / "keys-plain-splink.csv"
    command = [sys.executable, __file__, "--plain-splink", str(link_input), str(plain_out)]
    log = folder / "plain-splink.log"
    plain_run = _run_measured(command, log, timeout=args.plain_timeout)
    seconds, status = plain_run.seconds, plain_run.status
    peak = max(plain_run.peak_gb, plain_run.peak_rss_gb)
    if status != 0:
        figures[f"plain_splink_f1_{label}"] = None
        figures[f"plain_splink_f1_cluster_{label}"] = None
        figures[f"plain_splink_note_{label}"] = _failure(status, log, args.plain_timeout)
        figures[f"plain_splink_seconds_{label}"] = round(seconds, 1)
        figures[f"plain_splink_peak_gb_{label}"] = round(peak, 2)
        print(f"[{label}] plain Splink: {figures[f'plain_splink_note_{label}']}", flush=True)
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
    parser.add_argument(
        "--no-plain", action="store_true", help="leave plain Splink's figures as they are"
    )
    parser.add_argument(
        "--plain-timeout", type=float, default=3600, help="seconds plain Splink may take"
    )
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
