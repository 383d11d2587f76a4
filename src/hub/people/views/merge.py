"""Merging a duplicate into a record, after seeing both side by side; and undoing a merge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hub.people.forms import MergeForm, UnmergeForm
from hub.people.selectors import merge_for_undo, person_record
from hub.people.services import person_merge, person_unmerge
from hub.platform.access import NotFound, Permission
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires

ERROR_DUPLICATE_NOT_FOUND = "There is no record with that reference that you can merge"


@requires(Permission.PERSON_MERGE)
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, person_id: int) -> HttpResponse:
    """Merge a duplicate into this record: check both side by side, then confirm."""
    actor = actor_of(request)
    kept = person_record(actor=actor, person_id=person_id)
    form = MergeForm(request.POST if request.method == "POST" else None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            duplicate = person_record(actor=actor, person_id=form.duplicate_id())
        except NotFound:
            form.add_error("duplicate_reference", ERROR_DUPLICATE_NOT_FOUND)
        if duplicate is not None and form.cleaned_data["confirmed"]:
            try:
                person_merge(
                    actor=actor,
                    kept_id=person_id,
                    duplicate_id=duplicate.person.pk,
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
                duplicate = None
            else:
                messages.success(
                    request,
                    f"Record {duplicate.person.reference} merged into {kept.person.reference}.",
                )
                return redirect("people:detail", person_id)
    return render(
        request, "people/merge.html", {"kept": kept, "duplicate": duplicate, "form": form}
    )


@requires(Permission.PERSON_MERGE)
@require_http_methods(["GET", "POST"])
def unmerge(request: HttpRequest, merge_id: int) -> HttpResponse:
    """Undo a wrong merge, saying why."""
    actor = actor_of(request)
    record = merge_for_undo(actor=actor, merge_id=merge_id)
    form = UnmergeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person_unmerge(actor=actor, merge_id=merge_id, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Merge undone: {record.duplicate.reference} stands again.")
            return redirect("people:detail", record.kept_id)
    return render(request, "people/unmerge.html", {"merge": record, "form": form})
