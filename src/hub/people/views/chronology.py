"""A person's chronology, on screen and printed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hub.people.forms import ChronologyFilterForm
from hub.people.models import Person
from hub.people.selectors import access_person, person_chronology
from hub.platform.access import Permission
from hub.platform.chronology import event_kind_label
from hub.platform.pdf import pdf_response
from hub.platform.views_base import actor_of, requires


def _chronology_context(request: HttpRequest, person: Person) -> dict[str, object]:
    """The events the viewer may see, with the filters asked for (shared by page and PDF)."""
    form = ChronologyFilterForm(request.GET or None)
    kinds: list[str] = []
    agency_id = None
    if form.is_valid():
        kinds = form.cleaned_data["kind"]
        agency_id = form.cleaned_data["agency"]
    events, kind_choices, agency_choices = person_chronology(
        actor=actor_of(request), person=person, kinds=kinds, agency_id=agency_id
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
    person = access_person(actor=actor_of(request), id=person_id, purpose="view chronology")
    return render(request, "people/chronology.html", _chronology_context(request, person))


@requires(Permission.PERSON_VIEW)
def chronology_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The chronology as it is on screen, as a PDF marked OFFICIAL-SENSITIVE; a printed copy
    is logged as a print, not a view."""
    person = access_person(
        actor=actor_of(request), id=person_id, purpose="print chronology", action="print"
    )
    context = _chronology_context(request, person)
    context["printed_by"] = request.user
    context["printed_at"] = timezone.now()
    return pdf_response(
        "people/chronology_print.html", context, f"chronology-{person.reference}.pdf"
    )
