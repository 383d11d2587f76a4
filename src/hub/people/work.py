"""The person pages' section of 'my work': the people the user looked at recently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from hub.platform.access import Permission, has_permission
from hub.platform.work import WorkItem, WorkSection, register_work

from .selectors import recently_viewed_people

if TYPE_CHECKING:
    from hub.organisations.models import User


def people_looked_at(actor: User) -> WorkSection | None:
    """People the user opened lately and may still see."""
    if not has_permission(actor, Permission.PERSON_VIEW):
        return None
    items = [
        WorkItem(label=person.full_name, url=reverse("people:detail", args=[person.pk]),
                 detail=person.reference)
        for person in recently_viewed_people(actor=actor)
    ]  # fmt: skip
    return WorkSection(
        title="People you looked at recently",
        items=items,
        empty="None yet. Use People to find someone.",
    )


register_work(people_looked_at, order=90)
