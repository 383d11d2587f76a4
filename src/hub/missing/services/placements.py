"""Writes of placements (where a looked-after child lives, and which authority placed them)
and Philomena profiles (what carers write down ahead, for the police, if the child goes
missing). A placement in another area tells that area's hub, as the regulations expect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub.alerts.services import Arrival, alert_cross_border
from hub.missing.models import PhilomenaProfile, Placement
from hub.missing.practice import missing_practice
from hub.organisations.models import Area
from hub.organisations.selectors import area_for_postcode
from hub.people.models import Person
from hub.platform.access import Permission, access_object, require_permission
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.files import attachment_type
from hub.platform.places import normalise_postcode
from hub.platform.services import Conflict, ServiceError
from hub.platform.timescales import add_months

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from hub.organisations.models import User

ERROR_PLACING_AREA = "Select the authority that placed the child"
ERROR_PLACEMENT_POSTCODE = "Enter the postcode of the placement"
ERROR_POSTCODE_FORMAT = "Enter a real postcode, like B1 1AA"
ERROR_POSTCODE_UNKNOWN = "We could not find that postcode: check it"
ERROR_SETTING = "Select the kind of placement"
ERROR_STARTED_FUTURE = "The placement's start cannot be in the future"
ERROR_NOT_A_CHILD = "Placements are for children: check their date of birth"
ERROR_DESCRIPTION = "Describe the child as the police would need to recognise them"
ERROR_PHOTO_TYPE = "The photo must be a JPEG or PNG image"
ERROR_PHOTO_SIZE = "The photo must be smaller than 5 MB"
ERROR_PROFILE_CHANGED = (
    "{who} saved a newer version of this profile at {when}: check it, then make your changes again"
)
MAX_PHOTO_BYTES = 5 * 1024 * 1024

register_event_kind("placement", "Placement")


def _person(actor: User, person_id: object, purpose: str) -> Person:
    require_permission(actor, Permission.MISSING_RECORD)
    return access_object(
        actor=actor,
        permission=Permission.PERSON_VIEW,
        queryset=Person.objects.select_for_update().filter(merged_into__isnull=True),
        id=person_id,
        purpose=purpose,
        action="update",
    )


def placement_add(
    *,
    actor: User,
    person_id: object,
    placing_area_id: object,
    postcode: str,
    setting: str,
    started_on: date,
) -> Placement:
    """Record a child's new placement (ending the one before); placed in another area, that
    area's hub is told and may see the child for a while."""
    placing = None
    if str(placing_area_id or "").isdigit():
        placing = Area.objects.filter(pk=int(str(placing_area_id)), in_region=True).first()
    if placing is None:
        raise ServiceError(ERROR_PLACING_AREA, field="placing_area")
    if not postcode.strip():
        raise ServiceError(ERROR_PLACEMENT_POSTCODE, field="postcode")
    clean = normalise_postcode(postcode)
    if clean is None:
        raise ServiceError(ERROR_POSTCODE_FORMAT, field="postcode")
    placed_in = area_for_postcode(clean)
    if placed_in is None:
        raise ServiceError(ERROR_POSTCODE_UNKNOWN, field="postcode")
    if setting not in Placement.Setting.values:
        raise ServiceError(ERROR_SETTING, field="setting")
    if started_on > timezone.localdate():
        raise ServiceError(ERROR_STARTED_FUTURE, field="started_on")
    with transaction.atomic():
        person = _person(actor, person_id, "record placement")
        if person.is_child_on(started_on) is False:
            raise ServiceError(ERROR_NOT_A_CHILD, field="started_on")
        Placement.objects.filter(person=person, ended_on__isnull=True).update(ended_on=started_on)
        placement = Placement.objects.create(
            person=person, placing_area=placing, placed_in_area=placed_in, postcode=clean,
            setting=setting, started_on=started_on, recorded_by=actor,
        )  # fmt: skip
        where = placed_in.name if placed_in.in_region else "outside the region"
        setting_title = placement.get_setting_display().lower()
        chronology_record(
            actor=actor,
            event=EventInput(
                subject_type="person", subject_id=person.pk, kind="placement",
                occurred_at=timezone.now(),
                title=f"Placed by {placing.name} in {where} ({setting_title})",
                area_id=placing.pk, source_type="placement", source_id=placement.pk,
            ),
        )  # fmt: skip
        alert_cross_border(
            actor=actor,
            arrival=Arrival(
                person=person,
                to_area=placed_in,
                from_area_id=placing.pk,
                title=f"Placed in {where}",
                summary=(
                    f"Looked-after child of {placing.name}, placed from {started_on:%-d %B %Y} "
                    f"({setting_title}). Contact {placing.name}'s hub."
                ),
                postcode=clean,
                source_type="placement",
                source_id=placement.pk,
                url=reverse("people:detail", args=[person.pk]),
            ),
        )
    return placement


@dataclass(frozen=True)
class ProfileInput:
    """Philomena part 1: what the police need at once if the child goes missing."""

    description: str
    associates: str = ""
    places: str = ""
    phones: str = ""
    social_media: str = ""
    medical: str = ""
    other: str = ""


def _photo(upload: UploadedFile) -> ContentFile:
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ServiceError(ERROR_PHOTO_SIZE, field="photo")
    content = upload.read(MAX_PHOTO_BYTES + 1)
    if len(content) > MAX_PHOTO_BYTES:
        raise ServiceError(ERROR_PHOTO_SIZE, field="photo")
    name = (upload.name or "photo").replace("\\", "/").rsplit("/", 1)[-1][:100]
    if attachment_type(name, content) not in {"image/jpeg", "image/png"}:
        raise ServiceError(ERROR_PHOTO_TYPE, field="photo")
    return ContentFile(content, name=name)


def philomena_save(
    *,
    actor: User,
    person_id: object,
    profile: ProfileInput,
    based_on: int | None,
    photo: UploadedFile | None = None,
) -> PhilomenaProfile:
    """Save a new version of the child's profile (the photo carries over unless replaced);
    `based_on` is the version the carer started from, so a newer one is never overwritten."""
    description = profile.description.strip()
    if not description:
        raise ServiceError(ERROR_DESCRIPTION, field="description")
    picture = _photo(photo) if photo is not None else None
    with transaction.atomic():
        person = _person(actor, person_id, "update Philomena profile")
        latest = PhilomenaProfile.objects.filter(person=person).order_by("-version").first()
        if latest is not None and latest.version != based_on:
            when = f"{timezone.localtime(latest.created_at):%-d %b %Y, %H:%M}"
            raise Conflict(ERROR_PROFILE_CHANGED.format(who=latest.created_by, when=when))
        now = timezone.now()
        saved = PhilomenaProfile(
            person=person, version=(latest.version + 1) if latest else 1,
            description=description[:5000], associates=profile.associates.strip()[:5000],
            places=profile.places.strip()[:5000], phones=profile.phones.strip()[:2000],
            social_media=profile.social_media.strip()[:2000],
            medical=profile.medical.strip()[:5000], other=profile.other.strip()[:5000],
            review_on=add_months(timezone.localdate(), missing_practice().philomena_review_months),
            created_by=actor, created_at=now,
        )  # fmt: skip
        if picture is not None:
            saved.photo.save(picture.name or "photo", picture, save=False)
        elif latest is not None:
            saved.photo = latest.photo
        saved.save()
    return saved
