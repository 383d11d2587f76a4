"""The alerts app's background tasks: the deadline engine's tick (every minute, by
`hub worker`) and the alert emails (after the transaction that raised the alerts)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from hub.platform.tasks import register_periodic


@task()
def tick_task() -> dict[str, int]:
    """`hub tick` at the time now, as a task."""
    from .services import tick

    result = tick()
    return {"open": result.open_deadlines, "amber": result.turned_amber,
            "red": result.turned_red, "alerts": result.alerts}  # fmt: skip


@task()
def email_alerts(alert_ids: list[int]) -> int:
    """Tell the people these alerts reached that they have new alerts (no detail)."""
    from .services import alerts_email

    return alerts_email(alert_ids)


register_periodic(tick_task, timedelta(seconds=settings.HUB_TICK_SECONDS))
