"""Template helpers for GOV.UK form components (platform/templates/platform/includes/)."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def date_parts(value: object) -> list[str]:
    """A date (or date and time) field's value as [day, month, year(, time)] text, whether
    bound (what was typed) or not."""
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return [str(local.day), str(local.month), str(local.year), f"{local:%H:%M}"]
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple) and len(value) in (3, 4):
        return ["" if part is None else str(part) for part in value]
    return ["", "", "", ""]


@register.filter
def is_chosen(value: object, current: object) -> bool:
    """Whether a choice is selected: `current` is one value or a list of them."""
    if isinstance(current, list | tuple | set):
        return str(value) in {str(item) for item in current}
    return current is not None and str(value) == str(current)


@register.filter
def select_options(field: object) -> SafeString:
    """A select field's options as HTML, the chosen ones selected. Built here, not by a loop
    in the template: a select of the partnership's users was several hundred template nodes
    (and a call of the field's value for each) on every page offering one."""
    current = field.value()  # type: ignore[attr-defined]
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if is_chosen(value, current) else "", text)
            for value, text in field.field.choices  # type: ignore[attr-defined]
        ),
    )


@register.filter
def error_id(field: object) -> str:
    """The id an error message beside a field carries (for aria-describedby)."""
    return f"{field.id_for_label or field.html_name}-error"  # type: ignore[attr-defined]


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """A dictionary's value by key in a template (`forms|get_item:subject.pk`)."""
    return mapping.get(key)
