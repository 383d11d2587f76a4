"""Missing episodes: reported with the police grade and the responsible area; found, with the
area from the postcode, the cross-border alert and grant, and the return home interview's
deadline; repeat missing; placements; moves of persons of concern."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from hub.alerts.models import Alert, Deadline
from hub.alerts.services import alert_acknowledge
from hub.cases.services import case_open
from hub.missing.models import MissingEpisode
from hub.missing.selectors import access_episode
from hub.missing.services.episodes import (
    ERROR_ALREADY_FOUND,
    ERROR_ALREADY_MISSING,
    ERROR_FOUND_WHERE,
    ERROR_GRADE,
    ERROR_LAST_SEEN,
    ERROR_REPORTED_FUTURE,
    EpisodeFound,
    episode_found,
)
from hub.missing.services.placements import (
    ERROR_NOT_A_CHILD,
    ERROR_POSTCODE_FORMAT,
    ERROR_POSTCODE_UNKNOWN,
    placement_add,
)
from hub.people.selectors import access_person
from hub.people.services import AddressInput, address_add
from hub.platform.access import NotFound
from hub.platform.models import ChronologyEvent
from hub.platform.services import ServiceError

from .conftest import CANNOCK_POSTCODE, DUDLEY_POSTCODE, WALSALL_POSTCODE, ago, find, report

pytestmark = pytest.mark.django_db


def test_a_looked_after_child_is_the_placing_areas_responsibility(placed):
    episode = report(placed.walsall_social_worker, placed.child, police_reference="WMP-123")
    assert episode.responsible_area == placed.walsall  # placed by Walsall, lives in Dudley
    assert episode.grade_title == "High risk" and episode.found_at is None
    event = ChronologyEvent.objects.get(source_type="missing_episode", source_id=episode.pk)
    assert event.subject_id == placed.child.pk and "missing from care" in event.title


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"risk_grade": "purple"}, ERROR_GRADE, "risk_grade"),
        ({"reported_at": timezone.now() + dt.timedelta(hours=1)}, ERROR_REPORTED_FUTURE, None),
        ({"last_seen_at": timezone.now()}, ERROR_LAST_SEEN, "last_seen_at"),
    ],
)
def test_a_bad_report_is_refused_naming_the_field(placed, given, message, field):
    with pytest.raises(ServiceError) as refused:
        report(placed.walsall_social_worker, placed.child, **given)
    assert refused.value.message == message
    assert refused.value.field == (field or "reported_at")
    assert not MissingEpisode.objects.exists()


def test_one_episode_at_a_time(placed):
    report(placed.walsall_social_worker, placed.child)
    with pytest.raises(ServiceError) as refused:
        report(placed.walsall_social_worker, placed.child, hours_ago=1)
    assert refused.value.message.startswith(ERROR_ALREADY_MISSING.split("{")[0])


def test_found_in_another_area_alerts_its_hub_with_a_time_limited_grant(placed):
    bham = placed.world
    episode = report(placed.walsall_hub_practitioner, placed.child)
    with pytest.raises(NotFound):
        access_person(actor=bham.bham_hub_practitioner, id=placed.child.pk, purpose="test")
    find(placed.walsall_hub_practitioner, episode)
    episode.refresh_from_db()
    assert episode.found_area == bham.birmingham and episode.found_out_of_area
    alert = Alert.objects.get(kind=Alert.Kind.CROSS_BORDER, area=bham.birmingham)
    assert alert.team == bham.bham_hub and alert.from_area == placed.walsall
    assert alert.person == placed.child and alert.title == "Jayden Price: Found in Birmingham"
    assert "Looked-after child" in alert.summary and "Walsall's hub" in alert.summary
    assert abs(alert.grant_until - alert.created_at - dt.timedelta(hours=72)).total_seconds() < 5
    # Birmingham's hub may now open the child's record and the episode, and no more
    access_person(actor=bham.bham_hub_practitioner, id=placed.child.pk, purpose="alert")
    access_episode(actor=bham.bham_hub_practitioner, episode_id=episode.pk, purpose="alert")
    Alert.objects.filter(pk=alert.pk).update(grant_until=ago(minutes=1))
    with pytest.raises(NotFound):
        access_person(actor=bham.bham_hub_practitioner, id=placed.child.pk, purpose="late")
    with pytest.raises(NotFound):
        access_episode(actor=bham.bham_hub_practitioner, episode_id=episode.pk, purpose="late")


def test_the_alert_is_written_in_the_same_transaction_as_the_finding(placed):
    """If recording the finding fails after the alert was written, neither is kept."""
    episode = report(placed.walsall_hub_practitioner, placed.child)
    to_birmingham = Alert.objects.filter(kind=Alert.Kind.CROSS_BORDER, area=placed.world.birmingham)

    class Failed(Exception):
        pass

    with pytest.raises(Failed), transaction.atomic():
        find(placed.walsall_hub_practitioner, episode)
        assert to_birmingham.exists()
        assert Deadline.objects.filter(timescale="return_home_interview").exists()
        raise Failed
    episode.refresh_from_db()
    assert episode.found_at is None
    assert not to_birmingham.exists()
    assert not Deadline.objects.filter(timescale="return_home_interview").exists()


def test_the_sending_area_sees_the_acknowledgement(placed):
    from hub.alerts.selectors import alerts_sent

    episode = report(placed.walsall_hub_practitioner, placed.child)
    find(placed.walsall_hub_practitioner, episode)
    alert = Alert.objects.get(kind=Alert.Kind.CROSS_BORDER, area=placed.world.birmingham)
    alert_acknowledge(actor=placed.world.bham_hub_practitioner, alert_id=alert.pk)
    [sent] = [a for a in alerts_sent(actor=placed.walsall_hub_practitioner) if a.pk == alert.pk]
    assert sent.acknowledged_by == placed.world.bham_hub_practitioner


def test_found_at_home_or_where_placed_is_not_out_of_area(placed):
    for postcode in (WALSALL_POSTCODE, DUDLEY_POSTCODE):
        episode = report(placed.walsall_hub_practitioner, placed.child, hours_ago=3)
        find(placed.walsall_hub_practitioner, episode, postcode=postcode, hours_ago=2)
        episode.refresh_from_db()
        assert not episode.found_out_of_area
    assert (
        not Alert.objects.filter(kind=Alert.Kind.CROSS_BORDER)
        .exclude(
            area=placed.dudley  # the placement's own alert
        )
        .exists()
    )


def test_a_childs_return_opens_the_interview_deadline_for_the_responsible_hub(placed):
    episode = report(placed.walsall_hub_practitioner, placed.child)
    find(placed.walsall_hub_practitioner, episode, hours_ago=2)
    episode.refresh_from_db()
    deadline = Deadline.objects.get(key=f"missing:{episode.pk}")
    assert deadline.team == placed.walsall_hub and deadline.person == placed.child
    assert deadline.due_at - episode.found_at == dt.timedelta(hours=72)
    assert deadline.timescale == "return_home_interview"
    assert deadline.title == f"Return home interview: {episode.reference} (Jayden Price)"


def test_an_adults_return_opens_no_interview_deadline(placed):
    adult = placed.world.bham_person
    adult.date_of_birth = dt.date(1990, 1, 1)
    adult.save()
    episode = report(placed.world.bham_hub_practitioner, adult, missing_from="home")
    find(placed.world.bham_hub_practitioner, episode)
    assert not Deadline.objects.filter(key=f"missing:{episode.pk}").exists()


def test_found_outside_the_region_is_a_notification_for_the_responsible_hub_to_send(placed):
    episode = report(placed.walsall_hub_practitioner, placed.child)
    find(placed.walsall_hub_practitioner, episode, postcode=CANNOCK_POSTCODE)
    alert = Alert.objects.get(kind=Alert.Kind.NOTIFY_OUTSIDE)
    assert alert.team == placed.walsall_hub and alert.grant_until is None
    assert alert.contact.startswith("Staffordshire County Council: ")
    told = alert_acknowledge(actor=placed.walsall_hub_practitioner, alert_id=alert.pk)
    assert told.notified_at == told.acknowledged_at


@pytest.mark.parametrize(
    ("found", "message", "field"),
    [
        ({"found_at": ago(hours=9), "found_place": "Home"}, "The time found must be", "found_at"),
        ({"found_at": ago(hours=1), "found_postcode": "not a postcode"}, "Enter a real", None),
        ({"found_at": ago(hours=1)}, ERROR_FOUND_WHERE, "found_postcode"),
        ({"found_at": ago(minutes=-30), "found_place": "Home"}, "cannot be in the future", None),
    ],
)
def test_a_bad_found_record_is_refused_and_nothing_changes(placed, found, message, field):
    episode = report(placed.walsall_hub_practitioner, placed.child, hours_ago=5)
    with pytest.raises(ServiceError) as refused:
        episode_found(
            actor=placed.walsall_hub_practitioner,
            episode_id=episode.pk,
            found=EpisodeFound(**found),
        )
    assert message in refused.value.message
    if field:
        assert refused.value.field == field
    episode.refresh_from_db()
    assert episode.found_at is None
    assert not Deadline.objects.filter(key=f"missing:{episode.pk}").exists()


def test_found_once(placed):
    episode = report(placed.walsall_hub_practitioner, placed.child)
    find(placed.walsall_hub_practitioner, episode)
    with pytest.raises(ServiceError, match=ERROR_ALREADY_FOUND):
        find(placed.walsall_hub_practitioner, episode)


def test_the_database_refuses_a_found_time_before_the_report(placed):
    from django.db import IntegrityError, transaction

    episode = report(placed.walsall_hub_practitioner, placed.child)
    with pytest.raises(IntegrityError), transaction.atomic():
        MissingEpisode.objects.filter(pk=episode.pk).update(found_at=ago(days=3))


def test_three_times_in_thirty_days_alerts_the_responsible_hub_once(placed):
    actor = placed.walsall_hub_practitioner
    for days in (20, 10, 2, 1):
        episode = report(actor, placed.child, hours_ago=days * 24)
        find(actor, episode, postcode=DUDLEY_POSTCODE, hours_ago=days * 24 - 3)
    [alert] = Alert.objects.filter(kind=Alert.Kind.REPEAT_MISSING)
    assert alert.team == placed.walsall_hub
    assert alert.title == "Jayden Price: missing 3 times in 30 days"
    assert "strategy discussion" in alert.summary


def test_a_placement_in_another_area_tells_that_areas_hub(placed):
    alert = Alert.objects.get(kind=Alert.Kind.CROSS_BORDER, area=placed.dudley)
    assert alert.from_area == placed.walsall and alert.title == "Jayden Price: Placed in Dudley"
    assert alert.grant_until is not None
    access_person(actor=placed.dudley_hub_practitioner, id=placed.child.pk, purpose="placed")


@pytest.mark.parametrize(
    ("postcode", "message"),
    [("WS9 9WW", ERROR_POSTCODE_UNKNOWN), ("nonsense", ERROR_POSTCODE_FORMAT)],
)
def test_a_placement_needs_a_real_postcode(placed, postcode, message):
    with pytest.raises(ServiceError, match=message):
        placement_add(
            actor=placed.walsall_social_worker, person_id=placed.child.pk,
            placing_area_id=placed.walsall.pk, postcode=postcode, setting="foster",
            started_on=dt.date(2026, 7, 1),
        )  # fmt: skip


def test_placements_are_for_children(placed):
    adult = placed.world.bham_person
    adult.date_of_birth = dt.date(1990, 1, 1)
    adult.save()
    with pytest.raises(ServiceError, match=ERROR_NOT_A_CHILD):
        placement_add(
            actor=placed.world.bham_hub_practitioner, person_id=adult.pk,
            placing_area_id=placed.world.birmingham.pk, postcode=DUDLEY_POSTCODE,
            setting="foster", started_on=dt.date(2026, 7, 1),
        )  # fmt: skip


def test_a_person_of_concern_who_moves_is_announced_to_the_new_area(placed):
    bham = placed.world
    case_open(actor=bham.bham_hub_manager, person_ids=[bham.bham_person.pk])
    address_add(
        actor=bham.bham_hub_practitioner,
        person_id=bham.bham_person.pk,
        address=AddressInput(address_line="1 New Street", town="Coventry", postcode="CV1 5FB"),
    )
    alert = Alert.objects.get(kind=Alert.Kind.CROSS_BORDER, area=bham.coventry)
    assert alert.title == "Aaliyah Begum: Moved to Coventry" and alert.from_area == bham.birmingham
    assert alert.summary.startswith("Open case C")


def test_a_person_of_no_concern_moves_without_an_alert(placed):
    bham = placed.world
    address_add(
        actor=bham.bham_hub_practitioner,
        person_id=bham.bham_person.pk,
        address=AddressInput(address_line="1 New Street", town="Coventry", postcode="CV1 5FB"),
    )
    assert not Alert.objects.filter(area=bham.coventry).exists()


def test_someone_who_cannot_see_the_child_cannot_see_their_episodes(placed):
    episode = report(placed.walsall_hub_practitioner, placed.child)
    for outsider in (placed.world.bham_school_practitioner, placed.world.cov_hub_practitioner):
        with pytest.raises(NotFound):
            access_episode(actor=outsider, episode_id=episode.pk, purpose="test")
    access_episode(actor=placed.walsall_social_worker, episode_id=episode.pk, purpose="test")
