"""The hub's work on a referral: assign it, move it through its stages, record partner checks
and working notes, link its subjects to person records, decide, and sign decisions off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.alerts.services import deadline_meet
from hub.organisations.models import Agency, Area, Team
from hub.people.models import Gender, Person, PersonInvolvement
from hub.people.services import AddressInput, NewPerson, PersonDetails, person_create
from hub.platform.access import NotFound, Permission, access_object, parse_id, scoped
from hub.platform.audit import audit_record
from hub.platform.services import Conflict, ServiceError
from hub.referrals.models import (
    PartnerCheck,
    Referral,
    ReferralAttachment,
    ReferralSubject,
    TriageDecision,
    TriageNote,
)
from hub.referrals.practice import Need, triage_definition

from . import events
from .drafts import open_decision_deadline, start_clock

if TYPE_CHECKING:
    from hub.organisations.models import User

ERROR_NOTE = "Enter the note"
ERROR_CHECK_AGENCY = "Select the agency you checked with"
ERROR_CHECK_OUTCOME = "Select what the agency holds"
ERROR_STAGE = "Select a stage"
ERROR_DECISION = "Select a decision"
ERROR_DECISION_NOT_FOR = "That decision is not open for this person's age"
ERROR_REASON = "Give the reason for the decision"
ERROR_ADVICE = "Enter the advice for the referrer"
ERROR_TARGET_AREA = "Select the area to transfer to (not this one)"
ERROR_ALREADY_LINKED = "This person is already linked to a record"
ERROR_LINKED_TWICE = "That record is already linked to another person on this referral"
ERROR_PERSON = "There is no record with that reference that you can see"
ERROR_NOT_AWAITING = "This decision is not waiting for sign-off"
ERROR_OWN_DECISION = "You cannot sign off your own decision. Ask another manager"
ERROR_RETURN_NOTE = "Say why the decision is returned"
ERROR_CLOSED = "This referral is decided and closed"

_OPEN_STAGES = (Referral.Stage.RECEIVED, Referral.Stage.GATHERING, Referral.Stage.DECISION)


def referral_for_triage(
    *,
    actor: User,
    referral_id: object,
    purpose: str,
    permission: Permission = Permission.REFERRAL_TRIAGE,
) -> Referral:
    """A sent referral the actor's hub may triage, locked for a change and logged as one."""
    return access_object(
        actor=actor,
        permission=permission,
        queryset=Referral.objects.select_for_update().exclude(status=Referral.Status.DRAFT),
        id=referral_id,
        purpose=purpose,
        action="update",
    )


def _open(referral: Referral) -> None:
    if referral.status == Referral.Status.CLOSED:
        raise ServiceError(ERROR_CLOSED)


def triage_assign(*, actor: User, referral_id: object) -> Referral:
    """Take a referral on: it is then yours in the queue."""
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="assign")
        _open(referral)
        referral.assigned_to = actor
        referral.save(update_fields=["assigned_to", "updated_at"])
    return referral


def triage_stage(*, actor: User, referral_id: object, stage: str) -> Referral:
    """Move a referral between received, information gathering and ready for decision
    (decided is reached by deciding, never set by hand)."""
    if stage not in _OPEN_STAGES:
        raise ServiceError(ERROR_STAGE, field="stage")
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="stage")
        _open(referral)
        referral.stage = stage
        referral.save(update_fields=["stage", "updated_at"])
    return referral


def partner_check_add(
    *, actor: User, referral_id: object, agency_id: object, outcome: str, summary: str
) -> PartnerCheck:
    """Record what an agency holds (or that it was asked): for the hub's eyes only."""
    if outcome not in PartnerCheck.Outcome.values:
        raise ServiceError(ERROR_CHECK_OUTCOME, field="outcome")
    agency = Agency.objects.filter(pk=parse_id(agency_id)).first() if agency_id else None
    if agency is None:
        raise ServiceError(ERROR_CHECK_AGENCY, field="agency")
    with transaction.atomic():
        referral = referral_for_triage(
            actor=actor, referral_id=referral_id, purpose="partner check"
        )
        _open(referral)
        check = PartnerCheck.objects.create(
            referral=referral,
            agency=agency,
            outcome=outcome,
            summary=summary.strip()[:5000],
            recorded_by=actor,
        )
        if referral.stage == Referral.Stage.RECEIVED:
            referral.stage = Referral.Stage.GATHERING
            referral.save(update_fields=["stage", "updated_at"])
        events.record_partner_check(actor=actor, check=check)
    return check


def triage_note_add(*, actor: User, referral_id: object, text: str) -> TriageNote:
    """A working note: the hub sees it; the referrer never does."""
    text = text.strip()
    if not text:
        raise ServiceError(ERROR_NOTE, field="text")
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="note")
        note = TriageNote.objects.create(referral=referral, text=text[:10000], recorded_by=actor)
        events.record_note(actor=actor, note=note)
    return note


def _subject(referral: Referral, subject_id: object) -> ReferralSubject:
    subject = referral.subjects.select_for_update().filter(pk=parse_id(subject_id)).first()
    if subject is None:
        raise NotFound
    return subject


def _hub_team(referral: Referral) -> Team | None:
    return Team.objects.filter(area_id=referral.area_id, is_hub=True).first()


def _link(actor: User, referral: Referral, subject: ReferralSubject, person: Person) -> None:
    if subject.person_id is not None:
        raise ServiceError(ERROR_ALREADY_LINKED, field="person")
    subject.person = person
    subject.linked_by = actor
    subject.linked_at = timezone.now()
    try:
        with transaction.atomic():
            subject.save(update_fields=["person", "linked_by", "linked_at"])
    except IntegrityError:
        raise ServiceError(ERROR_LINKED_TWICE, field="person") from None
    hub = _hub_team(referral)
    if hub is not None and not PersonInvolvement.objects.filter(person=person, team=hub).exists():
        # Known to the hub from now on, wherever the person lives.
        PersonInvolvement.objects.create(
            person=person, agency_id=hub.agency_id, team=hub, since=timezone.localdate()
        )
    events.record_history_on_link(actor=actor, subject=subject)


def subject_link(
    *, actor: User, referral_id: object, subject_id: object, person_id: object
) -> ReferralSubject:
    """Say which person record a subject is: one the actor may see (never a duplicate)."""
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="link person")
        subject = _subject(referral, subject_id)
        person = (
            scoped(actor, Permission.PERSON_VIEW, Person.objects.filter(merged_into__isnull=True))
            .filter(pk=parse_id(person_id))
            .first()
        )
        if person is None:
            raise ServiceError(ERROR_PERSON, field="person")
        _link(actor, referral, subject, person)
    return subject


def subject_create_person(*, actor: User, referral_id: object, subject_id: object) -> Person:
    """Record a subject nobody knows yet as a new person, from what the referrer said."""
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="new person")
        subject = _subject(referral, subject_id)
        if subject.person_id is not None:
            raise ServiceError(ERROR_ALREADY_LINKED)
        person = person_create(
            actor=actor,
            data=NewPerson(
                details=PersonDetails(
                    given_name=subject.given_name or "Unknown",
                    family_name=subject.family_name or "Unknown",
                    date_of_birth=subject.date_of_birth,
                    gender=subject.gender if subject.gender in Gender.values else Gender.NOT_KNOWN,
                ),
                other_names=tuple(n.strip() for n in subject.other_names.split(",") if n.strip()),
                address=AddressInput(postcode=subject.postcode),
            ),
        )
        _link(actor, referral, subject, person)
    return person


def _refresh_state(referral: Referral) -> None:
    """Decided once every subject has a live decision; closed once all are in force."""
    subjects = list(referral.subjects.all())
    live = {
        d.subject_id: d
        for d in TriageDecision.objects.filter(subject__referral=referral).exclude(
            sign_off=TriageDecision.SignOff.RETURNED
        )
    }
    all_decided = bool(subjects) and all(s.pk in live for s in subjects)
    if all_decided and referral.decided_at is None:
        referral.decided_at = timezone.now()
        deadline_meet(
            event="referral_decided", key=f"referral:{referral.pk}", at=referral.decided_at
        )
    if not all_decided:
        referral.decided_at = None
    referral.stage = (
        Referral.Stage.DECIDED
        if all_decided
        else (
            Referral.Stage.DECISION if referral.stage == Referral.Stage.DECIDED else referral.stage
        )
    )
    if all_decided and all(d.effective for d in live.values()):
        referral.status = Referral.Status.CLOSED
        referral.closed_at = referral.closed_at or timezone.now()
    referral.save(update_fields=["decided_at", "stage", "status", "closed_at", "updated_at"])


def _take_effect(actor: User, decision: TriageDecision) -> None:
    """A decision in force: on the person's timeline; a transfer becomes a referral there."""
    if decision.code == "transfer" and decision.transfer_id is None:
        decision.transfer = _transfer(actor, decision)
        decision.save(update_fields=["transfer"])
    events.record_decision(actor=actor, decision=decision)


_COPIED = (
    "referrer_id",
    "referrer_team_id",
    "referrer_agency_id",
    "immediate_danger",
    "danger_advice_shown_at",
    "exploitation_types",
    "what_happened",
    "happened_on",
    "happened_time",
    "place",
    "persons_words",
    "person_knows",
    "family_knows",
    "awareness_detail",
    "consent",
    "consent_detail",
    "capacity",
    "capacity_detail",
    "lawful_basis",
    "definitions_used",
)


def _transfer(actor: User, decision: TriageDecision) -> Referral:
    """The subject's referral, sent on to the target area's hub, whose clock starts now."""
    source = decision.subject.referral
    copy = Referral(
        **{name: getattr(source, name) for name in _COPIED},
        area=decision.target_area,
        status=Referral.Status.WITH_HUB,
        stage=Referral.Stage.RECEIVED,
        transferred_from=source,
    )
    start_clock(copy, timezone.now())
    copy.save()
    subject = decision.subject
    ReferralSubject.objects.create(
        referral=copy,
        position=0,
        **{
            name: getattr(subject, name)
            for name in (
                "given_name",
                "family_name",
                "other_names",
                "date_of_birth",
                "age_estimate",
                "gender",
                "postcode",
                "description",
                "person_id",
                "linked_by_id",
                "linked_at",
            )
        },
    )
    for attachment in source.attachments.all():  # the same stored file, listed on both
        ReferralAttachment.objects.create(
            referral=copy,
            file=attachment.file.name,
            name=attachment.name,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            uploaded_by_id=attachment.uploaded_by_id,
        )
    audit_record(
        actor=actor,
        action="create",
        object_type="referral",
        object_id=copy.pk,
        detail={"transferred_from": source.pk},
    )
    open_decision_deadline(copy)
    return copy


def _live_decision(subject: ReferralSubject) -> TriageDecision | None:
    return (
        subject.decisions.exclude(sign_off=TriageDecision.SignOff.RETURNED)
        .select_related("decided_by")
        .first()
    )


def _already(decision: TriageDecision) -> Conflict:
    when = timezone.localtime(decision.decided_at).strftime("%H:%M on %d %B %Y")
    return Conflict(
        f"{decision.decided_by} has already decided '{decision.title}' for this person, at "
        f"{when}. Nothing you entered was saved; here is their decision."
    )


def triage_decide(
    *,
    actor: User,
    referral_id: object,
    subject_id: object,
    code: str,
    reason: str,
    advice: str = "",
    target_area_id: int | None = None,
) -> TriageDecision:
    """Decide what happens next for one subject, with the reason, within the definitions.

    Two people deciding at once: the first wins, and the second is told what was decided
    (the database allows one live decision per subject, whatever the timing).
    """
    definition = triage_definition()
    option = definition.get(code)
    if option is None:
        raise ServiceError(ERROR_DECISION, field="code")
    reason = reason.strip()
    if not reason:
        raise ServiceError(ERROR_REASON, field="reason")
    if Need.ADVICE in option.needs and not advice.strip():
        raise ServiceError(ERROR_ADVICE, field="advice")
    with transaction.atomic():
        referral = referral_for_triage(actor=actor, referral_id=referral_id, purpose="decide")
        subject = _subject(referral, subject_id)
        existing = _live_decision(subject)
        if existing is not None:
            raise _already(existing)
        _open(referral)
        if not option.applies_to.allows(subject.is_child_on(timezone.localdate())):
            raise ServiceError(ERROR_DECISION_NOT_FOR, field="code")
        target = None
        if Need.TARGET_AREA in option.needs:
            target = (
                Area.objects.filter(pk=target_area_id or 0, in_region=True)
                .exclude(pk=referral.area_id)
                .first()
            )
            if target is None:
                raise ServiceError(ERROR_TARGET_AREA, field="target_area")
        try:
            with transaction.atomic():
                decision = TriageDecision.objects.create(
                    subject=subject,
                    code=option.code,
                    title=option.title,
                    reason=reason[:10000],
                    advice=advice.strip()[:5000],
                    target_area=target,
                    decided_by=actor,
                    decided_at=timezone.now(),
                    triage_version=definition.version,
                    sign_off=(
                        TriageDecision.SignOff.AWAITING
                        if option.manager_sign_off
                        else TriageDecision.SignOff.NOT_NEEDED
                    ),
                )
        except IntegrityError:
            raise _already(_live_decision(subject) or existing) from None  # type: ignore[arg-type]
        if decision.effective:
            _take_effect(actor, decision)
        _refresh_state(referral)
    return decision


def triage_sign_off(
    *, actor: User, decision_id: object, approve: bool, note: str = ""
) -> TriageDecision:
    """A manager signs a decision off, or returns it to be decided again, saying why."""
    with transaction.atomic():
        decision = (
            TriageDecision.objects.select_for_update()
            .select_related("subject__referral")
            .filter(pk=parse_id(decision_id))
            .first()
        )
        if decision is None:
            raise NotFound
        referral = referral_for_triage(
            actor=actor,
            referral_id=decision.subject.referral_id,
            purpose="sign off",
            permission=Permission.REFERRAL_SIGN_OFF,
        )
        if decision.sign_off != TriageDecision.SignOff.AWAITING:
            raise Conflict(ERROR_NOT_AWAITING)
        if decision.decided_by_id == actor.pk:
            raise ServiceError(ERROR_OWN_DECISION)
        if not approve and not note.strip():
            raise ServiceError(ERROR_RETURN_NOTE, field="note")
        decision.sign_off = (
            TriageDecision.SignOff.APPROVED if approve else TriageDecision.SignOff.RETURNED
        )
        decision.signed_off_by = actor
        decision.signed_off_at = timezone.now()
        decision.sign_off_note = note.strip()[:5000]
        decision.save(update_fields=["sign_off", "signed_off_by", "signed_off_at", "sign_off_note"])
        if approve:
            _take_effect(actor, decision)
        _refresh_state(referral)
    return decision
