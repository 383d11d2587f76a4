"""Reads about the partnership's own staff: not personal data of the people it works with."""

from __future__ import annotations

from dataclasses import dataclass

from hub.platform.access import Permission, grants_of

from .models import Agency, Area, Team, User
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


def area_for_postcode(postcode: str) -> Area | None:
    """The area a postcode lies in: one of the region's, the area standing for everywhere else
    when it is a real postcode outside the region, or None when the postcode is not known."""
    from hub.platform.places import area_code_for_postcode

    code = area_code_for_postcode(postcode)
    if code is None:
        return None
    return Area.objects.filter(code=code).first() or Area.objects.filter(in_region=False).first()


def team_for_grant(*, actor: User, permission: Permission) -> Team | None:
    """The team whose membership gives the actor this permission (the first, if several)."""
    grant = next((g for g in grants_of(actor) if g.permission == permission), None)
    return Team.objects.select_related("area", "agency").get(pk=grant.team_id) if grant else None


def region_areas() -> list[Area]:
    """The region's own areas (each with a hub), in name order."""
    return list(Area.objects.filter(in_region=True).order_by("name"))


def agencies_all() -> list[Agency]:
    """Every agency of the partnership, in name order (for a partner-check form, say)."""
    return list(Agency.objects.order_by("name"))
