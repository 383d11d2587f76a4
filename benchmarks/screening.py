#!/usr/bin/env python3
"""Benchmark: scoring one screening, and re-scoring 100,000 stored screenings under a new version.

    .venv/bin/python benchmarks/screening.py                # score() alone, then SQLite
    .venv/bin/python benchmarks/screening.py --pgserver     # and a throwaway PostgreSQL
    .venv/bin/python benchmarks/screening.py --repeat 1     # one re-scoring run per database

`score_one_ms`: the wall time of one `engine.score()` call, in a process with Django set up and
no database. For each shipped tool, `--samples` (default 5,000) answer sets are drawn with a
fixed seed: a random number of indicators present (none in about one in five, a handful in
most, a long screening with half or more of the tool now and then), each in a random present
window; three in ten carry the whole form, "not present" for every other indicator, as an
API caller may send it. Each comes with a random subject: an age the tool is for (8 to 17,
or 18 to 75; one in thirty-three with no date of birth) and circumstances of the threshold
document that the form asks that person, each given seven times in ten. After 500 warm-up
calls per tool, the calls are timed one by one, the three tools interleaved. The figure is the
worst tool's median; each tool's median, p95, p99 and maximum, and the median and p95 of the
same calls' CPU time, are kept beside it.

`rescore_100k_s`: each database gets the small demo (`hub demo --size small --seed 1`) for its
areas, teams, users and persons. The demo's own screenings stay (since 1 December 2026 its
cases hold some of them, and a case's screening is `PROTECT`ed; the run reports how many): the
re-scoring covers its confirmed child_exploitation ones too, so that many fewer are inserted.
Then confirmed child_exploitation v1 screenings, `--screenings` (default 100,000) in all with
the demo's, are bulk-inserted with their own seed, the same on both databases: a child of the
demo (one in a hundred with no date of birth), assessed on a day in the last three years when
they were 8 to 17, by a practitioner or hub worker, answers drawn as above (present ones only,
as confirming stores them), the record's circumstances, and the result exactly as `score()`
gives it under v1 (grades, scores, reasons, pathway); one in twenty overridden with a reason,
those at serious risk awaiting review. Beside them, so the re-scoring has to pass over rows it
must not touch, 2,000 drafts of the same tool and 10,000 confirmed screenings with the other
two tools. PostgreSQL's tables are analysed after loading.

Version 2 of the tool is made in memory from v1 with one rule changed ("Five or more risk
indicators" becomes four), and `screenings_rescore(tool=v2)` is timed by the wall clock, end to
end: reading the screenings in batches of 2,000, scoring each, and writing its
`ScreeningRescore` row. Before each of the `--repeat` runs (default 3; the median is kept) the
previous run's rows are deleted (and on PostgreSQL the table vacuumed), untimed, so every run
writes new rows; one more run over the rows already there (replacing them, as running the
command again does) is timed for context. The machine's 1-minute load average is kept before
and after each run: it is shared.

Results merge into benchmarks/results/screening.json: `score_one_ms`, `score_one_by_tool`,
`rescore_100k_s` (PostgreSQL when it was measured, else SQLite), `rescore_100k_s_<db>`,
`rescore_runs_s_<db>` with the CPU time of this process (`rescore_runs_cpu_s_<db>`) and, on
PostgreSQL, of its server backend (`rescore_runs_server_cpu_s_postgres`),
`rescore_load_average_<db>`, `rescore_per_second_<db>`, `rescore_rerun_s_<db>` with
`rescore_rerun_load_average_<db>`, `rescore_changed` and `rescore_transitions` (how many
screenings v2 grades differently, and from what to what), and what was loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for benchmarks.*

from benchmarks.runner import (  # noqa: E402
    add_database_options,
    each_database,
    measure_in_child,
    small_demo,
)

TOOLS = ("child_exploitation", "adult_exploitation", "seraf")
RESCORED_TOOL = "child_exploitation"
SCREENINGS = 100_000
DRAFTS = 2_000
OTHER_TOOLS = 10_000
SAMPLES = 5_000
WARM_UP = 500
BATCH = 2_000
TARGET_SCORE_MS = 5.0
TARGET_RESCORE_S = 60.0
SCREENERS = ("practitioner", "hub_practitioner", "hub_manager")
# The day the data set is laid out from, so both databases get the same rows whenever it runs.
TODAY = date(2026, 12, 1)
# The label of the child that times score() alone: Django set up, no database measured.
SCORE_ONE = "score_one"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


# --- answer sets and subjects ---------------------------------------------------------------


def random_answers(rng: Random, tool, *, whole_form: bool) -> dict[str, str]:
    """Some indicators present, each in a present window; with `whole_form`, every other
    indicator answered "not present" too."""
    indicators = [indicator.id for indicator in tool.indicators()]
    windows = [window.id for window in tool.windows if window.present]
    if rng.random() < 0.03:  # a long screening: half the tool or more
        count = rng.randint(len(indicators) // 2, len(indicators))
    else:  # mostly a handful; none in about one in five
        count = min(len(indicators), int(rng.expovariate(1 / 4.5)))
    present = rng.sample(indicators, count)
    answers = {indicator: rng.choice(windows) for indicator in present}
    if whole_form:
        absent = tool.absent_window.id
        answers = {indicator: answers.get(indicator, absent) for indicator in indicators}
    return answers


def random_circumstances(rng: Random, document, *, child: bool) -> dict[str, object]:
    """The threshold document's circumstances the form asks this person, each given seven
    times in ten; yes about a quarter of the time."""
    asked = ("children", "anyone") if child else ("adults", "anyone")
    found: dict[str, object] = {}
    for circumstance in document.circumstances:
        if circumstance.applies_to not in asked or rng.random() >= 0.7:
            continue
        if circumstance.values:
            found[circumstance.id] = rng.choice(circumstance.values)
        else:
            found[circumstance.id] = rng.random() < 0.25
    return found


def random_subject(rng: Random, tool, document):
    """Someone the tool is for, screened on a day in the last three years."""
    from hub.screening.engine import Subject

    assessed_on = TODAY - timedelta(days=rng.randrange(3 * 365))
    child = tool.applies_to != "adults"
    if rng.random() < 0.03:
        born = None
    else:
        age = rng.choice(range(8, 18)) if child else rng.choice(range(18, 76))
        born = assessed_on - timedelta(days=round((age + rng.random()) * 365.25))
    circumstances = random_circumstances(rng, document, child=child)
    return Subject(assessed_on=assessed_on, date_of_birth=born, circumstances=circumstances)


# --- 1. one score() call --------------------------------------------------------------------


def measure_score_one(samples: int, seed: int) -> dict:
    """The wall time of one `score()` call per tool, over random answer sets."""
    import django

    django.setup()
    from hub.screening.engine import score
    from hub.screening.thresholds import threshold_document
    from hub.screening.tools import get_tool

    document = threshold_document()
    rng = Random(f"screening-score-one:{seed}")
    cases = {}
    for tool_id in TOOLS:
        tool = get_tool(tool_id, 1)
        cases[tool_id] = (
            tool,
            [
                (
                    random_answers(rng, tool, whole_form=rng.random() < 0.3),
                    random_subject(rng, tool, document),
                )
                for _ in range(samples + WARM_UP)
            ],
        )
    for tool, drawn in cases.values():  # warm-up: compiled tools, caches, the definitions
        for answers, subject in drawn[:WARM_UP]:
            score(tool, answers=answers, subject=subject)
    timings: dict[str, list[float]] = {tool_id: [] for tool_id in TOOLS}
    cpu: dict[str, list[float]] = {tool_id: [] for tool_id in TOOLS}
    grades: dict[str, Counter] = {tool_id: Counter() for tool_id in TOOLS}
    order = list(TOOLS)
    clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
    load_before = load_average()
    for index in range(WARM_UP, WARM_UP + samples):
        rng.shuffle(order)
        for tool_id in order:
            tool, drawn = cases[tool_id]
            answers, subject = drawn[index]
            begin, begin_cpu = clock(), cpu_clock()
            result = score(tool, answers=answers, subject=subject)
            end_cpu, end = cpu_clock(), clock()
            timings[tool_id].append((end - begin) / 1e6)
            cpu[tool_id].append((end_cpu - begin_cpu) / 1e6)
            grades[tool_id][result.overall] += 1
    by_tool = {}
    for tool_id, values in timings.items():
        tool, drawn = cases[tool_id]
        absent = tool.absent_window.id
        present = [
            sum(1 for window in answers.values() if window != absent)
            for answers, _ in drawn[WARM_UP:]
        ]
        by_tool[tool_id] = {
            "p50_ms": round(statistics.median(values), 3),
            "p95_ms": round(percentile(values, 0.95), 3),
            "p99_ms": round(percentile(values, 0.99), 3),
            "max_ms": round(max(values), 3),
            # CPU time of the same calls: where the wall time's tail is far above it, the
            # call was waiting for a core (the machine is shared), not working.
            "cpu_p50_ms": round(statistics.median(cpu[tool_id]), 3),
            "cpu_p95_ms": round(percentile(cpu[tool_id], 0.95), 3),
            "indicators": len(tool.indicators()),
            "mean_present": round(statistics.mean(present), 1),
            "grades": dict(sorted(grades[tool_id].items())),
        }
    worst = max(by_tool, key=lambda tool_id: by_tool[tool_id]["p50_ms"])
    return {
        "samples": samples,
        "score_one_ms": by_tool[worst]["p50_ms"],
        "worst_tool": worst,
        "by_tool": by_tool,
        "load_average": [load_before, load_average()],
    }


# --- 2. the stored screenings ---------------------------------------------------------------


def version_two(v1):
    """Version 2 of the tool, in memory: four risk indicators are significant risk, not five."""
    from hub.screening.tools import ScreeningTool

    rules = [rule.model_dump(by_alias=True) for rule in v1.grading.rules]
    changed = [rule for rule in rules if rule["id"] == "many_risks"]
    if len(changed) != 1 or changed[0]["count"] != 5:
        raise SystemExit("child_exploitation v1 no longer has the rule this benchmark changes")
    changed[0].update(count=4, title="Four or more risk indicators")
    return ScreeningTool.model_validate(
        {
            **v1.model_dump(by_alias=True),
            "version": 2,
            "grading": {**v1.grading.model_dump(by_alias=True), "rules": rules},
            "examples": [],  # v1's worked examples are v1's
        }
    )


def demo_screenings() -> tuple[int, int]:
    """The demo's own screenings, kept: its cases hold some of them (`PROTECT`), so they
    cannot be deleted. Returns how many there are, and how many of them are confirmed
    screenings of the re-scored tool (the re-scoring covers those too)."""
    from hub.screening.models import Screening

    confirmed = Screening.objects.filter(tool_id=RESCORED_TOOL).exclude(
        status=Screening.Status.DRAFT
    )
    return Screening.objects.count(), confirmed.count()


def _assessed_on(rng: Random, born: date | None) -> date | None:
    """A day in the last three years when the child was 8 to 17 (None: no such day)."""
    first, last = TODAY - timedelta(days=3 * 365), TODAY
    if born is not None:
        first = max(first, born + timedelta(days=round(8 * 365.25)))
        last = min(last, born + timedelta(days=round(18 * 365.25) - 2))
    if first > last:
        return None
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def insert_screenings(seed: int, count: int) -> dict:
    """The benchmark's screenings, scored under v1 and bulk-inserted; returns what was made."""
    from django.db import connection, transaction

    from hub.organisations.models import Membership
    from hub.people.models import Person
    from hub.platform.timescales import LOCAL
    from hub.screening.engine import score
    from hub.screening.models import Screening
    from hub.screening.services import known_circumstances
    from hub.screening.thresholds import threshold_document
    from hub.screening.tools import get_tool

    rng = Random(f"screening-rescore-benchmark:{seed}")
    demo_kept, demo_confirmed = demo_screenings()
    count -= demo_confirmed  # so that the re-scoring covers exactly the `count` asked for
    document = threshold_document()
    screeners = list(
        Membership.objects.filter(role__in=SCREENERS)
        .order_by("pk")
        .values_list("user_id", "team_id")
    )
    persons = list(Person.objects.filter(merged_into=None).order_by("pk"))
    with_birth = [person for person in persons if person.date_of_birth is not None]
    without_birth = [person for person in persons if person.date_of_birth is None]
    v1 = get_tool(RESCORED_TOOL, 1)
    others = [get_tool(tool_id, 1) for tool_id in TOOLS if tool_id != RESCORED_TOOL]

    checked: list[bool] = []

    def screening(tool, status: str) -> Screening:
        while True:
            pool = without_birth if without_birth and rng.random() < 0.01 else with_birth
            person = rng.choice(pool)
            if tool.applies_to == "adults":
                assessed_on = TODAY - timedelta(days=rng.randrange(3 * 365))
                if person.is_child_on(assessed_on):
                    continue
            else:
                assessed_on = _assessed_on(rng, person.date_of_birth)
            if assessed_on is not None:
                break
        user_id, team_id = rng.choice(screeners)
        circumstances = dict(known_circumstances(person))
        if tool.applies_to == "adults":
            circumstances.pop("care_status", None)
        circumstances.update(random_circumstances(rng, document, child=tool.applies_to != "adults"))
        answers = random_answers(rng, tool, whole_form=False)
        made = Screening(
            person_id=person.pk,
            tool_id=tool.id,
            tool_version=tool.version,
            status=status,
            assessed_on=assessed_on,
            answers=answers,
            circumstances=circumstances,
            completed_by_id=user_id,
            team_id=team_id,
        )
        if status == Screening.Status.DRAFT:
            return made
        result = score(
            tool,
            answers=answers,
            subject=_subject(assessed_on, person.date_of_birth, circumstances),
            document=document,
        )
        made.computed_grades = result.grades
        made.computed_overall = result.overall
        made.scores = result.scores
        made.reasons = reason_dicts(result)
        if not checked:  # the shortcut must store what the service would
            if made.reasons != result.reason_dicts():
                raise SystemExit("reason_dicts() no longer matches Result.reason_dicts()")
            checked.append(True)
        made.pathway = result.pathway
        made.pathway_reason = result.pathway_reason
        made.thresholds_version = result.thresholds_version
        made.final_overall = result.overall
        if rng.random() < 0.05:  # the practitioner chose another grade, and said why
            made.final_overall = rng.choice([g for g in tool.grade_ids() if g != result.overall])
            made.override_rationale = "Synthetic override made by the screening benchmark."
        made.review_needed = made.overridden or made.final_overall == tool.grade_ids()[-1]
        made.status = (
            Screening.Status.AWAITING_REVIEW if made.review_needed else Screening.Status.COMPLETE
        )
        made.confirmed_at = datetime.combine(assessed_on, datetime.min.time(), tzinfo=LOCAL)
        made.confirmed_at += timedelta(hours=9 + rng.random() * 8)
        made.rescreen_due = assessed_on + timedelta(days=91)
        return made

    # Which row is which, interleaved by primary key as they would be; made and inserted a
    # batch at a time.
    kinds = ["confirmed"] * count + ["draft"] * DRAFTS + ["other"] * OTHER_TOOLS
    rng.shuffle(kinds)
    scored_s = inserted_s = 0.0
    screened: set[int] = set()
    present: list[int] = []
    grades: Counter = Counter()
    with transaction.atomic():
        for start in range(0, len(kinds), BATCH):
            started = time.perf_counter()
            made = []
            for kind in kinds[start : start + BATCH]:
                if kind == "other":
                    made.append(screening(rng.choice(others), Screening.Status.COMPLETE))
                    continue
                draft = kind == "draft"
                made.append(
                    screening(v1, Screening.Status.DRAFT if draft else Screening.Status.COMPLETE)
                )
                if not draft:
                    screened.add(made[-1].person_id)
                    present.append(len(made[-1].answers))
                    grades[made[-1].computed_overall] += 1
            scored_s += time.perf_counter() - started
            started = time.perf_counter()
            insert_rows(Screening, made)
            inserted_s += time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE screening_screening")
            cursor.execute("ANALYZE people_person")
    return {
        "demo_screenings_kept": demo_kept,
        "demo_confirmed_kept": demo_confirmed,
        "screenings": len(present) + demo_confirmed,
        "inserted": len(present),
        "drafts": DRAFTS,
        "other_tools": OTHER_TOOLS,
        "persons_screened": len(screened),
        "mean_present": round(statistics.mean(present), 2),
        "v1_grades": dict(sorted(grades.items())),
        "scored_s": round(scored_s, 1),
        "inserted_s": round(inserted_s, 1),
    }


def insert_rows(model, objs: list) -> None:
    """`bulk_create` without its per-row SQL: each field's value as Django prepares it for the
    database, in one `executemany`. On PostgreSQL `bulk_create` sends a column of long JSON
    texts (the reasons) as an array literal that psycopg escapes in Python, ten times slower."""
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]  # the connection itself, not its proxy
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (our own table and columns)
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def reason_dicts(result) -> list[dict[str, object]]:
    """`Result.reason_dicts()`, without `dataclasses.asdict` (the load's slowest part)."""
    return [
        {
            "kind": r.kind,
            "text": r.text,
            "applies_to": r.applies_to,
            "grade": r.grade,
            "indicators": list(r.indicators),
            "rule": r.rule,
        }
        for r in result.reasons
    ]


def _subject(assessed_on: date, born: date | None, circumstances: dict):
    from hub.screening.engine import Subject

    return Subject(assessed_on=assessed_on, date_of_birth=born, circumstances=circumstances)


def server_cpu_s() -> float | None:
    """The CPU time so far of our PostgreSQL backend process (None on SQLite, or when the
    server's /proc is not ours to read)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:  # fields after the command's closing parenthesis; utime and stime are 14 and 15
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def clear_rescores() -> None:
    """Delete the last run's rows, so the next run writes new ones (untimed)."""
    from django.db import connection

    from hub.screening.models import ScreeningRescore

    ScreeningRescore.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE screening_screeningrescore")


def transitions(version: int) -> dict[str, int]:
    """How many screenings the new version grades differently, from what to what."""
    from hub.screening.models import ScreeningRescore

    pairs = Counter(
        ScreeningRescore.objects.filter(tool_version=version).values_list(
            "screening__computed_overall", "overall"
        )
    )
    return {f"{a} -> {b}": n for (a, b), n in sorted(pairs.items()) if a != b}


def measure_rescore(label: str, args: argparse.Namespace) -> dict:
    """Load the screenings, then time `screenings_rescore` under version 2."""
    import django

    django.setup()
    from hub.screening.models import ScreeningRescore
    from hub.screening.services import screenings_rescore
    from hub.screening.tools import get_tool

    loaded = insert_screenings(args.data_seed, args.screenings)
    v2 = version_two(get_tool(RESCORED_TOOL, 1))
    runs: list[dict] = []
    for _ in range(args.repeat):
        clear_rescores()
        before, server_before = load_average(), server_cpu_s()
        started, started_cpu = time.perf_counter(), time.process_time()
        run = screenings_rescore(tool=v2, batch=BATCH)
        seconds, cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
        server_after = server_cpu_s()
        runs.append(
            {
                "seconds": round(seconds, 2),
                # This process's CPU time (on SQLite the database's work is in it; on
                # PostgreSQL the server's is not): the wall time less waiting.
                "cpu_s": round(cpu_s, 2),
                # PostgreSQL: the server's CPU time for our connection, besides.
                "server_cpu_s": (
                    None if server_before is None else round(server_after - server_before, 2)
                ),
                "screenings": run.screenings,
                "changed": run.changed,
                "load_average": [before, load_average()],
            }
        )
        print(f"{label}: re-scored {run.screenings:,} in {seconds:.1f} s", file=sys.stderr)
    written = ScreeningRescore.objects.filter(tool_version=2).count()
    if any(r["screenings"] != args.screenings for r in runs) or written != args.screenings:
        raise SystemExit(f"re-scored {[r['screenings'] for r in runs]}, wrote {written}")
    before = load_average()
    started = time.perf_counter()
    screenings_rescore(tool=v2, batch=BATCH)  # over the rows already there
    rerun_s = time.perf_counter() - started
    rerun_load = [before, load_average()]
    if ScreeningRescore.objects.count() != args.screenings:
        raise SystemExit("a rerun duplicated rows")
    seconds = statistics.median(r["seconds"] for r in runs)
    return {
        "label": label,
        "seconds": round(seconds, 1),
        "per_second": round(args.screenings / seconds),
        "runs": runs,
        "rerun_s": round(rerun_s, 1),
        "rerun_load_average": rerun_load,
        "changed": runs[-1]["changed"],
        "transitions": transitions(v2.version),
        "v2_grades": dict(
            sorted(Counter(ScreeningRescore.objects.values_list("overall", flat=True)).items())
        ),
        **loaded,
    }


# --- processes ------------------------------------------------------------------------------


def _data_arguments(args: argparse.Namespace) -> list[str]:
    return [
        "--repeat", str(args.repeat), "--data-seed", str(args.data_seed),
        "--screenings", str(args.screenings),
    ]  # fmt: skip


def report_score_one(result: dict) -> None:
    print(
        f"score(): {result['samples']:,} calls per tool; worst median {result['score_one_ms']} ms "
        f"({result['worst_tool']}); load average {result['load_average']}",
        file=sys.stderr,
    )
    for tool_id, figures in result["by_tool"].items():
        print(f"  {tool_id}: {figures}", file=sys.stderr)
    if result["score_one_ms"] > TARGET_SCORE_MS:
        print(f"  misses the {TARGET_SCORE_MS:g} ms target", file=sys.stderr)


def report_rescore(result: dict) -> None:
    print(
        f"{result['label']}: kept the demo's {result['demo_screenings_kept']:,} screenings "
        f"({result['demo_confirmed_kept']:,} of them confirmed {RESCORED_TOOL}); inserted "
        f"{result['inserted']:,} screenings of {result['persons_screened']:,} "
        f"children (scored in {result['scored_s']} s, inserted in {result['inserted_s']} s); "
        f"re-scored in {[r['seconds'] for r in result['runs']]} s (CPU "
        f"{[r['cpu_s'] for r in result['runs']]} s, server CPU "
        f"{[r['server_cpu_s'] for r in result['runs']]} s), median {result['seconds']} s "
        f"({result['per_second']:,} a second); rerun over the rows there {result['rerun_s']} s; "
        f"{result['changed']:,} changed grade {result['transitions']}; load averages "
        f"{[r['load_average'] for r in result['runs']]}",
        file=sys.stderr,
    )
    if result["seconds"] > TARGET_RESCORE_S:
        print(f"  misses the {TARGET_RESCORE_S:g} s target", file=sys.stderr)


DATA_KEYS = (
    "screenings", "inserted", "demo_screenings_kept", "demo_confirmed_kept", "drafts",
    "other_tools", "persons_screened", "mean_present",
)  # fmt: skip


def save(score_one: dict | None, results: dict[str, dict], headline: bool) -> None:
    from benchmarks.results_file import merge

    figures: dict[str, object] = {}
    if score_one is not None:
        figures["score_one_ms"] = score_one["score_one_ms"]
        figures["score_one_worst_tool"] = score_one["worst_tool"]
        figures["score_one_by_tool"] = score_one["by_tool"]
        figures["score_one_samples"] = score_one["samples"]
        figures["score_one_load_average"] = score_one["load_average"]
    for db, result in results.items():
        figures[f"rescore_100k_s_{db}"] = result["seconds"]
        figures[f"rescore_runs_s_{db}"] = [run["seconds"] for run in result["runs"]]
        figures[f"rescore_runs_cpu_s_{db}"] = [run["cpu_s"] for run in result["runs"]]
        if db == "postgres":
            figures["rescore_runs_server_cpu_s_postgres"] = [
                run["server_cpu_s"] for run in result["runs"]
            ]
        figures[f"rescore_load_average_{db}"] = [run["load_average"] for run in result["runs"]]
        figures[f"rescore_per_second_{db}"] = result["per_second"]
        figures[f"rescore_rerun_s_{db}"] = result["rerun_s"]
        figures[f"rescore_rerun_load_average_{db}"] = result["rerun_load_average"]
        figures["rescore_changed"] = result["changed"]
        figures["rescore_transitions"] = result["transitions"]
        figures["rescore_v1_grades"] = result["v1_grades"]
        figures["rescore_v2_grades"] = result["v2_grades"]
        figures["rescore_data"] = {key: result[key] for key in DATA_KEYS}
    if headline and results:  # PostgreSQL when this run measured it, else SQLite
        db = "postgres" if "postgres" in results else "sqlite"
        figures["rescore_100k_s"] = results[db]["seconds"]
        figures["rescore_100k_s_database"] = db
    if figures:
        path = merge("screening", figures)
        print(f"Wrote the screening figures to {path.relative_to(REPO)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="the demo's seed")
    parser.add_argument("--data-seed", type=int, default=1, help="the screenings' seed")
    parser.add_argument("--samples", type=int, default=SAMPLES, help="score() calls per tool")
    parser.add_argument("--screenings", type=int, default=SCREENINGS)
    parser.add_argument("--repeat", type=int, default=3, help="re-scoring runs per database")
    parser.add_argument("--no-score-one", action="store_true", help="skip timing score()")
    add_database_options(parser)
    args = parser.parse_args(argv)

    if args.measure == SCORE_ONE:  # the child: time score(), print JSON
        print(json.dumps(measure_score_one(args.samples, args.data_seed)))
        return 0
    if args.measure:  # the child: load and measure the database in DATABASE_URL, print JSON
        print(json.dumps(measure_rescore(args.measure, args)))
        return 0

    script = Path(__file__).resolve()
    score_one = None
    if not args.no_score_one:
        folder = Path(tempfile.mkdtemp(prefix="hub-screening-bench-"))
        try:  # Django set up, its database never opened
            url = f"sqlite:///{folder / 'unused.sqlite3'}"
            flags = ["--samples", str(args.samples), "--data-seed", str(args.data_seed)]
            score_one = measure_in_child(script, SCORE_ONE, url, flags)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        report_score_one(score_one)

    results = each_database(
        args,
        script=script,
        folder_prefix="hub-screening-bench-",
        sqlite_file="small.sqlite3",
        measure=lambda url, label: measure_in_child(script, label, url, _data_arguments(args)),
        # score() is timed once, here; the PostgreSQL run under pgserver only re-scores.
        child_arguments=["--no-score-one", "--seed", str(args.seed), *_data_arguments(args)],
        prepare=small_demo(args.seed),
        report=report_rescore,
    )

    standard = args.screenings == SCREENINGS
    if not args.no_save:
        # The PostgreSQL child writes the headline; SQLite writes it only when alone.
        save(
            score_one,
            results if standard else {},
            headline="postgres" in results or not args.pgserver,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
