"""Reads about the demo: is a region there already, and who can sign in to it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from hub.organisations.models import Agency, Area, Membership, Team, User
from hub.organisations.roles import roles_definition
from hub.people.models import Person

from .generator.users import AREA_USERS, PARTNERSHIP_USERS

# The areas whose sign-ins are printed in full; the others follow the same pattern.
SHOWN_AREAS: tuple[str, ...] = ("birmingham", "coventry")


@dataclass(frozen=True)
class SignIn:
    """A demo user to show: username, role and team."""

    username: str
    role: str
    team: str


def region_is_built() -> bool:
    """A region is there once any area exists."""
    return Area.objects.exists()


def partnership_data_exists() -> bool:
    """Anything a build would collide with: areas, agencies, teams, users or persons."""
    return (
        Area.objects.exists()
        or Agency.objects.exists()
        or Team.objects.exists()
        or User.objects.exists()
        or Person.objects.exists()
    )


def demo_sign_ins(*, areas: tuple[str, ...] = SHOWN_AREAS) -> list[SignIn]:
    """The sign-ins of the shown areas and the partnership's own users, as built."""
    partnership = [username for username, _, _ in PARTNERSHIP_USERS]
    chosen = Q(user__username__in=partnership)
    for slug in areas:
        chosen |= Q(user__username__startswith=f"{slug}.")
    memberships = Membership.objects.filter(chosen).select_related("user", "team")
    suffixes = {user.suffix: position for position, user in enumerate(AREA_USERS)}

    def order(row: SignIn) -> tuple[int, int, str]:
        if row.username in partnership:
            return (len(areas), partnership.index(row.username), row.username)
        slug, _, suffix = row.username.partition(".")
        area_position = areas.index(slug) if slug in areas else len(areas)
        return (area_position, suffixes.get(suffix, len(suffixes)), row.username)

    roles = roles_definition()

    def role_name(code: str) -> str:
        role = roles.get(code)
        return role.name if role else code

    sign_ins = (SignIn(m.user.username, role_name(m.role), m.team.name) for m in memberships)
    return sorted(sign_ins, key=order)
