#!/usr/bin/env python3
"""Benchmark: build the region-size demo (`hub demo --size region --seed 1`) on a fresh database.

    .venv/bin/python benchmarks/region_build.py                      # SQLite
    .venv/bin/python benchmarks/region_build.py --postgres-url URL   # and PostgreSQL (or env
                                                                     # BENCH_POSTGRES_URL)
    .venv/bin/python benchmarks/region_build.py --pgserver           # and a throwaway PostgreSQL
                                                                     # from scripts/pgserver.py

Each run gets a fresh database (a new SQLite file; on PostgreSQL the `public` schema is dropped
and created again, so point it only at a scratch database), is migrated untimed, then the build
is timed by the wall clock, process start included. With --repeat N the median is kept. Results
are merged into benchmarks/results/foundation.json (other benchmarks write other keys there):
`region_build_sqlite_s`, `region_build_postgres_s`, `machine` and `date`; beside them the build
process's own CPU time (`region_build_*_cpu_s`, user and system; on PostgreSQL the server's is
not in it) and the machine's 1-minute load average before and after (`region_build_*_load`),
as the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for benchmarks.results_file
PGSERVER = REPO / "scripts" / "pgserver.py"
POSTGRES_ENV = "BENCH_POSTGRES_URL"


def hub_command() -> list[str]:
    script = Path(sys.executable).with_name("hub")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hub"]


def child_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    # The demo builds only in demo mode, which the local settings are.
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def run_hub(args: list[str], database_url: str, *, quiet: bool = True) -> None:
    subprocess.run(  # noqa: S603 (our own command, no shell)
        [*hub_command(), *args],
        env=child_env(database_url),
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    load: tuple[float, float]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(database_url: str, size: str, seed: int) -> Build:
    run_hub(["migrate", "--verbosity", "0"], database_url)
    load_before = os.getloadavg()[0]
    cpu = _children_cpu()
    started = time.perf_counter()
    run_hub(["demo", "--size", size, "--seed", str(seed)], database_url)
    seconds = time.perf_counter() - started
    return Build(seconds, _children_cpu() - cpu, (load_before, os.getloadavg()[0]))


def sqlite_once(size: str, seed: int) -> Build:
    folder = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    try:
        return timed_build(f"sqlite:///{folder / 'region.sqlite3'}", size, seed)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")


def postgres_once(url: str, size: str, seed: int) -> Build:
    reset_postgres(url)
    return timed_build(url, size, seed)


def median_of(repeat: int, key: str, label: str, once) -> dict[str, object]:
    builds = []
    for attempt in range(1, repeat + 1):
        build = once()
        builds.append(build)
        print(
            f"{label}: run {attempt}/{repeat} took {build.seconds:.1f} s "
            f"(CPU {build.cpu_seconds:.1f} s, load {build.load[0]:.2f} to {build.load[1]:.2f})",
            flush=True,
        )
    return {
        key: round(statistics.median(b.seconds for b in builds), 1),
        f"{key.removesuffix('_s')}_cpu_s": round(
            statistics.median(b.cpu_seconds for b in builds), 1
        ),
        f"{key.removesuffix('_s')}_load": [[round(x, 2) for x in b.load] for b in builds],
    }


def merge_results(values: dict[str, object]) -> None:
    from benchmarks.results_file import merge

    path = merge("foundation", dict(values))
    print(f"Wrote {', '.join(values)} to {path.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per database (median kept)")
    parser.add_argument("--size", default="region", help="demo size (results are saved for region)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", default=os.environ.get(POSTGRES_ENV))
    parser.add_argument(
        "--pgserver",
        action="store_true",
        help="run the PostgreSQL part on a throwaway server from scripts/pgserver.py",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite run")
    parser.add_argument(
        "--postgres-from-database-url",
        action="store_true",
        help=argparse.SUPPRESS,  # used under pgserver, which sets DATABASE_URL
    )
    args = parser.parse_args(argv)
    save = args.size == "region"
    results: dict[str, object] = {}

    if not args.no_sqlite:
        results |= median_of(
            args.repeat,
            "region_build_sqlite_s",
            "SQLite",
            lambda: sqlite_once(args.size, args.seed),
        )

    postgres_url = args.postgres_url
    if args.postgres_from_database_url:
        postgres_url = os.environ["DATABASE_URL"]
    if postgres_url:
        results |= median_of(
            args.repeat,
            "region_build_postgres_s",
            "PostgreSQL",
            lambda: postgres_once(postgres_url, args.size, args.seed),
        )
    elif args.pgserver:
        if not PGSERVER.exists():
            print("scripts/pgserver.py is missing: no PostgreSQL run", file=sys.stderr)
        else:
            child = [
                sys.executable, str(Path(__file__).resolve()), "--no-sqlite",
                "--postgres-from-database-url", "--repeat", str(args.repeat),
                "--size", args.size, "--seed", str(args.seed),
            ]  # fmt: skip
            code = subprocess.run(  # noqa: S603 (our own scripts, no shell)
                [sys.executable, str(PGSERVER), "run", "--", *child], cwd=REPO, check=False
            ).returncode
            if code != 0:
                print(f"PostgreSQL run failed (exit {code})", file=sys.stderr)
                return code

    for key, seconds in results.items():
        print(f"{key} = {seconds}")
    if save and results:
        merge_results(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
