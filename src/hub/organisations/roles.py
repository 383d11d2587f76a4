"""Roles as data: the schema of roles.yaml, and the grants a user holds through memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from hub.platform.access import Grant, Permission, Scope
from hub.platform.definitions import Definition, register

if TYPE_CHECKING:
    from .models import User


class RoleDefinition(BaseModel):
    """One role: a code, a name, and its grants written `<permission> @ <scope>`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    description: str = ""
    grants: tuple[tuple[Permission, Scope], ...]

    @field_validator("grants", mode="before")
    @classmethod
    def _parse_grants(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        parsed = []
        for item in value:
            permission, sep, scope = str(item).partition("@")
            if not sep:
                raise ValueError(f"grant {item!r} must be written '<permission> @ <scope>'")
            parsed.append((permission.strip(), scope.strip()))
        return parsed


class RolesDefinition(Definition):
    """The roles file."""

    roles: tuple[RoleDefinition, ...]

    @model_validator(mode="after")
    def _unique_codes(self) -> RolesDefinition:
        codes = [role.code for role in self.roles]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"role codes must be unique: {', '.join(duplicates)}")
        return self

    def get(self, code: str) -> RoleDefinition | None:
        return next((role for role in self.roles if role.code == code), None)


roles_definition = register("organisations", "roles", RolesDefinition)


def role_choices() -> list[tuple[str, str]]:
    """Role codes and names, for forms."""
    return [(role.code, role.name) for role in roles_definition().roles]


def grants_for_user(user: User) -> list[Grant]:
    """Every grant the user's memberships give, anchored at each membership's team."""
    if not user.is_authenticated or not user.is_active:
        return []
    roles = roles_definition()
    grants = []
    memberships = user.memberships.select_related("team").all()
    for membership in memberships:
        role = roles.get(membership.role)
        if role is None:  # a role removed from the file grants nothing
            continue
        team = membership.team
        for permission, scope in role.grants:
            grants.append(
                Grant(
                    permission=permission,
                    scope=scope,
                    user_id=user.pk,
                    team_id=team.pk,
                    agency_id=team.agency_id,
                    area_id=team.area_id,
                )
            )
    return grants
