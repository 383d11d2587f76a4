"""Who wants to know when a person moves to another area (the alerts app, for persons of
concern), so the person services need not know those apps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.organisations.models import Area, User

    from .models import Person

# (actor, person, the area they lived in before or None, the area they moved to, postcode)
MoveListener = Callable[["User", "Person", "int | None", "Area", str], None]
_LISTENERS: list[MoveListener] = []


def register_move_listener(listener: MoveListener) -> None:
    """Be told, in the transaction that records it, whenever a person's home area changes."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def announce_move(
    *, actor: User, person: Person, from_area_id: int | None, to_area: Area, postcode: str
) -> None:
    """Tell every listener that the person now lives in `to_area`."""
    if from_area_id == to_area.pk:
        return
    for listener in _LISTENERS:
        listener(actor, person, from_area_id, to_area, postcode)
