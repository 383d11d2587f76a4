"""`hub worker`: it enqueues the periodic tick when due and runs the tasks in the database;
`--once` does one round; as a long-running process it stops cleanly on SIGTERM."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hub.alerts.models import Alert, Deadline
from hub.alerts.tasks import tick_task
from tests.processes import hub_process_env
from tests.referrals.conftest import send

pytestmark = pytest.mark.django_db


def _overdue(world) -> Deadline:
    referral = send(world.bham_school_practitioner, world.birmingham)
    deadline = Deadline.objects.get(key=f"referral:{referral.pk}")
    past = dt.timedelta(days=10)
    Deadline.objects.filter(pk=deadline.pk).update(
        started_at=deadline.started_at - past, amber_at=deadline.amber_at - past,
        due_at=deadline.due_at - past,
    )  # fmt: skip
    return deadline


# The worker closes its database connections between rounds, as a long-running process
# must: these tests run outside a wrapping transaction so that it can.
@pytest.mark.django_db(transaction=True)
def test_one_round_ticks_the_deadlines_through_the_task_queue(world):
    deadline = _overdue(world)
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert f"enqueued {tick_task.module_path}" in out.getvalue()
    run = DBTaskResult.objects.get(task_path=tick_task.module_path)
    assert run.status == TaskResultStatus.SUCCESSFUL and run.return_value["red"] == 1
    deadline.refresh_from_db()
    assert deadline.rag == Deadline.Rag.RED
    assert Alert.objects.filter(deadline=deadline, kind=Alert.Kind.OVERDUE).count() == 1
    # Within the tick's period nothing more is enqueued, and nothing is raised twice.
    again = StringIO()
    call_command("worker", "--once", stdout=again)
    assert "enqueued" not in again.getvalue()
    assert DBTaskResult.objects.filter(task_path=tick_task.module_path).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_ticks_on_its_own_and_stops_on_sigterm(world):
    deadline = _overdue(world)
    env = hub_process_env()
    worker = subprocess.Popen(
        [sys.executable, "-m", "hub", "worker", "--interval", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd="/",
    )  # fmt: skip
    try:
        waited = 0.0
        while waited < 90 and not Alert.objects.filter(deadline=deadline).exists():
            time.sleep(0.5)
            waited += 0.5
        assert Alert.objects.filter(deadline=deadline, kind=Alert.Kind.OVERDUE).exists()
    finally:
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
    assert "stopping after this round" in out
