"""Pages of the NRM app: the referrals in reach and the Duty to Notify records, a person's
referrals (and the form to refer), one referral with its decisions and defence notes."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.people.selectors import access_person
from hub.platform.access import Permission, has_permission
from hub.platform.views_base import actor_of, requires, submit

from . import selectors
from .forms import DecisionForm, DefenceForm, ReferralForm, SupportForm
from .practice import nrm_practice
from .services import decisions, referrals


@requires(Permission.NRM_VIEW)
def nrm_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    context = {
        "referrals": selectors.referrals_in_reach(actor=actor),
        "notifications": list(selectors.notifications_in_reach(actor=actor)[:200]),
        "practice": nrm_practice(),
    }
    return render(request, "nrm/list.html", context)


def _person_page(request: HttpRequest, person_id: int, **given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    person = access_person(actor=actor, id=person_id, purpose="NRM referrals")
    today = timezone.localdate()
    context: dict[str, object] = {
        "person": person,
        "referrals": selectors.person_referrals(actor=actor, person=person),
        "is_child": person.is_child_on(today),
        "can_refer": has_permission(actor, Permission.NRM_REFER),
        "form": ReferralForm(initial={"submitted_on": today, "support_status": "awaiting"}),
    }
    context.update(given)
    return render(request, "nrm/person.html", context)


@requires(Permission.NRM_VIEW)
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, person_id)


@requires(Permission.NRM_REFER)
@require_POST
def refer(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = ReferralForm(request.POST)

    def done(outcome: referrals.ReferralOutcome) -> HttpResponse:
        if outcome.notification is not None:
            return redirect("nrm:notification", outcome.notification.pk)
        return redirect("nrm:detail", outcome.referral.pk)  # type: ignore[union-attr]

    return submit(
        request,
        form,
        lambda: referrals.nrm_refer(actor=actor, person_id=person_id, answers=form.answers()),
        "Recorded.",
        success=done,
        failure=lambda f: _person_page(request, person_id, form=f),
    )


def _detail_page(request: HttpRequest, referral_id: int, **given: forms.Form) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.referral_page(actor=actor, referral_id=referral_id)
    context: dict[str, object] = {
        "page": page,
        "referral": page.referral,
        "decision_form": DecisionForm(initial={"decided_on": timezone.localdate()}),
        "support_form": SupportForm(initial={"support_status": page.referral.support_status}),
        "defence_form": DefenceForm(),
        "practice": nrm_practice(),
    }
    context.update(given)
    return render(request, "nrm/detail.html", context)


@requires(Permission.NRM_VIEW)
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _detail_page(request, referral_id)


@requires(Permission.NRM_REFER)
@require_POST
def decision(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = DecisionForm(request.POST)
    return submit(
        request,
        form,
        lambda: decisions.decision_record(
            actor=actor, referral_id=referral_id, decision=form.decision()
        ),
        "Decision recorded.",
        success=lambda _: redirect("nrm:detail", referral_id),
        failure=lambda f: _detail_page(request, referral_id, decision_form=f),
    )


@requires(Permission.NRM_REFER)
@require_POST
def support(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = SupportForm(request.POST)
    return submit(
        request,
        form,
        lambda: decisions.support_update(
            actor=actor, referral_id=referral_id, support_status=form.cleaned_data["support_status"]
        ),
        "Support updated.",
        success=lambda _: redirect("nrm:detail", referral_id),
        failure=lambda f: _detail_page(request, referral_id, support_form=f),
    )


@requires(Permission.NRM_REFER)
@require_POST
def defence(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = actor_of(request)
    form = DefenceForm(request.POST)
    return submit(
        request,
        form,
        lambda: referrals.defence_note_add(actor=actor, referral_id=referral_id, note=form.note()),
        "Defence note recorded.",
        success=lambda _: redirect("nrm:detail", referral_id),
        failure=lambda f: _detail_page(request, referral_id, defence_form=f),
    )


@requires(Permission.NRM_VIEW)
def notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    actor = actor_of(request)
    record = selectors.notification_for(actor=actor, notification_id=notification_id)
    context = {"notification": record, "practice": nrm_practice()}
    return render(request, "nrm/notification.html", context)
