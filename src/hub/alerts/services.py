"""The deadline engine and alerts (design.md §3.10): events open deadlines from the timescale
definitions, in the caller's transaction; the event that meets a deadline closes it; `tick`
works out red, amber and green for every open deadline and raises each colour's alert once.
Alerts reach a worker or a team queue (and, where set up, an email that carries no personal
data), and are acknowledged."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hub.organisations.models import Membership, Team
from hub.platform.access import NotFound, parse_id
from hub.platform.audit import audit_record
from hub.platform.places import area_code_for_postcode
from hub.platform.services import ServiceError
from hub.platform.timescales import timescales_definition

from .models import Alert, Deadline
from .outside import outside_contacts
from .practice import Owner, deadline_rules

if TYPE_CHECKING:
    from hub.organisations.models import Area, User
    from hub.people.models import Person

ERROR_ACKNOWLEDGED = "This alert has already been acknowledged"


def hub_team(area_id: int) -> Team | None:
    """The exploitation hub team of an area."""
    return Team.objects.filter(area_id=area_id, is_hub=True).first()


class DeadlineOpening(TypedDict):
    """The keywords `deadline_open` takes: `deadlines_for`'s, bar `hubs`. It passes them on
    whole, and mypy checks they still match that signature (which checks them when called)."""

    event: str
    key: str
    reference: str
    area_id: int
    source_type: str
    source_id: int
    start: NotRequired[datetime | None]
    person_id: NotRequired[int | None]
    owner_id: NotRequired[int | None]


def deadline_open(**opening: Unpack[DeadlineOpening]) -> list[Deadline]:
    """Open the deadlines the definitions set for an event (none, one or several), in the
    caller's transaction. A person-owned rule with no person named falls to the area's hub."""
    return Deadline.objects.bulk_create(deadlines_for(**opening))


def deadlines_for(
    *,
    event: str,
    key: str,
    reference: str,
    area_id: int,
    source_type: str,
    source_id: int,
    start: datetime | None = None,
    person_id: int | None = None,
    owner_id: int | None = None,
    hubs: dict[int, int | None] | None = None,
) -> list[Deadline]:
    """The deadlines `deadline_open` opens for an event, not yet saved: for a caller that
    opens thousands at once (the demo region) with one bulk insert. `hubs`, given, remembers
    each area's hub team between calls, so the lookup is one query per area, not per event."""
    rules = deadline_rules()
    timescales = timescales_definition()
    start = start or timezone.now()
    made = []
    for rule in rules.for_event(event):
        timescale = timescales.get(rule.timescale)
        due = timescale.due(start)
        amber = timescale.amber_at(start, due)
        team = None
        owner = owner_id if rule.owner == Owner.PERSON else None
        if owner is None:
            if hubs is None or area_id not in hubs:
                hub = hub_team(area_id)
                team = hub.pk if hub else None
                if hubs is not None:
                    hubs[area_id] = team
            else:
                team = hubs[area_id]
        if owner is None and team is None:
            continue  # an area with no hub (outside the region) keeps no deadlines here
        made.append(
            Deadline(
                key=key[:100],
                event=event,
                timescale=timescale.code,
                definitions_version=f"deadlines v{rules.version}; timescales v{timescales.version}",
                title=rule.title.format(reference=reference)[:200],
                person_id=person_id,
                area_id=area_id,
                owner_id=owner,
                team_id=team,
                source_type=source_type,
                source_id=source_id,
                started_at=start,
                due_at=due,
                amber_at=amber,
            )
        )
    return made


def deadline_meet(*, event: str, key: str, at: datetime | None = None) -> int:
    """Close the open deadlines an event meets (those of rules `met_by` it, with this key)."""
    events = [rule.event for rule in deadline_rules().rules if rule.met_by == event]
    if not events:
        return 0
    return Deadline.objects.filter(
        key=key[:100], status=Deadline.Status.OPEN, event__in=events
    ).update(status=Deadline.Status.MET, met_at=at or timezone.now())


def deadline_cancel(*, key: str) -> int:
    """Close a key's open deadlines without meeting them (the record they belong to went)."""
    return Deadline.objects.filter(key=key[:100], status=Deadline.Status.OPEN).update(
        status=Deadline.Status.CANCELLED
    )


def alert_raise(
    *,
    kind: str,
    title: str,
    area_id: int,
    summary: str = "",
    person_id: int | None = None,
    user_id: int | None = None,
    team_id: int | None = None,
    from_area_id: int | None = None,
    source_type: str = "",
    source_id: int | None = None,
    url: str = "",
    grant_until: datetime | None = None,
    contact: str = "",
) -> Alert:
    """Raise one alert in the caller's transaction (an email follows once it commits)."""
    if user_id is None and team_id is None:
        hub = hub_team(area_id)
        if hub is None:
            raise ServiceError("There is no hub team in that area to alert")
        team_id = hub.pk
    alert = Alert.objects.create(
        kind=kind, title=title[:300], summary=summary, person_id=person_id, area_id=area_id,
        from_area_id=from_area_id, user_id=user_id, team_id=team_id, source_type=source_type,
        source_id=source_id, url=url[:200], created_at=timezone.now(), grant_until=grant_until,
        contact=contact[:300],
    )  # fmt: skip
    _email_after_commit([alert.pk])
    return alert


@dataclass(frozen=True)
class Arrival:
    """A person of concern arriving somewhere: found, placed or moved there."""

    person: Person
    to_area: Area
    from_area_id: int
    title: str  # "Found in Birmingham", "Placed in Dudley", "Moved to Walsall"
    summary: str  # minimal: enough to act on, never the case file
    postcode: str = ""
    source_type: str = ""
    source_id: int | None = None
    url: str = ""


def alert_cross_border(*, actor: User | None, arrival: Arrival) -> Alert | None:
    """Tell the receiving area's hub, in the caller's transaction, with a time-limited
    need-to-know grant to the person; for a place outside the region, a notification for the
    sending hub to send, with the receiving authority's contact. None when nothing crossed a
    border, or the receiving hub already holds a live grant for this person."""
    to_area, person = arrival.to_area, arrival.person
    if to_area.pk == arrival.from_area_id:
        return None
    now = timezone.now()
    hours = deadline_rules().alerts.cross_border_grant_hours
    if to_area.in_region:
        if Alert.objects.filter(
            kind=Alert.Kind.CROSS_BORDER, person=person, area=to_area, grant_until__gt=now
        ).exists():
            return None
        alert = alert_raise(
            kind=Alert.Kind.CROSS_BORDER, title=f"{person.full_name}: {arrival.title}",
            summary=arrival.summary, area_id=to_area.pk, from_area_id=arrival.from_area_id,
            person_id=person.pk, source_type=arrival.source_type, source_id=arrival.source_id,
            url=arrival.url, grant_until=now + timedelta(hours=hours),
        )  # fmt: skip
    else:
        code = area_code_for_postcode(arrival.postcode) if arrival.postcode else None
        alert = alert_raise(
            kind=Alert.Kind.NOTIFY_OUTSIDE,
            title=f"Tell the authority there: {person.full_name}: {arrival.title}",
            summary=arrival.summary, area_id=arrival.from_area_id,
            from_area_id=arrival.from_area_id, person_id=person.pk,
            source_type=arrival.source_type, source_id=arrival.source_id, url=arrival.url,
            contact=outside_contacts().contact_for(code),
        )  # fmt: skip
    audit_record(
        actor=actor,
        action="cross_border_alert",
        object_type="person",
        object_id=person.pk,
        detail={"alert": alert.pk, "kind": alert.kind, "to_area": to_area.pk},
    )
    return alert


def _recipients(alerts: Iterable[Alert]) -> dict[str, int]:
    """Email address -> how many new alerts, for the users and team members concerned."""
    from hub.organisations.models import User

    counts: dict[str, int] = defaultdict(int)
    teams: dict[int, int] = defaultdict(int)
    users: dict[int, int] = defaultdict(int)
    for alert in alerts:
        if alert.user_id:
            users[alert.user_id] += 1
        elif alert.team_id:
            teams[alert.team_id] += 1
    for team_id, count in teams.items():
        for user_id in Membership.objects.filter(team_id=team_id).values_list("user_id", flat=True):
            users[user_id] += count
    for user_id, email in (
        User.objects.filter(pk__in=users, is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    ):
        counts[email] += users[user_id]
    return counts


def alerts_email(alert_ids: list[int]) -> int:
    """Email the people these alerts reached how many new alerts they have (the alerts' own
    words stay in the service), once: alerts already emailed are left out. Returns how many
    emails were sent."""
    alerts = list(Alert.objects.filter(pk__in=alert_ids, emailed_at__isnull=True))
    link = settings.HUB_SITE_URL.rstrip("/") + reverse("alerts:list")
    messages = [
        (
            "New alerts in Exploitation Hub",
            # No names, no detail: an email can be read where the service cannot.
            f"You have {count} new alert{'s' if count != 1 else ''}. Sign in to see "
            f"{'them' if count != 1 else 'it'}: {link}",
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
        for email, count in _recipients(alerts).items()
    ]
    sent = send_mass_mail(messages, fail_silently=True)
    Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(emailed_at=timezone.now())
    return sent


def _emailing() -> bool:
    return bool(getattr(settings, "HUB_ALERT_EMAIL", False))


def _email_after_commit(alert_ids: list[int]) -> None:
    """Once the alerts are committed, a background task emails the people they reached."""
    if not alert_ids or not _emailing():
        return
    from .tasks import email_alerts

    transaction.on_commit(lambda: email_alerts.enqueue(alert_ids))


@dataclass(frozen=True)
class TickResult:
    """What one tick found and did."""

    open_deadlines: int
    turned_amber: int
    turned_red: int
    alerts: int
    seconds: float


def _alert_each(deadlines: QuerySet[Deadline], kind: str, now: datetime) -> int:
    """Raise one alert of `kind` for each deadline of the queryset, in one INSERT ... SELECT:
    no row comes to Python, which is what lets a tick turn tens of thousands at once. The
    unique (deadline, kind) constraint keeps each alert once. Returns how many were written."""
    label = "Due soon: " if kind == Alert.Kind.DUE_SOON else "Overdue: "
    chosen, chosen_params = deadlines.values("pk").query.sql_with_params()
    alert, deadline = Alert._meta.db_table, Deadline._meta.db_table
    columns = (
        "kind, title, summary, person_id, area_id, user_id, team_id, deadline_id, source_type, "
        "source_id, url, created_at, contact"
    )
    values = (
        "%s, %s || title, '', person_id, area_id, owner_id, team_id, id, 'deadline', id, '', %s, ''"
    )
    # Table names from the models, the subquery from the ORM; every value is a parameter.
    sql = f"INSERT INTO {alert} ({columns}) SELECT {values} FROM {deadline} WHERE id IN ({chosen})"  # noqa: S608
    sql += " ON CONFLICT DO NOTHING"
    created = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, label, created, *chosen_params])
        return max(cursor.rowcount, 0)


def tick(*, now: datetime | None = None) -> TickResult:
    """Work out every open deadline's colour at `now` (default: the time now), store it, and
    raise the alert of each change once (turning amber, turning red), all set-based."""
    started = time.perf_counter()
    now = now or timezone.now()
    settings_ = deadline_rules().alerts
    opened = Deadline.objects.filter(status=Deadline.Status.OPEN)
    to_red = opened.filter(due_at__lt=now, rag__in=[Deadline.Rag.GREEN, Deadline.Rag.AMBER])
    to_amber = opened.filter(amber_at__lte=now, due_at__gte=now, rag=Deadline.Rag.GREEN)
    alerts = 0
    with transaction.atomic():
        # The alerts first: they choose by the colour the deadlines have before the update.
        if settings_.when_red:
            alerts += _alert_each(to_red, Alert.Kind.OVERDUE, now)
        if settings_.when_amber:
            alerts += _alert_each(to_amber, Alert.Kind.DUE_SOON, now)
        turned_red = to_red.update(rag=Deadline.Rag.RED)
        turned_amber = to_amber.update(rag=Deadline.Rag.AMBER)
        # A deadline moved back in time (a clock set earlier): green again, no alert.
        opened.filter(amber_at__gt=now, rag__in=[Deadline.Rag.AMBER, Deadline.Rag.RED]).update(
            rag=Deadline.Rag.GREEN
        )
        if alerts and _emailing():
            fresh = Alert.objects.filter(created_at=now, source_type="deadline")
            _email_after_commit(list(fresh.values_list("pk", flat=True)))
        total = opened.count()
        audit_record(
            actor=None,
            action="tick",
            actor_label="hub tick",
            detail={
                "at": now.isoformat(),
                "amber": turned_amber,
                "red": turned_red,
                "alerts": alerts,
            },
        )
    return TickResult(
        open_deadlines=total,
        turned_amber=turned_amber,
        turned_red=turned_red,
        alerts=alerts,
        seconds=time.perf_counter() - started,
    )


def alert_acknowledge(*, actor: User, alert_id: object) -> Alert:
    """The recipient (or a member of the team it went to) has seen it and acts on it."""
    teams = Membership.objects.filter(user=actor).values("team_id")
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update()
            .filter(Q(user=actor) | Q(team_id__in=teams), pk=parse_id(alert_id))
            .first()
        )
        if alert is None:
            raise NotFound
        if alert.acknowledged_at is not None:
            raise ServiceError(ERROR_ACKNOWLEDGED)
        alert.acknowledged_at, alert.acknowledged_by = timezone.now(), actor
        if alert.kind == Alert.Kind.NOTIFY_OUTSIDE:  # acknowledging it says it was sent
            alert.notified_at = alert.acknowledged_at
        alert.save(update_fields=["acknowledged_at", "acknowledged_by", "notified_at"])
        audit_record(actor=actor, action="acknowledge", object_type="alert", object_id=alert.pk)
    return alert
