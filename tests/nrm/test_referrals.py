"""NRM referrals: children without consent, adults only with informed consent, and for an
adult who does not consent an anonymous Duty to Notify record; first responders; the
reasonable grounds deadline; the devolved pilot; guardians; statutory defence notes."""

from __future__ import annotations

import datetime as dt

import pytest

from hub.alerts.models import Deadline
from hub.nrm.models import DutyToNotify, NrmReferral
from hub.nrm.practice import nrm_practice
from hub.nrm.selectors import notification_for, referral_for
from hub.nrm.services import referrals as service
from hub.nrm.services.referrals import (
    ERROR_AGE_UNKNOWN,
    ERROR_CONSENT,
    ERROR_DEFENCE_NOTES,
    ERROR_DEVOLVED,
    ERROR_ICTG_ADULT,
    ERROR_ICTG_WHEN,
    ERROR_NOT_FIRST_RESPONDER,
    ERROR_SUBMITTED_FUTURE,
    ERROR_SUMMARY,
    ERROR_TYPES,
    DefenceInput,
    defence_note_add,
)
from hub.people.models import Person
from hub.platform.access import NotFound
from hub.platform.models import AccessLogEntry, ChronologyEvent
from hub.platform.services import ServiceError
from hub.platform.timescales import timescales_definition
from tests.factories import person_known_to, user_with_role

from .conftest import refer

pytestmark = pytest.mark.django_db


def test_a_child_is_referred_without_consent_and_the_reasonable_grounds_clock_starts(world, child):
    outcome = refer(world.bham_hub_practitioner, child, county_lines=True,
                    exploitation_types=("criminal", "sexual"))  # fmt: skip
    referral = outcome.referral
    assert outcome.notification is None and referral is not None
    assert referral.is_child and referral.consent == NrmReferral.Consent.NOT_NEEDED
    assert referral.first_responder == "local_authority" and referral.area == world.birmingham
    assert referral.exploitation_types == ["sexual", "criminal"]  # in the definitions' order
    deadline = Deadline.objects.get(key=f"nrm_referral:{referral.pk}")
    assert deadline.timescale == "nrm_reasonable_grounds" and deadline.team == world.bham_hub
    expected = timescales_definition().get("nrm_reasonable_grounds").due(deadline.started_at)
    assert deadline.due_at == expected
    event = ChronologyEvent.objects.get(source_type="nrm_referral", source_id=referral.pk)
    assert event.subject_id == child.pk
    assert event.title.endswith(
        "submitted: sexual exploitation, criminal exploitation; county lines"
    )


def test_an_adult_must_say_whether_they_consent(world, adult):
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, adult)
    assert (refused.value.message, refused.value.field) == (ERROR_CONSENT, "consent")
    assert not NrmReferral.objects.exists() and not DutyToNotify.objects.exists()


def test_an_adult_who_consents_is_referred_with_the_consent_recorded(world, adult):
    referral = refer(
        world.bham_hub_practitioner, adult, consent="yes", consent_notes="Romanian interpreter"
    ).referral
    assert referral is not None and not referral.is_child
    assert referral.consent == NrmReferral.Consent.GIVEN
    assert referral.consent_notes == "Romanian interpreter"


def test_an_adult_who_does_not_consent_gets_a_duty_to_notify_record_that_cannot_identify_them(
    world, adult
):
    outcome = refer(world.bham_hub_practitioner, adult, consent="no", county_lines=True)
    notification = outcome.notification
    assert outcome.referral is None and notification is not None
    assert not NrmReferral.objects.exists()
    assert not Deadline.objects.exists()  # nothing for the NRM to decide
    # What it holds: no person, no name, date of birth, address or free text.
    fields = {f.name for f in DutyToNotify._meta.get_fields()}
    assert not fields & {"person", "given_name", "family_name", "date_of_birth", "address",
                         "postcode", "summary", "notes"}  # fmt: skip
    assert (notification.gender, notification.age_band, notification.nationality) == (
        "male", "25-34", "Romanian",
    )  # fmt: skip
    assert notification.exploitation_types == ["criminal"] and notification.county_lines
    stored = " ".join(
        str(getattr(notification, f.attname)) for f in DutyToNotify._meta.concrete_fields
    )
    for identifying in ("Marius", "Popescu", "1994", "cannabis"):
        assert identifying not in stored
    assert all(f.related_model is not Person for f in DutyToNotify._meta.get_fields())
    # The audit names the record, not the person; the person's timeline says they declined.
    audit = AccessLogEntry.objects.get(object_type="duty_to_notify")
    assert audit.object_id == notification.pk and audit.detail == {}
    event = ChronologyEvent.objects.get(subject_type="person", subject_id=adult.pk, kind="nrm")
    assert "anonymous Duty to Notify" in event.title and event.source_id is None
    assert notification_for(actor=world.bham_hub_practitioner, notification_id=notification.pk)


def test_consent_does_not_matter_for_a_child(world, child):
    referral = refer(world.bham_hub_practitioner, child, consent="no").referral
    assert referral is not None and referral.consent == NrmReferral.Consent.NOT_NEEDED


def test_an_unknown_date_of_birth_needs_saying_whether_they_are_treated_as_a_child(world):
    person = person_known_to(world.bham_hub, given_name="Unknown", date_of_birth=None)
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, person)
    assert refused.value.message == ERROR_AGE_UNKNOWN
    referral = refer(world.bham_hub_practitioner, person, treated_as_child=True).referral
    assert referral is not None and referral.is_child


def test_only_a_first_responder_organisation_refers(world, child):
    school = world.bham_school_practitioner  # a school is not a first responder
    with pytest.raises(ServiceError) as refused:
        refer(school, child)
    assert refused.value.message == ERROR_NOT_FIRST_RESPONDER.format(agency="Northfield Academy")
    police = user_with_role("practitioner", world.police_bham_team, username="wmp.pc")
    known = person_known_to(world.police_bham_team, given_name="Leon")
    referral = refer(police, known).referral
    assert referral is not None and referral.first_responder == "police"


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"submitted_on": dt.date.today() + dt.timedelta(days=1)}, ERROR_SUBMITTED_FUTURE,
         "submitted_on"),
        ({"exploitation_types": ()}, ERROR_TYPES, "exploitation_types"),
        ({"summary": "  "}, ERROR_SUMMARY, "summary"),
        ({"ictg": "direct_worker"}, ERROR_ICTG_WHEN, "ictg_referred_on"),
    ],
)  # fmt: skip
def test_a_bad_referral_is_refused_naming_the_field(world, child, given, message, field):
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, child, **given)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert not NrmReferral.objects.exists()


def test_guardians_are_for_children(world, adult, child):
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, adult, consent="yes", ictg="direct_worker",
              ictg_referred_on=dt.date.today())  # fmt: skip
    assert refused.value.message == ERROR_ICTG_ADULT
    referral = refer(world.bham_hub_practitioner, child, ictg="practice_coordinator",
                     ictg_referred_on=dt.date.today()).referral  # fmt: skip
    assert referral is not None and referral.get_ictg_display() == "Regional practice co-ordinator"


def test_the_devolved_panel_decides_only_for_children_of_pilot_areas_well_before_18(
    world, child, monkeypatch
):
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, child, competent_authority="devolved_panel")
    assert refused.value.message == ERROR_DEVOLVED.format(days=100)
    piloting = nrm_practice().model_copy(update={"devolved_pilot_areas": ("E08000025",)})
    monkeypatch.setattr(service, "nrm_practice", lambda: piloting)
    born = dt.date.today().replace(year=dt.date.today().year - 18) + dt.timedelta(days=60)
    nearly_18 = person_known_to(world.bham_hub, given_name="Nearly", date_of_birth=born)
    with pytest.raises(ServiceError):
        refer(world.bham_hub_practitioner, nearly_18, competent_authority="devolved_panel")
    referral = refer(world.bham_hub_practitioner, child, competent_authority="devolved_panel")
    assert referral.referral is not None


def test_a_second_referral_while_one_awaits_decisions_is_refused(world, child):
    first = refer(world.bham_hub_practitioner, child).referral
    with pytest.raises(ServiceError) as refused:
        refer(world.bham_hub_practitioner, child)
    assert refused.value.message.startswith(f"{first.reference} was submitted for them on")


def test_another_areas_hub_cannot_see_the_referral(world, child):
    referral = refer(world.bham_hub_practitioner, child).referral
    with pytest.raises(NotFound):
        referral_for(actor=world.cov_hub_practitioner, referral_id=referral.pk, purpose="test")
    assert referral_for(actor=world.bham_hub_manager, referral_id=referral.pk, purpose="test")


def test_a_defence_note_records_whether_the_offence_is_in_schedule_4(world, child):
    referral = refer(world.bham_hub_practitioner, child).referral
    actor = world.bham_hub_practitioner
    supply = defence_note_add(actor=actor, referral_id=referral.pk, note=DefenceInput(
        offence="drugs_supply", notes="Holding drugs for the line's runner", crime_reference="20/1"
    ))  # fmt: skip
    robbery = defence_note_add(actor=actor, referral_id=referral.pk, note=DefenceInput(
        offence="robbery", notes="Told to take a phone"))  # fmt: skip
    assert (supply.schedule_4, robbery.schedule_4) == (False, True)
    with pytest.raises(ServiceError) as refused:
        defence_note_add(actor=actor, referral_id=referral.pk,
                         note=DefenceInput(offence="theft", notes=""))  # fmt: skip
    assert refused.value.message == ERROR_DEFENCE_NOTES
