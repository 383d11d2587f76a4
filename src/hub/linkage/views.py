"""The clerical review pages: the queue, one pair side by side, a person's agency records."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.linkage import selectors, services
from hub.linkage.forms import DecisionForm, UndoJoinForm
from hub.linkage.models import ReviewDecision
from hub.platform.access import Permission
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, requires

DONE = {
    ReviewDecision.MATCH: "Recorded: the same person. The records are joined.",
    ReviewDecision.NO_MATCH: "Recorded: not the same person. No run will join them.",
}


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


@requires(Permission.LINKAGE_REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Pairs of agency records waiting for a reviewer, most likely first (or those decided)."""
    page = selectors.review_queue(
        actor=actor_of(request),
        page=_page_number(request.GET.get("page")),
        decided=request.GET.get("decided") == "1",
    )
    return render(request, "linkage/queue.html", {"page": page})


def _pair_page(
    request: HttpRequest, pair_id: int, form: DecisionForm | None = None
) -> HttpResponse:
    view = selectors.review_pair(actor=actor_of(request), pair_id=pair_id)
    context = {"view": view, "pair": view.pair, "form": form or DecisionForm()}
    return render(request, "linkage/pair.html", context)


@requires(Permission.LINKAGE_REVIEW)
def pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    """Two records side by side with the reasons for their score."""
    return _pair_page(request, pair_id)


@requires(Permission.LINKAGE_REVIEW)
@require_POST
def decide(request: HttpRequest, pair_id: int) -> HttpResponse:
    """Record the reviewer's match or no-match."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _pair_page(request, pair_id, form)
    try:
        services.review_decide(
            actor=actor_of(request),
            pair_id=pair_id,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("linkage:pair", pair_id)
    messages.success(request, DONE[ReviewDecision(form.cleaned_data["decision"])])
    return redirect("linkage:queue")


def _records_page(
    request: HttpRequest,
    person_id: object,
    form: UndoJoinForm | None = None,
    join_id: int | None = None,
) -> HttpResponse:
    records = selectors.person_source_records(actor=actor_of(request), person_id=person_id)
    context = {"records": records, "person": records.person, "failed": form, "failed_join": join_id}
    return render(request, "linkage/person_records.html", context)


@requires(Permission.LINKAGE_REVIEW)
def person_records(request: HttpRequest, person_id: int) -> HttpResponse:
    """The agency records a person is made of, and how each was joined."""
    return _records_page(request, person_id)


@requires(Permission.LINKAGE_REVIEW)
@require_POST
def undo_join(request: HttpRequest, join_id: int) -> HttpResponse:
    """Take a wrongly joined record out of its person."""
    form = UndoJoinForm(request.POST)
    person_id = request.POST.get("person", "")
    if not form.is_valid():
        return _records_page(request, person_id, form, join_id)
    try:
        join = services.join_undo(
            actor=actor_of(request), join_id=join_id, reason=form.cleaned_data["reason"]
        )
    except ServiceError as exc:
        form.add_error("reason", exc.message)
        return _records_page(request, person_id, form, join_id)
    messages.success(request, f"{join.record} is no longer part of this person.")
    return redirect("linkage:person-records", join.person_id)
