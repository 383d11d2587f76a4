"""`hub worker [--once] [--interval SECONDS]`: run the background tasks kept in the database
(django-tasks-db), and enqueue each periodic task (the deadline engine's tick) when it is
due. `--once` does one round (enqueue what is due, run everything ready) and exits: for
cron, or a test. Stop it with Ctrl-C or SIGTERM: a running task finishes first."""

from __future__ import annotations

import os
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from hub.platform.tasks import enqueue_due


class Command(BaseCommand):
    help = "Run background tasks and the periodic deadline tick (Ctrl-C stops it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one round, then exit")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between rounds (default 5)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.running = True
        if not options["once"]:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
            self.stdout.write(f"hub worker {os.getpid()}: running (Ctrl-C stops it)")
        while self.running:
            self._round()
            if options["once"]:
                return
            time.sleep(options["interval"])

    def _round(self) -> None:
        close_old_connections()
        for path in enqueue_due():
            self.stdout.write(f"enqueued {path}")
        worker = Worker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME], interval=0, batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=None,
            worker_id=f"hub-worker-{os.getpid()}", excluded_queue_names=[],
        )  # fmt: skip
        worker.run()

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stdout.write(f"hub worker: {signal.strsignal(signum)}: stopping after this round")
        self.running = False
