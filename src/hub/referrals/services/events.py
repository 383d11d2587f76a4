"""What the front door tells the chronology: each event on the person a subject is linked to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from hub.organisations.models import Team
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.models import ChronologyEvent
from hub.referrals.models import PartnerCheck, ReferralSubject, TriageDecision, TriageNote
from hub.referrals.practice import exploitation_types

if TYPE_CHECKING:
    from hub.organisations.models import User

register_event_kind("referral", "Referral")
register_event_kind("triage_decision", "Hub decision")
register_event_kind("partner_check", "Partner check")
register_event_kind("triage_note", "Hub note")

SUMMARY_CHARS = 600
Visibility = ChronologyEvent.Visibility


def _linked(subjects: list[ReferralSubject]) -> list[ReferralSubject]:
    return [subject for subject in subjects if subject.person_id is not None]


def _hub_agency_id(area_id: int) -> int | None:
    hub = Team.objects.filter(area_id=area_id, is_hub=True).values_list("agency_id", flat=True)
    return hub.first()


def record_referral_received(*, actor: User | None, subject: ReferralSubject) -> None:
    """The referral, on the timeline of the person it is about (when it was received)."""
    referral = subject.referral
    types = exploitation_types()
    kinds = ", ".join(types.title_of(code).lower() for code in referral.exploitation_types)
    summary = referral.what_happened
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=subject.person_id or 0,
            kind="referral",
            occurred_at=referral.received_at or timezone.now(),
            title=f"Referral {referral.reference} from {referral.referrer_agency.name}: {kinds}",
            summary=summary,
            agency_id=referral.referrer_agency_id,
            area_id=referral.area_id,
            source_type="referral",
            source_id=referral.pk,
        ),
    )


def record_decision(*, actor: User, decision: TriageDecision) -> None:
    """A decision in force, for everyone who may see the person; its reason for the hub."""
    subject = decision.subject
    if subject.person_id is None:
        return
    referral = subject.referral
    agency_id = _hub_agency_id(referral.area_id)
    for kind, title, summary, visibility in (
        ("triage_decision", f"Hub decision on {referral.reference}: {decision.title}",
         decision.advice, Visibility.PARTNERSHIP),
        ("triage_note", f"Reason for the decision on {referral.reference}",
         decision.reason, Visibility.HUB),
    ):  # fmt: skip
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=subject.person_id,
                kind=kind,
                occurred_at=decision.decided_at,
                title=title,
                summary=summary,
                visibility=visibility,
                area_id=referral.area_id,
                agency_id=agency_id,
                source_type="triage_decision",
                source_id=decision.pk,
            ),
        )


def record_note(
    *, actor: User, note: TriageNote, subjects: list[ReferralSubject] | None = None
) -> None:
    """A hub working note, on the timelines of the referral's persons, for the hub only."""
    referral = note.referral
    for subject in _linked(subjects if subjects is not None else list(referral.subjects.all())):
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=subject.person_id or 0,
                kind="triage_note",
                occurred_at=note.recorded_at,
                title=f"Hub note on {referral.reference}",
                summary=note.text,
                visibility=Visibility.HUB,
                area_id=referral.area_id,
                source_type="triage_note",
                source_id=note.pk,
            ),
        )


def record_partner_check(
    *, actor: User, check: PartnerCheck, subjects: list[ReferralSubject] | None = None
) -> None:
    """What an agency holds, on the timelines of the referral's persons, for the hub only."""
    referral = check.referral
    for subject in _linked(subjects if subjects is not None else list(referral.subjects.all())):
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person",
                subject_id=subject.person_id or 0,
                kind="partner_check",
                occurred_at=check.recorded_at,
                title=f"Partner check, {check.agency.name}: {check.get_outcome_display().lower()}",
                summary=check.summary,
                visibility=Visibility.HUB,
                area_id=referral.area_id,
                agency_id=check.agency_id,
                source_type="partner_check",
                source_id=check.pk,
            ),
        )


def record_history_on_link(*, actor: User, subject: ReferralSubject) -> None:
    """A subject just linked to a person: the referral's story so far goes on their timeline."""
    record_referral_received(actor=actor, subject=subject)
    referral = subject.referral
    for check in referral.partner_checks.select_related("agency"):
        record_partner_check(actor=actor, check=check, subjects=[subject])
    for note in referral.notes.all():
        record_note(actor=actor, note=note, subjects=[subject])
    decision = subject.decisions.exclude(sign_off=TriageDecision.SignOff.RETURNED).first()
    if decision is not None and decision.effective:
        record_decision(actor=actor, decision=decision)
