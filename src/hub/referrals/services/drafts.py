"""Writing a referral: start it (immediate danger first), keep every draft as typed, attach
files, and send it to the hub, which starts the hub's clock."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hub.alerts.services import deadline_open
from hub.organisations.models import Area
from hub.organisations.selectors import team_for_grant
from hub.people.models import Person
from hub.people.services import check_date_of_birth
from hub.platform.access import (
    NotFound,
    Permission,
    access_object,
    parse_id,
    require_permission,
    scoped,
)
from hub.platform.audit import audit_record
from hub.platform.files import attachment_type
from hub.platform.places import normalise_postcode
from hub.platform.services import ServiceError, submit_once
from hub.platform.timescales import timescales_definition
from hub.referrals.models import Referral, ReferralAttachment, ReferralSubject
from hub.referrals.practice import (
    definitions_label,
    exploitation_types,
    lawful_bases,
    triage_definition,
)

from .events import record_referral_received

if TYPE_CHECKING:
    from hub.organisations.models import User

MAX_ATTACHMENTS = 10
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ERROR_DANGER_ANSWER = "Select yes if anyone is in immediate danger now"
ERROR_NOT_A_DRAFT = "This referral has already been sent; it can no longer be changed"
ERROR_SUBJECT_WHO = "Enter the person's name, or describe them if you do not know it"
ERROR_NO_SUBJECT = "Add the person this referral is about"
ERROR_TYPES = "Select the kind of exploitation you are worried about, or 'Another form'"
ERROR_WHAT_HAPPENED = "Describe what happened, or what you have seen or been told"
ERROR_HAPPENED_FUTURE = "The date it happened must be today or in the past"
ERROR_LAWFUL_BASIS = "Select the lawful basis for sharing this information"
ERROR_CONSENT = "Select whether the person gave consent to this referral"
ERROR_CONSENT_DETAIL = "Say why consent was not sought, or what the person said"
ERROR_AREA = "Select the area whose hub should have this referral"
ERROR_POSTCODE = "Enter a real postcode, like B1 1AA, or leave it blank"
ERROR_PERSON_REFERENCE = "There is no record with that reference that you can see"
ERROR_FILE_TYPE = "The file must be a PDF, a Word or Excel document, a JPG or PNG, or a text file"
ERROR_FILE_SIZE = "The file must be smaller than 10 MB"
ERROR_FILE_EMPTY = "The selected file is empty"
ERROR_TOO_MANY_FILES = f"You can attach up to {MAX_ATTACHMENTS} files"
DRAFT_DATA_MAX_CHARS = 200_000
ERROR_DRAFT_TOO_BIG = "This draft is too long to save. Shorten the longest answers"


def referral_start(
    *, actor: User, immediate_danger: bool | None, token: str
) -> tuple[Referral, bool]:
    """Start a referral with the first question answered: is anyone in immediate danger?

    Returns the draft and whether it is new (a resent form returns the first one's draft).
    """
    require_permission(actor, Permission.REFERRAL_CREATE)
    if immediate_danger is None:
        raise ServiceError(ERROR_DANGER_ANSWER, field="immediate_danger")
    team = team_for_grant(actor=actor, permission=Permission.REFERRAL_CREATE)
    if team is None:  # pragma: no cover (require_permission passed, so a grant exists)
        raise ServiceError("You are not in a team that may make referrals")

    # The hub of the referrer's own area, to start with; the referrer chooses before sending.
    area = team.area if team.area.in_region else Area.objects.filter(in_region=True).first()
    if area is None:  # pragma: no cover (a partnership always has areas)
        raise ServiceError("No area of the region is set up yet")

    def create() -> Referral:
        referral = Referral.objects.create(
            referrer=actor,
            referrer_team=team,
            referrer_agency_id=team.agency_id,
            area=area,
            immediate_danger=immediate_danger,
            # A yes is answered by the advice page at once: record that it was shown.
            danger_advice_shown_at=timezone.now() if immediate_danger else None,
        )
        audit_record(actor=actor, action="create", object_type="referral", object_id=referral.pk)
        return referral

    with transaction.atomic():
        pk, made = submit_once(actor=actor, token=token, object_type="referral", create=create)
        return Referral.objects.get(pk=pk), made


def referral_draft(*, actor: User, referral_id: object, purpose: str) -> Referral:
    """The actor's own draft, read through the access layer (a sent referral is not a draft)."""
    referral = access_object(
        actor=actor,
        permission=Permission.REFERRAL_VIEW,
        queryset=Referral.objects.select_for_update(),
        id=referral_id,
        purpose=purpose,
        action="update",
    )
    if referral.referrer_id != actor.pk:
        raise NotFound
    if referral.status != Referral.Status.DRAFT:
        raise ServiceError(ERROR_NOT_A_DRAFT)
    return referral


def referral_draft_save(
    *, actor: User, referral_id: object, data: dict[str, list[str]]
) -> Referral:
    """Keep what was typed, exactly, whether or not it is complete or right yet."""
    kept = {str(k)[:100]: [str(v) for v in values][:50] for k, values in data.items()}
    kept.pop("csrfmiddlewaretoken", None)
    if (
        sum(len(k) + sum(len(v) for v in values) for k, values in kept.items())
        > DRAFT_DATA_MAX_CHARS
    ):
        raise ServiceError(ERROR_DRAFT_TOO_BIG)
    with transaction.atomic():
        referral = referral_draft(actor=actor, referral_id=referral_id, purpose="save draft")
        referral.draft_data = kept
        referral.draft_saved_at = timezone.now()
        referral.save(update_fields=["draft_data", "draft_saved_at", "updated_at"])
    return referral


def referral_discard(*, actor: User, referral_id: object) -> None:
    """Throw away a draft the referrer no longer needs (a sent referral can't be)."""
    with transaction.atomic():
        referral = referral_draft(actor=actor, referral_id=referral_id, purpose="discard draft")
        for attachment in referral.attachments.all():
            attachment.file.delete(save=False)
        audit_record(actor=actor, action="discard", object_type="referral", object_id=referral.pk)
        referral.delete()


def referral_attach(
    *, actor: User, referral_id: object, upload: UploadedFile
) -> ReferralAttachment:
    """Attach a file to a draft, after checking its size and what it really is."""
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(ERROR_FILE_SIZE, field="attachments")
    content = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ServiceError(ERROR_FILE_SIZE, field="attachments")
    if not content:
        raise ServiceError(ERROR_FILE_EMPTY, field="attachments")
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    content_type = attachment_type(name, content)
    if content_type is None:
        raise ServiceError(ERROR_FILE_TYPE, field="attachments")
    upload.seek(0)
    with transaction.atomic():
        referral = referral_draft(actor=actor, referral_id=referral_id, purpose="attach file")
        if referral.attachments.count() >= MAX_ATTACHMENTS:
            raise ServiceError(ERROR_TOO_MANY_FILES, field="attachments")
        attachment = ReferralAttachment(
            referral=referral,
            name=name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
        )
        attachment.file.save(f"{referral.pk}-{attachment.sha256[:16]}", upload, save=False)
        attachment.save()
    return attachment


def referral_attachment_remove(*, actor: User, referral_id: object, attachment_id: object) -> None:
    """Take a file off a draft."""
    with transaction.atomic():
        referral = referral_draft(actor=actor, referral_id=referral_id, purpose="remove file")
        attachment = referral.attachments.filter(pk=parse_id(attachment_id)).first()
        if attachment is None:
            raise NotFound
        attachment.file.delete(save=False)
        attachment.delete()


@dataclass(frozen=True)
class SubjectAnswers:
    """One person the referral is about, as the referrer can describe them."""

    given_name: str = ""
    family_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    age_estimate: int | None = None
    gender: str = ""
    postcode: str = ""
    description: str = ""
    person_id: int | None = None  # a record the referrer can see and knows is them


@dataclass(frozen=True)
class ReferralAnswers:
    """A referral's checked answers, ready to send."""

    area_id: int
    subjects: tuple[SubjectAnswers, ...]
    exploitation_types: tuple[str, ...]
    what_happened: str
    happened_on: date
    place: str = ""
    happened_time: str = ""
    persons_words: str = ""
    person_knows: str = ""
    family_knows: str = ""
    awareness_detail: str = ""
    consent: str = ""
    consent_detail: str = ""
    capacity: str = ""
    capacity_detail: str = ""
    lawful_basis: str = ""


def _check(actor: User, answers: ReferralAnswers) -> None:
    """The rules a referral must meet to be sent; the first broken one is named."""
    if not answers.subjects:
        raise ServiceError(ERROR_NO_SUBJECT)
    for index, subject in enumerate(answers.subjects):
        prefix = f"subject-{index}-"
        if not (
            subject.given_name.strip() or subject.family_name.strip() or subject.description.strip()
        ):
            raise ServiceError(ERROR_SUBJECT_WHO, field=prefix + "given_name")
        problem = check_date_of_birth(subject.date_of_birth)
        if problem:
            raise ServiceError(problem, field=prefix + "date_of_birth")
        if subject.postcode.strip() and normalise_postcode(subject.postcode) is None:
            raise ServiceError(ERROR_POSTCODE, field=prefix + "postcode")
        if subject.person_id is not None and not (
            scoped(actor, Permission.PERSON_VIEW, Person.objects.filter(pk=subject.person_id))
            .filter(merged_into__isnull=True)
            .exists()
        ):
            raise ServiceError(ERROR_PERSON_REFERENCE, field=prefix + "person_reference")
    allowed = {t.code for t in exploitation_types().current()}
    if not answers.exploitation_types or not set(answers.exploitation_types) <= allowed:
        raise ServiceError(ERROR_TYPES, field="exploitation_types")
    if not answers.what_happened.strip():
        raise ServiceError(ERROR_WHAT_HAPPENED, field="what_happened")
    if answers.happened_on > timezone.localdate():
        raise ServiceError(ERROR_HAPPENED_FUTURE, field="happened_on")
    if answers.lawful_basis not in {b.code for b in lawful_bases().bases}:
        raise ServiceError(ERROR_LAWFUL_BASIS, field="lawful_basis")
    if answers.consent not in Referral.Consent.values:
        raise ServiceError(ERROR_CONSENT, field="consent")
    if answers.consent == Referral.Consent.NOT_SOUGHT and not answers.consent_detail.strip():
        raise ServiceError(ERROR_CONSENT_DETAIL, field="consent_detail")
    if not Area.objects.filter(pk=answers.area_id, in_region=True).exists():
        raise ServiceError(ERROR_AREA, field="area")


def start_clock(referral: Referral, received_at: datetime) -> None:
    """Set the hub's deadline from the timescale the triage definitions name (derived)."""
    definitions = timescales_definition()
    timescale = definitions.get(triage_definition().timescale)
    due = timescale.due(received_at)
    referral.received_at = received_at
    referral.due_at = due
    referral.amber_at = timescale.amber_at(received_at, due)
    referral.timescales_version = definitions.version


def referral_submit(*, actor: User, referral_id: object, answers: ReferralAnswers) -> Referral:
    """Send a draft to the hub. Sending twice sends once: the second call finds it sent."""
    _check(actor, answers)
    with transaction.atomic():
        referral = access_object(
            actor=actor,
            permission=Permission.REFERRAL_VIEW,
            queryset=Referral.objects.select_for_update(),
            id=referral_id,
            purpose="send referral",
            action="update",
        )
        if referral.referrer_id != actor.pk:
            raise NotFound
        if referral.status != Referral.Status.DRAFT:
            return referral  # already sent (a double click): one referral
        for name in (
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
        ):
            value = getattr(answers, name)
            setattr(referral, name, list(value) if isinstance(value, tuple) else value)
        referral.area_id = answers.area_id
        referral.status = Referral.Status.WITH_HUB
        referral.stage = Referral.Stage.RECEIVED
        referral.definitions_used = definitions_label()
        referral.draft_data = {}
        start_clock(referral, timezone.now())
        referral.save()
        for index, s in enumerate(answers.subjects):
            ReferralSubject.objects.create(
                referral=referral,
                position=index,
                given_name=s.given_name.strip()[:100],
                family_name=s.family_name.strip()[:100],
                other_names=s.other_names.strip()[:300],
                date_of_birth=s.date_of_birth,
                age_estimate=s.age_estimate,
                gender=s.gender,
                postcode=normalise_postcode(s.postcode) or "",
                description=s.description.strip(),
                person_id=s.person_id,
                linked_by=actor if s.person_id else None,
                linked_at=referral.received_at if s.person_id else None,
            )
        for subject in referral.subjects.filter(person__isnull=False).select_related("person"):
            record_referral_received(actor=actor, subject=subject)
        open_decision_deadline(referral)
    return referral


def open_decision_deadline(referral: Referral) -> None:
    """The hub's decision deadline, from the definitions, from when the referral arrived."""
    deadline_open(
        event="referral_received",
        key=f"referral:{referral.pk}",
        reference=referral.reference,
        area_id=referral.area_id,
        source_type="referral",
        source_id=referral.pk,
        start=referral.received_at,
    )
