"""The referrer's pages: immediate danger first, the referral form (kept as a draft at every
save and autosave), check and send, and the referral with its outcome afterwards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods, require_POST

from hub.platform.access import Permission
from hub.platform.forms import initial_from
from hub.platform.services import ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires
from hub.referrals import selectors, services
from hub.referrals.forms import (
    MAX_SUBJECTS,
    SUBJECT_PREFIX,
    DangerForm,
    ReferralForm,
    SubjectFormSet,
    chosen_labels,
)
from hub.referrals.models import Referral
from hub.referrals.practice import immediate_danger
from hub.referrals.services.drafts import MAX_ATTACHMENTS

SAVE, ADD, CONTINUE = "save", "add_subject", "continue"


@requires(Permission.REFERRAL_CREATE)
def my_referrals(request: HttpRequest) -> HttpResponse:
    """The referrer's drafts and referrals, with where each has got to."""
    referrals = selectors.my_referrals(actor=actor_of(request))
    return render(request, "referrals/mine.html", {"referrals": referrals})


@requires(Permission.REFERRAL_CREATE)
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The first question: is anyone in immediate danger now?"""
    form = DangerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            referral, _ = services.referral_start(
                actor=actor_of(request),
                immediate_danger=form.cleaned_data["immediate_danger"],
                token=form.cleaned_data["token"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            if referral.immediate_danger:
                return redirect("referrals:danger", referral.pk)
            return redirect("referrals:edit", referral.pk)
    return render(request, "referrals/start.html", {"form": form})


@requires(Permission.REFERRAL_CREATE)
def danger(request: HttpRequest, referral_id: int) -> HttpResponse:
    """What to do now when someone is in immediate danger; the referral can wait."""
    referral = selectors.draft_for_editing(actor=actor_of(request), referral_id=referral_id)
    advice = immediate_danger()
    team = advice.duty_team_for(referral.referrer_team.area.slug)
    context = {"referral": referral, "advice": advice, "duty_team": team}
    return render(request, "referrals/danger.html", context)


def _data(referral: Referral) -> MultiValueDict:
    return MultiValueDict(referral.draft_data or {})


def _with_subjects(data: MultiValueDict, count: int) -> MultiValueDict:
    """Raw data with the formset's subject count set (adding or removing a person)."""
    changed = data.copy()
    changed[f"{SUBJECT_PREFIX}-TOTAL_FORMS"] = str(max(1, min(count, MAX_SUBJECTS)))
    changed[f"{SUBJECT_PREFIX}-INITIAL_FORMS"] = "0"
    return changed


def _without_subject(data: MultiValueDict, index: int) -> MultiValueDict:
    """Raw data with one subject taken out and the rest renumbered."""
    count = int(data.get(f"{SUBJECT_PREFIX}-TOTAL_FORMS") or 1)
    kept: MultiValueDict = MultiValueDict()
    for key, values in data.lists():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == SUBJECT_PREFIX and parts[1].isdigit():
            number = int(parts[1])
            if number == index:
                continue
            key = f"{SUBJECT_PREFIX}-{number - (number > index)}-{parts[2]}"
        kept.setlist(key, values)
    return _with_subjects(kept, count - 1)


def _subject_count(data: MultiValueDict) -> int:
    try:
        return max(1, min(int(data.get(f"{SUBJECT_PREFIX}-TOTAL_FORMS") or 1), MAX_SUBJECTS))
    except ValueError:
        return 1


def _unbound_forms(referral: Referral) -> tuple[ReferralForm, Any]:
    """The forms showing a draft as it was saved, without judging it yet."""
    data = _data(referral)
    if not data:
        form = ReferralForm(initial={"area": referral.area_id})
        return form, SubjectFormSet(prefix=SUBJECT_PREFIX, initial=[{}])
    form = ReferralForm()
    form.initial = initial_from(form, data)
    count = _subject_count(data)
    subjects = []
    for index in range(count):
        probe = SubjectFormSet.form(prefix=f"{SUBJECT_PREFIX}-{index}")
        subjects.append(initial_from(probe, data))
    return form, SubjectFormSet(prefix=SUBJECT_PREFIX, initial=subjects)


def _bound_forms(referral: Referral) -> tuple[ReferralForm, Any]:
    data = _data(referral)
    return ReferralForm(data), SubjectFormSet(data, prefix=SUBJECT_PREFIX)


def _answers(form: ReferralForm, subjects: Any) -> services.ReferralAnswers:
    return form.answers([subject.answers() for subject in subjects.forms])


def _render_form(request: HttpRequest, referral: Referral, form, subjects, upload_errors=()):
    context = {
        "referral": referral,
        "form": form,
        "subjects": subjects,
        "attachments": selectors.draft_attachments(referral=referral),
        "upload_errors": list(upload_errors),
        "max_attachments": MAX_ATTACHMENTS,
        "max_subjects": MAX_SUBJECTS,
    }
    return render(request, "referrals/form.html", context)


@requires(Permission.REFERRAL_CREATE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The referral form. Every press of a button keeps what was typed before anything else."""
    actor = actor_of(request)
    referral = selectors.draft_for_editing(actor=actor, referral_id=referral_id)
    if request.method == "GET":
        form, subjects = _unbound_forms(referral)
        return _render_form(request, referral, form, subjects)
    data = MultiValueDict(dict(request.POST.lists()))
    action = request.POST.get("action", SAVE)
    if action == ADD:
        data = _with_subjects(data, _subject_count(data) + 1)
    elif action.startswith("remove_subject-") and action.split("-")[1].isdigit():
        data = _without_subject(data, int(action.split("-")[1]))
    data.pop("action", None)
    try:
        referral = services.referral_draft_save(
            actor=actor, referral_id=referral.pk, data=dict(data.lists())
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _render_form(
            request, referral, ReferralForm(data), SubjectFormSet(data, prefix=SUBJECT_PREFIX)
        )
    upload_errors = []
    for upload in request.FILES.getlist("attachments"):
        try:
            services.referral_attach(actor=actor, referral_id=referral.pk, upload=upload)
        except ServiceError as exc:
            upload_errors.append(f"{upload.name}: {exc.message}")
    if action.startswith("remove_attachment-") and action.split("-")[1].isdigit():
        services.referral_attachment_remove(
            actor=actor, referral_id=referral.pk, attachment_id=action.split("-")[1]
        )
    if action == CONTINUE and not upload_errors:
        form, subjects = _bound_forms(referral)
        if form.is_valid() and subjects.is_valid():
            return redirect("referrals:check", referral.pk)
        return _render_form(request, referral, form, subjects)
    if action == SAVE and not upload_errors:
        messages.success(request, "Draft saved. You can come back to it from 'Your referrals'.")
    form, subjects = _unbound_forms(referral)
    return _render_form(request, referral, form, subjects, upload_errors)


@requires(Permission.REFERRAL_CREATE)
@require_POST
def autosave(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Keep what is typed every few seconds (the page's script calls this): nothing is lost
    to a closed tab or a sign-out for inactivity."""
    data = {key: values for key, values in request.POST.lists() if key != "action"}
    try:
        referral = services.referral_draft_save(
            actor=actor_of(request), referral_id=referral_id, data=data
        )
    except ServiceError as exc:
        return JsonResponse({"saved": False, "message": exc.message}, status=409)
    saved_at = timezone.localtime(referral.draft_saved_at).strftime("%H:%M")
    return JsonResponse({"saved": True, "saved_at": saved_at})


@requires(Permission.REFERRAL_CREATE)
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Check the answers, then send. Sending twice sends one referral."""
    actor = actor_of(request)
    if request.method == "POST":
        sent = selectors.access_referral(actor=actor, referral_id=referral_id, purpose="send")
        if sent.status != Referral.Status.DRAFT and sent.referrer_id == actor.pk:
            return redirect("referrals:detail", sent.pk)  # already sent: a double click
    referral = selectors.draft_for_editing(actor=actor, referral_id=referral_id)
    form, subjects = _bound_forms(referral)
    if not (form.is_valid() and subjects.is_valid()):
        return redirect("referrals:edit", referral.pk)
    if request.method == "POST":
        try:
            services.referral_submit(
                actor=actor, referral_id=referral.pk, answers=_answers(form, subjects)
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("referrals:edit", referral.pk)
        messages.success(
            request, f"Referral {referral.reference} sent to the {_area_name(form)} hub."
        )
        return redirect("referrals:detail", referral.pk)
    context = {
        "referral": referral,
        "form": form,
        "subjects": subjects,
        "area_name": _area_name(form),
        "type_titles": chosen_labels(
            form, "exploitation_types", form.cleaned_data["exploitation_types"]
        ),
        "basis_title": " ".join(
            chosen_labels(form, "lawful_basis", form.cleaned_data["lawful_basis"])
        ),
        "attachments": selectors.draft_attachments(referral=referral),
    }
    return render(request, "referrals/check.html", context)


def _area_name(form: ReferralForm) -> str:
    return " ".join(chosen_labels(form, "area", form.cleaned_data["area"]))


@requires(Permission.REFERRAL_VIEW)
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A sent referral as its referrer sees it: what they said, and the outcome."""
    view = selectors.referrer_view(actor=actor_of(request), referral_id=referral_id)
    return render(request, "referrals/detail.html", {"view": view, "referral": view.referral})


@requires(Permission.REFERRAL_CREATE)
@require_POST
def discard(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Throw a draft away."""
    try:
        services.referral_discard(actor=actor_of(request), referral_id=referral_id)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Draft deleted.")
    return redirect("referrals:mine")


@requires(Permission.REFERRAL_VIEW)
def attachment(request: HttpRequest, referral_id: int, attachment_id: int) -> FileResponse:
    """Download a file sent with a referral (logged as an export)."""
    found = selectors.attachment_for_download(
        actor=actor_of(request), referral_id=referral_id, attachment_id=attachment_id
    )
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
