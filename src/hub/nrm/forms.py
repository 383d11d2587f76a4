"""Forms of the NRM app: they parse what was typed; the services judge it."""

from __future__ import annotations

from typing import Any

from django import forms

from hub.platform.forms import GovDateField, set_choices, text_field

from .models import NrmDecision, NrmReferral
from .practice import nrm_practice
from .services.decisions import ERROR_KIND, ERROR_OUTCOME, DecisionInput
from .services.referrals import (
    ERROR_AUTHORITY,
    ERROR_CONSENT,
    ERROR_ICTG_KIND,
    ERROR_OFFENCE,
    ERROR_SUPPORT,
    ERROR_TYPES,
    DefenceInput,
    ReferralInput,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _choices(kind: str) -> list[tuple[str, str]]:
    return [(item.code, item.title) for item in getattr(nrm_practice(), kind)]


class ReferralForm(forms.Form):
    submitted_on = GovDateField(what="Date submitted", label="When was it submitted?")
    home_office_reference = text_field(40, label="Home Office reference, if you have it")
    treated_as_child = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        label="Their date of birth is not known: are they treated as a child?",
    )
    consent = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        label="Adults: did they give informed consent to the referral?",
        error_messages={"invalid_choice": ERROR_CONSENT},
    )
    consent_notes = text_field(
        2000, rows=2, label="How was consent explained and given (interpreter, capacity)?"
    )
    exploitation_types = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Forms of exploitation",
        error_messages={"required": ERROR_TYPES, "invalid_choice": ERROR_TYPES},
    )
    county_lines = forms.BooleanField(required=False, label="County lines")
    competent_authority = forms.ChoiceField(
        widget=forms.RadioSelect,
        required=False,
        label="Who will decide?",
        error_messages={"invalid_choice": ERROR_AUTHORITY},
    )
    summary = text_field(10000, rows=6, label="Why you believe they may be a victim")
    support_status = forms.ChoiceField(
        label="Support while the decisions are awaited",
        error_messages={"required": ERROR_SUPPORT, "invalid_choice": ERROR_SUPPORT},
    )
    ictg = forms.ChoiceField(
        choices=NrmReferral.Ictg.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Children: Independent Child Trafficking Guardian",
        error_messages={"invalid_choice": ERROR_ICTG_KIND},
    )
    ictg_referred_on = GovDateField(
        what="Date the guardian service was asked", required=False, label="When was it asked?"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "exploitation_types", _choices("exploitation_types"))
        set_choices(self, "competent_authority", _choices("competent_authorities"))
        set_choices(self, "support_status", _choices("support_statuses"))

    def answers(self) -> ReferralInput:
        data = self.cleaned_data
        treated = data["treated_as_child"]
        return ReferralInput(
            submitted_on=data["submitted_on"],
            exploitation_types=tuple(data["exploitation_types"]),
            summary=data["summary"], support_status=data["support_status"],
            consent=data["consent"], consent_notes=data["consent_notes"],
            treated_as_child=None if not treated else treated == "yes",
            county_lines=data["county_lines"],
            competent_authority=data["competent_authority"],
            home_office_reference=data["home_office_reference"], ictg=data["ictg"],
            ictg_referred_on=data["ictg_referred_on"],
        )  # fmt: skip


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=NrmDecision.Kind.choices,
        widget=forms.RadioSelect,
        label="Which decision?",
        error_messages={"required": ERROR_KIND, "invalid_choice": ERROR_KIND},
    )
    reconsiders = forms.ChoiceField(
        choices=[
            ("reasonable_grounds", "The reasonable grounds decision"),
            ("conclusive_grounds", "The conclusive grounds decision"),
        ],
        widget=forms.RadioSelect,
        required=False,
        label="A reconsideration: of which decision?",
    )
    outcome = forms.ChoiceField(
        choices=[("positive", "Positive"), ("negative", "Negative")],
        widget=forms.RadioSelect,
        required=False,
        label="Outcome",
        error_messages={"invalid_choice": ERROR_OUTCOME},
    )
    decided_on = GovDateField(what="Date of the decision", label="Date of the decision")
    notes = text_field(4000, rows=3, label="Notes")

    def decision(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            kind=data["kind"], decided_on=data["decided_on"], outcome=data["outcome"],
            reconsiders=data["reconsiders"], notes=data["notes"],
        )  # fmt: skip


class SupportForm(forms.Form):
    support_status = forms.ChoiceField(
        label="Support while the decisions are awaited",
        error_messages={"required": ERROR_SUPPORT, "invalid_choice": ERROR_SUPPORT},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "support_status", _choices("support_statuses"))


class DefenceForm(forms.Form):
    offence = forms.ChoiceField(
        label="Offence",
        error_messages={"required": ERROR_OFFENCE, "invalid_choice": ERROR_OFFENCE},
    )
    crime_reference = text_field(40, label="Crime reference")
    offence_on = GovDateField(what="Date of the offence", required=False, label="When?")
    notes = text_field(4000, rows=4, label="How it may be linked to their exploitation")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offences = [
            (o.code, f"{o.title} (Schedule 4: no section 45 defence)" if o.schedule_4 else o.title)
            for o in nrm_practice().offences
        ]
        set_choices(self, "offence", offences)

    def note(self) -> DefenceInput:
        data = self.cleaned_data
        return DefenceInput(
            offence=data["offence"], notes=data["notes"],
            crime_reference=data["crime_reference"], offence_on=data["offence_on"],
        )  # fmt: skip
