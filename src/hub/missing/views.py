"""Pages of the missing app: who is missing now, a person's episodes and placements, one
episode (found, return home interview), the Philomena profile and its grab sheet."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hub.organisations.selectors import region_areas
from hub.people.selectors import access_person
from hub.platform.access import Permission, has_permission
from hub.platform.pdf import pdf_response
from hub.platform.services import Conflict, ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires, submit

from . import selectors
from .forms import FoundForm, InterviewForm, PlacementForm, ProfileForm, ReportForm
from .services import episodes, interviews, placements


def _areas() -> list[tuple[int, str]]:
    return [(area.pk, area.name) for area in region_areas()]


@requires(Permission.MISSING_VIEW)
def missing_list(request: HttpRequest) -> HttpResponse:
    """Everyone in reach who is missing now, and interview timeliness by area."""
    actor = actor_of(request)
    context = {
        "episodes": list(selectors.missing_now(actor=actor)[:200]),
        "timeliness": selectors.interview_timeliness(actor=actor),
    }
    return render(request, "missing/list.html", context)


def _person_page(request: HttpRequest, person_id: int, **given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    person = access_person(actor=actor, id=person_id, purpose="missing episodes")
    context: dict[str, object] = {
        "person": person,
        "record": selectors.person_missing(actor=actor, person=person),
        "can_record": has_permission(actor, Permission.MISSING_RECORD),
        "today": timezone.localdate(),
        "report_form": ReportForm(initial={"reported_at": timezone.now()}),
        "placement_form": PlacementForm(areas=_areas()),
    }
    context.update(given)
    return render(request, "missing/person.html", context)


@requires(Permission.MISSING_VIEW)
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, person_id)


@requires(Permission.MISSING_RECORD)
@require_POST
def report(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = ReportForm(request.POST)
    return submit(
        request,
        form,
        lambda: episodes.episode_report(actor=actor, person_id=person_id, report=form.report()),
        "Recorded as missing.",
        success=lambda episode: redirect("missing:detail", episode.pk),
        failure=lambda f: _person_page(request, person_id, report_form=f),
    )


@requires(Permission.MISSING_RECORD)
@require_POST
def placement(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = PlacementForm(request.POST, areas=_areas())

    def act() -> object:
        data = form.cleaned_data
        return placements.placement_add(
            actor=actor, person_id=person_id, placing_area_id=data["placing_area"],
            postcode=data["postcode"], setting=data["setting"], started_on=data["started_on"],
        )  # fmt: skip

    return submit(
        request,
        form,
        act,
        "Placement recorded.",
        success=lambda _: redirect("missing:person", person_id),
        failure=lambda f: _person_page(request, person_id, placement_form=f),
    )


def _episode_page(request: HttpRequest, episode_id: int, **given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.episode_page(actor=actor, episode_id=episode_id)
    interview = page.interview
    context: dict[str, object] = {
        "page": page,
        "episode": page.episode,
        "found_form": FoundForm(),
        "interview_form": InterviewForm(
            initial={
                "outcome": interview.outcome if interview else None,
                "offered_at": interview.offered_at if interview else None,
            }
        ),
    }
    context.update(given)
    return render(request, "missing/detail.html", context)


@requires(Permission.MISSING_VIEW)
def detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    return _episode_page(request, episode_id)


@requires(Permission.MISSING_RECORD)
@require_POST
def found(request: HttpRequest, episode_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = FoundForm(request.POST)
    return submit(
        request,
        form,
        lambda: episodes.episode_found(actor=actor, episode_id=episode_id, found=form.found()),
        "Recorded as found.",
        success=lambda _: redirect("missing:detail", episode_id),
        failure=lambda f: _episode_page(request, episode_id, found_form=f),
    )


@requires(Permission.MISSING_RECORD)
@require_POST
def interview(request: HttpRequest, episode_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = InterviewForm(request.POST)
    return submit(
        request,
        form,
        lambda: interviews.interview_record(
            actor=actor, episode_id=episode_id, record=form.record()
        ),
        "Return home interview recorded.",
        success=lambda _: redirect("missing:detail", episode_id),
        failure=lambda f: _episode_page(request, episode_id, interview_form=f),
    )


@requires(Permission.MISSING_RECORD)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, person_id: int) -> HttpResponse:
    """Philomena part 1: see and change the profile (each save is a new version)."""
    actor = actor_of(request)
    person = access_person(actor=actor, id=person_id, purpose="Philomena profile")
    versions = selectors.profile_versions(actor=actor, person=person)
    latest = versions[0] if versions else None
    conflict = False
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                placements.philomena_save(
                    actor=actor, person_id=person_id, profile=form.profile(),
                    based_on=form.cleaned_data["based_on"], photo=request.FILES.get("photo"),
                )  # fmt: skip
            except Conflict as exc:
                add_service_error(form, exc)
                conflict = True
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Philomena profile saved.")
                return redirect("missing:person", person_id)
    else:
        fields = ("description", "associates", "places", "phones", "social_media", "medical")
        initial = {name: getattr(latest, name) for name in (*fields, "other")} if latest else {}
        form = ProfileForm(initial={**initial, "based_on": latest.version if latest else None})
    context = {
        "person": person,
        "form": form,
        "latest": latest,
        "versions": versions,
        "conflict": conflict,
    }
    return render(request, "missing/profile.html", context)


@requires(Permission.MISSING_VIEW)
def grab_sheet(request: HttpRequest, person_id: int) -> HttpResponse:
    """One page for the police: the latest profile, the episode now, earlier episodes (a
    printed copy is logged as a print)."""
    actor = actor_of(request)
    person = access_person(actor=actor, id=person_id, purpose="print grab sheet", action="print")
    record = selectors.person_missing(actor=actor, person=person)
    context = {
        "person": person,
        "record": record,
        "photo": selectors.photo_data_uri(record.profile),
        "printed_by": actor,
        "printed_at": timezone.now(),
    }
    return pdf_response("missing/grab_sheet.html", context, f"grab-sheet-{person.reference}.pdf")


@requires(Permission.MISSING_VIEW)
def photo(request: HttpRequest, person_id: int) -> HttpResponse:
    """The profile's photo, for those who may see the person."""
    actor = actor_of(request)
    person = access_person(actor=actor, id=person_id, purpose="Philomena photo")
    content, content_type = selectors.profile_photo(actor=actor, person=person)
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
