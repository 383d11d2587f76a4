"""Reads for the referrer: their drafts and referrals, and what the hub decided. Never the
hub's working notes, partner checks or reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from hub.platform.access import NotFound, Permission, access_object, scoped
from hub.platform.audit import audit_record
from hub.referrals.models import Referral, ReferralAttachment, ReferralSubject, TriageDecision
from hub.referrals.practice import exploitation_types, lawful_bases, triage_definition

if TYPE_CHECKING:
    from hub.organisations.models import User


def my_referrals(*, actor: User, limit: int = 100, drafts_only: bool = False) -> list[Referral]:
    """The actor's own drafts and referrals, newest first (a list: logged with its length)."""
    mine = Referral.objects.filter(referrer=actor)
    if drafts_only:
        mine = mine.filter(status=Referral.Status.DRAFT)
    referrals = list(
        scoped(actor, Permission.REFERRAL_VIEW, mine)
        .select_related("area")
        .prefetch_related("subjects")
        .order_by("-created_at")[:limit]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="referral",
        purpose="my drafts" if drafts_only else "my referrals",
        detail={"results": len(referrals)},
    )
    return referrals


@dataclass(frozen=True)
class SubjectOutcome:
    """What the referrer is told about one person: the decision in force, if there is one."""

    subject: ReferralSubject
    decision_title: str = ""
    message: str = ""
    advice: str = ""
    decided_on: object = None


@dataclass(frozen=True)
class ReferrerView:
    """A sent referral as its referrer sees it."""

    referral: Referral
    types: list[str]
    lawful_basis: str
    outcomes: list[SubjectOutcome]
    attachments: list[ReferralAttachment]


def access_referral(*, actor: User, referral_id: object, purpose: str) -> Referral:
    """The one read path for a referral (whoever reads it: referrer, hub, quality lead)."""
    return access_object(
        actor=actor,
        permission=Permission.REFERRAL_VIEW,
        queryset=Referral.objects.select_related("area", "referrer", "referrer_agency"),
        id=referral_id,
        purpose=purpose,
    )


def referrer_view(*, actor: User, referral_id: object) -> ReferrerView:
    """What was sent, and the outcome for each person once a decision is in force."""
    referral = access_referral(actor=actor, referral_id=referral_id, purpose="view referral")
    if referral.status == Referral.Status.DRAFT:
        raise NotFound  # a draft is shown as the form, not as a sent referral
    effective = TriageDecision.objects.exclude(sign_off=TriageDecision.SignOff.RETURNED)
    subjects = referral.subjects.prefetch_related(Prefetch("decisions", queryset=effective))
    definition = triage_definition()
    outcomes = []
    for subject in subjects:
        decision = next((d for d in subject.decisions.all() if d.effective), None)
        if decision is None:
            outcomes.append(SubjectOutcome(subject=subject))
            continue
        option = definition.get(decision.code)
        outcomes.append(
            SubjectOutcome(
                subject=subject,
                decision_title=decision.title,
                message=option.referrer_message if option else "",
                advice=decision.advice,
                decided_on=decision.signed_off_at or decision.decided_at,
            )
        )
    types = exploitation_types()
    return ReferrerView(
        referral=referral,
        types=[types.title_of(code) for code in referral.exploitation_types],
        lawful_basis=lawful_bases().title_of(referral.lawful_basis),
        outcomes=outcomes,
        attachments=list(referral.attachments.all()),
    )


def draft_for_editing(*, actor: User, referral_id: object) -> Referral:
    """The actor's own draft, to show in the form (an audited read)."""
    referral = access_referral(actor=actor, referral_id=referral_id, purpose="edit draft")
    if referral.referrer_id != actor.pk or referral.status != Referral.Status.DRAFT:
        raise NotFound
    return referral


def draft_attachments(*, referral: Referral) -> QuerySet[ReferralAttachment]:
    """The files on a draft already read through `draft_for_editing`."""
    return referral.attachments.all()


def attachment_for_download(
    *, actor: User, referral_id: object, attachment_id: object
) -> ReferralAttachment:
    """A file of a referral the actor may read; the download is logged as an export."""
    from hub.platform.access import parse_id

    referral = access_object(
        actor=actor,
        permission=Permission.REFERRAL_VIEW,
        queryset=Referral.objects.all(),
        id=referral_id,
        purpose="download attachment",
        action="export",
    )
    attachment = referral.attachments.filter(pk=parse_id(attachment_id)).first()
    if attachment is None:
        raise NotFound
    return attachment
