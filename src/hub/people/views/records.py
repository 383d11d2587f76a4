"""Person pages: search, a person's record, making and changing one, and break-glass access."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hub.people.forms import NewPersonForm, PersonDetailsForm
from hub.people.record_links import record_links_for
from hub.people.selectors import (
    DuplicateQuery,
    access_person,
    person_possible_duplicates,
    person_record,
    person_search,
)
from hub.people.services import person_create, person_update
from hub.platform.access import NotFound, Permission, has_permission, parse_id
from hub.platform.forms import BreakGlassForm
from hub.platform.selectors import submitted_already
from hub.platform.services import ServiceError, break_glass_open
from hub.platform.views_base import actor_of, add_service_error, requires


@requires(Permission.PERSON_SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    """Find a person by name, date of birth, identifier, postcode or reference, in scope."""
    query = request.GET.get("q", "").strip()[:100]
    actor = actor_of(request)
    results = person_search(actor=actor, query=query) if query else []
    context = {
        "query": query,
        "results": results,
        "can_create": has_permission(actor, Permission.PERSON_CREATE),
    }
    return render(request, "people/search.html", context)


@requires(Permission.PERSON_VIEW)
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's record. Out of scope looks exactly like not there, with break-glass offered."""
    actor = actor_of(request)
    try:
        record = person_record(actor=actor, person_id=person_id)
    except NotFound:
        # The same page, with the same words, whether the record is missing or out of scope.
        context: dict[str, object] = {
            "person_id": parse_id(person_id),
            "can_break_glass": has_permission(actor, Permission.PERSON_BREAK_GLASS),
        }
        return render(request, "people/not_found.html", context, status=404)
    context = {
        "record": record,
        "person": record.person,
        "can_see_access_log": has_permission(actor, Permission.RECORD_ACCESS_VIEW),
        "record_links": []
        if record.person.merged_into_id
        else record_links_for(actor=actor, person=record.person),
    }
    return render(request, "people/detail.html", context)


@requires(Permission.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    """Record a new person: the possible duplicates in the user's scope come first."""
    actor = actor_of(request)
    form = NewPersonForm(request.POST if request.method == "POST" else None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = submitted_already(actor=actor, token=data["token"], object_type="person")
        if made is not None:  # the form was sent twice: show what the first sending made
            return redirect("people:detail", made)
        if not data["checked_duplicates"]:
            duplicates = person_possible_duplicates(
                actor=actor,
                query=DuplicateQuery(
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    postcode=data["postcode"],
                    nhs_number=data["nhs_number"],
                ),
            )
        if not duplicates:
            try:
                person = person_create(actor=actor, data=form.new_person(), token=data["token"])
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, f"Record {person.reference} made for {person.full_name}.")
                return redirect("people:detail", person.pk)
    return render(request, "people/create.html", {"form": form, "duplicates": duplicates})


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Change a person's details."""
    actor = actor_of(request)
    if request.method == "POST":
        form = PersonDetailsForm(request.POST)
        if form.is_valid():
            try:
                person_update(actor=actor, person_id=person_id, details=form.details())
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Details saved.")
                return redirect("people:detail", person_id)
        person = access_person(actor=actor, id=person_id, purpose="change details")
    else:
        person = access_person(actor=actor, id=person_id, purpose="change details")
        form = PersonDetailsForm(
            initial={name: getattr(person, name) for name in PersonDetailsForm.base_fields}
        )
    return render(request, "people/edit.html", {"form": form, "person": person})


@requires(Permission.PERSON_BREAK_GLASS)
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask for access to a record outside the user's scope, giving the reason."""
    pk = parse_id(person_id)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_open(
                actor=actor_of(request),
                object_type="person",
                object_id=pk,
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as exc:
            form.add_error("reason", str(exc))
        else:
            messages.warning(
                request,
                "Break-glass access recorded. Your reason and this access will be reviewed.",
            )
            return redirect(reverse("people:detail", args=[pk]))
    return render(request, "people/break_glass.html", {"form": form, "person_id": pk})
