"""Running a benchmark on SQLite and then on a throwaway PostgreSQL, each in a child process.

A benchmark adds the shared options (`add_database_options`) to its own. Its child, started
with `--measure LABEL` and DATABASE_URL set (`measure_in_child`), loads and measures that
database and prints its figures as JSON on its last line. `each_database` runs the children
as the options say: SQLite in a temporary folder (or a file the benchmark keeps to reuse)
unless `--no-sqlite`; then PostgreSQL at `--postgres-url` (reset first), or with `--pgserver`
in a second run of the same script under scripts/pgserver.py, which measures PostgreSQL and
saves its figures itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.region_build import child_env, reset_postgres, timed_build

REPO = Path(__file__).resolve().parent.parent
PGSERVER = REPO / "scripts" / "pgserver.py"
NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def add_database_options(parser: argparse.ArgumentParser, *, postgres_url: bool = True) -> None:
    """The options every such benchmark takes (`--postgres-url` only where it is offered)."""
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--pgserver", action="store_true", help="also on a throwaway PostgreSQL")
    if postgres_url:
        parser.add_argument("--postgres-url", default=None, help="a scratch database (reset!)")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--measure", metavar="LABEL", help=argparse.SUPPRESS)
    parser.add_argument("--postgres-from-database-url", action="store_true", help=argparse.SUPPRESS)


def measure_in_child(
    script: Path,
    label: str,
    database_url: str,
    arguments: list[str],
    *,
    var_prefix: str | None = None,
) -> dict:
    """Run `script --measure LABEL ARGUMENTS` on the database; the JSON it printed last.

    With `var_prefix` (benchmarks that request pages through the test client), the child
    answers to `testserver` and collects static files into a temporary HUB_VAR_DIR, apart
    from the checkout's var/.
    """
    env = child_env(database_url)
    folder = None
    if var_prefix is not None:
        env["ALLOWED_HOSTS"] = "testserver"
        folder = tempfile.mkdtemp(prefix=var_prefix)
        env["HUB_VAR_DIR"] = folder
    try:
        output = subprocess.run(  # noqa: S603 (our own script, no shell)
            [sys.executable, str(script), "--measure", label, *arguments],
            env=env,
            cwd=REPO,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return json.loads(output.strip().splitlines()[-1])


def demo_build(size: str, seed: int) -> Callable[[str, str], None]:
    """A `prepare` for `each_database`: migrate and build the demo of `size`, saying how long."""

    def build(database_url: str, label: str) -> None:
        built = timed_build(database_url, size, seed)
        print(f"{NAMES[label]}: built the {size} demo in {built.seconds:.1f} s", file=sys.stderr)

    return build


def small_demo(seed: int) -> Callable[[str, str], None]:
    """A `prepare` for `each_database`: migrate and build the small demo, saying how long."""
    return demo_build("small", seed)


def each_database(
    args: argparse.Namespace,
    *,
    script: Path,
    folder_prefix: str,
    sqlite_file: str,
    measure: Callable[[str, str], dict],
    child_arguments: list[str],
    prepare: Callable[[str, str], None] | None = None,
    report: Callable[[dict], None] | None = None,
    kept_sqlite: Path | None = None,
) -> dict[str, dict]:
    """Measure SQLite, then PostgreSQL, as the options say: the results by label.

    `measure(database_url, label)` measures one database ("sqlite" or "postgres"), after
    `prepare(database_url, label)` if given; `report(result)` prints it when it is in. SQLite
    is `sqlite_file` in a temporary folder, or `kept_sqlite` when given: that file is kept
    afterwards, and `prepare` runs only while it does not exist, so later runs reuse it. With
    `--pgserver`, PostgreSQL is measured by `script --no-sqlite --postgres-from-database-url
    CHILD_ARGUMENTS` under scripts/pgserver.py, which saves its own figures, so it is not in
    what this returns; if that run fails, this exits with its code.
    """
    results: dict[str, dict] = {}
    if not args.no_sqlite:
        folder: Path | None = None
        if kept_sqlite is None:
            folder = Path(tempfile.mkdtemp(prefix=folder_prefix))
            path = folder / sqlite_file
        else:
            path = kept_sqlite
            path.parent.mkdir(parents=True, exist_ok=True)
        reused = path.exists()  # only ever the kept file: a temporary folder starts empty
        try:
            url = f"sqlite:///{path}"
            if prepare is not None and not reused:
                prepare(url, "sqlite")
            results["sqlite"] = measure(url, "sqlite")
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        if report is not None:
            report(results["sqlite"])

    postgres_url = os.environ["DATABASE_URL"] if args.postgres_from_database_url else None
    postgres_url = postgres_url or getattr(args, "postgres_url", None)
    if postgres_url:
        reset_postgres(postgres_url)
        if prepare is not None:
            prepare(postgres_url, "postgres")
        results["postgres"] = measure(postgres_url, "postgres")
        if report is not None:
            report(results["postgres"])
    elif args.pgserver:
        child = [
            sys.executable, str(script), "--no-sqlite", "--postgres-from-database-url",
            *child_arguments,
        ] + (["--no-save"] if args.no_save else [])  # fmt: skip
        code = subprocess.run(  # noqa: S603 (our own scripts, no shell)
            [sys.executable, str(PGSERVER), "run", "--", *child], cwd=REPO, check=False
        ).returncode
        if code != 0:
            print(f"PostgreSQL run failed (exit {code})", file=sys.stderr)
            raise SystemExit(code)
    return results
