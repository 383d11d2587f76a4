"""The access log: append-only, hash-chained, and `hub audit verify` finds any tampering."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from hub.platform.audit import audit_record, verify_chain
from hub.platform.models import AccessLogEntry, AppendOnlyError
from tests.factories import PersonFactory, TeamFactory, user_with_role
from tests.processes import hub_process_env

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL feature: runs in the PostgreSQL pass"
)


def write_rows(count: int) -> list[AccessLogEntry]:
    return [
        audit_record(actor=None, action="view", object_type="person", object_id=n, purpose="t")
        for n in range(1, count + 1)
    ]


@contextmanager
def raw_tampering():
    """Raw SQL, as someone with direct database access would use; PostgreSQL's guard lifted."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run Django's deferred FK checks
            cursor.execute("ALTER TABLE platform_accesslogentry DISABLE TRIGGER USER")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE platform_accesslogentry ENABLE TRIGGER USER")


def test_rows_chain_from_the_genesis_hash():
    first, second = write_rows(2)
    assert first.seq == 1 and first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert verify_chain().ok


def test_verify_passes_on_an_intact_log(capsys):
    write_rows(5)
    call_command("audit", "verify")
    assert "Audit log intact: 5 rows verified" in capsys.readouterr().out


def test_an_altered_row_is_named(capsys):
    write_rows(5)
    with raw_tampering() as cursor:
        cursor.execute(
            "UPDATE platform_accesslogentry SET purpose = 'nothing to see' WHERE seq = 3"
        )
    with pytest.raises(CommandError, match=re.escape("row 3 was altered. First broken row: 3")):
        call_command("audit", "verify")


def test_a_removed_row_is_named():
    write_rows(5)
    with raw_tampering() as cursor:
        cursor.execute("DELETE FROM platform_accesslogentry WHERE seq = 2")
    result = verify_chain()
    assert not result.ok
    assert result.first_bad_seq == 2
    assert "row 2 is missing" in result.problem


def test_a_removed_last_row_is_found_through_the_chain_head():
    write_rows(4)
    with raw_tampering() as cursor:
        cursor.execute("DELETE FROM platform_accesslogentry WHERE seq = 4")
    result = verify_chain()
    assert not result.ok
    assert result.first_bad_seq == 4


def test_a_rehashed_forgery_breaks_the_next_link():
    write_rows(3)
    forged = AccessLogEntry.objects.get(seq=2)
    forged.actor_label = "someone else"
    from hub.platform.audit import row_hash

    new_hash = row_hash(forged)
    with raw_tampering() as cursor:
        cursor.execute(
            "UPDATE platform_accesslogentry SET actor_label = %s, hash = %s WHERE seq = 2",
            ["someone else", new_hash],
        )
    result = verify_chain()
    assert not result.ok and result.first_bad_seq == 3


def test_the_app_cannot_change_or_remove_rows():
    (row,) = write_rows(1)
    row.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()


def test_the_audit_row_rolls_back_with_the_work_it_records():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="view", object_type="person", object_id=1)
        raise RuntimeError("the read failed")
    assert AccessLogEntry.objects.count() == 0
    assert verify_chain().ok


@on_postgresql
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE platform_accesslogentry SET purpose = 'x'",
        "DELETE FROM platform_accesslogentry",
        "UPDATE people_historicalperson SET given_name = 'x'",
        "DELETE FROM organisations_historicalmembership",
    ],
)
def test_postgresql_triggers_refuse_changes_to_audit_tables(statement):
    write_rows(1)
    user_with_role("hub_practitioner", TeamFactory())  # a history row for people and memberships
    PersonFactory()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "2001:db8::1", "::ffff:10.0.0.1", "fe80::1:2:3:4", "::1.2.3.4"],
)
def test_addresses_hash_as_the_database_stores_them(address):
    from hub.platform.audit import RequestContext, reset_request_context, set_request_context

    token = set_request_context(RequestContext(ip_address=address, request_id="abc123"))
    try:
        write_rows(2)
    finally:
        reset_request_context(token)
    assert verify_chain().ok


def test_detail_round_trips_into_the_same_hash():
    audit_record(
        actor=None,
        action="search",
        object_type="person",
        detail={"terms": 2, "results": 0, "nested": {"b": [1, "two"], "a": None}, "é": "ü"},
    )
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    """Four threads append at once; every row still links to exactly the one before it."""
    import threading

    from django.db import connections

    errors = []

    def writer() -> None:
        try:
            for n in range(15):
                with transaction.atomic():
                    audit_record(actor=None, action="view", object_type="person", object_id=n)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = verify_chain()
    assert result.ok and result.rows_checked == 60


@pytest.mark.django_db(transaction=True)
def test_the_hub_audit_verify_command_as_other_systems_call_it():
    import subprocess
    import sys

    write_rows(4)
    env = hub_process_env()

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hub", "audit", "verify"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
            cwd="/",
        )

    intact = verify()
    assert intact.returncode == 0, intact.stderr
    assert "Audit log intact: 4 rows verified" in intact.stdout
    with raw_tampering() as cursor:
        cursor.execute("UPDATE platform_accesslogentry SET reason = 'edited' WHERE seq = 2")
    broken = verify()
    assert broken.returncode == 1
    assert "row 2 was altered" in broken.stderr and "First broken row: 2" in broken.stderr


FORGED_ROW = (
    "INSERT INTO platform_accesslogentry (seq, at, actor_label, action, object_type, object_id,"
    " purpose, reason, detail, request_id, prev_hash, hash) VALUES"
    " (0, CURRENT_TIMESTAMP, 'x', 'view', 'person', 7, '', '', '{}', '', '', '')"
)


def test_a_forged_row_outside_the_chain_is_found():
    write_rows(3)
    with raw_tampering() as cursor:  # a forger who can also lift the database's check
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE platform_accesslogentry DROP CONSTRAINT accesslog_seq_positive"
            )
        else:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        cursor.execute(FORGED_ROW)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = OFF")
    result = verify_chain()
    assert not result.ok and "1 rows stand outside the chain" in result.problem


def test_the_database_refuses_a_sequence_below_one():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FORGED_ROW)
