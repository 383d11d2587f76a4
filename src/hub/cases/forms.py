"""Forms of the case pages: they parse, the services judge (design.md §3.12)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from hub.organisations.models import Agency, Area, User
from hub.platform.forms import GovDateField, set_choices
from hub.screening.thresholds import threshold_document

from .models import Case, CaseMember, VoiceRecord
from .practice import case_practice
from .services import PlanInput
from .services.plans import ERROR_ACTION_OWNER, ERROR_ACTION_TEXT, ERROR_CONTEXT, ERROR_VOICE_WORDS

ERROR_SELECT = "Select one of the options"
NEW_GOALS = 3


def _people(users: list[User]) -> list[tuple[Any, str]]:
    return [("", "Choose someone")] + [
        (
            u.pk,
            f"{u.get_full_name() or u.username} ({u.job_title})"
            if u.job_title
            else (u.get_full_name() or u.username),
        )
        for u in users
    ]


class OpenCaseForm(forms.Form):
    """Who the case is about, and who leads it."""

    persons = forms.MultipleChoiceField(
        label="The case is about",
        error_messages={"required": "Choose at least one person the case is about"},
    )
    lead_agency = forms.TypedChoiceField(
        label="Lead agency",
        coerce=int,
        error_messages={"required": "Select the lead agency", "invalid_choice": ERROR_SELECT},
    )
    lead_professional = forms.TypedChoiceField(
        label="Lead professional", coerce=int, required=False, empty_value=None
    )
    reason = forms.CharField(
        label="Why open a case now?", required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(
        self,
        *args: Any,
        persons: list[Any],
        agencies: list[Agency],
        users: list[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self, "persons", [(str(p.pk), f"{p.full_name} ({p.reference})") for p in persons]
        )
        set_choices(
            self, "lead_agency", [("", "Select an agency")] + [(a.pk, a.name) for a in agencies]
        )
        set_choices(self, "lead_professional", _people(users))


class MemberForm(forms.Form):
    prefix = "member"

    user = forms.TypedChoiceField(
        label="Add to the case team",
        coerce=int,
        error_messages={"required": "Choose someone to add", "invalid_choice": ERROR_SELECT},
    )
    role = forms.ChoiceField(
        label="Role", choices=CaseMember.Role.choices, initial=CaseMember.Role.MEMBER
    )

    def __init__(self, *args: Any, users: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "user", _people(users))


class RiskForm(forms.Form):
    prefix = "risk"

    level = forms.ChoiceField(
        label="Risk now", error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT}
    )
    reason = forms.CharField(
        label="Why",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the risk is at this level"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "level", [(lvl.id, lvl.title) for lvl in threshold_document().levels])


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Case.Status.choices[:4],
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )


class PlanForm(forms.Form):
    """The plan: goals (each existing goal keeps its key), views, contingency steps."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    person_views = forms.CharField(
        label="What the person wants, and thinks of the plan",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
    )
    family_views = forms.CharField(
        label="What the family or carers think",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
    )
    contingency = forms.CharField(
        label="If something happens (if missing again...)",
        required=False,
        max_length=10000,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, goals: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal_names = []
        for index, goal in enumerate(goals, start=1):
            name = f"goal-{goal['key']}"
            self.fields[name] = forms.CharField(
                label=f"Goal {index}", required=False, max_length=1000, initial=goal["text"]
            )
            self.goal_names.append(name)
        for number in range(1, NEW_GOALS + 1):
            name = f"new-goal-{number}"
            self.fields[name] = forms.CharField(
                label=f"New goal {number}", required=False, max_length=1000
            )
            self.goal_names.append(name)

    def goal_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.goal_names]

    def plan(self) -> PlanInput:
        data = self.cleaned_data
        goals = []
        for name in self.goal_names:
            text = data.get(name, "")
            key = name[len("goal-") :] if name.startswith("goal-") else ""
            if re.fullmatch(r"[0-9a-f]{1,20}", key) is None:
                key = ""
            goals.append((key, text))
        return PlanInput(
            goals=tuple(goals),
            person_views=data["person_views"],
            family_views=data["family_views"],
            contingency=data["contingency"],
        )


class ActionForm(forms.Form):
    prefix = "action"

    text = forms.CharField(
        label="What needs doing",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_ACTION_TEXT},
    )
    owner = forms.TypedChoiceField(
        label="Who will do it",
        coerce=int,
        error_messages={"required": ERROR_ACTION_OWNER, "invalid_choice": ERROR_ACTION_OWNER},
    )
    due_on = GovDateField(what="Due date", label="By when")
    goal_key = forms.ChoiceField(label="Towards the goal", required=False)

    def __init__(
        self, *args: Any, users: list[User], goals: list[dict[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "owner", _people(users))
        set_choices(
            self,
            "goal_key",
            [("", "No particular goal")] + [(g["key"], g["text"][:80]) for g in goals],
        )


class VoiceForm(forms.Form):
    prefix = "voice"

    person = forms.TypedChoiceField(
        label="Who said it",
        coerce=int,
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )
    context = forms.ChoiceField(
        label="Where were they?",
        choices=VoiceRecord.Context.choices,
        error_messages={"required": ERROR_CONTEXT, "invalid_choice": ERROR_CONTEXT},
    )
    words = forms.CharField(
        label="What they said, in their own words",
        max_length=10000,
        widget=forms.Textarea,
        error_messages={"required": ERROR_VOICE_WORDS},
    )
    place = forms.CharField(label="Place", required=False, max_length=200)
    said_on = GovDateField(what="The date they said it", label="When")

    def __init__(self, *args: Any, persons: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "person", [(p.pk, p.full_name) for p in persons])


class CloseForm(forms.Form):
    prefix = "close"

    outcome = forms.ChoiceField(
        label="Outcome",
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )
    reason = forms.CharField(
        label="Why the case can close",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the case can close"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "outcome", [(o.code, o.title) for o in case_practice().outcomes])


class SignOffForm(forms.Form):
    prefix = "signoff"

    approve = forms.TypedChoiceField(
        label="Close the case?",
        choices=[("yes", "Yes: close it"), ("no", "No: it stays open")],
        coerce=lambda v: v == "yes",
        error_messages={"required": ERROR_SELECT, "invalid_choice": ERROR_SELECT},
    )
    note = forms.CharField(
        label="Note (needed when it stays open)",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


class TransferForm(forms.Form):
    prefix = "transfer"

    area = forms.TypedChoiceField(
        label="Transfer to",
        coerce=int,
        error_messages={
            "required": "Select another area of the region",
            "invalid_choice": ERROR_SELECT,
        },
    )
    reason = forms.CharField(label="Why", required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args: Any, areas: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "area", [("", "Select an area")] + [(a.pk, a.name) for a in areas])
