"""Writes of missing episodes: reported (the police grade, who is responsible), and found
(where, and so whether out of area; the cross-border alert, the return home interview's
deadline). Each write reads through the access layer, in one transaction with its audit, its
chronology events and the alerts it causes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub.alerts.models import Alert
from hub.alerts.services import Arrival, alert_cross_border, alert_raise, deadline_open, hub_team
from hub.missing.models import MissingEpisode
from hub.missing.practice import missing_practice
from hub.missing.selectors import current_placement
from hub.organisations.selectors import area_for_postcode
from hub.people.models import Person
from hub.people.services.records import clean_postcode
from hub.platform.access import Permission, access_object, require_permission
from hub.platform.chronology import EventInput, chronology_record, register_event_kind
from hub.platform.services import ServiceError

if TYPE_CHECKING:
    from hub.organisations.models import Area, User

register_event_kind("missing", "Missing episode")

ERROR_FROM = "Select where they went missing from"
ERROR_GRADE = "Select the police risk grade"
ERROR_REPORTED_FUTURE = "The time reported missing cannot be in the future"
ERROR_LAST_SEEN = "The time last seen must be before the time they were reported missing"
ERROR_ALREADY_MISSING = "They are already missing (reported {when}): record that they are found"
ERROR_FOUND_FUTURE = "The time found cannot be in the future"
ERROR_FOUND_BEFORE = "The time found must be after the time they were reported missing ({when})"
ERROR_ALREADY_FOUND = "They have already been recorded as found"
ERROR_RETURNED_HOW = "Select how they came back"
ERROR_FOUND_WHERE = "Enter the postcode or the place where they were found"


@dataclass(frozen=True)
class EpisodeReport:
    """What is known when a person is reported missing (Philomena part 2 at the episode)."""

    missing_from: str
    reported_at: datetime
    risk_grade: str
    police_reference: str = ""
    last_seen_at: datetime | None = None
    last_seen_place: str = ""
    clothing: str = ""


@dataclass(frozen=True)
class EpisodeFound:
    found_at: datetime
    found_postcode: str = ""
    found_place: str = ""
    found_with: str = ""
    returned_how: str = ""


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y, %H:%M}"


def responsible_area_id(person: Person) -> int:
    """The area responsible for the person: the placing authority of a looked-after child,
    else the area they live in."""
    placement = current_placement(person)
    return placement.placing_area_id if placement else person.home_area_id


def _check_report(report: EpisodeReport) -> None:
    if report.missing_from not in MissingEpisode.From.values:
        raise ServiceError(ERROR_FROM, field="missing_from")
    if missing_practice().grade(report.risk_grade) is None:
        raise ServiceError(ERROR_GRADE, field="risk_grade")
    if report.reported_at > timezone.now():
        raise ServiceError(ERROR_REPORTED_FUTURE, field="reported_at")
    if report.last_seen_at is not None and report.last_seen_at > report.reported_at:
        raise ServiceError(ERROR_LAST_SEEN, field="last_seen_at")


def _event(actor: User, episode: MissingEpisode, title: str, summary: str = "") -> None:
    chronology_record(
        actor=actor,
        event=EventInput(
            subject_type="person",
            subject_id=episode.person_id,
            kind="missing",
            occurred_at=timezone.now(),
            title=f"{episode.reference}: {title}",
            summary=summary,
            area_id=episode.responsible_area_id,
            source_type="missing_episode",
            source_id=episode.pk,
        ),
    )


def episode_report(*, actor: User, person_id: object, report: EpisodeReport) -> MissingEpisode:
    """Record that a person is missing; a repeat pattern alerts the responsible hub."""
    require_permission(actor, Permission.MISSING_RECORD)
    _check_report(report)
    with transaction.atomic():
        person = access_object(
            actor=actor,
            permission=Permission.PERSON_VIEW,
            queryset=Person.objects.select_for_update().filter(merged_into__isnull=True),
            id=person_id,
            purpose="report missing",
            action="update",
        )
        still_missing = MissingEpisode.objects.filter(person=person, found_at__isnull=True).first()
        if still_missing is not None:
            when = _when(still_missing.reported_at)
            raise ServiceError(ERROR_ALREADY_MISSING.format(when=when), field="reported_at")
        area_id = responsible_area_id(person)
        episode = MissingEpisode.objects.create(
            person=person, missing_from=report.missing_from, responsible_area_id=area_id,
            reported_at=report.reported_at, police_reference=report.police_reference.strip()[:40],
            risk_grade=report.risk_grade, last_seen_at=report.last_seen_at,
            last_seen_place=report.last_seen_place.strip()[:300],
            clothing=report.clothing.strip()[:300], recorded_by=actor,
        )  # fmt: skip
        _event(
            actor,
            episode,
            f"Reported missing from {episode.get_missing_from_display().lower()}",
            f"{episode.grade_title}; reported {_when(report.reported_at)}",
        )
        _repeat_alert(person, episode)
    return episode


def _repeat_alert(person: Person, episode: MissingEpisode) -> None:
    """A rule's pattern reached (3 times in 30 days, say): the responsible hub is alerted,
    once for each stretch of the rule's days."""
    if hub_team(episode.responsible_area_id) is None:
        return
    for rule in missing_practice().repeat_rules:
        since = episode.reported_at - timedelta(days=rule.days)
        count = MissingEpisode.objects.filter(person=person, reported_at__gt=since).count()
        if count < rule.episodes:
            continue
        already = Alert.objects.filter(
            kind=Alert.Kind.REPEAT_MISSING,
            person=person,
            area_id=episode.responsible_area_id,
            created_at__gt=timezone.now() - timedelta(days=rule.days),
        )
        if already.exists():
            continue
        alert_raise(
            kind=Alert.Kind.REPEAT_MISSING,
            title=f"{person.full_name}: missing {count} times in {rule.days} days",
            summary=rule.title,
            area_id=episode.responsible_area_id,
            person_id=person.pk,
            source_type="missing_episode",
            source_id=episode.pk,
            url=reverse("missing:detail", args=[episode.pk]),
        )


def episode_for(*, actor: User, episode_id: object, purpose: str) -> MissingEpisode:
    """An episode the actor may change, locked, and logged as a change."""
    return access_object(
        actor=actor,
        permission=Permission.MISSING_RECORD,
        queryset=MissingEpisode.objects.select_for_update().select_related("person"),
        id=episode_id,
        purpose=purpose,
        action="update",
    )


def _check_found(found: EpisodeFound) -> str:
    if found.found_at > timezone.now():
        raise ServiceError(ERROR_FOUND_FUTURE, field="found_at")
    if found.returned_how and found.returned_how not in MissingEpisode.Return.values:
        raise ServiceError(ERROR_RETURNED_HOW, field="returned_how")
    postcode = clean_postcode(found.found_postcode, field="found_postcode")
    if not postcode and not found.found_place.strip():
        raise ServiceError(ERROR_FOUND_WHERE, field="found_postcode")
    return postcode


def episode_found(*, actor: User, episode_id: object, found: EpisodeFound) -> MissingEpisode:
    """Record where and when they were found. Found in another area: that hub is alerted and
    may see the person for a while; a child's return home interview falls due."""
    postcode = _check_found(found)
    with transaction.atomic():
        episode = episode_for(actor=actor, episode_id=episode_id, purpose="record found")
        if episode.found_at is not None:
            raise ServiceError(ERROR_ALREADY_FOUND)
        if found.found_at < episode.reported_at:
            message = ERROR_FOUND_BEFORE.format(when=_when(episode.reported_at))
            raise ServiceError(message, field="found_at")
        person = episode.person
        area = area_for_postcode(postcode) if postcode else None
        episode.found_at = found.found_at
        episode.found_postcode = postcode
        episode.found_place = found.found_place.strip()[:300]
        episode.found_with = found.found_with.strip()[:2000]
        episode.returned_how = found.returned_how
        episode.found_area = area
        episode.found_out_of_area = area is not None and area.pk not in {
            episode.responsible_area_id,
            person.home_area_id,
        }
        episode.save()
        where = area.name if area else episode.found_place
        _event(
            actor,
            episode,
            f"Found{' out of area' if episode.found_out_of_area else ''} in {where}",
            f"Found {_when(found.found_at)}, after {episode.hours_missing} hours",
        )
        if episode.found_out_of_area and area is not None:
            _found_elsewhere(actor, episode, area, found.found_at)
        if person.is_child_on(timezone.localtime(found.found_at).date()):
            deadline_open(
                event="child_returned",
                key=f"missing:{episode.pk}",
                reference=f"{episode.reference} ({person.full_name})",
                area_id=episode.responsible_area_id,
                source_type="missing_episode",
                source_id=episode.pk,
                start=found.found_at,
                person_id=person.pk,
            )
    return episode


def _found_elsewhere(actor: User, episode: MissingEpisode, area: Area, found_at: datetime) -> None:
    person = episode.person
    today = timezone.localdate()
    age = person.age_on(today)
    who = "Child" if person.is_child_on(today) else "Person"
    if current_placement(person) is not None:
        who = "Looked-after child"
    summary = (
        f"{who}{f' ({age})' if age is not None else ''}, the responsibility of "
        f"{episode.responsible_area.name}: missing from "
        f"{episode.get_missing_from_display().lower()} "
        f"since {_when(episode.reported_at)} ({episode.grade_title.lower()}); "
        f"found {_when(found_at)} in {episode.found_place or episode.found_postcode}. "
        f"Contact {episode.responsible_area.name}'s hub."
    )
    alert_cross_border(
        actor=actor,
        arrival=Arrival(
            person=person,
            to_area=area,
            from_area_id=episode.responsible_area_id,
            title=f"Found in {area.name}" if area.in_region else "Found outside the region",
            summary=summary,
            postcode=episode.found_postcode,
            source_type="missing_episode",
            source_id=episode.pk,
            url=reverse("missing:detail", args=[episode.pk]),
        ),
    )
