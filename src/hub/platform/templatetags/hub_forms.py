"""Template helpers for GOV.UK form components (platform/templates/platform/includes/)."""

from __future__ import annotations

from datetime import date

from django import template

register = template.Library()


@register.filter
def date_parts(value: object) -> list[str]:
    """A date field's value as [day, month, year] text, whether bound (what was typed) or not."""
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple) and len(value) == 3:
        return ["" if part is None else str(part) for part in value]
    return ["", "", ""]


@register.filter
def is_chosen(value: object, current: object) -> bool:
    """Whether a choice is selected: `current` is one value or a list of them."""
    if isinstance(current, list | tuple | set):
        return str(value) in {str(item) for item in current}
    return current is not None and str(value) == str(current)


@register.filter
def error_id(field: object) -> str:
    """The id an error message beside a field carries (for aria-describedby)."""
    return f"{field.id_for_label or field.html_name}-error"  # type: ignore[attr-defined]


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """A dictionary's value by key in a template (`forms|get_item:subject.pk`)."""
    return mapping.get(key)
