"""The reviewer's forms: a decision on a pair, and the reason for undoing a join."""

from __future__ import annotations

from django import forms

from hub.linkage.models import ReviewDecision
from hub.linkage.services import ERROR_DECISION, ERROR_UNDO_REASON


class DecisionForm(forms.Form):
    """Are these two records the same person?"""

    decision = forms.ChoiceField(
        label="Are these records the same person?",
        choices=[
            (ReviewDecision.MATCH.value, "Yes, the same person"),
            (ReviewDecision.NO_MATCH.value, "No, not the same person"),
        ],
        error_messages={"required": ERROR_DECISION, "invalid_choice": ERROR_DECISION},
    )
    reason = forms.CharField(
        label="What decided it (optional)", max_length=2000, required=False, widget=forms.Textarea
    )


class UndoJoinForm(forms.Form):
    """Why a record joined to a person is not that person."""

    reason = forms.CharField(
        label="Why is this record not this person?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_UNDO_REASON},
    )
