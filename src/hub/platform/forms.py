"""Forms of the shared kernel. Messages are constants the tests assert (design.md §3.12)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from .models import BreakGlassAccess
from .services import ERROR_OUTCOME_REQUIRED, ERROR_REASON_TOO_SHORT, REASON_MIN_LENGTH
from .timescales import LOCAL

ERROR_SIGN_IN = "Enter a correct username and password. Both are case-sensitive."
ERROR_SIGN_IN_INACTIVE = "This account is not active. Ask your administrator."
USERNAME_MAX_LENGTH = 150
ERROR_CODE_FORMAT = "Enter the 6-digit code from your authenticator app"
ERROR_CODE_WRONG = "The code is not right, or has expired. Enter the code shown now."


class SignInForm(AuthenticationForm):
    """Username and password, with messages that never say which of the two was wrong."""

    error_messages = {"invalid_login": ERROR_SIGN_IN, "inactive": ERROR_SIGN_IN_INACTIVE}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        # Django sets the field's max_length after building it, so it is never checked; an
        # overlong name would then reach the lockout table's 255-character column.
        username = self.cleaned_data["username"]
        if len(username) > USERNAME_MAX_LENGTH:
            raise forms.ValidationError(ERROR_SIGN_IN)
        return username


class TotpCodeForm(forms.Form):
    """A 6-digit code from an authenticator app."""

    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"required": ERROR_CODE_FORMAT, "invalid": ERROR_CODE_FORMAT},
    )

    def cleaned_code(self) -> str:
        return self.cleaned_data["code"].strip()


class BreakGlassForm(forms.Form):
    """Why the record is needed now, outside the usual scope."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=REASON_MIN_LENGTH,
        max_length=2000,
        strip=True,
        error_messages={"required": ERROR_REASON_TOO_SHORT, "min_length": ERROR_REASON_TOO_SHORT},
    )


class BreakGlassReviewForm(forms.Form):
    """A manager's view of whether a break-glass access was justified."""

    outcome = forms.ChoiceField(
        choices=BreakGlassAccess.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": ERROR_OUTCOME_REQUIRED,
            "invalid_choice": ERROR_OUTCOME_REQUIRED,
        },
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class RecordAccessSearchForm(forms.Form):
    """Which record's trail to show: a person's reference such as P0000123."""

    reference = forms.RegexField(
        regex=r"^\s*[Pp]\d{1,12}\s*$",
        max_length=20,
        error_messages={
            "required": "Enter a record reference, like P0000123",
            "invalid": "Enter a record reference, like P0000123",
        },
    )

    def object_id(self) -> int:
        return int(self.cleaned_data["reference"].strip()[1:])


class GovDateWidget(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK date input); names end `_day`, `_month`, `_year`."""

    def __init__(self) -> None:
        super().__init__(
            widgets={
                "day": forms.TextInput(),
                "month": forms.TextInput(),
                "year": forms.TextInput(),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    """A date typed in three boxes, with the GOV.UK messages for what is missing or wrong.

    `what` names the date in messages: "Date of birth" gives "Date of birth must include a
    month" and "Date of birth must be a real date".
    """

    widget = GovDateWidget

    def __init__(self, *, what: str, required: bool = True, **kwargs: Any) -> None:
        self.what = what
        parts = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=parts, require_all_fields=False, required=required, **kwargs)
        self.error_messages["required"] = f"Enter the {what[0].lower()}{what[1:]}"

    def clean(self, value: Any) -> date | None:
        raw = list(value) if isinstance(value, list | tuple) else ["", "", ""]
        day, month, year = (str(part or "").strip() for part in [*raw, "", "", ""][:3])
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"{self.what} must include a {' and a '.join(missing)}", code="incomplete"
            )
        try:
            if len(year) != 4:
                raise ValueError(year)
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                f"{self.what} must be a real date", code="invalid"
            ) from None

    def compress(self, data_list: list[Any]) -> date | None:  # clean() does the work
        return None


_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.]?(?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


def parse_time(text: str) -> time | None:
    """A time of day as people type it: 14:30, 14.30, 1430, 2:30pm, 2pm; None if not one."""
    match = _TIME.match(text.strip().lower().replace(" ", ""))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    elif match["minute"] is None:
        return None  # "14" alone could be anything
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class GovDateTimeWidget(forms.MultiWidget):
    """Day, month and year boxes and a time box; names end `_day`, `_month`, `_year`, `_time`."""

    def __init__(self) -> None:
        super().__init__(
            widgets={
                "day": forms.TextInput(),
                "month": forms.TextInput(),
                "year": forms.TextInput(),
                "time": forms.TextInput(),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            return [local.day, local.month, local.year, f"{local:%H:%M}"]
        return [None, None, None, None]


class GovDateTimeField(GovDateField):
    """A date in three boxes and a time (24-hour, or with am/pm), as an aware local time."""

    widget = GovDateTimeWidget  # type: ignore[assignment]

    def __init__(self, *, what: str, required: bool = True, **kwargs: Any) -> None:
        super().__init__(what=what, required=required, **kwargs)
        self.fields = (*self.fields, forms.CharField())

    def clean(self, value: Any) -> datetime | None:  # type: ignore[override]
        raw = list(value) if isinstance(value, list | tuple) else ["", "", "", ""]
        raw = [*raw, "", "", "", ""][:4]
        typed = str(raw[3] or "").strip()
        day = super().clean(raw[:3])
        if day is None:
            if typed:
                raise forms.ValidationError(f"{self.what} must include a date", code="incomplete")
            return None
        if not typed:
            raise forms.ValidationError(f"{self.what} must include a time", code="incomplete")
        moment = parse_time(typed)
        if moment is None:
            raise forms.ValidationError(
                f"{self.what}: enter the time like 14:30 or 2:30pm", code="invalid"
            )
        return timezone.make_aware(datetime.combine(day, moment), LOCAL)


def text_field(
    max_length: int, *, rows: int = 0, required: bool = False, **kwargs: Any
) -> forms.CharField:
    """A text input (or a text area of `rows`), optional unless said otherwise."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(required=required, max_length=max_length, widget=widget, **kwargs)


def set_choices(form: forms.BaseForm, name: str, choices: list[tuple[Any, str]]) -> None:
    """Give a choice field its choices (those that come from definitions or the database)."""
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def initial_from(form: forms.BaseForm, data: MultiValueDict) -> dict[str, Any]:
    """What a form shows for saved raw data, without checking it (a draft being resumed):
    each field reads its value from the data exactly as it would when bound."""
    return {
        name: field.widget.value_from_datadict(data, MultiValueDict(), form.add_prefix(name))
        for name, field in form.fields.items()
    }
