#!/usr/bin/env python3
"""Benchmark: `hub tick` over 100,000 open deadlines (target: under 30 s).

    .venv/bin/python benchmarks/deadlines.py                # SQLite
    .venv/bin/python benchmarks/deadlines.py --pgserver     # and a throwaway PostgreSQL

A fresh database is migrated and given the region's seven areas, each with its hub team and
one worker, then 100,000 open deadlines inserted in bulk, as the events would open them: the
timescales of the definitions (a referral decision of a working day, return home interviews
of 72 hours, re-screens of three months, plan reviews of two to eight weeks, NRM decisions),
each started up to a little more than its length ago, so that about one in twelve is overdue
at the moment the clock is set to and a larger share is within its amber window (the counts
are saved with the figures); half owned by a worker, half by the area's hub team.

Each timed run is the command as other systems call it, `hub tick --now ISO-DATETIME`, in a
process of its own, by the wall clock (Django's start-up included: `tick_100k_s`), and the
tick's own time as the command reports it (`tick_engine_s`), and the command's CPU time
(`tick_cpu_s`: the machine is shared, and CPU time does not wait for a core): the first tick over
all-green deadlines, which turns every overdue one red and every amber one amber and writes
an alert for each (the most a tick ever does). Between runs the colours are set back to
green and the alerts deleted (untimed). One more tick straight after, over deadlines already
coloured (nothing changes), gives the cost of the tick the worker makes every minute.
Figures merge into benchmarks/results/deadlines.json: `tick_100k_s` (the first tick's
median, PostgreSQL when measured, else SQLite), `tick_100k_s_<db>`, `tick_runs_s_<db>`,
`tick_engine_s_<db>`, `tick_quiet_s_<db>`, `tick_alerts_<db>` and `tick_load_average_<db>`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for benchmarks.*

from benchmarks.region_build import child_env, hub_command  # noqa: E402
from benchmarks.results_file import merge  # noqa: E402
from benchmarks.runner import add_database_options, each_database, measure_in_child  # noqa: E402

DEADLINES = 100_000
TARGET_S = 30.0
BATCH = 5_000
# (timescale code, share of the deadlines)
MIX = [
    ("referral_decision", 0.10),
    ("return_home_interview", 0.10),
    ("screening_review", 0.30),
    ("plan_review_significant", 0.20),
    ("plan_review_emerging", 0.20),
    ("nrm_reasonable_grounds", 0.05),
    ("nrm_recovery_period", 0.05),
]
AREAS = [
    ("E08000025", "Birmingham"), ("E08000026", "Coventry"), ("E08000027", "Dudley"),
    ("E08000028", "Sandwell"), ("E08000029", "Solihull"), ("E08000030", "Walsall"),
    ("E08000031", "Wolverhampton"),
]  # fmt: skip


def load(count: int, seed: int, now: datetime) -> dict[str, int]:
    """The areas, teams and users, and `count` open deadlines (in this process's database)."""
    from django.core.management import call_command

    from hub.alerts.models import Deadline
    from hub.organisations.models import Agency, Area, Team, User
    from hub.platform.timescales import timescales_definition

    call_command("migrate", verbosity=0)
    rng = Random(seed)
    owners: list[tuple[int, int, int]] = []  # (area, team, user)
    for code, name in AREAS:
        area = Area.objects.create(code=code, name=name, slug=name.lower())
        agency = Agency.objects.create(name=f"{name} Children's Services", area=area,
                                       kind=Agency.Kind.CHILDRENS_SERVICES)  # fmt: skip
        team = Team.objects.create(name=f"{name} Exploitation Hub", agency=agency, area=area,
                                   is_hub=True)  # fmt: skip
        user = User.objects.create(username=f"{name.lower()}.worker")
        owners.append((area.pk, team.pk, user.pk))
    timescales = timescales_definition()
    codes = [code for code, _ in MIX]
    weights = [share for _, share in MIX]
    rows = []
    for number in range(count):
        timescale = timescales.get(rng.choices(codes, weights)[0])
        area_id, team_id, user_id = rng.choice(owners)
        length = timescale.due(now) - now
        # Started up to a little more than its length ago: about one in twelve is overdue.
        started = now - rng.uniform(-0.05, 1.1) * length
        due = timescale.due(started)
        by_user = number % 2 == 0
        rows.append(Deadline(
            key=f"bench:{number}", event="bench", timescale=timescale.code,
            definitions_version="bench", title=f"Benchmark deadline {number}",
            area_id=area_id, owner_id=user_id if by_user else None,
            team_id=None if by_user else team_id, source_type="bench", source_id=number,
            started_at=started, due_at=due, amber_at=timescale.amber_at(started, due),
        ))  # fmt: skip
        if len(rows) == BATCH:
            Deadline.objects.bulk_create(rows)
            rows = []
    Deadline.objects.bulk_create(rows)
    opened = Deadline.objects.filter(status=Deadline.Status.OPEN)
    return {
        "open": opened.count(),
        "overdue": opened.filter(due_at__lt=now).count(),
        "amber": opened.filter(amber_at__lte=now, due_at__gte=now).count(),
    }


def reset_colours() -> None:
    from django.db import connection

    from hub.alerts.models import Alert, Deadline

    Alert.objects.filter(source_type="deadline").delete()
    Deadline.objects.update(rag=Deadline.Rag.GREEN)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE alerts_deadline")
            cursor.execute("VACUUM ANALYZE alerts_alert")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_tick(database_url: str, now: datetime) -> tuple[float, float, str]:
    """The command's wall time, its CPU time (the process's own, not the database server's),
    and what it printed."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(  # noqa: S603 (our own command, no shell)
        [*hub_command(), "tick", "--now", now.isoformat()],
        env=child_env(database_url), cwd=REPO, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return time.perf_counter() - started, _children_cpu() - cpu, done.stdout.strip()


def _reported_seconds(said: str) -> float:
    """The tick's own time, as the command reports it: "... alerts raised (12.34 s)"."""
    match = re.search(r"\(([0-9.]+) s\)$", said)
    if match is None:
        raise SystemExit(f"hub tick said {said!r}: no time in it")
    return float(match.group(1))


def measure(label: str, args: argparse.Namespace) -> dict[str, object]:
    """In a child whose DATABASE_URL is the database: load it, then time the ticks."""
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from hub.alerts.models import Alert

    now = timezone.now().replace(microsecond=0)
    loaded = load(args.deadlines, args.seed, now)
    print(f"{label}: loaded {loaded}", file=sys.stderr)
    url = os.environ["DATABASE_URL"]
    runs, cpus, engine, loads = [], [], [], []
    for run in range(args.repeat):
        reset_colours()
        connection.close()
        loads.append(os.getloadavg()[0])
        seconds, cpu, said = timed_tick(url, now)
        runs.append(round(seconds, 2))
        cpus.append(round(cpu, 2))
        engine.append(_reported_seconds(said))
        print(f"{label}: run {run + 1}: {seconds:.1f} s, CPU {cpu:.1f} s ({said})", file=sys.stderr)
    alerts = Alert.objects.filter(source_type="deadline").count()
    quiet, _, said = timed_tick(url, now)
    print(f"{label}: quiet tick {quiet:.1f} s ({said})", file=sys.stderr)
    return {
        f"tick_100k_s_{label}": round(statistics.median(runs), 2),
        f"tick_runs_s_{label}": runs,
        f"tick_cpu_s_{label}": round(statistics.median(cpus), 2),
        f"tick_cpu_runs_s_{label}": cpus,
        f"tick_engine_s_{label}": round(statistics.median(engine), 2),
        f"tick_engine_runs_s_{label}": engine,
        f"tick_quiet_s_{label}": round(quiet, 2),
        f"tick_quiet_engine_s_{label}": _reported_seconds(said),
        f"tick_alerts_{label}": alerts,
        f"tick_deadlines_{label}": loaded,
        f"tick_load_average_{label}": [round(x, 2) for x in loads],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deadlines", type=int, default=DEADLINES)
    parser.add_argument("--repeat", type=int, default=3, help="timed first ticks per database")
    parser.add_argument("--seed", type=int, default=1)
    add_database_options(parser, postgres_url=False)
    args = parser.parse_args(argv)

    if args.measure:  # the child: its DATABASE_URL is the database
        print(json.dumps(measure(args.measure, args)))
        return 0

    script = Path(__file__).resolve()
    arguments = ["--deadlines", str(args.deadlines), "--repeat", str(args.repeat),
                 "--seed", str(args.seed)]  # fmt: skip
    results = each_database(
        args,
        script=script,
        folder_prefix="hub-deadlines-bench-",
        sqlite_file="deadlines.sqlite3",
        measure=lambda url, label: measure_in_child(script, label, url, arguments),
        child_arguments=arguments,
    )
    figures: dict[str, object] = {}
    for measured in results.values():  # SQLite's, then PostgreSQL's
        figures |= measured
    if figures and not args.no_save and args.deadlines == DEADLINES:
        headline = figures.get("tick_100k_s_postgres", figures.get("tick_100k_s_sqlite"))
        if "tick_100k_s_postgres" in figures or not args.pgserver:
            figures["tick_100k_s"] = headline
        path = merge("deadlines", figures)
        print(f"wrote {path}", file=sys.stderr)
    for key in sorted(k for k in figures if k.startswith("tick_100k_s")):
        print(f"{key}: {figures[key]} s (target under {TARGET_S:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
