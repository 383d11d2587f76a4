"""Alert pages: the user's and their teams' alerts, acknowledging one, the deadlines they own,
and the cross-border alerts their area sent."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.platform.access import Permission, has_permission
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, requires

from . import selectors, services


@requires(Permission.HOME_VIEW)
def alert_list(request: HttpRequest) -> HttpResponse:
    """Alerts for the user and their teams; all of them with `?all=1`."""
    actor = actor_of(request)
    every = request.GET.get("all") == "1"
    context = {
        "alerts": list(selectors.my_alerts(actor=actor, include_acknowledged=every)[:200]),
        "every": every,
        "sent": list(selectors.alerts_sent(actor=actor))
        if has_permission(actor, Permission.REFERRAL_TRIAGE)
        else [],
        "deadlines": list(selectors.my_deadlines(actor=actor)),
    }
    return render(request, "alerts/list.html", context)


@requires(Permission.HOME_VIEW)
@require_POST
def acknowledge(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Acknowledge an alert (the sending area sees it was)."""
    try:
        alert = services.alert_acknowledge(actor=actor_of(request), alert_id=alert_id)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("alerts:list")
    messages.success(request, "Acknowledged.")
    return redirect(alert.url or "alerts:list")
