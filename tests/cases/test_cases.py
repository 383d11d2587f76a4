"""Cases: opened from the hub's work, a team across agencies whose membership is access, risk
over time with reasons, plan versions that never overwrite each other, actions with owners,
the person's voice, closing with a manager's sign-off, and the move to adult services."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections
from django.utils import timezone

from hub.cases.models import Action, Case, CaseMember
from hub.cases.selectors import access_case, actions_due, case_page, closures_to_sign_off
from hub.cases.services import (
    PlanInput,
    action_add,
    action_complete,
    case_member_add,
    case_member_leave,
    case_move,
    case_open,
    case_request_close,
    case_risk_update,
    case_sign_off_close,
    plan_save,
    voice_record,
)
from hub.cases.services.cases import ERROR_OWN_CLOSURE
from hub.cases.services.plans import ERROR_ACTION_DUE, ERROR_ACTION_OWNER
from hub.people.models import Person
from hub.people.selectors import access_person, person_chronology
from hub.platform.access import NotFound, PermissionDenied
from hub.platform.services import Conflict, ServiceError

pytestmark = pytest.mark.django_db
GOALS = PlanInput(goals=(("", "Aaliyah is home by 9pm"), ("", "She knows who to call")))


@pytest.fixture
def case(world):
    return case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])


def test_a_case_opens_in_the_hubs_area_with_its_team_and_first_risk(world, case):
    assert case.area == world.birmingham and case.status == Case.Status.OPEN
    assert case.lead_professional == world.bham_hub_practitioner
    assert (case.risk_level, case.risk_title) == ("emerging", "Emerging or at risk")
    assert case.next_review_on == timezone.localdate() + dt.timedelta(weeks=8)
    assert [m.role for m in case.members.all()] == [CaseMember.Role.LEAD]
    events, _, _ = person_chronology(actor=world.bham_hub_practitioner, person=world.bham_person)
    assert any("case opened" in e.title for e in events)
    with pytest.raises(PermissionDenied):
        case_open(actor=world.bham_school_practitioner, person_ids=[world.school_person.pk])
    with pytest.raises(ServiceError):  # Coventry's person is out of Birmingham's reach
        case_open(actor=world.bham_hub_practitioner, person_ids=[world.cov_person.pk])


def test_joining_the_team_gives_access_and_leaving_takes_it_away(world, case):
    police = world.police_bham_team
    from tests.factories import user_with_role

    officer = user_with_role("practitioner", police, username="pc.jones")
    with pytest.raises(NotFound):
        access_case(actor=officer, case_id=case.pk, purpose="look")
    with pytest.raises(NotFound):
        access_person(actor=officer, id=world.bham_person.pk, purpose="look")
    member = case_member_add(actor=world.bham_hub_practitioner, case_id=case.pk, user_id=officer.pk)
    officer = type(officer).objects.get(pk=officer.pk)  # grants are worked out per request
    assert access_case(actor=officer, case_id=case.pk, purpose="look") == case
    assert access_person(actor=officer, id=world.bham_person.pk, purpose="look")
    case_member_leave(actor=world.bham_hub_practitioner, case_id=case.pk, member_id=member.pk)
    officer = type(officer).objects.get(pk=officer.pk)
    with pytest.raises(NotFound):
        access_case(actor=officer, case_id=case.pk, purpose="look")
    with pytest.raises(ServiceError):  # the lead cannot simply leave
        case_member_leave(
            actor=world.bham_hub_practitioner,
            case_id=case.pk,
            member_id=case.members.get(role="lead").pk,
        )


def test_status_moves_and_risk_over_time(world, case):
    hub = world.bham_hub_practitioner
    with pytest.raises(ServiceError):
        case_move(actor=hub, case_id=case.pk, status=Case.Status.REVIEW)  # open -> review: no
    case_move(actor=hub, case_id=case.pk, status=Case.Status.ASSESSMENT)
    case_risk_update(actor=hub, case_id=case.pk, level="serious", reason="Found in a trap house")
    case.refresh_from_db()
    assert case.risk_title == "Serious risk"
    assert case.next_review_on == timezone.localdate() + dt.timedelta(weeks=2)
    assert [r.level for r in case.risks.order_by("recorded_at", "pk")] == ["emerging", "serious"]


def test_two_people_editing_the_plan_at_once_never_overwrite_each_other(world, case):
    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    first = plan_save(actor=hub, case_id=case.pk, based_on_version=0, data=GOALS)
    assert first.version == 1 and [g["text"] for g in first.goals] == [
        "Aaliyah is home by 9pm",
        "She knows who to call",
    ]
    kept_key = first.goals[0]["key"]
    second = plan_save(
        actor=manager,
        case_id=case.pk,
        based_on_version=1,
        data=PlanInput(
            goals=((kept_key, "Aaliyah is home by 10pm"),), contingency="If missing, call 999"
        ),
    )
    assert second.version == 2 and second.goals[0]["key"] == kept_key
    with pytest.raises(Conflict) as raised:  # written from version 1, but 2 exists now
        plan_save(actor=hub, case_id=case.pk, based_on_version=1, data=GOALS)
    assert "Dele Adeyemi saved version 2" in raised.value.message
    assert case.plans.count() == 2
    case.refresh_from_db()
    assert case.status == Case.Status.PLAN


@pytest.mark.django_db(transaction=True)
def test_plan_saves_at_the_same_moment_make_one_version(world):
    case = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor):
        try:
            barrier.wait(timeout=10)
            plan_save(actor=actor, case_id=case.pk, based_on_version=0, data=GOALS)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("told")
        except Exception as exc:  # surfaced by the assertion below
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(u,))
        for u in (world.bham_hub_practitioner, world.bham_hub_manager)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "told"]
    assert case.plans.count() == 1


def test_actions_need_an_owner_and_a_date_not_past_and_land_in_trays(world, case):
    hub = world.bham_hub_practitioner
    today = timezone.localdate()
    with pytest.raises(ServiceError, match=ERROR_ACTION_OWNER):
        action_add(actor=hub, case_id=case.pk, text="Visit", owner_id=None, due_on=today)
    with pytest.raises(ServiceError, match=ERROR_ACTION_DUE):
        action_add(
            actor=hub,
            case_id=case.pk,
            text="Visit",
            owner_id=hub.pk,
            due_on=today - dt.timedelta(days=1),
        )
    action = action_add(
        actor=hub,
        case_id=case.pk,
        text="Visit school",
        owner_id=world.bham_hub_manager.pk,
        due_on=today + dt.timedelta(days=3),
    )
    assert action.owner_team == world.bham_hub
    assert list(actions_due(actor=world.bham_hub_manager)) == [action]
    assert list(actions_due(actor=hub, team=True)) == [action]  # the same team's tray
    assert list(actions_due(actor=world.cov_hub_manager, team=True)) == []
    with pytest.raises(ServiceError):  # a case with open actions cannot close
        case_request_close(actor=hub, case_id=case.pk, outcome="risk_reduced", reason="Settled")
    action_complete(actor=world.bham_hub_manager, action_id=action.pk)
    assert list(actions_due(actor=world.bham_hub_manager)) == []


def test_closing_needs_another_managers_sign_off(world, case):
    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    case_request_close(
        actor=hub, case_id=case.pk, outcome="risk_reduced", reason="Home every night for 8 weeks"
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSING
    assert closures_to_sign_off(actor=manager) == [case]
    assert closures_to_sign_off(actor=world.cov_hub_manager) == []
    with pytest.raises(NotFound):  # a hub practitioner has no sign-off grant: no reach
        case_sign_off_close(actor=hub, case_id=case.pk, approve=True)
    case_sign_off_close(actor=manager, case_id=case.pk, approve=True)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_by == manager
    with pytest.raises(ServiceError):  # closed: read-only
        case_risk_update(actor=hub, case_id=case.pk, level="serious", reason="x")
    other = case_open(actor=manager, person_ids=[world.bham_person.pk])
    case_request_close(
        actor=manager, case_id=other.pk, outcome="moved_away", reason="Moved to Leeds"
    )
    with pytest.raises(ServiceError, match=ERROR_OWN_CLOSURE):
        case_sign_off_close(actor=manager, case_id=other.pk, approve=True)


def test_the_persons_voice_goes_on_the_case_and_their_timeline(world, case):
    hub = world.bham_hub_practitioner
    voice_record(
        actor=hub,
        person_id=world.bham_person.pk,
        case_id=case.pk,
        context="school",
        words="I just want to be left alone",
        said_on=timezone.localdate(),
    )
    page = case_page(actor=hub, case_id=case.pk)
    assert [v.words for v in page.voices] == ["I just want to be left alone"]
    events, _, _ = person_chronology(actor=hub, person=world.bham_person)
    assert any(e.kind == "voice" and "left alone" in e.summary for e in events)
    with pytest.raises(ServiceError):
        voice_record(
            actor=hub,
            person_id=world.bham_person.pk,
            context="school",
            words="  ",
            said_on=timezone.localdate(),
        )


def test_a_child_turning_18_within_six_months_raises_a_transition_task(world):
    nearly = timezone.localdate().replace(day=1) - dt.timedelta(days=365 * 18 - 100)
    Person.objects.filter(pk=world.bham_person.pk).update(date_of_birth=nearly)
    case = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
    transition = case.actions.get(kind=Action.Kind.TRANSITION)
    assert (
        "move to adult services" in transition.text
        and transition.owner == world.bham_hub_practitioner
    )


def test_the_case_page_reads_a_fixed_number_of_queries(world, case, django_assert_max_num_queries):
    hub = world.bham_hub_practitioner
    today = timezone.localdate()
    plan_save(actor=hub, case_id=case.pk, based_on_version=0, data=GOALS)
    for number in range(5):
        action_add(actor=hub, case_id=case.pk, text=f"Step {number}", owner_id=hub.pk, due_on=today)
        voice_record(
            actor=hub,
            person_id=world.bham_person.pk,
            case_id=case.pk,
            context="other",
            words=f"Said {number}",
            said_on=today,
        )
    with django_assert_max_num_queries(20):
        page = case_page(actor=hub, case_id=case.pk)
        assert len(page.actions) == 5 and len(page.voices) == 5 and page.events_total == 7


def test_the_case_page_lists_open_actions_soonest_due_first_then_the_latest_closed(world, case):
    hub = world.bham_hub_practitioner
    today = timezone.localdate()

    def add(text: str, due_in: int) -> Action:
        return action_add(
            actor=hub,
            case_id=case.pk,
            text=text,
            owner_id=hub.pk,
            due_on=today + dt.timedelta(days=due_in),
        )

    add("Later", 10)
    add("Soon", 1)
    overdue = add("Overdue", 2)
    done_long_ago, cancelled_lately, done_lately = (
        add("Done long ago", 3),
        add("Cancelled", 4),
        add("Done", 5),
    )
    Action.objects.filter(pk=overdue.pk).update(due_on=today - dt.timedelta(days=4))
    action_complete(actor=hub, action_id=done_long_ago.pk)
    action_complete(actor=hub, action_id=cancelled_lately.pk, cancel=True, note="Not needed")
    action_complete(actor=hub, action_id=done_lately.pk)
    now = timezone.now()
    for action, days_ago in ((done_long_ago, 30), (cancelled_lately, 2), (done_lately, 1)):
        Action.objects.filter(pk=action.pk).update(done_at=now - dt.timedelta(days=days_ago))

    page = case_page(actor=hub, case_id=case.pk)

    assert [action.text for action in page.actions] == [
        "Overdue", "Soon", "Later", "Done", "Cancelled", "Done long ago",
    ]  # fmt: skip
