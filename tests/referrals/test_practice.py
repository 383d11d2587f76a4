"""The front door's definitions: what a partnership may change, and what it must not break."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hub.referrals.practice import (
    AppliesTo,
    TriageDefinition,
    exploitation_types,
    triage_definition,
)


def test_the_shipped_triage_decisions_follow_the_law():
    triage = triage_definition()
    assert {d.code for d in triage.options_for(is_child=True)} >= {"strategy_discussion"}
    assert "section_42_enquiry" not in {d.code for d in triage.options_for(is_child=True)}
    assert "strategy_discussion" not in {d.code for d in triage.options_for(is_child=False)}
    assert len(triage.options_for(is_child=None)) == len(triage.decisions)  # age not known
    assert triage.get("no_further_action").manager_sign_off


def test_a_triage_definition_naming_a_missing_timescale_or_twice_the_same_code_is_refused():
    base = {"id": "triage", "version": 9, "title": "t", "timescale": "referral_decision"}
    option = {"code": "x", "title": "X", "referrer_message": "m"}
    with pytest.raises(ValidationError, match=r"not in timescales\.yaml"):
        TriageDefinition.model_validate({**base, "timescale": "nope", "decisions": [option]})
    with pytest.raises(ValidationError, match="codes must be unique: x"):
        TriageDefinition.model_validate({**base, "decisions": [option, option]})


def test_retired_types_stay_readable_but_leave_new_forms():
    types = exploitation_types()
    assert all(not t.retired for t in types.current())
    assert types.title_of("CSE") == "Child sexual exploitation"
    assert types.title_of("GONE") == "GONE"  # an old code still shows, as itself
    assert AppliesTo.CHILDREN.allows(True) and not AppliesTo.CHILDREN.allows(False)
