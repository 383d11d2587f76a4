"""Forms of the front door. They parse what was typed; the services hold the rules and their
messages come back beside the field they name (design.md §3.12)."""

from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms

from hub.organisations.selectors import region_areas
from hub.people.models import Gender
from hub.platform.forms import GovDateField, set_choices
from hub.referrals.models import PartnerCheck, Referral
from hub.referrals.practice import exploitation_types, lawful_bases
from hub.referrals.services import ReferralAnswers, SubjectAnswers
from hub.referrals.services.drafts import (
    ERROR_AREA,
    ERROR_CONSENT,
    ERROR_CONSENT_DETAIL,
    ERROR_DANGER_ANSWER,
    ERROR_LAWFUL_BASIS,
    ERROR_SUBJECT_WHO,
    ERROR_TYPES,
    ERROR_WHAT_HAPPENED,
)
from hub.referrals.services.triage import (
    ERROR_CHECK_AGENCY,
    ERROR_CHECK_OUTCOME,
    ERROR_DECISION,
    ERROR_NOTE,
    ERROR_REASON,
)

SUBJECT_PREFIX = "subject"
MAX_SUBJECTS = 12
ERROR_AGE = "Enter their age in years, from 0 to 120"
ERROR_TIME = "Enter the time like 14:30, or leave it blank"
ERROR_PERSON_REFERENCE = "Enter a record reference, like P0000123"
ERROR_SELECT = "Select one of the options"


def _choices(field: str, choices: list[tuple[str, str]], *, label: str, required: bool = True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": field, "invalid_choice": field},
    )


def chosen_labels(form: forms.BaseForm, name: str, values: list[Any] | Any) -> list[str]:
    """The labels of the chosen values of a cleaned choice field, in the field's order."""
    wanted = {str(v) for v in (values if isinstance(values, list | tuple) else [values])}
    field = cast(forms.ChoiceField, form.fields[name])
    return [str(label) for value, label in cast(list, field.choices) if str(value) in wanted]


class DangerForm(forms.Form):
    """The first question of every referral."""

    immediate_danger = forms.TypedChoiceField(
        label="Is anyone in immediate danger now?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": ERROR_DANGER_ANSWER, "invalid_choice": ERROR_DANGER_ANSWER},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))


class SubjectForm(forms.Form):
    """One person the referral is about."""

    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    other_names = forms.CharField(
        label="Other names, nicknames or street names", required=False, max_length=300
    )
    date_of_birth = GovDateField(what="Date of birth", required=False, label="Date of birth")
    age_estimate = forms.IntegerField(
        label="If you do not know their date of birth, about how old are they?",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": ERROR_AGE,
            "min_value": ERROR_AGE,
            "max_value": ERROR_AGE,
        },
    )
    gender = _choices(
        ERROR_SELECT, [("", "Not known"), *Gender.choices], label="Gender", required=False
    )
    postcode = forms.CharField(label="Postcode where they live", required=False, max_length=10)
    description = forms.CharField(
        label="Anything else that helps identify them",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    person_reference = forms.RegexField(
        label="Their record reference, if you know it",
        required=False,
        regex=r"^\s*[Pp]\d{1,12}\s*$",
        max_length=20,
        error_messages={"invalid": ERROR_PERSON_REFERENCE},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("given_name", "family_name", "description")):
            self.add_error("given_name", ERROR_SUBJECT_WHO)
        return data

    def answers(self) -> SubjectAnswers:
        data = self.cleaned_data
        reference = (data.get("person_reference") or "").strip()
        return SubjectAnswers(
            given_name=data["given_name"],
            family_name=data["family_name"],
            other_names=data["other_names"],
            date_of_birth=data["date_of_birth"],
            age_estimate=data["age_estimate"],
            gender=data["gender"],
            postcode=data["postcode"],
            description=data["description"],
            person_id=int(reference[1:]) if reference else None,
        )


SubjectFormSet = forms.formset_factory(
    SubjectForm, extra=0, min_num=1, max_num=MAX_SUBJECTS, validate_max=True
)


class ReferralForm(forms.Form):
    """What happened, the person's voice, consent, the lawful basis and where it goes."""

    area = forms.TypedChoiceField(
        label="Which area's exploitation hub should have this referral?",
        coerce=int,
        error_messages={"required": ERROR_AREA, "invalid_choice": ERROR_AREA},
    )
    exploitation_types = forms.MultipleChoiceField(
        label="What kind of exploitation are you worried about?",
        error_messages={"required": ERROR_TYPES, "invalid_choice": ERROR_TYPES},
    )
    what_happened = forms.CharField(
        label="What happened, or what have you seen or been told?",
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_WHAT_HAPPENED},
    )
    happened_on = GovDateField(what="The date it happened", label="When did it happen?")
    happened_time = forms.RegexField(
        label="Time, if you know it",
        required=False,
        regex=r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$",
        max_length=5,
        error_messages={"invalid": ERROR_TIME},
    )
    place = forms.CharField(label="Where did it happen?", required=False, max_length=300)
    persons_words = forms.CharField(
        label="What has the person said, in their own words?",
        required=False,
        max_length=20000,
        widget=forms.Textarea,
    )
    person_knows = _choices(
        ERROR_SELECT, Referral.Awareness.choices, label="Does the person know about this referral?"
    )
    family_knows = _choices(
        ERROR_SELECT,
        Referral.Awareness.choices,
        label="Does their family or carer know about this referral?",
    )
    awareness_detail = forms.CharField(
        label="What do they know, or why have they not been told?",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    consent = _choices(ERROR_CONSENT, Referral.Consent.choices, label="Did the person consent?")
    consent_detail = forms.CharField(
        label="Why was consent not sought, or what did they say?",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    capacity = _choices(
        ERROR_SELECT, Referral.Capacity.choices, label="Their capacity to make this decision"
    )
    capacity_detail = forms.CharField(
        label="Concerns about capacity", required=False, max_length=5000, widget=forms.Textarea
    )
    lawful_basis = _choices(ERROR_LAWFUL_BASIS, [], label="The lawful basis for sharing")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = [(area.pk, area.name) for area in region_areas()]
        set_choices(self, "area", [("", "Select an area"), *areas])
        types = exploitation_types().current()
        set_choices(self, "exploitation_types", [(t.code, t.title) for t in types])
        set_choices(self, "lawful_basis", [(b.code, b.title) for b in lawful_bases().bases])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("consent") == Referral.Consent.NOT_SOUGHT
            and not data.get("consent_detail", "").strip()
        ):
            self.add_error("consent_detail", ERROR_CONSENT_DETAIL)
        return data

    def answers(self, subjects: list[SubjectAnswers]) -> ReferralAnswers:
        data = self.cleaned_data
        return ReferralAnswers(
            area_id=data["area"],
            subjects=tuple(subjects),
            exploitation_types=tuple(data["exploitation_types"]),
            what_happened=data["what_happened"],
            happened_on=data["happened_on"],
            happened_time=data["happened_time"].strip(),
            place=data["place"],
            persons_words=data["persons_words"],
            person_knows=data["person_knows"],
            family_knows=data["family_knows"],
            awareness_detail=data["awareness_detail"],
            consent=data["consent"],
            consent_detail=data["consent_detail"],
            capacity=data["capacity"],
            capacity_detail=data["capacity_detail"],
            lawful_basis=data["lawful_basis"],
        )


class PartnerCheckForm(forms.Form):
    """What an agency holds about the referral's subjects."""

    agency = forms.TypedChoiceField(
        label="Agency",
        coerce=int,
        error_messages={"required": ERROR_CHECK_AGENCY, "invalid_choice": ERROR_CHECK_AGENCY},
    )
    outcome = _choices(ERROR_CHECK_OUTCOME, PartnerCheck.Outcome.choices, label="What they hold")
    summary = forms.CharField(
        label="What they told you", required=False, max_length=5000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, agencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = [(agency.pk, agency.name) for agency in agencies]
        set_choices(self, "agency", [("", "Select an agency"), *named])


class NoteForm(forms.Form):
    """A hub working note."""

    text = forms.CharField(
        label="Add a note for the hub",
        max_length=10000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_NOTE},
    )


class DecisionForm(forms.Form):
    """The hub's decision about one subject."""

    code = forms.ChoiceField(
        label="Decision",
        error_messages={"required": ERROR_DECISION, "invalid_choice": ERROR_DECISION},
    )
    reason = forms.CharField(
        label="Reason for the decision (seen by the hub only)",
        max_length=10000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_REASON},
    )
    advice = forms.CharField(
        label="Advice for the referrer", required=False, max_length=5000, widget=forms.Textarea
    )
    target_area = forms.TypedChoiceField(label="Transfer to", coerce=int, required=False)

    def __init__(self, *args: Any, options: list[Any], areas: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "code", [(o.code, o.title) for o in options])
        named = [(area.pk, area.name) for area in areas]
        set_choices(self, "target_area", [("", "Select an area"), *named])


class SignOffForm(forms.Form):
    """A manager's sign-off of a decision, or its return."""

    approve = forms.TypedChoiceField(
        label="Do you agree with this decision?",
        choices=[("yes", "Yes: sign it off"), ("no", "No: return it to be decided again")],
        coerce=lambda value: value == "yes",
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )
    note = forms.CharField(
        label="Note (needed when you return it)",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
