"""What the audit write adds to a request: the person page with and without it.

    .venv/bin/python benchmarks/audit_overhead.py [--requests 300] [--rounds 7]
        [--postgres-url postgres://...]   (or BENCH_POSTGRES_URL)

Serves the person page in process through Django's test client (no network in the figure),
alternating request by request with the audit write on and off, and reports the difference of
the two medians of per-request times. "Off" swaps
`audit_record` for a no-op: only this harness does that. Writes `audit_overhead_ms` (SQLite
file database) and `audit_overhead_postgres_ms` to benchmarks/results/foundation.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def measure(database_url: str, requests: int, rounds: int) -> dict[str, float]:
    """Run in a child process per database, so each gets its own Django settings."""
    import subprocess

    out = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, __file__, "--child", database_url, str(requests), str(rounds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    on, off = (float(x) for x in out.split())
    return {"with_ms": on, "without_ms": off, "overhead_ms": on - off}


def child(database_url: str, requests: int, rounds: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    os.environ["DATABASE_URL"] = database_url
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["HUB_VAR_DIR"] = tempfile.mkdtemp(prefix="hub-bench-")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    import datetime as dt

    from hub.organisations.models import Agency, Area, Membership, Team, User
    from hub.people.models import Person, PersonInvolvement
    from hub.platform import audit

    area = Area.objects.create(code="E08000025", name="Birmingham", slug="birmingham")
    agency = Agency.objects.create(
        name="Birmingham Children's Services", kind="childrens_services", area=area
    )
    team = Team.objects.create(name="Hub", agency=agency, area=area, is_hub=True)
    user = User.objects.create(username="bench")
    Membership.objects.create(user=user, team=team, role="hub_practitioner")
    person = Person.objects.create(given_name="Aaliyah", family_name="Begum", home_area=area)
    PersonInvolvement.objects.create(
        person=person, agency=agency, team=team, since=dt.date(2024, 1, 1)
    )
    client = Client()
    client.force_login(user)
    url = f"/people/{person.pk}/"
    real_audit = audit.audit_record

    def timed(enabled: bool) -> float:
        audit.audit_record = real_audit if enabled else (lambda **kwargs: None)
        begin = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - begin) * 1000
        assert response.status_code == 200
        return elapsed

    for _ in range(50):  # warm up both paths
        timed(True), timed(False)
    # Alternate request by request, so the machine's drift falls on both arms alike.
    with_audit, without = [], []
    for _ in range(requests * rounds):
        with_audit.append(timed(True))
        without.append(timed(False))
    audit.audit_record = real_audit
    print(statistics.median(with_audit), statistics.median(without))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    from benchmarks.results_file import merge

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        sqlite = measure(f"sqlite:///{folder}/bench.sqlite3", args.requests, args.rounds)
    print(f"SQLite: {sqlite['with_ms']:.2f} ms with audit, {sqlite['without_ms']:.2f} without")
    figures["audit_overhead_ms"] = round(sqlite["overhead_ms"], 3)
    figures["person_page_ms_sqlite"] = round(sqlite["with_ms"], 3)
    if args.postgres_url:
        pg = measure(args.postgres_url, args.requests, args.rounds)
        print(f"PostgreSQL: {pg['with_ms']:.2f} ms with audit, {pg['without_ms']:.2f} without")
        figures["audit_overhead_postgres_ms"] = round(pg["overhead_ms"], 3)
        figures["person_page_ms_postgres"] = round(pg["with_ms"], 3)
    print(f"wrote {merge('foundation', figures)}: {figures}")


if __name__ == "__main__":
    main()
