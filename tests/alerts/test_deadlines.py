"""The deadline engine: events open deadlines from the definitions (in their transaction), the
events that meet them close them, and the tick colours them, raising each colour's alert once;
alerts reach the owner or the team queue and are acknowledged."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from hub.alerts.models import Alert, Deadline
from hub.alerts.practice import DeadlineRules
from hub.alerts.selectors import my_alerts
from hub.alerts.services import alert_acknowledge, tick
from hub.cases.services import PlanInput, case_open, plan_save
from hub.platform.access import NotFound
from hub.platform.definitions import DefinitionError, load_path
from hub.referrals.services import triage_decide
from tests.referrals.conftest import send

pytestmark = pytest.mark.django_db


def test_a_referral_opens_the_hubs_decision_deadline_and_deciding_meets_it(world):
    referral = send(world.bham_school_practitioner, world.birmingham)
    deadline = Deadline.objects.get(key=f"referral:{referral.pk}")
    assert deadline.team == world.bham_hub and deadline.owner is None
    assert deadline.due_at == referral.due_at and deadline.timescale == "referral_decision"
    assert deadline.title == f"Decide what happens next with referral {referral.reference}"
    triage_decide(
        actor=world.bham_hub_practitioner,
        referral_id=referral.pk,
        subject_id=referral.subjects.get().pk,
        code="early_help",
        reason="Support at school",
    )
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.MET and deadline.met_at is not None


def test_the_tick_turns_amber_then_red_and_alerts_once_each(world):
    referral = send(world.bham_school_practitioner, world.birmingham)
    deadline = Deadline.objects.get(key=f"referral:{referral.pk}")
    before = tick(now=deadline.amber_at - dt.timedelta(minutes=1))
    assert (before.turned_amber, before.turned_red, before.alerts) == (0, 0, 0)
    amber = tick(now=deadline.amber_at + dt.timedelta(minutes=1))
    assert (amber.turned_amber, amber.alerts) == (1, 1)
    again = tick(now=deadline.amber_at + dt.timedelta(minutes=2))
    assert again.alerts == 0  # once per colour
    red = tick(now=deadline.due_at + dt.timedelta(minutes=1))
    assert (red.turned_red, red.alerts) == (1, 1)
    deadline.refresh_from_db()
    assert deadline.rag == Deadline.Rag.RED
    kinds = list(Alert.objects.filter(deadline=deadline).order_by("pk").values_list("kind", "team"))
    assert kinds == [
        (Alert.Kind.DUE_SOON, world.bham_hub.pk),
        (Alert.Kind.OVERDUE, world.bham_hub.pk),
    ]
    # The hub's workers see them; another area's do not.
    assert len(my_alerts(actor=world.bham_hub_manager)) == 2
    assert list(my_alerts(actor=world.cov_hub_manager)) == []
    tick(now=deadline.started_at)  # a clock set back: green again, no new alert
    deadline.refresh_from_db()
    assert deadline.rag == Deadline.Rag.GREEN and Alert.objects.count() == 2


def test_an_alert_is_acknowledged_by_someone_it_went_to(world):
    referral = send(world.bham_school_practitioner, world.birmingham)
    deadline = Deadline.objects.get(key=f"referral:{referral.pk}")
    tick(now=deadline.due_at + dt.timedelta(hours=1))
    alert = Alert.objects.get()
    with pytest.raises(NotFound):
        alert_acknowledge(actor=world.cov_hub_practitioner, alert_id=alert.pk)
    alert_acknowledge(actor=world.bham_hub_practitioner, alert_id=alert.pk)
    alert.refresh_from_db()
    assert alert.acknowledged_by == world.bham_hub_practitioner
    assert list(my_alerts(actor=world.bham_hub_manager)) == []


def test_plan_reviews_follow_the_risk_and_a_new_plan_meets_the_last(world):
    hub = world.bham_hub_practitioner
    case = case_open(actor=hub, person_ids=[world.bham_person.pk])
    plan_save(actor=hub, case_id=case.pk, based_on_version=0, data=PlanInput(goals=(("", "Safe"),)))
    first = Deadline.objects.get(key=f"case:{case.pk}:plan")
    assert first.owner == hub and first.timescale == "plan_review_emerging"
    plan_save(
        actor=hub, case_id=case.pk, based_on_version=1, data=PlanInput(goals=(("", "Safer"),))
    )
    first.refresh_from_db()
    assert first.status == Deadline.Status.MET
    assert Deadline.objects.filter(key=f"case:{case.pk}:plan", status="open").count() == 1


@override_settings(
    HUB_ALERT_EMAIL=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)
@pytest.mark.django_db(transaction=True)  # the worker closes its connections between rounds
def test_alert_emails_say_how_many_and_nothing_about_anyone(world):
    world.bham_hub_manager.email = "dele@hub.example"
    world.bham_hub_manager.save()
    referral = send(world.bham_school_practitioner, world.birmingham)
    deadline = Deadline.objects.get(key=f"referral:{referral.pk}")
    tick(now=deadline.due_at + dt.timedelta(hours=1))
    assert mail.outbox == []  # a background task sends it, once the tick is committed
    call_command("worker", "--once", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["dele@hub.example"]]
    assert Alert.objects.filter(emailed_at__isnull=False).count() == 1
    body = mail.outbox[0].body
    assert "1 new alert" in body and "Kaiden" not in body and referral.reference not in body


def test_hub_tick_takes_the_clock_from_the_command_line(world):
    referral = send(world.bham_school_practitioner, world.birmingham)
    due = timezone.localtime(Deadline.objects.get(key=f"referral:{referral.pk}").due_at)
    out = StringIO()
    call_command(
        "tick", "--now", (due + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"), stdout=out
    )
    assert "1 open deadlines: 0 turned amber, 1 turned red, 1 alerts raised" in out.getvalue()
    with pytest.raises(CommandError, match="not an ISO date and time"):
        call_command("tick", "--now", "next tuesday")


def test_a_rule_naming_an_unknown_event_or_timescale_is_refused_with_its_line(tmp_path):
    path = tmp_path / "deadlines.yaml"
    path.write_text(
        "id: deadlines\nversion: 9\ntitle: T\nrules:\n"
        "  - {event: referral_received, timescale: referral_decision,"
        " met_by: referral_decided, title: ok}\n"
        "  - {event: unicorn_sighted, timescale: fortnight, met_by: referral_decided, title: bad}\n"
    )
    with pytest.raises(DefinitionError) as raised:
        load_path(path, DeadlineRules)
    problems = [str(p) for p in raised.value.problems]
    assert any(":6: rules[1].event: unicorn_sighted is not an event" in p for p in problems), (
        problems
    )
    assert any(":6: rules[1].timescale: fortnight is not in timescales.yaml" in p for p in problems)
