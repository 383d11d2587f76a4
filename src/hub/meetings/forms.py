"""Forms of the meeting pages."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from hub.platform.forms import GovDateField, set_choices

from .models import Attendance, SharedInformation
from .practice import meeting_types
from .services.meetings import ERROR_CHAIR, ERROR_TYPE

ERROR_SELECT = "Select one of the options"
ERROR_TIME = "Enter the time like 14:30"


def _people(users: list[Any]) -> list[tuple[Any, str]]:
    return [("", "Choose someone")] + [(u.pk, u.get_full_name() or u.username) for u in users]


def _items(items: list[Any]) -> list[tuple[Any, str]]:
    return [("", "The meeting as a whole")] + [(i.pk, i.title) for i in items]


class ScheduleForm(forms.Form):
    type_code = forms.ChoiceField(
        label="Kind of meeting",
        error_messages={"required": ERROR_TYPE, "invalid_choice": ERROR_TYPE},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the meeting a title"}
    )
    day = GovDateField(what="The date of the meeting", label="Date")
    at = forms.RegexField(
        label="Time",
        regex=r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$",
        max_length=5,
        error_messages={"required": ERROR_TIME, "invalid": ERROR_TIME},
    )
    place = forms.CharField(label="Where (or how: online)", required=False, max_length=200)
    chair = forms.TypedChoiceField(
        label="Chair",
        coerce=int,
        error_messages={"required": ERROR_CHAIR, "invalid_choice": ERROR_CHAIR},
    )

    def __init__(self, *args: Any, users: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self, "type_code", [("", "Select")] + [(t.code, t.title) for t in meeting_types().types]
        )
        set_choices(self, "chair", _people(users))

    def starts_at(self) -> datetime | None:
        day = self.cleaned_data.get("day")
        at = self.cleaned_data.get("at", "")
        match = re.match(r"\s*(\d+):(\d+)", at or "")
        if day is None or match is None:
            return None
        return datetime.combine(
            day,
            time(int(match.group(1)), int(match.group(2))),
            tzinfo=timezone.get_current_timezone(),
        )


class AgendaForm(forms.Form):
    prefix = "agenda"

    case = forms.TypedChoiceField(
        label="Add a case to the agenda",
        coerce=int,
        error_messages={"required": "Choose a case", "invalid_choice": ERROR_SELECT},
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "case",
            [("", "Choose a case")]
            + [
                (c.pk, f"{c.reference}: {', '.join(s.person.full_name for s in c.subjects.all())}")
                for c in cases
            ],
        )


class AttendanceForm(forms.Form):
    prefix = "attendance"

    agency = forms.TypedChoiceField(
        label="Agency",
        coerce=int,
        error_messages={"required": "Select the agency", "invalid_choice": ERROR_SELECT},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    role = forms.CharField(label="Role", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Attended?",
        choices=Attendance.Status.choices,
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )

    def __init__(self, *args: Any, agencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", [("", "Select an agency")] + [(a.pk, a.name) for a in agencies])


class InformationForm(forms.Form):
    prefix = "shared"

    item = forms.TypedChoiceField(label="About", coerce=int, required=False, empty_value=None)
    agency = forms.TypedChoiceField(
        label="Shared by",
        coerce=int,
        error_messages={"required": "Select the agency", "invalid_choice": ERROR_SELECT},
    )
    summary = forms.CharField(
        label="What was shared",
        max_length=10000,
        widget=forms.Textarea,
        error_messages={"required": "Say what was shared"},
    )
    handling = forms.ChoiceField(
        label="How it may be shared",
        choices=SharedInformation.Handling.choices,
        error_messages={"required": "Select how it may be shared", "invalid_choice": ERROR_SELECT},
    )
    conditions = forms.CharField(label="Conditions on sharing it", required=False, max_length=2000)

    def __init__(self, *args: Any, agencies: list[Any], items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "agency", [("", "Select an agency")] + [(a.pk, a.name) for a in agencies])
        set_choices(self, "item", _items(items))


class DecisionForm(forms.Form):
    prefix = "decision"

    item = forms.TypedChoiceField(label="About", coerce=int, required=False, empty_value=None)
    text = forms.CharField(
        label="Decision",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Write the decision"},
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "item", _items(items))


class ActionForm(forms.Form):
    prefix = "action"

    item = forms.TypedChoiceField(label="About", coerce=int, required=False, empty_value=None)
    text = forms.CharField(
        label="Action",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say what needs doing"},
    )
    owner = forms.TypedChoiceField(
        label="Who will do it",
        coerce=int,
        error_messages={
            "required": "Choose who will do it",
            "invalid_choice": "Choose who will do it",
        },
    )
    due_on = GovDateField(what="Due date", label="By when")

    def __init__(self, *args: Any, items: list[Any], users: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "item", _items(items))
        set_choices(self, "owner", _people(users))


class DiscussionForm(forms.Form):
    text = forms.CharField(
        label="What was discussed", required=False, max_length=20000, widget=forms.Textarea
    )
