"""Return home interviews (done independently of the carer, within 72 hours, what was
learned becoming the child's voice and chronology) and Philomena profiles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.alerts.models import Deadline
from hub.cases.models import VoiceRecord
from hub.missing.models import PhilomenaProfile, ReturnInterview
from hub.missing.selectors import interview_timeliness
from hub.missing.services.interviews import (
    ERROR_DONE,
    ERROR_INDEPENDENT,
    ERROR_NOT_FOUND_YET,
    ERROR_OFFERED_BEFORE_FOUND,
    InterviewRecord,
    interview_record,
)
from hub.missing.services.placements import ERROR_PHOTO_TYPE, ProfileInput, philomena_save
from hub.platform.models import ChronologyEvent
from hub.platform.services import Conflict, ServiceError

from .conftest import ago, find, report

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _returned(placed, hours_ago: float = 30):
    episode = report(placed.walsall_hub_practitioner, placed.child, hours_ago=hours_ago + 5)
    return find(placed.walsall_hub_practitioner, episode, hours_ago=hours_ago)


def _done(placed, episode, **given):
    data = {
        "outcome": "completed", "offered_at": episode.found_at + dt.timedelta(hours=2),
        "completed_at": episode.found_at + dt.timedelta(hours=20),
        "independent_of_carer": True,
        "in_their_words": "I went to see my brother. I didn't want to go back to the home.",
        "push_factors": "Arguments with staff", "pull_factors": "Older friends with a car",
        "places": "A flat near the coach station", "associates": "'Dee', about 20",
    }  # fmt: skip
    data.update(given)
    return interview_record(
        actor=placed.walsall_hub_practitioner, episode_id=episode.pk, record=InterviewRecord(**data)
    )


def test_a_completed_interview_meets_the_deadline_and_keeps_what_was_learned(placed):
    episode = _returned(placed)
    interview = _done(placed, episode)
    assert interview.interviewer == placed.walsall_hub_practitioner
    deadline = Deadline.objects.get(key=f"missing:{episode.pk}")
    assert deadline.status == Deadline.Status.MET and deadline.met_at == interview.completed_at
    voice = VoiceRecord.objects.get(person=placed.child)
    assert voice.context == VoiceRecord.Context.RETURN_HOME_INTERVIEW
    assert voice.words.startswith("I went to see my brother")
    event = ChronologyEvent.objects.get(kind="return_interview", subject_id=placed.child.pk)
    assert "20 hours after their return" in event.title
    assert "What pulled them: Older friends with a car" in event.summary


def test_the_interviewer_must_be_independent_of_the_carer(placed):
    episode = _returned(placed)
    with pytest.raises(ServiceError) as refused:
        _done(placed, episode, independent_of_carer=False)
    assert (refused.value.message, refused.value.field) == (
        ERROR_INDEPENDENT,
        "independent_of_carer",
    )
    assert not ReturnInterview.objects.exists()
    assert Deadline.objects.get(key=f"missing:{episode.pk}").status == Deadline.Status.OPEN


def test_no_interview_before_they_are_found_or_offered_before_it(placed):
    missing = report(placed.walsall_hub_practitioner, placed.child)
    with pytest.raises(ServiceError, match=ERROR_NOT_FOUND_YET):
        interview_record(
            actor=placed.walsall_hub_practitioner, episode_id=missing.pk,
            record=InterviewRecord(outcome="offered", offered_at=ago(hours=1)),
        )  # fmt: skip
    episode = find(placed.walsall_hub_practitioner, missing, hours_ago=2)
    with pytest.raises(ServiceError) as refused:
        _done(
            placed, episode, offered_at=episode.found_at - dt.timedelta(hours=1),
            completed_at=ago(minutes=5),
        )  # fmt: skip
    assert refused.value.message.startswith(ERROR_OFFERED_BEFORE_FOUND.split("(")[0])


def test_an_offer_may_be_completed_later_but_a_finished_one_is_final(placed):
    episode = _returned(placed)
    offered = episode.found_at + dt.timedelta(hours=1)
    interview_record(
        actor=placed.walsall_hub_practitioner, episode_id=episode.pk,
        record=InterviewRecord(outcome="offered", offered_at=offered),
    )  # fmt: skip
    assert Deadline.objects.get(key=f"missing:{episode.pk}").status == Deadline.Status.OPEN
    _done(placed, episode, offered_at=offered)
    with pytest.raises(ServiceError, match=ERROR_DONE.format(outcome="completed")):
        _done(placed, episode, offered_at=offered)
    assert ReturnInterview.objects.count() == 1


def test_a_declined_interview_meets_the_deadline_and_is_on_the_chronology(placed):
    episode = _returned(placed)
    interview_record(
        actor=placed.walsall_hub_practitioner, episode_id=episode.pk,
        record=InterviewRecord(outcome="declined", offered_at=episode.found_at),
    )  # fmt: skip
    assert Deadline.objects.get(key=f"missing:{episode.pk}").status == Deadline.Status.MET
    assert ChronologyEvent.objects.filter(kind="return_interview", title__contains="declined")
    assert not VoiceRecord.objects.exists()


def test_timeliness_counts_interviews_within_72_hours_by_responsible_area(placed):
    on_time = _returned(placed, hours_ago=200)
    _done(placed, on_time)
    late = _returned(placed, hours_ago=100)
    _done(placed, late, completed_at=late.found_at + dt.timedelta(hours=80))
    _returned(placed, hours_ago=10)  # still to do
    [walsall] = interview_timeliness(actor=placed.walsall_hub_practitioner)
    assert walsall.area == placed.walsall
    assert (walsall.returned, walsall.completed, walsall.within, walsall.declined) == (3, 2, 1, 0)


def _profile(placed, based_on, **given):
    return philomena_save(
        actor=placed.walsall_social_worker,
        person_id=placed.child.pk,
        profile=ProfileInput(
            description="Slim, 5ft 6, short dark hair, scar on left hand", **given
        ),
        based_on=based_on,
    )


def test_each_save_of_a_profile_is_a_new_version_and_the_photo_carries_over(placed):
    first = philomena_save(
        actor=placed.walsall_social_worker, person_id=placed.child.pk,
        profile=ProfileInput(description="Slim, short dark hair"), based_on=None,
        photo=SimpleUploadedFile("jayden.png", PNG, content_type="image/png"),
    )  # fmt: skip
    second = _profile(placed, based_on=1, phones="07700 900123")
    assert (first.version, second.version) == (1, 2)
    assert second.photo.name == first.photo.name and second.phones == "07700 900123"
    assert second.review_on > dt.date.today()


def test_a_profile_saved_meanwhile_is_not_overwritten(placed):
    _profile(placed, based_on=None)
    _profile(placed, based_on=1)
    with pytest.raises(Conflict):
        _profile(placed, based_on=1)
    assert PhilomenaProfile.objects.count() == 2


def test_a_photo_must_be_an_image(placed):
    with pytest.raises(ServiceError) as refused:
        philomena_save(
            actor=placed.walsall_social_worker, person_id=placed.child.pk,
            profile=ProfileInput(description="Tall"), based_on=None,
            photo=SimpleUploadedFile("jayden.png", b"%PDF-1.4 not an image"),
        )  # fmt: skip
    assert (refused.value.message, refused.value.field) == (ERROR_PHOTO_TYPE, "photo")
    assert not PhilomenaProfile.objects.exists()
