"""Forms of the screening pages, built from the tool being used and the threshold document's
circumstances. They parse what was ticked; the engine and services judge it."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms

from hub.platform.forms import set_choices

from .services import ScreeningAnswers
from .services.flow import ERROR_RATIONALE, ERROR_RETURN_NOTE
from .thresholds import Circumstance, CircumstanceKind
from .tools import ScreeningTool

ERROR_TOOL = "Select a screening tool"
ERROR_SELECT = "Select one of the options"
YES_NO = [("", "Not known"), ("yes", "Yes"), ("no", "No")]


def answer_name(indicator_id: str) -> str:
    return f"answer-{indicator_id}"


def circumstance_name(circumstance_id: str) -> str:
    return f"circumstance-{circumstance_id}"


class StartForm(forms.Form):
    """Which tool to screen with."""

    tool = forms.ChoiceField(
        label="Which screening tool?",
        error_messages={"required": ERROR_TOOL, "invalid_choice": ERROR_TOOL},
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, tools: list[ScreeningTool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "tool", [(tool.id, tool.title) for tool in tools])
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))


class ScreeningForm(forms.Form):
    """Every indicator of the tool, answered with one of its windows, and the circumstances."""

    def __init__(
        self, *args: Any, tool: ScreeningTool, circumstances: list[Circumstance], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tool = tool
        windows = [(window.id, window.title) for window in tool.windows]
        absent = tool.absent_window.id
        self.sections = []
        for section in tool.sections:
            names = []
            for indicator in section.indicators:
                name = answer_name(indicator.id)
                self.fields[name] = forms.ChoiceField(
                    label=indicator.text,
                    choices=windows,
                    required=False,
                    initial=absent,
                    help_text=indicator.guidance,
                    error_messages={"invalid_choice": ERROR_SELECT},
                )
                names.append(name)
            self.sections.append((section, names))
        self.circumstance_names = []
        for circumstance in circumstances:
            name = circumstance_name(circumstance.id)
            choices = (
                YES_NO
                if circumstance.kind == CircumstanceKind.YES_NO
                else [
                    ("", "Not known"),
                    *((v, v.replace("_", " ").capitalize()) for v in circumstance.values),
                ]
            )
            self.fields[name] = forms.ChoiceField(
                label=circumstance.title,
                choices=choices,
                required=False,
                error_messages={"invalid_choice": ERROR_SELECT},
            )
            self.circumstance_names.append(name)
        self.circumstances = circumstances

    def section_fields(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(section, [self[name] for name in names]) for section, names in self.sections]

    def circumstance_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.circumstance_names]

    def answers(self) -> ScreeningAnswers:
        data = self.cleaned_data
        absent = self.tool.absent_window.id
        answers = {
            indicator.id: data[answer_name(indicator.id)]
            for indicator in self.tool.indicators()
            if data.get(answer_name(indicator.id)) not in ("", None, absent)
        }
        circumstances: dict[str, bool | str] = {}
        for circumstance in self.circumstances:
            value = data.get(circumstance_name(circumstance.id)) or ""
            if not value:
                continue
            if circumstance.kind == CircumstanceKind.YES_NO:
                circumstances[circumstance.id] = value == "yes"
            else:
                circumstances[circumstance.id] = value
        return ScreeningAnswers(answers=answers, circumstances=circumstances)


def initial_answers(
    screening_answers: dict[str, str], circumstances: dict[str, object]
) -> dict[str, str]:
    """A form's starting values from stored answers and circumstances."""
    initial = {answer_name(k): v for k, v in screening_answers.items()}
    for key, value in circumstances.items():
        initial[circumstance_name(key)] = (
            ("yes" if value else "no") if isinstance(value, bool) else str(value)
        )
    return initial


class ConfirmForm(forms.Form):
    """The final grade (the tool's, unless the practitioner chooses another, with a reason)."""

    final_overall = forms.ChoiceField(
        label="Final grade",
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )
    rationale = forms.CharField(
        label="If you choose a different grade, say why",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, tool: ScreeningTool, computed: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "final_overall", [(g.id, g.title) for g in tool.grades])
        self.computed = computed
        if not self.is_bound:
            self.initial["final_overall"] = computed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("final_overall") not in (None, self.computed)
            and not data.get("rationale", "").strip()
        ):
            self.add_error("rationale", ERROR_RATIONALE)
        return data


class ReviewForm(forms.Form):
    """A manager's review."""

    agree = forms.TypedChoiceField(
        label="Do you agree with this screening?",
        choices=[("yes", "Yes"), ("no", "No: return it to be redone")],
        coerce=lambda value: value == "yes",
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )
    note = forms.CharField(
        label="Note (needed when you return it)",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agree") is False and not data.get("note", "").strip():
            self.add_error("note", ERROR_RETURN_NOTE)
        return data
