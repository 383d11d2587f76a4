"""Reads of the NRM app: one referral with its decisions and where it stands, a person's
referrals, an area's referrals awaiting decisions, and the anonymous Duty to Notify records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from hub.platform.access import Permission, access_object, permissions_reaching, scoped
from hub.platform.timescales import timescales_definition

from .models import DefenceNote, DutyToNotify, NrmDecision, NrmReferral
from .practice import nrm_practice

if TYPE_CHECKING:
    from hub.organisations.models import User
    from hub.people.models import Person

_DECISIONS = Prefetch(
    "decisions", queryset=NrmDecision.objects.select_related("recorded_by").order_by("pk")
)


def referral_for(
    *, actor: User, referral_id: object, purpose: str, write: bool = False
) -> NrmReferral:
    """The one read path for a referral: in scope, audited, else NotFound. `write` locks it
    and asks for the permission to refer."""
    queryset = NrmReferral.objects.select_related("person", "area", "agency", "referred_by")
    if write:
        queryset = queryset.select_for_update(of=("self",))
    return access_object(
        actor=actor,
        permission=Permission.NRM_REFER if write else Permission.NRM_VIEW,
        queryset=queryset.prefetch_related(_DECISIONS),
        id=referral_id,
        purpose=purpose,
        action="update" if write else "view",
    )


@dataclass(frozen=True)
class Status:
    """Where a referral stands, from its decisions in the order they came."""

    code: str
    title: str
    awaiting: bool  # a decision is still to come
    recovery_until: date | None = None  # a positive reasonable grounds decision: at least to


def recovery_days() -> int:
    return timescales_definition().get("nrm_recovery_period").amount


def referral_status(referral: NrmReferral) -> Status:
    """Reasonable grounds first, then (when positive) conclusive grounds; a reconsideration
    replaces the decision it looked at again; a withdrawal ends the referral."""
    status = Status("awaiting_rg", "Awaiting the reasonable grounds decision", awaiting=True)
    for decision in referral.decisions.all():
        kind = decision.reconsiders or decision.kind
        positive = decision.outcome == NrmDecision.Outcome.POSITIVE
        if decision.kind == NrmDecision.Kind.WITHDRAWN:
            status = Status("withdrawn", "Withdrawn", awaiting=False)
        elif kind == NrmDecision.Kind.REASONABLE_GROUNDS and positive:
            until = decision.decided_on + timedelta(days=recovery_days())
            title = "Positive reasonable grounds: awaiting the conclusive grounds decision"
            status = Status("awaiting_cg", title, awaiting=True, recovery_until=until)
        elif kind == NrmDecision.Kind.REASONABLE_GROUNDS:
            status = Status("negative_rg", "Negative reasonable grounds", awaiting=False)
        elif positive:
            status = Status("positive_cg", "Positive conclusive grounds", awaiting=False)
        else:
            status = Status("negative_cg", "Negative conclusive grounds", awaiting=False)
    return status


@dataclass(frozen=True)
class ReferralPage:
    referral: NrmReferral
    status: Status
    decisions: list[NrmDecision]
    notes: list[tuple[DefenceNote, str]]  # with the offence's title
    type_titles: list[str]
    authority: str
    support: str
    first_responder: str
    can_record: bool


def referral_page(*, actor: User, referral_id: object) -> ReferralPage:
    referral = referral_for(actor=actor, referral_id=referral_id, purpose="view NRM referral")
    practice = nrm_practice()
    can = permissions_reaching(actor, referral, [Permission.NRM_REFER])
    return ReferralPage(
        referral=referral,
        status=referral_status(referral),
        decisions=list(referral.decisions.all()),
        notes=[
            (note, practice.title_of("offences", note.offence))
            for note in DefenceNote.objects.filter(referral=referral).select_related("recorded_by")
        ],
        type_titles=[
            practice.title_of("exploitation_types", t) for t in referral.exploitation_types
        ],
        authority=practice.title_of("competent_authorities", referral.competent_authority),
        support=practice.title_of("support_statuses", referral.support_status),
        first_responder=practice.title_of("first_responders", referral.first_responder),
        can_record=Permission.NRM_REFER in can,
    )


def person_referrals(*, actor: User, person: Person) -> list[tuple[NrmReferral, Status]]:
    """A person's referrals as far as the actor's grants reach (the person was read through
    its own access path)."""
    referrals = (
        scoped(actor, Permission.NRM_VIEW, NrmReferral.objects.filter(person=person))
        .select_related("area")
        .prefetch_related(_DECISIONS)
    )
    return [(referral, referral_status(referral)) for referral in referrals]


def referrals_in_reach(*, actor: User) -> list[tuple[NrmReferral, Status]]:
    """Every referral the actor may see, newest first (an area's list for the hub)."""
    referrals = (
        scoped(actor, Permission.NRM_VIEW, NrmReferral.objects.all())
        .select_related("person", "area")
        .prefetch_related(_DECISIONS)
        .order_by("-submitted_on", "-pk")
    )
    return [(referral, referral_status(referral)) for referral in referrals[:500]]


def notifications_in_reach(*, actor: User) -> QuerySet[DutyToNotify]:
    return (
        scoped(actor, Permission.NRM_VIEW, DutyToNotify.objects.all())
        .select_related("area", "agency")
        .order_by("-notified_on", "-pk")
    )


def notification_for(*, actor: User, notification_id: object) -> DutyToNotify:
    return access_object(
        actor=actor,
        permission=Permission.NRM_VIEW,
        queryset=DutyToNotify.objects.select_related("area", "agency", "notified_by"),
        id=notification_id,
        purpose="view Duty to Notify record",
    )
