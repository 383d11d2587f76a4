"""One chronology (design.md §3.9): every significant event about a person, from every app.

Apps record events with `chronology_record`; the person's timeline, alerts and insights all
read this one stream. Each event says who may see it: everyone who may see the person, the
area's hub (its working notes), or only the agency that recorded it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from .access import Permission, Scope, grants_of
from .models import ChronologyEvent

if TYPE_CHECKING:
    from hub.organisations.models import User

Visibility = ChronologyEvent.Visibility

# What each kind of event is called on screen; apps register theirs as they arrive.
EVENT_KINDS: dict[str, str] = {}


def register_event_kind(kind: str, label: str) -> None:
    """Name a kind of event for timelines and their filters."""
    EVENT_KINDS[kind] = label


def event_kind_label(kind: str) -> str:
    return EVENT_KINDS.get(kind, kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class EventInput:
    """What an app tells the chronology about something that happened."""

    subject_type: str
    subject_id: int
    kind: str
    occurred_at: datetime
    title: str
    summary: str = ""
    visibility: str = Visibility.PARTNERSHIP
    area_id: int | None = None
    agency_id: int | None = None
    source_type: str = ""
    source_id: int | None = None


def chronology_record(*, actor: User | None, event: EventInput) -> ChronologyEvent:
    """Append an event; called by the service that made it happen, in its transaction."""
    return ChronologyEvent.objects.create(
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        kind=event.kind,
        occurred_at=event.occurred_at,
        title=event.title,
        summary=event.summary,
        visibility=event.visibility,
        area_id=event.area_id,
        agency_id=event.agency_id,
        source_type=event.source_type,
        source_id=event.source_id,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )


def visible_events_filter(actor: User) -> Q:
    """Which events the actor may read, once the subject itself is known to be in scope."""
    reach = Q(visibility=Visibility.PARTNERSHIP)
    agencies = {grant.agency_id for grant in grants_of(actor)}
    reach |= Q(visibility=Visibility.RECORDING_AGENCY, agency_id__in=agencies)
    for grant in grants_of(actor):
        if grant.permission != Permission.HUB_NOTES_VIEW:
            continue
        if grant.scope == Scope.PARTNERSHIP:
            return reach | Q(visibility=Visibility.HUB)
        if grant.scope == Scope.AREA:
            reach |= Q(visibility=Visibility.HUB, area_id=grant.area_id)
    return reach


def _subject_events(
    subject_type: str, subject_ids: Sequence[int]
) -> models.QuerySet[ChronologyEvent]:
    return ChronologyEvent.objects.filter(subject_type=subject_type, subject_id__in=subject_ids)


def events_for(
    *,
    actor: User,
    subject_type: str,
    subject_ids: Sequence[int],
    kinds: list[str] | None = None,
    agency_id: int | None = None,
) -> models.QuerySet[ChronologyEvent]:
    """A subject's events the actor may read, oldest first (`subject_ids`: the subject and
    any records merged into it). The caller has already read the subject through its
    access_* path (so scope is checked and the read audited)."""
    events = _subject_events(subject_type, subject_ids)
    events = events.filter(visible_events_filter(actor))
    if kinds:
        events = events.filter(kind__in=kinds)
    if agency_id is not None:
        events = events.filter(agency_id=agency_id)
    return events.select_related("agency", "recorded_by").order_by("occurred_at", "pk")


def event_filters_for(
    *, actor: User, subject_type: str, subject_ids: Sequence[int]
) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """The kinds and agencies among the events the actor may read, for the timeline's filters."""
    events = _subject_events(subject_type, subject_ids)
    events = events.filter(visible_events_filter(actor))
    kinds = sorted({k for k in events.values_list("kind", flat=True)}, key=event_kind_label)
    agencies = sorted(
        {(pk, name) for pk, name in events.values_list("agency_id", "agency__name") if pk},
        key=lambda pair: pair[1],
    )
    return [(kind, event_kind_label(kind)) for kind in kinds], agencies
