"""Forms of the missing app: they parse what was typed; the services judge it."""

from __future__ import annotations

from typing import Any

from django import forms

from hub.platform.forms import GovDateField, GovDateTimeField, set_choices, text_field

from .models import MissingEpisode, Placement, ReturnInterview
from .practice import missing_practice
from .services.episodes import (
    ERROR_FROM,
    ERROR_GRADE,
    ERROR_RETURNED_HOW,
    EpisodeFound,
    EpisodeReport,
)
from .services.interviews import ERROR_OUTCOME, InterviewRecord
from .services.placements import ERROR_DESCRIPTION, ERROR_SETTING, ProfileInput


class ReportForm(forms.Form):
    missing_from = forms.ChoiceField(
        choices=MissingEpisode.From.choices,
        widget=forms.RadioSelect,
        label="Missing from",
        error_messages={"required": ERROR_FROM, "invalid_choice": ERROR_FROM},
    )
    reported_at = GovDateTimeField(
        what="Time reported missing", label="When were they reported missing?"
    )
    risk_grade = forms.ChoiceField(
        label="Police risk grade",
        widget=forms.RadioSelect,
        error_messages={"required": ERROR_GRADE, "invalid_choice": ERROR_GRADE},
    )
    police_reference = text_field(40, label="Police reference")
    last_seen_at = GovDateTimeField(
        what="Time last seen", required=False, label="When were they last seen?"
    )
    last_seen_place = text_field(300, label="Where were they last seen?")
    clothing = text_field(300, rows=2, label="What were they wearing?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grades = [g for g in missing_practice().risk_grades if not g.legacy]
        set_choices(self, "risk_grade", [(g.code, g.title) for g in grades])

    def report(self) -> EpisodeReport:
        data = self.cleaned_data
        return EpisodeReport(
            missing_from=data["missing_from"], reported_at=data["reported_at"],
            risk_grade=data["risk_grade"], police_reference=data["police_reference"],
            last_seen_at=data["last_seen_at"], last_seen_place=data["last_seen_place"],
            clothing=data["clothing"],
        )  # fmt: skip


class FoundForm(forms.Form):
    found_at = GovDateTimeField(what="Time found", label="When were they found?")
    found_postcode = text_field(10, label="Postcode where they were found")
    found_place = text_field(300, label="Where were they found?")
    found_with = text_field(2000, rows=3, label="Who were they with?")
    returned_how = forms.ChoiceField(
        choices=MissingEpisode.Return.choices,
        widget=forms.RadioSelect,
        required=False,
        label="How did they come back?",
        error_messages={"invalid_choice": ERROR_RETURNED_HOW},
    )

    def found(self) -> EpisodeFound:
        data = self.cleaned_data
        return EpisodeFound(
            found_at=data["found_at"], found_postcode=data["found_postcode"],
            found_place=data["found_place"], found_with=data["found_with"],
            returned_how=data["returned_how"],
        )  # fmt: skip


class InterviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=ReturnInterview.Outcome.choices,
        widget=forms.RadioSelect,
        label="The interview",
        error_messages={"required": ERROR_OUTCOME, "invalid_choice": ERROR_OUTCOME},
    )
    offered_at = GovDateTimeField(what="Time offered", label="When was it offered?")
    completed_at = GovDateTimeField(what="Time done", required=False, label="When was it done?")
    independent_of_carer = forms.BooleanField(
        required=False, label="I am independent of the child's carer and placement"
    )
    in_their_words = text_field(10000, rows=4, label="What the child said, in their own words")
    push_factors = text_field(5000, rows=3, label="What pushed them to go")
    pull_factors = text_field(5000, rows=3, label="What pulled them away")
    places = text_field(5000, rows=2, label="Places they went or stayed")
    associates = text_field(5000, rows=2, label="Who they were with")

    def record(self) -> InterviewRecord:
        data = self.cleaned_data
        return InterviewRecord(
            outcome=data["outcome"], offered_at=data["offered_at"],
            completed_at=data["completed_at"],
            independent_of_carer=data["independent_of_carer"],
            in_their_words=data["in_their_words"], push_factors=data["push_factors"],
            pull_factors=data["pull_factors"], places=data["places"],
            associates=data["associates"],
        )  # fmt: skip


class PlacementForm(forms.Form):
    placing_area = forms.ChoiceField(label="Placed by")
    postcode = text_field(10, required=True, label="Postcode of the placement")
    setting = forms.ChoiceField(
        choices=Placement.Setting.choices,
        widget=forms.RadioSelect,
        label="Kind of placement",
        error_messages={"required": ERROR_SETTING, "invalid_choice": ERROR_SETTING},
    )
    started_on = GovDateField(what="Start date", label="When did the placement start?")

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "placing_area", [("", "Select the authority"), *areas])
        self.fields["postcode"].error_messages["required"] = "Enter the postcode of the placement"
        self.fields["placing_area"].error_messages["required"] = (
            "Select the authority that placed the child"
        )


class ProfileForm(forms.Form):
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)
    description = text_field(
        5000, rows=4, required=True, label="Description",
        error_messages={"required": ERROR_DESCRIPTION},
    )  # fmt: skip
    photo = forms.FileField(required=False, label="A recent photo (JPEG or PNG)")
    associates = text_field(5000, rows=3, label="Friends and associates")
    places = text_field(5000, rows=3, label="Addresses and places they go")
    phones = text_field(2000, rows=2, label="Phone numbers")
    social_media = text_field(2000, rows=2, label="Social media accounts")
    medical = text_field(5000, rows=2, label="Medical needs and medication")
    other = text_field(5000, rows=3, label="Anything else (money, transport, previous episodes)")

    def profile(self) -> ProfileInput:
        data = self.cleaned_data
        return ProfileInput(
            description=data["description"], associates=data["associates"],
            places=data["places"], phones=data["phones"], social_media=data["social_media"],
            medical=data["medical"], other=data["other"],
        )  # fmt: skip
