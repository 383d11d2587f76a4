"""Reads about the partnership's own staff: not personal data of the people it works with."""

from __future__ import annotations

from dataclasses import dataclass

from .models import User
from .roles import roles_definition


@dataclass(frozen=True)
class RoleHeld:
    """One role a user holds, named as the definitions name it."""

    role: str
    team: str
    agency: str
    area: str


def roles_held(*, actor: User) -> list[RoleHeld]:
    """The actor's own roles, for 'my work' (a user may always see their own)."""
    definitions = roles_definition()
    held = []
    for membership in actor.memberships.select_related("team__agency", "team__area"):
        role = definitions.get(membership.role)
        held.append(
            RoleHeld(
                role=role.name if role else f"{membership.role} (not a defined role)",
                team=membership.team.name,
                agency=membership.team.agency.name,
                area=membership.team.area.name,
            )
        )
    return held
