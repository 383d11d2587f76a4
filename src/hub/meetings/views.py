"""Meeting pages: the list, scheduling, one meeting (agenda, attendance, what was shared,
decisions, actions, minutes), and its printed agenda pack and minutes."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hub.cases.selectors import area_cases, colleagues
from hub.platform.access import Permission
from hub.platform.pdf import pdf_response
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires

from . import selectors, services
from .forms import (
    ActionForm,
    AgendaForm,
    AttendanceForm,
    DecisionForm,
    DiscussionForm,
    InformationForm,
    ScheduleForm,
)


@requires(Permission.MEETING_VIEW)
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Meetings the user may see: coming first, then past."""
    return render(
        request,
        "meetings/list.html",
        {"meetings": selectors.area_meetings(actor=actor_of(request))},
    )


@requires(Permission.MEETING_MANAGE)
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest) -> HttpResponse:
    """Schedule a meeting (a follow-up when `follows` is given)."""
    actor = actor_of(request)
    form = ScheduleForm(
        request.POST if request.method == "POST" else None, users=colleagues(actor=actor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=actor,
                type_code=form.cleaned_data["type_code"],
                title=form.cleaned_data["title"],
                starts_at=form.starts_at(),
                chair_id=form.cleaned_data["chair"],
                place=form.cleaned_data["place"],
                follows_id=request.POST.get("follows") or None,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Meeting {meeting.reference} scheduled.")
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/schedule.html", {"form": form, "follows": request.GET.get("follows", "")}
    )


def _page(request: HttpRequest, meeting_id: int, **given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)
    users = colleagues(actor=actor) if page.can_manage else []
    cases = area_cases(actor=actor) if page.can_manage else []
    made = {
        "agenda_form": AgendaForm(cases=cases),
        "attendance_form": AttendanceForm(agencies=page.agencies),
        "information_form": InformationForm(agencies=page.agencies, items=page.items),
        "decision_form": DecisionForm(items=page.items),
        "action_form": ActionForm(items=page.items, users=users),
    }
    made.update(given)
    return render(request, "meetings/detail.html", {"page": page, "meeting": page.meeting, **made})


@requires(Permission.MEETING_VIEW)
def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """One meeting, with its minutes as far as they go."""
    return _page(request, meeting_id)


def _post(
    request: HttpRequest,
    meeting_id: int,
    form: forms.Form,
    name: str,
    act: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("meetings:detail", meeting_id)
    return _page(request, meeting_id, **{name: form})


@requires(Permission.MEETING_MANAGE)
@require_POST
def agenda(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = AgendaForm(request.POST, cases=area_cases(actor=actor))
    return _post(
        request,
        meeting_id,
        form,
        "agenda_form",
        lambda d: services.agenda_add(actor=actor, meeting_id=meeting_id, case_id=d["case"]),
        "Added to the agenda.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)
    form = AttendanceForm(request.POST, agencies=page.agencies)
    return _post(
        request,
        meeting_id,
        form,
        "attendance_form",
        lambda d: services.attendance_add(
            actor=actor,
            meeting_id=meeting_id,
            agency_id=d["agency"],
            name=d["name"],
            role=d["role"],
            status=d["status"],
        ),
        "Attendance recorded.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def information(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)
    form = InformationForm(request.POST, agencies=page.agencies, items=page.items)
    return _post(
        request,
        meeting_id,
        form,
        "information_form",
        lambda d: services.information_add(
            actor=actor,
            meeting_id=meeting_id,
            item_id=d["item"],
            agency_id=d["agency"],
            summary=d["summary"],
            handling=d["handling"],
            conditions=d["conditions"],
        ),
        "Recorded what was shared.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def decision(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)
    form = DecisionForm(request.POST, items=page.items)
    return _post(
        request,
        meeting_id,
        form,
        "decision_form",
        lambda d: services.decision_add(
            actor=actor, meeting_id=meeting_id, item_id=d["item"], text=d["text"]
        ),
        "Decision recorded.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def action(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)
    form = ActionForm(request.POST, items=page.items, users=colleagues(actor=actor))
    return _post(
        request,
        meeting_id,
        form,
        "action_form",
        lambda d: services.meeting_action_add(
            actor=actor,
            meeting_id=meeting_id,
            item_id=d["item"],
            text=d["text"],
            owner_id=d["owner"],
            due_on=d["due_on"],
        ),
        "Action set: it is in its owner's tray.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def discussion(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = DiscussionForm(request.POST)
    return _post(
        request,
        meeting_id,
        form,
        "discussion_form",
        lambda d: services.discussion_save(
            actor=actor, meeting_id=meeting_id, item_id=item_id, text=d["text"]
        ),
        "Minutes saved.",
    )


def _step(
    request: HttpRequest, meeting_id: int, act: Callable[[], object], done: str
) -> HttpResponse:
    try:
        act()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("meetings:detail", meeting_id)


@requires(Permission.MEETING_MANAGE)
@require_POST
def held(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    return _step(
        request,
        meeting_id,
        lambda: services.meeting_held(actor=actor, meeting_id=meeting_id),
        "Marked as held.",
    )


@requires(Permission.MEETING_MANAGE)
@require_POST
def finalise(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    return _step(
        request,
        meeting_id,
        lambda: services.meeting_finalise(actor=actor, meeting_id=meeting_id),
        "The minutes are final.",
    )


@requires(Permission.MEETING_VIEW)
def minutes_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes as a PDF marked OFFICIAL-SENSITIVE (logged as a print)."""
    actor = actor_of(request)
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id, action="print")
    context = {
        "page": page,
        "meeting": page.meeting,
        "printed_by": actor,
        "printed_at": timezone.now(),
    }
    return pdf_response(
        "meetings/minutes_print.html", context, f"minutes-{page.meeting.reference}.pdf"
    )


@requires(Permission.MEETING_VIEW)
def pack_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The agenda pack as a PDF marked OFFICIAL-SENSITIVE (logged as a print)."""
    actor = actor_of(request)
    page, pack = selectors.agenda_pack(actor=actor, meeting_id=meeting_id)
    context = {
        "page": page,
        "meeting": page.meeting,
        "pack": pack,
        "printed_by": actor,
        "printed_at": timezone.now(),
    }
    return pdf_response(
        "meetings/pack_print.html", context, f"agenda-pack-{page.meeting.reference}.pdf"
    )
