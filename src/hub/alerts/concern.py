"""Persons of concern: apps say why a person is one (an open case, recent missing episodes),
and a person of concern who moves to another area is announced to that area's hub."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.urls import reverse

from hub.people.moves import register_move_listener

from .services import Arrival, alert_cross_border

if TYPE_CHECKING:
    from hub.organisations.models import Area, User
    from hub.people.models import Person

# person -> why they are of concern (one short line, no detail), or None
ConcernCheck = Callable[["Person"], "str | None"]
_CHECKS: list[ConcernCheck] = []


def register_concern(check: ConcernCheck) -> None:
    """Add a reason a person may be of concern (an app's own records say so)."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def concerns_about(person: Person) -> list[str]:
    """Why this person is of concern, one line per reason; empty when they are not."""
    return [reason for check in _CHECKS if (reason := check(person))]


def _moved(
    actor: User, person: Person, from_area_id: int | None, to_area: Area, postcode: str
) -> None:
    reasons = concerns_about(person)
    if not reasons or from_area_id is None:
        return
    alert_cross_border(
        actor=actor,
        arrival=Arrival(
            person=person,
            to_area=to_area,
            from_area_id=from_area_id,
            title=f"Moved to {to_area.name}",
            summary="; ".join(reasons),
            postcode=postcode,
            source_type="person",
            source_id=person.pk,
            url=reverse("people:detail", args=[person.pk]),
        ),
    )


register_move_listener(_moved)
