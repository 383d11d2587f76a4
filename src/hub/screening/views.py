"""Screening pages: choose a tool, answer with the guidance at hand (kept as a draft), see the
result and its reasons before confirming, a manager's review, and a person's history."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods, require_POST

from hub.people.selectors import access_person
from hub.platform.access import NotFound, Permission
from hub.platform.forms import initial_from
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires

from . import selectors, services
from .engine import AnswerError
from .explain import explain
from .forms import ConfirmForm, ReviewForm, ScreeningForm, StartForm, initial_answers
from .models import Screening
from .thresholds import threshold_document
from .tools import get_tool


@requires(Permission.SCREENING_CONDUCT)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Start a screening of a person (from their record or a referral): choose the tool."""
    actor = actor_of(request)
    source = request.POST if request.method == "POST" else request.GET
    person = access_person(actor=actor, id=source.get("person"), purpose="start screening")
    tools = selectors.tools_for(person)
    form = StartForm(request.POST if request.method == "POST" else None, tools=tools)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.screening_start(
                actor=actor,
                person_id=person.pk,
                tool_id=form.cleaned_data["tool"],
                token=form.cleaned_data["token"],
                referral_id=source.get("referral") or None,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect("screening:edit", screening.pk)
    context = {
        "form": form,
        "person": person,
        "tools": tools,
        "referral": source.get("referral", ""),
    }
    return render(request, "screening/start.html", context)


def _draft(request: HttpRequest, screening_id: int) -> Screening:
    screening = selectors.access_screening(
        actor=actor_of(request), screening_id=screening_id, purpose="screening draft"
    )
    if screening.completed_by_id != request.user.pk or screening.status != Screening.Status.DRAFT:
        raise NotFound
    return screening


def _form(screening: Screening, data: MultiValueDict | None = None) -> ScreeningForm:
    tool = get_tool(screening.tool_id, screening.tool_version)
    is_child = screening.person.is_child_on(screening.assessed_on)
    circumstances = [
        c
        for c in threshold_document().circumstances
        if c.applies_to == "anyone" or is_child is None or (c.applies_to == "children") == is_child
    ]
    form = ScreeningForm(data, tool=tool, circumstances=circumstances)
    if data is None:
        saved = MultiValueDict(screening.draft_data or {})
        form.initial = (
            initial_from(form, saved)
            if saved
            else initial_answers(screening.answers, screening.circumstances)
        )
    return form


@requires(Permission.SCREENING_CONDUCT)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, screening_id: int) -> HttpResponse:
    """Answer the tool's questions; every button keeps what was ticked first."""
    screening = _draft(request, screening_id)
    if request.method == "GET":
        return render(
            request, "screening/form.html", {"screening": screening, "form": _form(screening)}
        )
    data = {k: v for k, v in request.POST.lists() if k != "action"}
    saved = services.screening_draft_save(
        actor=actor_of(request), screening_id=screening.pk, data=data
    )
    if request.POST.get("action") == "result":
        form = _form(saved, request.POST)
        if form.is_valid():
            return redirect("screening:result", screening.pk)
    else:
        messages.success(request, "Draft saved.")
        form = _form(saved)
    return render(request, "screening/form.html", {"screening": screening, "form": form})


@requires(Permission.SCREENING_CONDUCT)
@require_POST
def autosave(request: HttpRequest, screening_id: int) -> HttpResponse:
    """Keep the draft as it is being ticked (the page's script calls this)."""
    data = {k: v for k, v in request.POST.lists() if k != "action"}
    try:
        saved = services.screening_draft_save(
            actor=actor_of(request), screening_id=screening_id, data=data
        )
    except ServiceError as exc:
        return JsonResponse({"saved": False, "message": exc.message}, status=409)
    return JsonResponse(
        {"saved": True, "saved_at": f"{timezone.localtime(saved.updated_at):%H:%M}"}
    )


@requires(Permission.SCREENING_CONDUCT)
@require_http_methods(["GET", "POST"])
def result(request: HttpRequest, screening_id: int) -> HttpResponse:
    """The grades and their reasons, and the recommended pathway, before confirming."""
    screening = _draft(request, screening_id)
    form = _form(screening, MultiValueDict(screening.draft_data or {}))
    if not form.is_valid():
        return redirect("screening:edit", screening.pk)
    answers = form.answers()
    try:
        preview = selectors.screening_preview(screening=screening, answers=answers)
    except AnswerError as exc:
        messages.error(request, exc.message)
        return redirect("screening:edit", screening.pk)
    tool = form.tool
    confirm = ConfirmForm(
        request.POST if request.method == "POST" else None, tool=tool, computed=preview.overall
    )
    if request.method == "POST" and confirm.is_valid():
        try:
            services.screening_confirm(
                actor=actor_of(request),
                screening_id=screening.pk,
                answers=answers,
                final_overall=confirm.cleaned_data["final_overall"],
                rationale=confirm.cleaned_data["rationale"],
            )
        except ServiceError as exc:
            add_service_error(confirm, exc)
        else:
            messages.success(request, f"Screening {screening.reference} confirmed.")
            return redirect("screening:detail", screening.pk)
    context = {
        "screening": screening,
        "tool": tool,
        "preview": preview,
        "confirm": confirm,
        "grade_titles": {g.id: g.title for g in tool.grades},
        "explained": explain(tool, preview.grades, preview.overall, preview.reason_dicts()),
        "pathway": threshold_document().pathway(preview.pathway),
        "present": [(tool.indicator(i), tool.window(w)) for i, w in answers.answers.items()],
    }
    return render(request, "screening/result.html", context)


@requires(Permission.SCREENING_VIEW)
def detail(request: HttpRequest, screening_id: int) -> HttpResponse:
    """A confirmed screening: the answers, the tool's grades and reasons, the final grade."""
    page = selectors.screening_page(actor=actor_of(request), screening_id=screening_id)
    screening = page.screening
    if screening.status == Screening.Status.DRAFT:
        return redirect("screening:edit", screening.pk)
    context = {
        "page": page,
        "screening": screening,
        "tool": page.tool,
        "grade_titles": {g.id: g.title for g in page.tool.grades},
        "explained": explain(
            page.tool, screening.computed_grades, screening.computed_overall, screening.reasons
        ),
        "present": [
            (page.tool.indicator(i), page.tool.window(w)) for i, w in screening.answers.items()
        ],
        "review_form": ReviewForm(),
    }
    return render(request, "screening/detail.html", context)


@requires(Permission.SCREENING_REVIEW)
@require_POST
def review(request: HttpRequest, screening_id: int) -> HttpResponse:
    """A manager's review: agree, or return it to be redone."""
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.screening_review(
                actor=actor_of(request),
                screening_id=screening_id,
                agree=form.cleaned_data["agree"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Review recorded.")
            return redirect("screening:detail", screening_id)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("screening:detail", screening_id)


@requires(Permission.SCREENING_VIEW)
def history(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's screenings, with the grade over time."""
    found = selectors.person_history(actor=actor_of(request), person_id=person_id)
    return render(request, "screening/history.html", {"history": found, "person": found.person})
