"""Person pages: search, a person's record, and break-glass access to one out of scope."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from weasyprint import HTML

from hub.platform.access import NotFound, Permission, has_permission, parse_id
from hub.platform.chronology import event_filters_for, event_kind_label, events_for
from hub.platform.forms import BreakGlassForm
from hub.platform.services import ServiceError, break_glass_open
from hub.platform.views_base import requires

from .forms import ChronologyFilterForm
from .models import Person, Vulnerability
from .selectors import access_person, person_search


@requires(Permission.PERSON_SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    """Find a person by name or reference, within the user's scope."""
    query = request.GET.get("q", "").strip()[:100]
    results = person_search(actor=request.user, query=query) if query else []  # type: ignore[arg-type]
    return render(request, "people/search.html", {"query": query, "results": results})


@requires(Permission.PERSON_VIEW)
def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's record. Out of scope looks exactly like not there, with break-glass offered."""
    user = request.user
    try:
        person = access_person(actor=user, id=person_id, purpose="view record")  # type: ignore[arg-type]
    except NotFound:
        # The same page, with the same words, whether the record is missing or out of scope.
        context: dict[str, object] = {
            "person_id": parse_id(person_id),
            "can_break_glass": has_permission(user, Permission.PERSON_BREAK_GLASS),  # type: ignore[arg-type]
        }
        return render(request, "people/not_found.html", context, status=404)
    context = {
        "person": person,
        "age": person.age_on(timezone.localdate()),
        "vulnerabilities": [
            Vulnerability(code).label
            for code in person.vulnerabilities
            if code in Vulnerability.values
        ],
        "can_see_access_log": has_permission(user, Permission.RECORD_ACCESS_VIEW),  # type: ignore[arg-type]
    }
    return render(request, "people/detail.html", context)


@requires(Permission.PERSON_BREAK_GLASS)
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask for access to a record outside the user's scope, giving the reason."""
    pk = parse_id(person_id)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_open(
                actor=request.user,  # type: ignore[arg-type]
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


def _chronology_context(request: HttpRequest, person: Person) -> dict[str, object]:
    """The events the viewer may see, with the filters asked for (shared by page and PDF)."""
    user = request.user
    form = ChronologyFilterForm(request.GET or None)
    kinds: list[str] = []
    agency_id = None
    if form.is_valid():
        kinds = form.cleaned_data["kind"]
        agency_id = form.cleaned_data["agency"]
    events = events_for(
        actor=user,  # type: ignore[arg-type]
        subject_type="person",
        subject_id=person.pk,
        kinds=kinds,
        agency_id=agency_id,
    )
    kind_choices, agency_choices = event_filters_for(
        actor=user,  # type: ignore[arg-type]
        subject_type="person",
        subject_id=person.pk,
    )
    return {
        "person": person,
        "events": [(event, event_kind_label(event.kind)) for event in events],
        "kind_choices": kind_choices,
        "agency_choices": agency_choices,
        "chosen_kinds": kinds,
        "chosen_agency": agency_id,
        "query": request.GET.urlencode(),
    }


@requires(Permission.PERSON_VIEW)
def chronology(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's chronology: every event the viewer may see, filtered by type and agency."""
    person = access_person(actor=request.user, id=person_id, purpose="view chronology")  # type: ignore[arg-type]
    return render(request, "people/chronology.html", _chronology_context(request, person))


@requires(Permission.PERSON_VIEW)
def chronology_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The chronology as it is on screen, as a PDF marked OFFICIAL-SENSITIVE; a printed copy
    is logged as a print, not a view."""
    person = access_person(
        actor=request.user,  # type: ignore[arg-type]
        id=person_id,
        purpose="print chronology",
        action="print",
    )
    context = _chronology_context(request, person)
    context["printed_by"] = request.user
    context["printed_at"] = timezone.now()
    html = render_to_string("people/chronology_print.html", context)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chronology-{person.reference}.pdf"'
    return response
