#!/usr/bin/env python3
"""Benchmark: the hub's triage queue page (`/triage/`) with 5,000 open referrals.

    .venv/bin/python benchmarks/triage_queue.py                 # SQLite
    .venv/bin/python benchmarks/triage_queue.py --pgserver      # and a throwaway PostgreSQL
    .venv/bin/python benchmarks/triage_queue.py --explain       # also print the query plans

The database is the small demo (`hub demo --size small --seed 1`: its areas, agencies, teams,
users and 2,000 persons). Any referrals the demo made are deleted, with the screenings, cases
and meeting items made from them (its meetings, missing episodes and NRM referrals stay: the
queue does not read them), then the benchmark inserts its own, with its own seed: 5,000 open
referrals with the Birmingham hub (status "with the hub", stages spread, received in office
hours over the last three working days and one in ten in the twelve hours before the run, so
that red, amber and green all occur; a few decided and awaiting sign-off; over a third
assigned to one of the hub's two triage users), each about one to three persons of the demo,
and 20,000 closed referrals across the seven areas, so the queue's filters have to pass over
closed rows. Deadlines come from `start_clock`, as a
sent referral's do. On PostgreSQL the tables are analysed after loading (autovacuum would do
it within a minute); SQLite is left as the application leaves it.

The page is requested through Django's test client (all middleware, session, audit row and
template; no network) as `birmingham.hub.practitioner`, in four variants: the first page, the
overdue (red) filter, page 20, and "only mine". After warm-up, `--requests` (default 250)
requests per variant are timed, interleaved in a shuffled order each round. The SQL queries of
one request per variant are counted, and checked not to grow with the rows on the page (a
page of 50 rows and a short page must take the same number). Results merge into
benchmarks/results/front_door.json: `triage_queue_p50_ms_<db>`, `triage_queue_p95_ms_<db>`
(all variants' requests together), `triage_queue_by_variant_<db>`,
`triage_queue_queries_per_page_<db>`, `triage_queue_load_average_<db>` (the machine's 1-minute
load before and after the timed requests: it is shared), `triage_queue_p95_ms` (PostgreSQL
when it was measured, else SQLite), `triage_queue_open_referrals` and
`triage_queue_closed_referrals`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
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

OPEN_REFERRALS = 5_000
CLOSED_REFERRALS = 20_000
HUB_AREA = "birmingham"
ACTOR = "birmingham.hub.practitioner"
# The variants of the page, as its query strings.
VARIANTS: dict[str, str] = {
    "first_page": "",
    "red": "rag=red",
    "page_20": "page=20",
    "mine": "mine=1",
}
WARM_UP = 20
TARGET_P95_MS = 150.0
# A page's queries: session, user, grants, counts, total, rows, subjects, audit, session save.
# More than this, or a count that changes with the rows on the page, is a bug.
MAX_QUERIES = 20
BATCH = 1_000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- the data set ---------------------------------------------------------------------------


def remove_demo_referrals() -> int:
    """Delete whatever referrals the demo build made, so the data set is ours alone.

    What the demo made from them goes first, children before parents, since each points at
    what it came from with a protecting key: the meeting items and actions about its cases,
    the cases (each opened from a triage decision or a screening, or a transfer of such a
    case), the screenings of its referrals, then the decisions and the referrals themselves.
    Its meetings, missing episodes and NRM referrals point at persons, areas and users only,
    so they stay."""
    from hub.cases.models import Action, Case, VoiceRecord
    from hub.meetings.models import AgendaItem, MeetingAction
    from hub.referrals.models import (
        PartnerCheck,
        Referral,
        ReferralAttachment,
        ReferralSubject,
        TriageDecision,
        TriageNote,
    )
    from hub.screening.models import Screening

    count = Referral.objects.count()
    if count:  # children first: decisions, screenings, cases and transfers protect their sources
        Referral.objects.exclude(transferred_from=None).update(transferred_from=None)
        Case.objects.exclude(transferred_from=None).update(transferred_from=None)
        for queryset in (
            MeetingAction.objects.exclude(action__case=None),
            AgendaItem.objects.exclude(case=None),  # with its decisions and shared information
            Action.objects.exclude(case=None),
            VoiceRecord.objects.exclude(case=None),
            Case.objects.all(),  # with its subjects, members, risks and safety plans
            Screening.objects.exclude(referral=None),  # with its rescores
            TriageDecision.objects.all(),
            PartnerCheck.objects.all(),
            TriageNote.objects.all(),
            ReferralAttachment.objects.all(),
            ReferralSubject.objects.all(),
            Referral.objects.all(),
        ):
            queryset.delete()
    return count


def _recent_working_days(today, count: int) -> list:
    from hub.platform.timescales import is_working_day

    days, day = [], today
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day -= timedelta(days=1)
    return days


def _received_recently(rng: Random, days: list, now: datetime) -> datetime:
    """A moment in office hours on one of the last working days, never after now; one in ten
    out of hours, in the twelve hours before now (so a few are green whenever it runs).

    Always three draws, so the referrals after it do not depend on the time of the run."""
    from hub.platform.timescales import LOCAL

    out_of_hours, which, when = rng.random(), rng.random(), rng.random()
    opened = [datetime.combine(day, clock_time(8), tzinfo=LOCAL) for day in days]
    opened = [start for start in opened if start < now]
    if out_of_hours < 0.1 or not opened:
        return now - timedelta(seconds=when * 12 * 3600)
    start = opened[int(which * len(opened))]
    return start + (min(start + timedelta(hours=10), now) - start) * when


def insert_referrals(seed: int, open_count: int, closed_count: int, now: datetime) -> dict:
    """The benchmark's referrals, bulk-inserted; returns what was made."""
    from django.db import connection, transaction

    from hub.organisations.models import Area, Membership, User
    from hub.people.models import Person
    from hub.platform.timescales import LOCAL
    from hub.referrals.models import Referral, ReferralSubject, TriageDecision
    from hub.referrals.practice import definitions_label
    from hub.referrals.services.drafts import start_clock

    rng = Random(f"triage-queue-benchmark:{seed}")
    removed = remove_demo_referrals()
    areas = {area.slug: area for area in Area.objects.filter(in_region=True)}
    hub_area = areas[HUB_AREA]
    # Referrers: the practitioners of each area (any role that makes referrals but the hub's).
    referrers: dict[int, list[tuple[int, int, int]]] = {}
    for user_id, team_id, agency_id, area_id in (
        Membership.objects.filter(role="practitioner", team__area__in_region=True)
        .order_by("pk")
        .values_list("user_id", "team_id", "team__agency_id", "team__area_id")
    ):
        referrers.setdefault(area_id, []).append((user_id, team_id, agency_id))
    hub_staff = list(
        Membership.objects.filter(
            team__area=hub_area,
            team__is_hub=True,
            role__in=("hub_practitioner", "hub_manager"),
        )
        .order_by("user__username")
        .values_list("user_id", flat=True)
    )
    actor = User.objects.get(username=ACTOR)
    persons: dict[int, list[tuple]] = {}
    for row in (
        Person.objects.filter(merged_into=None)
        .order_by("pk")
        .values_list("pk", "given_name", "family_name", "date_of_birth", "postcode", "home_area_id")
    ):
        persons.setdefault(row[5], []).append(row)
    every_person = [row for rows in persons.values() for row in rows]
    label = definitions_label()
    types = ("CCE", "CSE", "COUNTY_LINES", "ONLINE", "CUCKOOING", "SERIOUS_VIOLENCE", "LABOUR")
    bases = ("public_task_safeguarding", "law_enforcement", "vital_interests")
    days = _recent_working_days(now.astimezone(LOCAL).date(), 3)

    def referral(area: Area, received: datetime, **fields: object) -> Referral:
        user_id, team_id, agency_id = rng.choice(referrers.get(area.pk) or referrers[hub_area.pk])
        made = Referral(
            area=area,
            referrer_id=user_id,
            referrer_team_id=team_id,
            referrer_agency_id=agency_id,
            immediate_danger=rng.random() < 0.04,
            exploitation_types=rng.sample(types, 1 + (rng.random() < 0.3)),
            what_happened="Synthetic referral made by the triage queue benchmark.",
            person_knows=Referral.Awareness.YES,
            family_knows=Referral.Awareness.NO,
            consent=Referral.Consent.GIVEN,
            capacity=Referral.Capacity.NOT_APPLICABLE,
            lawful_basis=rng.choice(bases),
            definitions_used=label,
            **fields,
        )
        start_clock(made, received)
        return made

    opened: list[Referral] = []
    for _ in range(open_count):
        received = _received_recently(rng, days, now)
        stage = rng.choices(
            [Referral.Stage.RECEIVED, Referral.Stage.GATHERING, Referral.Stage.DECISION, "done"],
            weights=[45, 30, 20, 5],
        )[0]
        # Someone takes a referral on as they start on it: few new ones are assigned.
        taken = rng.random() < (0.1 if stage == Referral.Stage.RECEIVED else 0.6)
        made = referral(
            hub_area,
            received,
            status=Referral.Status.WITH_HUB,
            stage=Referral.Stage.DECIDED if stage == "done" else stage,
            assigned_to_id=rng.choice(hub_staff) if taken else None,
        )
        if stage == "done":  # decided, awaiting a manager's sign-off: still with the hub
            made.decided_at = received + (now - received) * rng.random()
        opened.append(made)

    closed: list[Referral] = []
    slugs = sorted(areas)
    for _ in range(closed_count):
        area = areas[rng.choice(slugs)]
        received = now - timedelta(days=4 + rng.random() * 176)
        made = referral(
            area,
            received,
            status=Referral.Status.CLOSED,
            stage=Referral.Stage.DECIDED,
            assigned_to_id=rng.choice(hub_staff) if area == hub_area else None,
        )
        made.decided_at = received + timedelta(hours=1 + rng.random() * 30)
        made.closed_at = made.decided_at + timedelta(hours=rng.random() * 48)
        closed.append(made)

    with transaction.atomic():
        Referral.objects.bulk_create(opened + closed, batch_size=BATCH)
        subjects: list[ReferralSubject] = []
        for made in opened + closed:
            pool = persons.get(made.area_id) or every_person
            chosen = rng.sample(pool, rng.choices((1, 2, 3), weights=(70, 22, 8))[0])
            for position, (pk, given, family, born, postcode, _) in enumerate(chosen):
                subjects.append(
                    ReferralSubject(
                        referral_id=made.pk,
                        position=position,
                        given_name=given,
                        family_name=family,
                        date_of_birth=born,
                        postcode=postcode,
                        person_id=pk,
                        linked_by_id=made.referrer_id,
                        linked_at=made.received_at,
                    )
                )
        ReferralSubject.objects.bulk_create(subjects, batch_size=BATCH)
        decided = {made.pk: made for made in opened if made.decided_at is not None}
        TriageDecision.objects.bulk_create(
            [
                TriageDecision(
                    subject_id=subject.pk,
                    code="no_further_action",
                    title="No further action, with advice",
                    reason="Synthetic decision made by the triage queue benchmark.",
                    advice="Refer again if anything changes.",
                    decided_by_id=decided[subject.referral_id].assigned_to_id or hub_staff[0],
                    decided_at=decided[subject.referral_id].decided_at,
                    triage_version=1,
                    sign_off=TriageDecision.SignOff.AWAITING,
                )
                for subject in subjects
                if subject.referral_id in decided
            ],
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("referrals_referral", "referrals_referralsubject"):
                cursor.execute(f"ANALYZE {table}")
    return {
        "demo_referrals_removed": removed,
        "open": len(opened),
        "closed": len(closed),
        "subjects": len(subjects),
        "mine": sum(1 for made in opened if made.assigned_to_id == actor.pk),
        "working_days": [day.isoformat() for day in days],
    }


# --- the measurement ------------------------------------------------------------------------

ROW = re.compile(rb'<tr class="govuk-table__row">\s*<td')


def rows_on(content: bytes) -> int:
    return len(ROW.findall(content))


def explain(captured: list[dict]) -> list[str]:
    """The plans of the page's queries on the referrals tables."""
    from django.db import connection

    plans = []
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    for query in captured:
        sql = query["sql"]
        if not sql.startswith("SELECT") or "referrals_" not in sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            lines = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
        plans.append(f"{query['time']} s  {sql[:300]}...\n    " + "\n    ".join(lines))
    return plans


def measure(label: str, args: argparse.Namespace) -> dict:
    """Load the data set, then time the page's variants, interleaved."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hub.organisations.models import User
    from hub.referrals.selectors import QueueFilters, triage_queue

    call_command("collectstatic", interactive=False, verbosity=0)
    now = timezone.now()
    started = time.perf_counter()
    made = insert_referrals(args.data_seed, args.open, args.closed, now)
    load_s = time.perf_counter() - started
    actor = User.objects.get(username=ACTOR)
    whole = triage_queue(actor=actor, filters=QueueFilters())
    mine = triage_queue(actor=actor, filters=QueueFilters(mine=True))
    if whole.total != args.open:
        raise SystemExit(f"the queue holds {whole.total} referrals, not {args.open}")
    if min(whole.counts[rag] for rag in ("red", "amber", "green")) == 0:
        print(f"warning: a colour is missing from the queue: {whole.counts}", file=sys.stderr)

    client = Client()
    client.force_login(actor)

    def get(query: str) -> bytes:
        response = client.get("/triage/" + (f"?{query}" if query else ""))
        if response.status_code != 200:
            raise SystemExit(f"/triage/?{query} answered {response.status_code}")
        return response.content

    for _ in range(WARM_UP):
        for query in VARIANTS.values():
            get(query)

    # Queries per page: the same for 50 rows and for a short page (the last page of "mine").
    probes = dict(VARIANTS)
    last_of_mine = mine.pages
    probes["mine_last_page"] = f"mine=1&page={last_of_mine}"
    queries: dict[str, int] = {}
    rows: dict[str, int] = {}
    captured: dict[str, list[dict]] = {}
    for name, query in probes.items():
        with CaptureQueriesContext(connection) as context:
            content = get(query)
        queries[name] = len(context.captured_queries)
        rows[name] = rows_on(content)
        captured[name] = list(context.captured_queries)
    if max(queries.values()) > MAX_QUERIES or len(set(queries.values())) != 1:
        raise SystemExit(f"queries per page are not bounded: {queries} (rows {rows})")
    if any(rows[name] != 50 for name in VARIANTS):
        raise SystemExit(f"a variant did not show a full page: {rows}")

    load_before = os.getloadavg()[0]  # the machine is shared: say how busy it was
    rng = Random(f"triage-queue-order:{args.data_seed}")
    timings: dict[str, list[float]] = {name: [] for name in VARIANTS}
    order = list(VARIANTS)
    for _ in range(args.requests):
        rng.shuffle(order)
        for name in order:
            begin = time.perf_counter()
            get(VARIANTS[name])
            timings[name].append((time.perf_counter() - begin) * 1000)
    every = [ms for values in timings.values() for ms in values]
    result = {
        "label": label,
        "requests_per_variant": args.requests,
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "max_ms": round(max(every), 1),
        "by_variant": {
            name: {
                "p50_ms": round(statistics.median(values), 1),
                "p95_ms": round(percentile(values, 0.95), 1),
                "queries": queries[name],
                "rows": rows[name],
            }
            for name, values in timings.items()
        },
        "queries_per_page": max(queries.values()),
        "short_page": {"rows": rows["mine_last_page"], "queries": queries["mine_last_page"]},
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "counts": whole.counts,
        "mine": mine.total,
        "load_s": round(load_s, 1),
        **made,
    }
    if args.explain:
        result["plans"] = explain(captured["first_page"]) + explain(captured["red"])
    return result


def _data_arguments(args: argparse.Namespace) -> list[str]:
    return [
        "--requests", str(args.requests), "--data-seed", str(args.data_seed),
        "--open", str(args.open), "--closed", str(args.closed),
    ]  # fmt: skip


def report(result: dict) -> None:
    print(
        f"{result['label']}: {result['open']:,} open and {result['closed']:,} closed referrals "
        f"({result['subjects']:,} subjects; loaded in {result['load_s']} s; counts "
        f"{result['counts']}; {result['mine']} assigned to {ACTOR}); "
        f"{result['requests_per_variant']} requests per variant: p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, max {result['max_ms']} ms; "
        f"{result['queries_per_page']} queries per page "
        f"(a page of {result['short_page']['rows']} rows: {result['short_page']['queries']}); "
        f"load average {result['load_average'][0]} before, {result['load_average'][1]} after",
        file=sys.stderr,
    )
    for name, figures in result["by_variant"].items():
        print(f"  {name}: {figures}", file=sys.stderr)
    for plan in result.get("plans", []):
        print(f"  {plan}", file=sys.stderr)
    if result["p95_ms"] > TARGET_P95_MS:
        print(f"  p95 misses the {TARGET_P95_MS:.0f} ms target", file=sys.stderr)


def save(results: dict[str, dict], headline: bool) -> None:
    from benchmarks.results_file import merge

    figures: dict[str, object] = {}
    for db, result in results.items():
        figures[f"triage_queue_p50_ms_{db}"] = result["p50_ms"]
        figures[f"triage_queue_p95_ms_{db}"] = result["p95_ms"]
        figures[f"triage_queue_queries_per_page_{db}"] = result["queries_per_page"]
        figures[f"triage_queue_by_variant_{db}"] = result["by_variant"]
        figures[f"triage_queue_load_average_{db}"] = result["load_average"]
        figures["triage_queue_open_referrals"] = result["open"]
        figures["triage_queue_closed_referrals"] = result["closed"]
        figures["triage_queue_requests_per_variant"] = result["requests_per_variant"]
    if headline:  # PostgreSQL when this run measured it, else SQLite
        db = "postgres" if "postgres" in results else "sqlite"
        figures["triage_queue_p95_ms"] = results[db]["p95_ms"]
        figures["triage_queue_p95_ms_database"] = db
    path = merge("front_door", figures)
    print(f"Wrote the triage queue figures to {path.relative_to(REPO)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="the demo's seed")
    parser.add_argument("--data-seed", type=int, default=1, help="the referrals' seed")
    parser.add_argument("--requests", type=int, default=250, help="timed requests per variant")
    parser.add_argument("--open", type=int, default=OPEN_REFERRALS)
    parser.add_argument("--closed", type=int, default=CLOSED_REFERRALS)
    parser.add_argument("--explain", action="store_true", help="print the queries' plans")
    add_database_options(parser)
    args = parser.parse_args(argv)

    if args.measure:  # the child: load and measure the database in DATABASE_URL, print JSON
        print(json.dumps(measure(args.measure, args)))
        return 0

    script = Path(__file__).resolve()
    arguments = _data_arguments(args) + (["--explain"] if args.explain else [])
    results = each_database(
        args,
        script=script,
        folder_prefix="hub-triage-bench-",
        sqlite_file="small.sqlite3",
        measure=lambda url, label: measure_in_child(
            script, label, url, arguments, var_prefix="hub-triage-bench-var-"
        ),
        child_arguments=["--seed", str(args.seed), *arguments],
        prepare=small_demo(args.seed),
        report=report,
    )

    standard = (args.open, args.closed) == (OPEN_REFERRALS, CLOSED_REFERRALS)
    if results and not args.no_save and standard:
        # The PostgreSQL child writes the headline; SQLite writes it only when alone.
        save(results, headline="postgres" in results or not args.pgserver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
