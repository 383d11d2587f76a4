"""Reads of the missing app: one episode with what its page shows, a person's episodes, the
latest Philomena profile, who is missing now, and return home interview timeliness by area."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from hub.alerts.models import Deadline
from hub.organisations.models import Area
from hub.platform.access import (
    NotFound,
    Permission,
    access_object,
    permissions_reaching,
    scoped,
)
from hub.platform.files import attachment_type
from hub.platform.timescales import timescales_definition

from .models import MissingEpisode, PhilomenaProfile, Placement, ReturnInterview

if TYPE_CHECKING:
    from hub.organisations.models import User
    from hub.people.models import Person

RECENT_DAYS = 365


def access_episode(
    *, actor: User, episode_id: object, purpose: str, action: str = "view"
) -> MissingEpisode:
    """The one read path for an episode: in scope, audited, else NotFound."""
    return access_object(
        actor=actor,
        permission=Permission.MISSING_VIEW,
        queryset=MissingEpisode.objects.select_related(
            "person", "responsible_area", "found_area", "recorded_by"
        ),
        id=episode_id,
        purpose=purpose,
        action=action,
    )


@dataclass(frozen=True)
class EpisodePage:
    episode: MissingEpisode
    interview: ReturnInterview | None
    placement: Placement | None
    profile: PhilomenaProfile | None
    earlier: list[MissingEpisode]
    can_record: bool


def episode_page(*, actor: User, episode_id: object) -> EpisodePage:
    episode = access_episode(actor=actor, episode_id=episode_id, purpose="view missing episode")
    person = episode.person
    return EpisodePage(
        episode=episode,
        interview=ReturnInterview.objects.filter(episode=episode)
        .select_related("interviewer", "recorded_by")
        .first(),
        placement=current_placement(person),
        profile=latest_profile(person),
        earlier=list(
            MissingEpisode.objects.filter(person=person, reported_at__lt=episode.reported_at)
            .select_related("found_area")
            .order_by("-reported_at")[:10]
        ),
        can_record=Permission.MISSING_RECORD
        in permissions_reaching(actor, episode, [Permission.MISSING_RECORD]),
    )


def current_placement(person: Person) -> Placement | None:
    return (
        Placement.objects.filter(person=person, ended_on__isnull=True)
        .select_related("placing_area", "placed_in_area")
        .order_by("-started_on", "-pk")
        .first()
    )


def latest_profile(person: Person) -> PhilomenaProfile | None:
    return (
        PhilomenaProfile.objects.filter(person=person)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class PersonMissing:
    """The missing part of a person's record: episodes, placements, the profile."""

    episodes: list[MissingEpisode]
    placements: list[Placement]
    profile: PhilomenaProfile | None
    missing_now: MissingEpisode | None


def person_missing(*, actor: User, person: Person) -> PersonMissing:
    """A person's episodes and placements as far as the actor's grants reach (the person was
    read through its own access path)."""
    episodes = list(
        scoped(actor, Permission.MISSING_VIEW, MissingEpisode.objects.filter(person=person))
        .select_related("found_area", "responsible_area")
        .order_by("-reported_at")
    )
    placements = list(
        scoped(actor, Permission.MISSING_VIEW, Placement.objects.filter(person=person))
        .select_related("placing_area", "placed_in_area")
        .order_by("-started_on", "-pk")
    )
    profiles = scoped(
        actor, Permission.MISSING_VIEW, PhilomenaProfile.objects.filter(person=person)
    ).select_related("created_by")
    return PersonMissing(
        episodes=episodes,
        placements=placements,
        profile=profiles.order_by("-version").first(),
        missing_now=next((e for e in episodes if e.found_at is None), None),
    )


def profile_versions(*, actor: User, person: Person) -> list[PhilomenaProfile]:
    return list(
        scoped(actor, Permission.MISSING_VIEW, PhilomenaProfile.objects.filter(person=person))
        .select_related("created_by")
        .order_by("-version")
    )


def missing_now(*, actor: User) -> QuerySet[MissingEpisode]:
    """Everyone in the actor's reach who is missing now, the longest missing first."""
    return (
        scoped(actor, Permission.MISSING_VIEW, MissingEpisode.objects.filter(found_at__isnull=True))
        .select_related("person", "responsible_area")
        .order_by("reported_at")
    )


def missing_concern(person: Person) -> str | None:
    """Why a person who moves is of concern to the new area's hub: recent missing episodes."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    count = MissingEpisode.objects.filter(person=person, reported_at__gte=since).count()
    if not count:
        return None
    return f"Missing {count} time{'s' if count != 1 else ''} in the last 12 months"


@dataclass(frozen=True)
class Timeliness:
    """Return home interviews of children found in a period, by responsible area."""

    area: Area
    returned: int
    completed: int
    within: int  # completed within the timescale (72 hours)
    declined: int

    @property
    def within_share(self) -> float | None:
        return self.within / self.returned if self.returned else None


def interview_timeliness(*, actor: User, days: int = 90) -> list[Timeliness]:
    """For each area the actor sees, the children found in the last `days` (those whose return
    opened an interview deadline) and how many had their interview within the timescale."""
    hours = timescales_definition().get("return_home_interview").amount
    since = timezone.now() - timedelta(days=days)
    took = ExpressionWrapper(
        F("interview__completed_at") - F("found_at"), output_field=DurationField()
    )
    interview_due = Deadline.objects.filter(
        source_type="missing_episode", source_id=OuterRef("pk"), event="child_returned"
    )
    episodes = (
        scoped(actor, Permission.MISSING_VIEW, MissingEpisode.objects.all())
        .filter(Exists(interview_due), found_at__gte=since)
        .annotate(took=took)
        .values("responsible_area")
        .annotate(
            returned=Count("pk"),
            completed=Count("pk", filter=Q(interview__outcome=ReturnInterview.Outcome.COMPLETED)),
            within=Count(
                "pk",
                filter=Q(
                    interview__outcome=ReturnInterview.Outcome.COMPLETED,
                    took__lte=timedelta(hours=hours),
                ),
            ),
            declined=Count("pk", filter=Q(interview__outcome=ReturnInterview.Outcome.DECLINED)),
        )
    )
    areas = {a.pk: a for a in Area.objects.filter(in_region=True)}
    rows = [
        Timeliness(
            area=areas[row["responsible_area"]],
            returned=row["returned"],
            completed=row["completed"],
            within=row["within"],
            declined=row["declined"],
        )
        for row in episodes
        if row["responsible_area"] in areas
    ]
    return sorted(rows, key=lambda row: row.area.name)


def _photo_bytes(profile: PhilomenaProfile | None) -> tuple[bytes, str] | None:
    if profile is None or not profile.photo:
        return None
    with profile.photo.open("rb") as handle:
        content = handle.read()
    content_type = attachment_type(profile.photo.name or "", content)
    return (content, content_type) if content_type else None


def profile_photo(*, actor: User, person: Person) -> tuple[bytes, str]:
    """The latest profile's photo and its type (NotFound when there is none)."""
    found = _photo_bytes(person_missing(actor=actor, person=person).profile)
    if found is None:
        raise NotFound
    return found


def photo_data_uri(profile: PhilomenaProfile | None) -> str:
    """The photo inlined for a printed page ('' when there is none)."""
    found = _photo_bytes(profile)
    if found is None:
        return ""
    content, content_type = found
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"
