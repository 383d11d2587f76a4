"""Writes of NRM decisions as the competent authority gives them: reasonable grounds (which
meets its deadline; a positive one starts the recovery period of at least 30 days),
conclusive grounds, a reconsideration of a negative decision, or a withdrawal. Support
while decisions are awaited is kept up to date beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_cancel, deadline_meet, deadline_open
from hub.nrm.models import NrmDecision, NrmReferral
from hub.nrm.practice import nrm_practice
from hub.nrm.selectors import referral_for, referral_status
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record
from hub.platform.services import ServiceError

from .referrals import start_of

if TYPE_CHECKING:
    from hub.organisations.models import User

Kind = NrmDecision.Kind

ERROR_KIND = "Select which decision this is"
ERROR_OUTCOME = "Select whether the decision was positive or negative"
ERROR_BEFORE_REFERRAL = "The decision cannot be dated before the referral was submitted ({when})"
ERROR_BEFORE_LAST = "The decision cannot be dated before the last one ({when})"
ERROR_FUTURE = "The decision cannot be dated in the future"
ERROR_ENDED = "This referral has ended ({status}): a new decision cannot be added"
ERROR_RG_ALREADY = "The reasonable grounds decision is recorded: record a reconsideration instead"
ERROR_CG_NEEDS_RG = "A conclusive grounds decision follows a positive reasonable grounds decision"
ERROR_RECONSIDERS = "Select the negative decision that was reconsidered"
ERROR_NOTHING_TO_RECONSIDER = "There is no negative {decision} decision to reconsider"
ERROR_SUPPORT = "Select their support while the decisions are awaited"


@dataclass(frozen=True)
class DecisionInput:
    kind: str
    decided_on: date
    outcome: str = ""
    reconsiders: str = ""
    notes: str = ""


def _when(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _check(referral: NrmReferral, decision: DecisionInput) -> None:
    if decision.kind not in Kind.values:
        raise ServiceError(ERROR_KIND, field="kind")
    withdrawn = decision.kind == Kind.WITHDRAWN
    if not withdrawn and decision.outcome not in ("positive", "negative"):
        raise ServiceError(ERROR_OUTCOME, field="outcome")
    if decision.decided_on < referral.submitted_on:
        message = ERROR_BEFORE_REFERRAL.format(when=_when(referral.submitted_on))
        raise ServiceError(message, field="decided_on")
    if decision.decided_on > timezone.localdate():
        raise ServiceError(ERROR_FUTURE, field="decided_on")
    earlier = list(referral.decisions.all())
    if earlier and decision.decided_on < earlier[-1].decided_on:
        message = ERROR_BEFORE_LAST.format(when=_when(earlier[-1].decided_on))
        raise ServiceError(message, field="decided_on")
    status = referral_status(referral)
    reconsidering = status.code in ("negative_rg", "negative_cg") and (
        decision.kind == Kind.RECONSIDERATION
    )
    if not status.awaiting and not reconsidering:
        raise ServiceError(ERROR_ENDED.format(status=status.title.lower()), field="kind")
    if decision.kind == Kind.REASONABLE_GROUNDS and status.code != "awaiting_rg":
        raise ServiceError(ERROR_RG_ALREADY, field="kind")
    if decision.kind == Kind.CONCLUSIVE_GROUNDS and status.code != "awaiting_cg":
        raise ServiceError(ERROR_CG_NEEDS_RG, field="kind")
    if decision.kind == Kind.RECONSIDERATION:
        wanted = {Kind.REASONABLE_GROUNDS: "negative_rg", Kind.CONCLUSIVE_GROUNDS: "negative_cg"}
        if decision.reconsiders not in wanted:
            raise ServiceError(ERROR_RECONSIDERS, field="reconsiders")
        if status.code != wanted[Kind(decision.reconsiders)]:
            title = Kind(decision.reconsiders).label.lower()
            raise ServiceError(
                ERROR_NOTHING_TO_RECONSIDER.format(decision=title), field="reconsiders"
            )


def decision_record(*, actor: User, referral_id: object, decision: DecisionInput) -> NrmDecision:
    """Record a decision, meet or open the deadlines it bears on, and say so on the person's
    chronology."""
    with transaction.atomic():
        referral = referral_for(
            actor=actor, referral_id=referral_id, purpose="record NRM decision", write=True
        )
        _check(referral, decision)
        made = NrmDecision.objects.create(
            referral=referral,
            kind=decision.kind,
            reconsiders=decision.reconsiders if decision.kind == Kind.RECONSIDERATION else "",
            outcome="" if decision.kind == Kind.WITHDRAWN else decision.outcome,
            decided_on=decision.decided_on,
            notes=decision.notes.strip(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action="create", object_type="nrm_decision", object_id=made.pk)
        key = f"nrm_referral:{referral.pk}"
        about = made.reconsiders or made.kind
        if made.kind == Kind.WITHDRAWN:
            deadline_cancel(key=key)
        elif about == Kind.REASONABLE_GROUNDS:
            deadline_meet(event="nrm_rg_decided", key=key)
            if made.outcome == NrmDecision.Outcome.POSITIVE:
                deadline_open(
                    event="nrm_rg_positive",
                    key=key,
                    reference=referral.reference,
                    area_id=referral.area_id,
                    source_type="nrm_referral",
                    source_id=referral.pk,
                    start=start_of(made.decided_on),
                    person_id=referral.person_id,
                    owner_id=referral.referred_by_id,
                )
        else:
            deadline_meet(event="nrm_cg_decided", key=key)
        label = made.get_kind_display()
        if made.reconsiders:
            label = f"Reconsideration of the {made.get_reconsiders_display().lower()} decision"
        outcome = f": {made.outcome}" if made.outcome else ""
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=referral.person_id,
                kind="nrm",
                occurred_at=timezone.now(),
                title=f"{referral.reference}: {label}{outcome} ({_when(made.decided_on)})",
                area_id=referral.area_id,
                source_type="nrm_referral",
                source_id=referral.pk,
            ),
        )
    return made


def support_update(*, actor: User, referral_id: object, support_status: str) -> NrmReferral:
    """Their support while decisions are awaited (or that it ended)."""
    if support_status not in nrm_practice().codes("support_statuses"):
        raise ServiceError(ERROR_SUPPORT, field="support_status")
    with transaction.atomic():
        referral = referral_for(
            actor=actor, referral_id=referral_id, purpose="update NRM support", write=True
        )
        referral.support_status = support_status
        referral.save(update_fields=["support_status"])
        audit_record(
            actor=actor,
            action="update",
            object_type="nrm_referral",
            object_id=referral.pk,
            detail={"support_status": support_status},
        )
    return referral
