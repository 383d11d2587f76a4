"""Case pages: the hub's and the worker's case lists, opening a case, and one case with a form
per action (team, status, risk, plan, actions, voice, closing, transfer)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods, require_POST

from hub.organisations.selectors import agencies_all
from hub.people.selectors import access_person
from hub.platform.access import NotFound, Permission
from hub.platform.pdf import pdf_response
from hub.platform.services import Conflict, ServiceError
from hub.platform.views_base import actor_of, add_service_error, requires
from hub.referrals.selectors import decision_in_reach
from hub.screening.selectors import access_screening

from . import selectors, services
from .forms import (
    ActionForm,
    CloseForm,
    MemberForm,
    OpenCaseForm,
    PlanForm,
    RiskForm,
    SignOffForm,
    TransferForm,
    VoiceForm,
)
from .models import Case


@requires(Permission.CASE_VIEW)
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user works on, and (for the hub) the area's open cases by review date."""
    actor = actor_of(request)
    context = {
        "mine": selectors.my_cases(actor=actor),
        "area": selectors.area_cases(actor=actor) if request.GET.get("all") == "1" else None,
    }
    return render(request, "cases/list.html", context)


@requires(Permission.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest) -> HttpResponse:
    """Open a case about a person (and others found with them): from a record, a triage
    decision (`decision`) or a confirmed screening (`screening`)."""
    actor = actor_of(request)
    source = request.POST if request.method == "POST" else request.GET
    decision = screening = None
    if source.get("decision"):
        decision = decision_in_reach(actor=actor, decision_id=source.get("decision"))
    if source.get("screening"):
        screening = access_screening(
            actor=actor, screening_id=source.get("screening"), purpose="open case"
        )
    people = [
        access_person(actor=actor, id=pk, purpose="open case")
        for pk in source.getlist("person")[:12]
    ]
    if not people:
        raise NotFound
    form = OpenCaseForm(
        request.POST if request.method == "POST" else None,
        persons=people,
        agencies=agencies_all(),
        users=selectors.colleagues(actor=actor),
        initial={"persons": [str(p.pk) for p in people]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=actor,
                person_ids=[int(pk) for pk in form.cleaned_data["persons"]],
                lead_agency_id=form.cleaned_data["lead_agency"],
                lead_professional_id=form.cleaned_data["lead_professional"],
                reason=form.cleaned_data["reason"],
                decision=decision,
                screening=screening,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Case {case.reference} opened.")
            return redirect("cases:detail", case.pk)
    context = {"form": form, "people": people, "decision": decision, "screening": screening}
    return render(request, "cases/open.html", context)


def _page(request: HttpRequest, case_id: int, **forms_given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.case_page(actor=actor, case_id=case_id)
    # The forms that work on the case come on demand (_form_page); only the closure sign-off,
    # offered while a closure waits for it, is on the page itself.
    context: dict[str, object] = {"page": page, "case": page.case}
    if page.can_sign_off:
        context["sign_off_form"] = forms_given.get("sign_off_form") or SignOffForm()
    return render(request, "cases/detail.html", context)


@requires(Permission.CASE_VIEW)
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """One case."""
    return _page(request, case_id)


# The forms that work on a case, each at the address it posts to: (its heading, its template).
# The case page links to each; HTMX loads the form into the page when it is clicked, and
# without JavaScript the link opens it as a page of its own. Rendering every form (two of them
# with a select of every colleague) on every view of the case was a large part of its cost.
CASE_FORMS: dict[str, tuple[str, str]] = {
    "voice": ("Record what they said", "cases/includes/voice_form.html"),
    "action": ("Add an action", "cases/includes/action_form.html"),
    "member": ("Add someone to the case team", "cases/includes/member_form.html"),
    "risk": ("Record the risk", "cases/includes/risk_form.html"),
    "close": ("Close the case", "cases/includes/close_form.html"),
    "transfer": ("Transfer to another area", "cases/includes/transfer_form.html"),
}


def _form_page(request: HttpRequest, case: Case, name: str, form: forms.Form) -> HttpResponse:
    """A case's form: the form alone when HTMX asks for it to put into the case page, else a
    page of its own (without JavaScript, or to show what a failed submission typed)."""
    title, template = CASE_FORMS[name]
    context = {"case": case, "form": form, "title": title, "form_template": template}
    fragment = request.headers.get("HX-Request") == "true" and not form.is_bound
    response = render(request, template if fragment else "cases/form_page.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _post(
    request: HttpRequest,
    case_id: int,
    form: forms.Form,
    act: Callable[[dict], object],
    done: str,
    again: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """The shape of every form that works on a case: check the form, call the service, back
    to the case; a form or service error shows the form again (`again`) with what was typed."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("cases:detail", case_id)
    return again(form)


@requires(Permission.CASE_VIEW)
def case_actions(request: HttpRequest, case_id: int) -> HttpResponse:
    """Every action of one case, open and closed (the case page shows the latest closed)."""
    page = selectors.case_actions(actor=actor_of(request), case_id=case_id)
    return render(request, "cases/case_actions.html", {"page": page, "case": page.case})


@requires(Permission.CASE_WORK)
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add someone to the case team (GET: the form)."""
    actor = actor_of(request)

    def again(form: forms.Form) -> HttpResponse:
        case = selectors.case_to_work(actor=actor, case_id=case_id, purpose="add to case team")
        return _form_page(request, case, "member", form)

    users = selectors.colleagues(actor=actor)
    if request.method == "GET":
        return again(MemberForm(users=users))
    return _post(
        request,
        case_id,
        MemberForm(request.POST, users=users),
        lambda d: services.case_member_add(
            actor=actor, case_id=case_id, user_id=d["user"], role=d["role"]
        ),
        "Added to the case team.",
        again,
    )


@requires(Permission.CASE_WORK)
@require_POST
def member_leave(request: HttpRequest, case_id: int, member_id: int) -> HttpResponse:
    try:
        services.case_member_leave(actor=actor_of(request), case_id=case_id, member_id=member_id)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "They have left the case team.")
    return redirect("cases:detail", case_id)


@requires(Permission.CASE_WORK)
@require_POST
def move(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        services.case_move(
            actor=actor_of(request), case_id=case_id, status=request.POST.get("status", "")
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("cases:detail", case_id)


@requires(Permission.CASE_WORK)
@require_http_methods(["GET", "POST"])
def risk(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the case's risk now, and why (GET: the form)."""
    actor = actor_of(request)

    def again(form: forms.Form) -> HttpResponse:
        case = selectors.case_to_work(actor=actor, case_id=case_id, purpose="record risk")
        return _form_page(request, case, "risk", form)

    if request.method == "GET":
        return again(RiskForm())
    return _post(
        request,
        case_id,
        RiskForm(request.POST),
        lambda d: services.case_risk_update(actor=actor, case_id=case_id, **d),
        "Risk recorded.",
        again,
    )


@requires(Permission.CASE_WORK)
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add an action to the case (GET: the form)."""
    actor = actor_of(request)

    def again(form: forms.Form) -> HttpResponse:
        case = selectors.case_to_work(actor=actor, case_id=case_id, purpose="add action")
        return _form_page(request, case, "action", form)

    plan = selectors.current_plan(case_id)
    users = selectors.colleagues(actor=actor)
    goals = plan.goals if plan else []
    if request.method == "GET":
        return again(ActionForm(users=users, goals=goals))
    return _post(
        request,
        case_id,
        ActionForm(request.POST, users=users, goals=goals),
        lambda d: services.action_add(
            actor=actor,
            case_id=case_id,
            text=d["text"],
            owner_id=d["owner"],
            due_on=d["due_on"],
            goal_key=d["goal_key"] or "",
        ),
        "Action added.",
        again,
    )


@requires(Permission.HOME_VIEW)
@require_POST
def action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    """Mark an action done (its owner, or the case team)."""
    try:
        action = services.action_complete(
            actor=actor_of(request),
            action_id=action_id,
            note=request.POST.get("note", ""),
            cancel=request.POST.get("cancel") == "1",
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(request.POST.get("next") or "home")
    messages.success(
        request, "Action cancelled." if action.status == action.Status.CANCELLED else "Action done."
    )
    return redirect("cases:detail", action.case_id) if action.case_id else redirect("cases:actions")


@requires(Permission.HOME_VIEW)
def actions(request: HttpRequest) -> HttpResponse:
    """The user's (or their teams') open actions, most urgent first."""
    team = request.GET.get("team") == "1"
    found = selectors.actions_due(actor=actor_of(request), team=team, horizon_days=3650)
    rows = [(action, selectors.rag_for(action.due_on)) for action in found[:200]]
    return render(request, "cases/actions.html", {"rows": rows, "team": team})


@requires(Permission.CASE_WORK)
@require_http_methods(["GET", "POST"])
def voice(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record what a person on the case said, in their own words (GET: the form)."""
    actor = actor_of(request)
    case = selectors.case_to_work(actor=actor, case_id=case_id, purpose="record voice")
    persons = selectors.case_persons(case)
    if request.method == "GET":
        return _form_page(request, case, "voice", VoiceForm(persons=persons))
    return _post(
        request,
        case_id,
        VoiceForm(request.POST, persons=persons),
        lambda d: services.voice_record(
            actor=actor,
            person_id=d["person"],
            case_id=case_id,
            context=d["context"],
            words=d["words"],
            place=d["place"],
            said_on=d["said_on"],
        ),
        "Their words are recorded.",
        lambda form: _form_page(request, case, "voice", form),
    )


@requires(Permission.CASE_WORK)
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    """Ask for the case to close, with its outcome (GET: the form)."""
    actor = actor_of(request)

    def again(form: forms.Form) -> HttpResponse:
        case = selectors.case_to_work(actor=actor, case_id=case_id, purpose="close case")
        return _form_page(request, case, "close", form)

    if request.method == "GET":
        return again(CloseForm())
    return _post(
        request,
        case_id,
        CloseForm(request.POST),
        lambda d: services.case_request_close(actor=actor, case_id=case_id, **d),
        "Closure asked for: a manager will sign it off.",
        again,
    )


@requires(Permission.CASE_SIGN_OFF)
@require_POST
def close_sign_off(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_of(request)
    return _post(
        request,
        case_id,
        SignOffForm(request.POST),
        lambda d: services.case_sign_off_close(
            actor=actor, case_id=case_id, approve=d["approve"], note=d["note"]
        ),
        "Closure decision recorded.",
        lambda form: _page(request, case_id, sign_off_form=form),
    )


@requires(Permission.CASE_MANAGE)
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, case_id: int) -> HttpResponse:
    """Transfer the case to another area of the region (GET: the form)."""
    actor = actor_of(request)
    case = selectors.case_to_work(
        actor=actor, case_id=case_id, purpose="transfer case", permission=Permission.CASE_MANAGE
    )
    areas = selectors.other_areas(case)
    if request.method == "GET":
        return _form_page(request, case, "transfer", TransferForm(areas=areas))
    return _post(
        request,
        case_id,
        TransferForm(request.POST, areas=areas),
        lambda d: services.case_transfer(
            actor=actor, case_id=case_id, area_id=d["area"], reason=d["reason"]
        ),
        "Case transferred.",
        lambda form: _form_page(request, case, "transfer", form),
    )


@requires(Permission.CASE_VIEW)
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, case_id: int) -> HttpResponse:
    """The safety plan: a new version each save; a newer version saved meanwhile is told."""
    actor = actor_of(request)
    case, versions = selectors.plan_versions(actor=actor, case_id=case_id)
    latest = versions[0] if versions else None
    goals = latest.goals if latest else []
    conflict = None
    if request.method == "POST":
        form = PlanForm(request.POST, goals=goals)
        if form.is_valid():
            try:
                services.plan_save(
                    actor=actor,
                    case_id=case.pk,
                    based_on_version=form.cleaned_data["based_on"],
                    data=form.plan(),
                )
            except Conflict as exc:
                conflict = exc.message
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, "Safety plan saved as a new version.")
                return redirect("cases:detail", case.pk)
    else:
        form = PlanForm(
            goals=goals,
            initial={
                "based_on": latest.version if latest else 0,
                "person_views": latest.person_views if latest else "",
                "family_views": latest.family_views if latest else "",
                "contingency": latest.contingency if latest else "",
            },
        )
    context = {
        "case": case,
        "form": form,
        "versions": versions,
        "latest": latest,
        "conflict": conflict,
    }
    return render(request, "cases/plan.html", context)


@requires(Permission.CASE_VIEW)
def plan_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    """The current safety plan, printed, marked OFFICIAL-SENSITIVE (logged as a print)."""
    actor = actor_of(request)
    page = selectors.case_page(actor=actor, case_id=case_id)
    selectors.access_case(actor=actor, case_id=case_id, purpose="print plan", action="print")
    # The printed plan lists every action, not only the latest closed ones the page shows.
    context = {
        "page": page,
        "case": page.case,
        "actions": selectors.actions_of(page.case),
        "printed_by": actor,
        "printed_at": timezone.now(),
    }
    return pdf_response(
        "cases/plan_print.html",
        context,
        f"safety-plan-{page.case.reference}.pdf",
    )
