"""Writes of NRM referrals: a first responder refers a child (no consent needed) or an adult
who gives informed consent; an adult who does not consent gets an anonymous Duty to Notify
record instead, holding nothing that identifies them. Submitting starts the reasonable
grounds deadline. Statutory defence notes record offences linked to the exploitation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_open
from hub.missing.services.episodes import responsible_area_id
from hub.nrm.models import DefenceNote, DutyToNotify, NrmReferral
from hub.nrm.practice import NrmPractice, nrm_practice
from hub.nrm.selectors import referral_for, referral_status
from hub.organisations.models import Area
from hub.organisations.selectors import team_for_grant
from hub.people.models import Person
from hub.platform.access import Permission, access_object, require_permission
from hub.platform.audit import audit_record
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError

if TYPE_CHECKING:
    from hub.organisations.models import Team, User

register_event_kind("nrm", "National Referral Mechanism")
Consent = NrmReferral.Consent

ERROR_NOT_FIRST_RESPONDER = (
    "{agency} is not a first responder organisation: ask the police or the local authority "
    "to make the referral"
)
ERROR_SUBMITTED_FUTURE = "The date submitted cannot be in the future"
ERROR_SUBMITTED_BEFORE_BIRTH = "The date submitted cannot be before their date of birth"
ERROR_AGE_UNKNOWN = (
    "Their date of birth is not known: say whether they are treated as a child (if there is "
    "reason to believe they may be under 18, they are)"
)
ERROR_CONSENT = "Say whether the adult gave informed consent to the referral"
ERROR_TYPES = "Select at least one form of exploitation"
ERROR_TYPE_UNKNOWN = "{code} is not a form of exploitation in the definitions"
ERROR_AUTHORITY = "Select the competent authority that will decide"
ERROR_DEVOLVED = (
    "Only a child more than {days} days from their 18th birthday, referred in an area of the "
    "devolved decision-making pilot, can be decided by the devolved panel"
)
ERROR_SUMMARY = "Summarise why you believe they may be a victim of modern slavery"
ERROR_SUPPORT = "Select their support while the decisions are awaited"
ERROR_ICTG_ADULT = "Independent Child Trafficking Guardians are for children"
ERROR_ICTG_WHEN = "Enter when the guardian service was asked, not in the future"
ERROR_ICTG_KIND = "Select the guardian service: a direct worker or a regional practice co-ordinator"
ERROR_ALREADY_REFERRED = "{reference} was submitted for them on {when}: record its decisions there"
ERROR_OFFENCE = "Select the offence"
ERROR_OFFENCE_FUTURE = "The date of the offence cannot be in the future"
ERROR_DEFENCE_NOTES = "Write down how the offence may be linked to their exploitation"


@dataclass(frozen=True)
class ReferralInput:
    """What the first responder answers. `consent` is "yes", "no" or "" (not answered);
    `treated_as_child` matters only when the date of birth is not known."""

    submitted_on: date
    exploitation_types: tuple[str, ...]
    summary: str
    support_status: str
    consent: str = ""
    consent_notes: str = ""
    treated_as_child: bool | None = None
    county_lines: bool = False
    competent_authority: str = ""
    home_office_reference: str = ""
    ictg: str = ""
    ictg_referred_on: date | None = None


@dataclass(frozen=True)
class ReferralOutcome:
    """A referral was made, or (an adult who did not consent) a Duty to Notify record."""

    referral: NrmReferral | None = None
    notification: DutyToNotify | None = None


@dataclass(frozen=True)
class DefenceInput:
    offence: str
    notes: str
    crime_reference: str = ""
    offence_on: date | None = None


@dataclass
class _Checked:
    is_child: bool
    devolved_eligible: bool
    types: list[str] = field(default_factory=list)


def start_of(day: date) -> datetime:
    """A date as the moment a timescale starts from (today: now; another day: its start)."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time.min))


def _first_responder(actor: User, practice: NrmPractice) -> tuple[Team, str]:
    require_permission(actor, Permission.NRM_REFER)
    team = team_for_grant(actor=actor, permission=Permission.NRM_REFER)
    if team is None:  # pragma: no cover (require_permission passed, so a grant exists)
        raise ServiceError("You are not in a team that may make NRM referrals")
    responder = practice.first_responder_for(team.agency.kind, team.agency.name)
    if responder is None:
        raise ServiceError(ERROR_NOT_FIRST_RESPONDER.format(agency=team.agency.name))
    return team, responder.code


def _check_types(practice: NrmPractice, codes: tuple[str, ...]) -> list[str]:
    if not codes:
        raise ServiceError(ERROR_TYPES, field="exploitation_types")
    known = practice.codes("exploitation_types")
    for code in codes:
        if code not in known:
            raise ServiceError(ERROR_TYPE_UNKNOWN.format(code=code), field="exploitation_types")
    return sorted(set(codes), key=[t.code for t in practice.exploitation_types].index)


def _check(
    practice: NrmPractice, person: Person, area_code: str, answers: ReferralInput
) -> _Checked:
    if answers.submitted_on > timezone.localdate():
        raise ServiceError(ERROR_SUBMITTED_FUTURE, field="submitted_on")
    born = person.date_of_birth
    if born is not None and answers.submitted_on < born:
        raise ServiceError(ERROR_SUBMITTED_BEFORE_BIRTH, field="submitted_on")
    is_child = person.is_child_on(answers.submitted_on)
    if is_child is None:
        if answers.treated_as_child is None:
            raise ServiceError(ERROR_AGE_UNKNOWN, field="treated_as_child")
        is_child = answers.treated_as_child
    if not is_child and answers.consent not in ("yes", "no"):
        raise ServiceError(ERROR_CONSENT, field="consent")
    types = _check_types(practice, answers.exploitation_types)
    birthday = person.eighteenth_birthday()
    devolved_eligible = (
        is_child
        and area_code in practice.devolved_pilot_areas
        and birthday is not None
        and (birthday - answers.submitted_on).days > practice.devolved_days_before_18
    )
    return _Checked(is_child=is_child, devolved_eligible=devolved_eligible, types=types)


def _check_referral(practice: NrmPractice, checked: _Checked, answers: ReferralInput) -> None:
    """What only a referral (not a Duty to Notify record) needs."""
    if answers.competent_authority not in practice.codes("competent_authorities"):
        raise ServiceError(ERROR_AUTHORITY, field="competent_authority")
    if answers.competent_authority == "devolved_panel" and not checked.devolved_eligible:
        days = practice.devolved_days_before_18
        raise ServiceError(ERROR_DEVOLVED.format(days=days), field="competent_authority")
    if not answers.summary.strip():
        raise ServiceError(ERROR_SUMMARY, field="summary")
    if answers.support_status not in practice.codes("support_statuses"):
        raise ServiceError(ERROR_SUPPORT, field="support_status")
    if answers.ictg:
        if not checked.is_child:
            raise ServiceError(ERROR_ICTG_ADULT, field="ictg")
        if answers.ictg not in NrmReferral.Ictg.values:
            raise ServiceError(ERROR_ICTG_KIND, field="ictg")
        referred = answers.ictg_referred_on
        if referred is None or referred > timezone.localdate():
            raise ServiceError(ERROR_ICTG_WHEN, field="ictg_referred_on")


def _event(actor: User, person_id: int, area_id: int, title: str, source: object = None) -> None:
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=person_id,
            kind="nrm",
            occurred_at=timezone.now(),
            title=title,
            area_id=area_id,
            source_type="nrm_referral" if source is not None else "",
            source_id=getattr(source, "pk", None),
        ),
    )


def _age_band(age: int | None) -> str:
    if age is None:
        return ""
    for upper, band in ((24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54"), (64, "55-64")):
        if age <= upper:
            return band
    return "65+"


def _notify(
    actor: User, team: Team, person: Person, area_id: int, types: list[str], answers: ReferralInput
) -> DutyToNotify:
    """The anonymous Duty to Notify record: only what cannot identify the person."""
    practice = nrm_practice()
    gender = person.gender if person.gender in DutyToNotify.Gender.values else ""
    notification = DutyToNotify.objects.create(
        area_id=area_id, agency=team.agency, notified_on=answers.submitted_on,
        exploitation_types=types, county_lines=answers.county_lines, gender=gender,
        age_band=_age_band(person.age_on(answers.submitted_on)),
        nationality=person.nationality[:60],
        home_office_reference=answers.home_office_reference.strip()[:40], notified_by=actor,
        definitions_version=f"nrm v{practice.version}",
    )  # fmt: skip
    # The audit names the record, never the person; the person's timeline says only that
    # they did not consent, and how to find help if they change their mind.
    audit_record(
        actor=actor, action="create", object_type="duty_to_notify", object_id=notification.pk
    )
    _event(
        actor,
        person.pk,
        area_id,
        "Did not consent to an NRM referral: an anonymous Duty to Notify was made",
    )
    return notification


def nrm_refer(*, actor: User, person_id: object, answers: ReferralInput) -> ReferralOutcome:
    """Record a referral to the NRM (or, for an adult who does not consent, the anonymous
    Duty to Notify record), and start the reasonable grounds deadline."""
    practice = nrm_practice()
    team, responder = _first_responder(actor, practice)
    with transaction.atomic():
        person = access_object(
            actor=actor,
            permission=Permission.PERSON_VIEW,
            queryset=Person.objects.select_for_update().filter(merged_into__isnull=True),
            id=person_id,
            purpose="NRM referral",
            action="update",
        )
        area = Area.objects.get(pk=responsible_area_id(person))
        area_id = area.pk
        checked = _check(practice, person, area.code, answers)
        if not checked.is_child and answers.consent == "no":
            notification = _notify(actor, team, person, area_id, checked.types, answers)
            return ReferralOutcome(notification=notification)
        _check_referral(practice, checked, answers)
        earlier = next(
            (r for r in NrmReferral.objects.filter(person=person) if referral_status(r).awaiting),
            None,
        )
        if earlier is not None:
            when = f"{earlier.submitted_on:%-d %B %Y}"
            message = ERROR_ALREADY_REFERRED.format(reference=earlier.reference, when=when)
            raise ServiceError(message)
        referral = NrmReferral.objects.create(
            person=person, area_id=area_id, agency=team.agency, first_responder=responder,
            submitted_on=answers.submitted_on,
            home_office_reference=answers.home_office_reference.strip()[:40],
            is_child=checked.is_child,
            consent=Consent.NOT_NEEDED if checked.is_child else Consent.GIVEN,
            consent_notes="" if checked.is_child else answers.consent_notes.strip(),
            exploitation_types=checked.types, county_lines=answers.county_lines,
            competent_authority=answers.competent_authority, summary=answers.summary.strip(),
            support_status=answers.support_status, ictg=answers.ictg,
            ictg_referred_on=answers.ictg_referred_on if answers.ictg else None,
            referred_by=actor, definitions_version=f"nrm v{practice.version}",
        )  # fmt: skip
        audit_record(
            actor=actor, action="create", object_type="nrm_referral", object_id=referral.pk
        )
        types = ", ".join(practice.title_of("exploitation_types", t).lower() for t in checked.types)
        lines = "; county lines" if answers.county_lines else ""
        _event(
            actor, person.pk, area_id, f"{referral.reference} submitted: {types}{lines}", referral
        )
        deadline_open(
            event="nrm_submitted",
            key=f"nrm_referral:{referral.pk}",
            reference=referral.reference,
            area_id=area_id,
            source_type="nrm_referral",
            source_id=referral.pk,
            start=start_of(answers.submitted_on),
            person_id=person.pk,
            owner_id=actor.pk,
        )
    return ReferralOutcome(referral=referral)


def defence_note_add(*, actor: User, referral_id: object, note: DefenceInput) -> DefenceNote:
    """Note an offence that may be linked to the exploitation, and whether the section 45
    defence can apply at all (never for a Schedule 4 offence)."""
    practice = nrm_practice()
    offence = practice.offence(note.offence)
    if offence is None:
        raise ServiceError(ERROR_OFFENCE, field="offence")
    if note.offence_on is not None and note.offence_on > timezone.localdate():
        raise ServiceError(ERROR_OFFENCE_FUTURE, field="offence_on")
    if not note.notes.strip():
        raise ServiceError(ERROR_DEFENCE_NOTES, field="notes")
    with transaction.atomic():
        referral = referral_for(
            actor=actor, referral_id=referral_id, purpose="defence note", write=True
        )
        made = DefenceNote.objects.create(
            referral=referral, offence=offence.code, schedule_4=offence.schedule_4,
            crime_reference=note.crime_reference.strip()[:40], offence_on=note.offence_on,
            notes=note.notes.strip(), recorded_by=actor,
        )  # fmt: skip
        audit_record(actor=actor, action="create", object_type="defence_note", object_id=made.pk)
    return made
