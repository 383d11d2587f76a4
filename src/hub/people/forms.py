"""Forms of the person pages."""

from __future__ import annotations

from django import forms


class ChronologyFilterForm(forms.Form):
    """Which kinds of event, and which agency's, to show. Unknown values simply match nothing."""

    kind = forms.MultipleChoiceField(required=False)
    agency = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Kinds are free codes from every app: accept any short code, filter by it.
        self.fields["kind"].valid_value = lambda value: len(str(value)) <= 50  # type: ignore[attr-defined]
