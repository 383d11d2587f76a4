"""Adding to a person's record: other names, identifiers, addresses, warnings, relationships;
and taking back what was recorded in error. Each page is one form and one service."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from hub.people import services
from hub.people.forms import AddressForm, AliasForm, IdentifierForm, RelationshipForm, WarningForm
from hub.people.selectors import access_person
from hub.platform.access import Permission
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires


def _add_page(
    request: HttpRequest,
    person_id: int,
    *,
    form_class: type[forms.Form],
    heading: str,
    fields: str,
    save: Callable[[forms.Form], object],
    done: str,
) -> HttpResponse:
    """The shape every 'add to the record' page shares: the form, the service, back."""
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("people:detail", person_id)
    person = access_person(actor=actor_of(request), id=person_id, purpose=heading.lower())
    context = {"form": form, "person": person, "heading": heading, "fields": fields}
    return render(request, "people/add_detail.html", context)


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def alias_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record another name: a nickname, a street name, an earlier name."""
    return _add_page(
        request,
        person_id,
        form_class=AliasForm,
        heading="Add another name",
        fields="people/fields/alias.html",
        save=lambda form: services.alias_add(
            actor=actor_of(request), person_id=person_id, **form.cleaned_data
        ),
        done="Name added.",
    )


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def identifier_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record an agency's identifier for the person."""
    return _add_page(
        request,
        person_id,
        form_class=IdentifierForm,
        heading="Add an identifier",
        fields="people/fields/identifier.html",
        save=lambda form: services.identifier_add(
            actor=actor_of(request), person_id=person_id, **form.cleaned_data
        ),
        done="Identifier added.",
    )


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def address_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record the person's new current address."""
    return _add_page(
        request,
        person_id,
        form_class=AddressForm,
        heading="Add a new address",
        fields="people/fields/address.html",
        save=lambda form: services.address_add(
            actor=actor_of(request), person_id=person_id, address=cast(AddressForm, form).address()
        ),
        done="Address added.",
    )


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def warning_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a warning for workers, to review by a date."""
    return _add_page(
        request,
        person_id,
        form_class=WarningForm,
        heading="Add a warning for workers",
        fields="people/fields/warning.html",
        save=lambda form: services.warning_add(
            actor=actor_of(request), person_id=person_id, **form.cleaned_data
        ),
        done="Warning added.",
    )


@requires(Permission.PERSON_UPDATE)
@require_http_methods(["GET", "POST"])
def relationship_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a family member, carer or professional."""
    return _add_page(
        request,
        person_id,
        form_class=RelationshipForm,
        heading="Add a relationship",
        fields="people/fields/relationship.html",
        save=lambda form: services.relationship_add(
            actor=actor_of(request),
            person_id=person_id,
            data=cast(RelationshipForm, form).relationship(),
        ),
        done="Relationship added.",
    )


def _take_back(
    request: HttpRequest, person_id: int, act: Callable[[], object], done: str
) -> HttpResponse:
    try:
        act()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("people:detail", person_id)


@requires(Permission.PERSON_UPDATE)
@require_POST
def alias_remove(request: HttpRequest, person_id: int, item_id: int) -> HttpResponse:
    """Remove a name recorded in error."""
    act = partial(
        services.alias_remove, actor=actor_of(request), person_id=person_id, alias_id=item_id
    )
    return _take_back(request, person_id, act, "Name removed.")


@requires(Permission.PERSON_UPDATE)
@require_POST
def identifier_remove(request: HttpRequest, person_id: int, item_id: int) -> HttpResponse:
    """Remove an identifier recorded in error."""
    act = partial(
        services.identifier_remove,
        actor=actor_of(request),
        person_id=person_id,
        identifier_id=item_id,
    )
    return _take_back(request, person_id, act, "Identifier removed.")


@requires(Permission.PERSON_UPDATE)
@require_POST
def warning_end(request: HttpRequest, person_id: int, item_id: int) -> HttpResponse:
    """Take down a warning that no longer applies."""
    act = partial(
        services.warning_end, actor=actor_of(request), person_id=person_id, warning_id=item_id
    )
    return _take_back(request, person_id, act, "Warning ended.")


@requires(Permission.PERSON_UPDATE)
@require_POST
def relationship_end(request: HttpRequest, person_id: int, item_id: int) -> HttpResponse:
    """Mark a relationship as ended."""
    act = partial(
        services.relationship_end,
        actor=actor_of(request),
        person_id=person_id,
        relationship_id=item_id,
    )
    return _take_back(request, person_id, act, "Relationship ended.")
