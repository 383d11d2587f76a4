"""NRM decisions: reasonable grounds meets its deadline and (positive) starts a recovery
period of at least 30 days; conclusive grounds follows; reconsiderations; withdrawal; and
decisions dated before the referral, in the future or out of order are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from hub.alerts.models import Deadline
from hub.nrm.selectors import referral_for, referral_status
from hub.nrm.services.decisions import (
    ERROR_BEFORE_LAST,
    ERROR_BEFORE_REFERRAL,
    ERROR_CG_NEEDS_RG,
    ERROR_ENDED,
    ERROR_FUTURE,
    ERROR_NOTHING_TO_RECONSIDER,
    ERROR_OUTCOME,
    ERROR_RG_ALREADY,
    DecisionInput,
    decision_record,
    support_update,
)
from hub.platform.services import ServiceError

from .conftest import refer

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def referral(world, child):
    return refer(
        world.bham_hub_practitioner, child, submitted_on=TODAY - dt.timedelta(days=20)
    ).referral


def decide(world, referral, kind, outcome="", days_ago=0, **given):
    decision = DecisionInput(
        kind=kind, outcome=outcome, decided_on=TODAY - dt.timedelta(days=days_ago), **given
    )
    return decision_record(
        actor=world.bham_hub_practitioner, referral_id=referral.pk, decision=decision
    )


def status(world, referral):
    return referral_status(
        referral_for(actor=world.bham_hub_practitioner, referral_id=referral.pk, purpose="test")
    )


def test_a_positive_reasonable_grounds_decision_starts_the_recovery_period(world, referral):
    decide(world, referral, "reasonable_grounds", "positive", days_ago=15)
    rg = Deadline.objects.get(key=f"nrm_referral:{referral.pk}", timescale="nrm_reasonable_grounds")
    assert rg.status == Deadline.Status.MET
    recovery = Deadline.objects.get(timescale="nrm_recovery_period")
    assert recovery.status == Deadline.Status.OPEN and recovery.team == world.bham_hub
    now = status(world, referral)
    assert now.code == "awaiting_cg" and now.awaiting
    assert now.recovery_until == TODAY - dt.timedelta(days=15) + dt.timedelta(days=30)
    decide(world, referral, "conclusive_grounds", "positive")
    recovery.refresh_from_db()
    assert recovery.status == Deadline.Status.MET
    assert status(world, referral).code == "positive_cg"
    with pytest.raises(ServiceError) as refused:
        decide(world, referral, "conclusive_grounds", "negative")
    assert refused.value.message == ERROR_ENDED.format(status="positive conclusive grounds")


def test_a_negative_decision_can_be_reconsidered(world, referral):
    decide(world, referral, "reasonable_grounds", "negative", days_ago=10)
    assert status(world, referral).code == "negative_rg"
    assert not Deadline.objects.filter(timescale="nrm_recovery_period").exists()
    with pytest.raises(ServiceError) as refused:
        decide(world, referral, "reconsideration", "positive", reconsiders="conclusive_grounds")
    assert refused.value.message == ERROR_NOTHING_TO_RECONSIDER.format(
        decision="conclusive grounds"
    )
    decide(
        world, referral, "reconsideration", "positive", days_ago=2, reconsiders="reasonable_grounds"
    )
    assert status(world, referral).code == "awaiting_cg"
    assert Deadline.objects.get(timescale="nrm_recovery_period").status == Deadline.Status.OPEN


def test_withdrawal_ends_the_referral_and_its_deadlines(world, referral):
    decide(world, referral, "withdrawn")
    assert status(world, referral).code == "withdrawn"
    assert (
        Deadline.objects.get(key=f"nrm_referral:{referral.pk}").status == Deadline.Status.CANCELLED
    )


@pytest.mark.parametrize(
    ("kind", "outcome", "days_ago", "message"),
    [
        (
            "reasonable_grounds",
            "positive",
            21,
            ERROR_BEFORE_REFERRAL.format(
                when=(TODAY - dt.timedelta(days=20)).strftime("%-d %B %Y")
            ),
        ),
        ("reasonable_grounds", "positive", -1, ERROR_FUTURE),
        ("reasonable_grounds", "", 0, ERROR_OUTCOME),
        ("conclusive_grounds", "positive", 0, ERROR_CG_NEEDS_RG),
    ],
)
def test_a_bad_decision_is_refused(world, referral, kind, outcome, days_ago, message):
    with pytest.raises(ServiceError) as refused:
        decide(world, referral, kind, outcome, days_ago=days_ago)
    assert refused.value.message == message
    assert not referral.decisions.exists()


def test_decisions_keep_their_order_and_reasonable_grounds_is_decided_once(world, referral):
    decide(world, referral, "reasonable_grounds", "positive", days_ago=5)
    with pytest.raises(ServiceError) as refused:
        decide(world, referral, "conclusive_grounds", "positive", days_ago=6)
    assert refused.value.message == ERROR_BEFORE_LAST.format(
        when=(TODAY - dt.timedelta(days=5)).strftime("%-d %B %Y")
    )
    with pytest.raises(ServiceError) as refused:
        decide(world, referral, "reasonable_grounds", "negative")
    assert refused.value.message == ERROR_RG_ALREADY


def test_support_is_kept_up_to_date(world, referral):
    support_update(
        actor=world.bham_hub_practitioner, referral_id=referral.pk, support_status="local_authority"
    )
    referral.refresh_from_db()
    assert referral.support_status == "local_authority"
    with pytest.raises(ServiceError):
        support_update(
            actor=world.bham_hub_practitioner, referral_id=referral.pk, support_status="hotel"
        )
