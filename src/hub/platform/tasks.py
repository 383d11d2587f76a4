"""Background work (design.md §2: django-tasks with its database backend). Apps enqueue
tasks; `hub worker` runs them, and enqueues each periodic task when its time comes, so one
worker process keeps the deadline engine ticking without cron."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class Periodic:
    task: Task[Any, Any]
    every: timedelta


PERIODIC: list[Periodic] = []


def register_periodic(task: Task[Any, Any], every: timedelta) -> None:
    """An app's task to run every so often (the worker enqueues it when it is due)."""
    PERIODIC.append(Periodic(task, every))


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic task that is due: none of it waiting or running, and none
    enqueued within its period. Returns the paths of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for periodic in PERIODIC:
        path = periodic.task.module_path
        runs = DBTaskResult.objects.filter(task_path=path)
        pending = runs.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        recent = runs.filter(enqueued_at__gt=now - periodic.every)
        if pending.exists() or recent.exists():
            continue
        periodic.task.enqueue()
        enqueued.append(path)
    return enqueued
