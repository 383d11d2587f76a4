"""Forms of the person pages. They parse what was typed; the services hold the rules
(design.md §3.1), and their messages come back beside the field they name."""

from __future__ import annotations

import secrets

from django import forms
from django.db import models

from hub.platform.forms import GovDateField

from .models import (
    AliasKind,
    CareStatus,
    EducationStatus,
    Ethnicity,
    Gender,
    IdentifierKind,
    ImmigrationStatus,
    RelationshipKind,
    SenStatus,
    Vulnerability,
)
from .services import AddressInput, NewPerson, PersonDetails, RelationshipInput
from .services.details import ERROR_REVIEW_DATE, ERROR_WARNING_TEXT
from .services.merge import ERROR_MERGE_REASON, MERGE_REASON_MIN
from .services.records import ERROR_CHOICE, ERROR_FAMILY_NAME, ERROR_GIVEN_NAME, NAME_MAX


def _choice(choices: type[models.Choices], *, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices.choices,
        error_messages={"required": ERROR_CHOICE, "invalid_choice": ERROR_CHOICE},
    )


class ChronologyFilterForm(forms.Form):
    """Which kinds of event, and which agency's, to show. Unknown values simply match nothing."""

    kind = forms.MultipleChoiceField(required=False)
    agency = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Kinds are free codes from every app: accept any short code, filter by it.
        self.fields["kind"].valid_value = lambda value: len(str(value)) <= 50  # type: ignore[attr-defined]


class PersonDetailsForm(forms.Form):
    """The person's own details (used to make a record and to change one)."""

    given_name = forms.CharField(
        label="First name", max_length=NAME_MAX, error_messages={"required": ERROR_GIVEN_NAME}
    )
    family_name = forms.CharField(
        label="Last name", max_length=NAME_MAX, error_messages={"required": ERROR_FAMILY_NAME}
    )
    date_of_birth = GovDateField(what="Date of birth", required=False, label="Date of birth")
    date_of_birth_estimated = forms.BooleanField(required=False, label="This date is an estimate")
    gender = _choice(Gender, label="Gender")
    ethnicity = _choice(Ethnicity, label="Ethnicity")
    nationality = forms.CharField(label="Nationality", required=False, max_length=60)
    immigration_status = _choice(ImmigrationStatus, label="Immigration status")
    first_language = forms.CharField(label="First language", required=False, max_length=60)
    interpreter_needed = forms.BooleanField(required=False, label="Needs an interpreter")
    disability = forms.CharField(label="Disability", required=False, max_length=200)
    sen_status = _choice(SenStatus, label="Special educational needs")
    care_status = _choice(CareStatus, label="Care status")
    education_status = _choice(EducationStatus, label="Education, employment or training")
    vulnerabilities = forms.MultipleChoiceField(
        label="Circumstances that make exploitation more likely",
        choices=Vulnerability.choices,
        required=False,
        error_messages={"invalid_choice": ERROR_CHOICE},
    )

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            date_of_birth_estimated=data["date_of_birth_estimated"],
            gender=data["gender"],
            ethnicity=data["ethnicity"],
            nationality=data["nationality"],
            immigration_status=data["immigration_status"],
            first_language=data["first_language"],
            interpreter_needed=data["interpreter_needed"],
            disability=data["disability"],
            sen_status=data["sen_status"],
            care_status=data["care_status"],
            education_status=data["education_status"],
            vulnerabilities=tuple(data["vulnerabilities"]),
        )


class NewPersonForm(PersonDetailsForm):
    """A new record: the details, other names, the current address and an NHS number."""

    other_names = forms.CharField(
        label="Other names, nicknames or street names",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    address_line = forms.CharField(label="Address", required=False, max_length=200)
    town = forms.CharField(label="Town or city", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=20)
    # Each form carries a one-time token: a double submission makes one record.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # "None of these is the person": set once the possible duplicates have been seen.
    checked_duplicates = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))

    def new_person(self) -> NewPerson:
        data = self.cleaned_data
        return NewPerson(
            details=self.details(),
            other_names=tuple(
                line.strip() for line in data["other_names"].splitlines() if line.strip()
            ),
            address=AddressInput(
                address_line=data["address_line"], town=data["town"], postcode=data["postcode"]
            ),
            nhs_number=data["nhs_number"],
        )


class AliasForm(forms.Form):
    """Another name the person is known by."""

    kind = _choice(AliasKind, label="What kind of name is it?")
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the other name"}
    )


class IdentifierForm(forms.Form):
    """An identifier an agency holds."""

    kind = _choice(IdentifierKind, label="Which identifier?")
    value = forms.CharField(
        label="Identifier", max_length=40, error_messages={"required": "Enter the identifier"}
    )


class AddressForm(forms.Form):
    """A new current address."""

    address_line = forms.CharField(label="Address", required=False, max_length=200)
    town = forms.CharField(label="Town or city", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    moved_in = GovDateField(what="The date they moved in", required=False, label="Moved in")

    def address(self) -> AddressInput:
        data = self.cleaned_data
        return AddressInput(
            address_line=data["address_line"],
            town=data["town"],
            postcode=data["postcode"],
            moved_in=data["moved_in"],
        )


class WarningForm(forms.Form):
    """A warning for workers, with a date to review it by."""

    text = forms.CharField(
        label="What must workers know before contact?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_WARNING_TEXT},
    )
    review_on = GovDateField(what="Review date", label="Review by")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["review_on"].error_messages["required"] = ERROR_REVIEW_DATE


class RelationshipForm(forms.Form):
    """A family member, carer or professional in the person's life."""

    kind = _choice(RelationshipKind, label="Who are they to the person?")
    name = forms.CharField(label="Name", required=False, max_length=200)
    related_reference = forms.RegexField(
        label="Their record reference, if they have one",
        required=False,
        regex=r"^\s*[Pp]\d{1,12}\s*$",
        max_length=20,
        error_messages={"invalid": "Enter a record reference, like P0000123"},
    )
    contact = forms.CharField(label="Phone or email", required=False, max_length=200)
    parental_responsibility = forms.BooleanField(
        required=False, label="Holds parental responsibility"
    )
    notes = forms.CharField(label="Notes", required=False, max_length=2000, widget=forms.Textarea)

    def relationship(self) -> RelationshipInput:
        data = self.cleaned_data
        reference = data["related_reference"].strip()
        return RelationshipInput(
            kind=data["kind"],
            name=data["name"],
            related_person_id=int(reference[1:]) if reference else None,
            contact=data["contact"],
            parental_responsibility=data["parental_responsibility"],
            notes=data["notes"],
        )


class MergeForm(forms.Form):
    """Which record is the duplicate of this one, and why they are the same person."""

    duplicate_reference = forms.RegexField(
        label="Reference of the duplicate record",
        regex=r"^\s*[Pp]\d{1,12}\s*$",
        max_length=20,
        error_messages={
            "required": "Enter the duplicate's record reference, like P0000123",
            "invalid": "Enter the duplicate's record reference, like P0000123",
        },
    )
    reason = forms.CharField(
        label="Why are these the same person?",
        min_length=MERGE_REASON_MIN,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_MERGE_REASON, "min_length": ERROR_MERGE_REASON},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def duplicate_id(self) -> int:
        return int(self.cleaned_data["duplicate_reference"].strip()[1:])


class UnmergeForm(forms.Form):
    """Why a merge was wrong."""

    reason = forms.CharField(
        label="Why were these records wrongly merged?",
        min_length=MERGE_REASON_MIN,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_MERGE_REASON, "min_length": ERROR_MERGE_REASON},
    )
