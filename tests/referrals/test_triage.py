"""The hub's triage: its queue and clock, links to person records, decisions within the
definitions, manager sign-off, transfers, and what the referrer is (and is not) told."""

from __future__ import annotations

import datetime as dt
import re
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from hub.people.models import Person
from hub.people.selectors import person_chronology
from hub.platform.access import NotFound
from hub.platform.services import Conflict, ServiceError
from hub.platform.timescales import rag, timescales_definition
from hub.referrals.models import Referral, TriageDecision
from hub.referrals.selectors import (
    QueueFilters,
    awaiting_my_sign_off,
    referrer_view,
    triage_queue,
    triage_view,
    with_clock,
)
from hub.referrals.services import (
    SubjectAnswers,
    partner_check_add,
    subject_create_person,
    subject_link,
    triage_decide,
    triage_note_add,
    triage_sign_off,
)
from hub.referrals.services.triage import (
    ERROR_ADVICE,
    ERROR_DECISION_NOT_FOR,
    ERROR_OWN_DECISION,
    ERROR_RETURN_NOTE,
    ERROR_TARGET_AREA,
)

from ..factories import person_known_to
from .conftest import send

pytestmark = pytest.mark.django_db


def subjects(referral):
    return list(referral.subjects.order_by("position"))


def decide(actor, referral, subject, code="exploitation_screening", **extra):
    return triage_decide(
        actor=actor,
        referral_id=referral.pk,
        subject_id=subject.pk,
        code=code,
        reason=extra.pop("reason", "Pattern of going missing with older males"),
        **extra,
    )


def test_the_queue_shows_only_the_hubs_sent_referrals_most_urgent_first(world, sent):
    later = send(world.bham_school_practitioner, world.birmingham)
    send(world.bham_school_practitioner, world.coventry)  # Coventry's, not Birmingham's
    Referral.objects.filter(pk=later.pk).update(due_at=sent.due_at - timedelta(hours=1))
    page = triage_queue(actor=world.bham_hub_practitioner, filters=QueueFilters())
    assert [r.pk for r in page.referrals] == [later.pk, sent.pk]
    assert page.total == 2 and page.counts["green"] + page.counts["amber"] == 2
    assert triage_queue(actor=world.cov_hub_practitioner, filters=QueueFilters()).total == 1
    with pytest.raises(NotFound):
        triage_view(actor=world.cov_hub_practitioner, referral_id=sent.pk)


def test_the_clock_in_sql_agrees_with_the_timescale_rule(world, sent):
    timescale = timescales_definition().get("referral_decision")
    for hours in (0, 4, 20, 30, 60):
        now = sent.received_at + timedelta(hours=hours)
        in_sql = with_clock(Referral.objects.filter(pk=sent.pk), now).get().rag
        assert in_sql == rag(timescale=timescale, start=sent.received_at, now=now)


def test_linking_puts_the_referral_story_on_the_persons_timeline(world, sent):
    hub = world.bham_hub_practitioner
    kaiden = person_known_to(
        world.police_bham_team,
        given_name="Kayden",
        family_name="Smith",
        date_of_birth=dt.date(2010, 4, 3),
    )
    partner_check_add(
        actor=hub,
        referral_id=sent.pk,
        agency_id=world.police_bham_team.agency_id,
        outcome="holds",
        summary="Two missing episodes",
    )
    triage_note_add(actor=hub, referral_id=sent.pk, text="Spoke to the DSL")
    view = triage_view(actor=hub, referral_id=sent.pk)
    first = view.subjects[0]
    assert first.candidates == [kaiden]  # Kaiden Smyth, born the same day, found
    subject_link(actor=hub, referral_id=sent.pk, subject_id=first.subject.pk, person_id=kaiden.pk)
    events, _, _ = person_chronology(actor=hub, person=kaiden)
    assert [e.kind for e in events] == ["referral", "partner_check", "triage_note"]
    assert kaiden.involvements.filter(team=world.bham_hub).exists()  # now known to the hub
    # The school practitioner, if they could see him, would see the referral but not notes.
    school = world.bham_school_practitioner
    school_events, _, _ = person_chronology(actor=school, person=kaiden)
    assert [e.kind for e in school_events] == ["referral"]
    with pytest.raises(ServiceError):  # linked once; and a record links to one subject only
        subject_link(
            actor=hub, referral_id=sent.pk, subject_id=first.subject.pk, person_id=kaiden.pk
        )
    with pytest.raises(ServiceError):
        subject_link(
            actor=hub,
            referral_id=sent.pk,
            subject_id=view.subjects[1].subject.pk,
            person_id=kaiden.pk,
        )


def test_a_record_out_of_scope_cannot_be_linked_and_a_new_person_can_be_made(world, sent):
    hub = world.bham_hub_practitioner
    leah = subjects(sent)[1]
    with pytest.raises(ServiceError):
        subject_link(
            actor=hub, referral_id=sent.pk, subject_id=leah.pk, person_id=world.cov_person.pk
        )
    person = subject_create_person(actor=hub, referral_id=sent.pk, subject_id=leah.pk)
    assert (person.given_name, person.family_name, person.home_area) == (
        "Leah",
        "Hughes",
        world.birmingham,
    )
    leah.refresh_from_db()
    assert leah.person == person and leah.linked_by == hub


def test_decisions_follow_the_definitions(world, sent):
    hub = world.bham_hub_practitioner
    kaiden, leah = subjects(sent)
    with pytest.raises(ServiceError, match=ERROR_DECISION_NOT_FOR):
        decide(hub, sent, kaiden, "section_42_enquiry")  # a 16-year-old is not an adult
    with pytest.raises(ServiceError, match=ERROR_ADVICE):
        decide(hub, sent, kaiden, "no_further_action")
    with pytest.raises(ServiceError, match=re.escape(ERROR_TARGET_AREA)):
        decide(hub, sent, kaiden, "transfer", target_area_id=world.birmingham.pk)
    strategy = decide(hub, sent, kaiden, "strategy_discussion")
    assert strategy.sign_off == TriageDecision.SignOff.NOT_NEEDED and strategy.effective
    sent.refresh_from_db()
    assert sent.decided_at is None and sent.status == Referral.Status.WITH_HUB  # Leah waits
    decide(hub, sent, leah, "exploitation_screening")
    sent.refresh_from_db()
    assert sent.status == Referral.Status.CLOSED and sent.stage == Referral.Stage.DECIDED
    assert with_clock(Referral.objects.filter(pk=sent.pk), timezone.now()).get().rag == "done"


def test_the_second_of_two_deciders_is_told_what_the_first_decided(world, sent):
    kaiden = subjects(sent)[0]
    decide(world.bham_hub_practitioner, sent, kaiden, "strategy_discussion")
    with pytest.raises(Conflict) as raised:
        decide(world.bham_hub_manager, sent, kaiden, "early_help")
    assert "Priya Sharma has already decided 'Strategy discussion" in raised.value.message
    assert TriageDecision.objects.filter(subject=kaiden).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_deciders_at_the_same_moment_make_one_decision(world):
    referral = send(world.bham_school_practitioner, world.birmingham)
    subject = referral.subjects.get()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decider(actor, code):
        try:
            barrier.wait(timeout=10)
            decide(actor, referral, subject, code)
            outcomes.append("decided")
        except Conflict:
            outcomes.append("conflict")
        except Exception as exc:  # surfaced by the assertion below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decider, args=(world.bham_hub_practitioner, "early_help")),
        threading.Thread(target=decider, args=(world.bham_hub_manager, "exploitation_screening")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "decided"]
    assert TriageDecision.objects.filter(subject=subject).count() == 1


def test_sign_off_by_another_manager_returns_or_approves(world, sent):
    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    kaiden, leah = subjects(sent)
    nfa = decide(
        hub, sent, kaiden, "no_further_action", advice="Keep talking to him about safe adults"
    )
    assert nfa.sign_off == TriageDecision.SignOff.AWAITING
    assert awaiting_my_sign_off(actor=manager) == [nfa]
    assert awaiting_my_sign_off(actor=world.cov_hub_manager) == []
    with pytest.raises(ServiceError, match=ERROR_RETURN_NOTE):
        triage_sign_off(actor=manager, decision_id=nfa.pk, approve=False)
    triage_sign_off(actor=manager, decision_id=nfa.pk, approve=False, note="Screen him first")
    screening = decide(hub, sent, kaiden, "mace_listing")  # decided again
    own = decide(manager, sent, leah, "mace_listing")
    with pytest.raises(ServiceError, match=ERROR_OWN_DECISION):
        triage_sign_off(actor=manager, decision_id=own.pk, approve=True)
    triage_sign_off(actor=manager, decision_id=screening.pk, approve=True)
    screening.refresh_from_db()
    assert (
        screening.sign_off == TriageDecision.SignOff.APPROVED and screening.signed_off_by == manager
    )
    with pytest.raises(NotFound):  # Coventry's manager has no reach here
        triage_sign_off(actor=world.cov_hub_manager, decision_id=own.pk, approve=True)


def test_a_transfer_becomes_a_referral_with_the_other_hub_once_signed_off(world, sent):
    kaiden = subjects(sent)[0]
    transfer = decide(
        world.bham_hub_practitioner, sent, kaiden, "transfer", target_area_id=world.coventry.pk
    )
    assert transfer.transfer is None  # not until a manager signs it off
    triage_sign_off(actor=world.bham_hub_manager, decision_id=transfer.pk, approve=True)
    transfer.refresh_from_db()
    moved = transfer.transfer
    assert moved.area == world.coventry and moved.transferred_from == sent
    assert moved.status == Referral.Status.WITH_HUB and moved.received_at > sent.received_at
    assert [s.described_as for s in moved.subjects.all()] == ["Kaiden Smyth"]
    assert triage_queue(actor=world.cov_hub_practitioner, filters=QueueFilters()).total == 1
    # The referrer sees both: the outcome here, and the referral at Coventry.
    assert referrer_view(actor=world.bham_school_practitioner, referral_id=moved.pk)


def test_the_referrer_sees_the_outcome_but_never_the_hubs_working(world, sent):
    hub = world.bham_hub_practitioner
    kaiden, leah = subjects(sent)
    triage_note_add(actor=hub, referral_id=sent.pk, text="Mum known to police for supply")
    decide(hub, sent, kaiden, "strategy_discussion", reason="Older male, drugs, cash")
    decide(hub, sent, leah, "no_further_action", advice="Talk to Leah about healthy friendships")
    view = referrer_view(actor=world.bham_school_practitioner, referral_id=sent.pk)
    kaiden_outcome, leah_outcome = view.outcomes
    assert kaiden_outcome.decision_title.startswith("Strategy discussion")
    assert "strategy discussion will be held" in kaiden_outcome.message
    assert leah_outcome.decision_title == ""  # no further action awaits a manager
    assert not hasattr(view, "notes") and not hasattr(kaiden_outcome, "reason")
    with pytest.raises(NotFound):  # another school's practitioner can't read it at all
        referrer_view(actor=world.cov_hub_practitioner, referral_id=sent.pk)


def test_an_adult_may_have_a_section_42_enquiry(world):
    referral = send(
        world.bham_school_practitioner,
        world.birmingham,
        SubjectAnswers(given_name="Dean", family_name="Price", age_estimate=34),
        exploitation_types=("CUCKOOING",),
        capacity="concern",
    )
    decision = decide(
        world.bham_hub_practitioner, referral, referral.subjects.get(), "section_42_enquiry"
    )
    assert decision.effective
    with pytest.raises(ServiceError, match=ERROR_DECISION_NOT_FOR):
        other = send(
            world.bham_school_practitioner,
            world.birmingham,
            SubjectAnswers(given_name="Ann", age_estimate=40),
        )
        decide(world.bham_hub_practitioner, other, other.subjects.get(), "strategy_discussion")
    assert Person.objects.filter(given_name="Dean").count() == 0  # deciding makes no record
