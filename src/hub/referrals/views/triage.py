"""The hub's pages: the triage queue with its clock, and one referral worked on, with a form
per action (assign, stage, partner check, note, link, decide, sign off)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.organisations.selectors import agencies_all
from hub.people.selectors import person_search
from hub.platform.access import Permission
from hub.platform.services import Conflict, ServiceError
from hub.platform.views_base import actor_of, requires
from hub.referrals import selectors, services
from hub.referrals.forms import DecisionForm, NoteForm, PartnerCheckForm, SignOffForm
from hub.referrals.models import Referral


def decision_prefix(subject_id: int) -> str:
    """Each subject's decision form has its own field names and ids on the one page."""
    return f"decide-{subject_id}"


def sign_off_prefix(decision_id: int) -> str:
    """Each decision's sign-off form has its own field names and ids on the one page."""
    return f"signoff-{decision_id}"


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


@requires(Permission.REFERRAL_TRIAGE)
def queue(request: HttpRequest) -> HttpResponse:
    """The hub's queue: open referrals, most urgent first, with their red/amber/green clock."""
    filters = selectors.QueueFilters(
        stage=request.GET.get("stage", ""),
        rag=request.GET.get("rag", ""),
        mine=request.GET.get("mine") == "1",
        awaiting_sign_off=request.GET.get("sign_off") == "1",
        page=_page_number(request.GET.get("page")),
    )
    page = selectors.triage_queue(actor=actor_of(request), filters=filters)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "stages": Referral.Stage.choices[:3],
        "query": query.urlencode(),
    }
    return render(request, "referrals/queue.html", context)


def _triage_page(request: HttpRequest, referral_id: int, **forms: object) -> HttpResponse:
    view = selectors.triage_view(actor=actor_of(request), referral_id=referral_id)
    context: dict[str, object] = {
        "view": view,
        "referral": view.referral,
        "check_form": forms.pop("check_form", None) or PartnerCheckForm(agencies=view.agencies),
        "note_form": forms.pop("note_form", None) or NoteForm(),
        "decision_forms": {
            item.subject.pk: DecisionForm(
                options=item.options,
                areas=view.other_areas,
                prefix=decision_prefix(item.subject.pk),
            )
            for item in view.subjects
        },
        "sign_off_forms": {
            item.decision.pk: SignOffForm(prefix=sign_off_prefix(item.decision.pk))
            for item in view.subjects
            if item.decision is not None
        },
    }
    failed = forms.pop("decision_form", None)
    if failed is not None:
        context["decision_forms"][forms.pop("decision_subject")] = failed  # type: ignore[index]
    context.update(forms)
    return render(request, "referrals/triage.html", context)


@requires(Permission.REFERRAL_TRIAGE)
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """One referral as the hub works on it."""
    return _triage_page(request, referral_id)


def _act(request: HttpRequest, referral_id: int, act: Callable[[], object], done: str):
    try:
        act()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("triage:detail", referral_id)


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def assign(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Take the referral on."""
    actor = actor_of(request)
    return _act(
        request,
        referral_id,
        lambda: services.triage_assign(actor=actor, referral_id=referral_id),
        "You have taken this referral.",
    )


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def stage(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Move the referral to another stage."""
    actor, chosen = actor_of(request), request.POST.get("stage", "")
    return _act(
        request,
        referral_id,
        lambda: services.triage_stage(actor=actor, referral_id=referral_id, stage=chosen),
        "Stage changed.",
    )


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def partner_check(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Record a partner check."""
    form = PartnerCheckForm(request.POST, agencies=agencies_all())
    if form.is_valid():
        try:
            services.partner_check_add(
                actor=actor_of(request),
                referral_id=referral_id,
                agency_id=form.cleaned_data["agency"],
                outcome=form.cleaned_data["outcome"],
                summary=form.cleaned_data["summary"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Partner check recorded.")
            return redirect("triage:detail", referral_id)
    return _triage_page(request, referral_id, check_form=form)


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def note(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Add a working note."""
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.triage_note_add(
                actor=actor_of(request), referral_id=referral_id, text=form.cleaned_data["text"]
            )
        except ServiceError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, "Note added.")
            return redirect("triage:detail", referral_id)
    return _triage_page(request, referral_id, note_form=form)


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def link(request: HttpRequest, referral_id: int, subject_id: int) -> HttpResponse:
    """Say which person record a subject is."""
    actor = actor_of(request)
    person_id = request.POST.get("person", "")
    return _act(
        request,
        referral_id,
        lambda: services.subject_link(
            actor=actor, referral_id=referral_id, subject_id=subject_id, person_id=person_id
        ),
        "Linked to the person's record.",
    )


@requires(Permission.REFERRAL_TRIAGE)
def find(request: HttpRequest, referral_id: int, subject_id: int) -> HttpResponse:
    """Search for the record a subject may be, to link it."""
    actor = actor_of(request)
    found = selectors.subject_for_decision(
        actor=actor, referral_id=referral_id, subject_id=subject_id
    )
    subject = found.subject
    query = request.GET.get("q", "").strip()[:100] or " ".join(
        part for part in (subject.given_name, subject.family_name) if part
    )
    results = person_search(actor=actor, query=query) if query else []
    context = {"referral": found.referral, "subject": subject, "query": query, "results": results}
    return render(request, "referrals/find.html", context)


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def new_person(request: HttpRequest, referral_id: int, subject_id: int) -> HttpResponse:
    """Record a subject nobody knows yet as a new person."""
    actor = actor_of(request)
    return _act(
        request,
        referral_id,
        lambda: services.subject_create_person(
            actor=actor, referral_id=referral_id, subject_id=subject_id
        ),
        "New person recorded and linked.",
    )


@requires(Permission.REFERRAL_TRIAGE)
@require_POST
def decide(request: HttpRequest, referral_id: int, subject_id: int) -> HttpResponse:
    """Record the decision for one subject."""
    actor = actor_of(request)
    item = selectors.subject_for_decision(
        actor=actor, referral_id=referral_id, subject_id=subject_id
    )
    form = DecisionForm(
        request.POST,
        options=item.options,
        areas=item.other_areas,
        prefix=decision_prefix(item.subject.pk),
    )
    if form.is_valid():
        try:
            services.triage_decide(
                actor=actor,
                referral_id=referral_id,
                subject_id=subject_id,
                code=form.cleaned_data["code"],
                reason=form.cleaned_data["reason"],
                advice=form.cleaned_data["advice"],
                target_area_id=form.cleaned_data["target_area"] or None,
            )
        except Conflict as exc:
            messages.error(request, exc.message)
            return redirect("triage:detail", referral_id)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Decision recorded.")
            return redirect("triage:detail", referral_id)
    return _triage_page(request, referral_id, decision_form=form, decision_subject=item.subject.pk)


@requires(Permission.REFERRAL_SIGN_OFF)
@require_POST
def sign_off(request: HttpRequest, referral_id: int, decision_id: int) -> HttpResponse:
    """A manager signs a decision off, or returns it."""
    form = SignOffForm(request.POST, prefix=sign_off_prefix(decision_id))
    if not form.is_valid():
        messages.error(request, "Select whether you agree with the decision")
        return redirect("triage:detail", referral_id)
    actor = actor_of(request)
    approve, text = form.cleaned_data["approve"], form.cleaned_data["note"]
    return _act(
        request,
        referral_id,
        lambda: services.triage_sign_off(
            actor=actor, decision_id=decision_id, approve=approve, note=text
        ),
        "Decision signed off." if approve else "Decision returned to be decided again.",
    )
