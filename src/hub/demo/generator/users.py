"""Demo sign-ins: in every area one user per role of roles.yaml, plus the partnership's own.

Usernames are predictable (`birmingham.hub.practitioner`, `coventry.hub.manager`, `dpo`,
`admin`) and every password is DEMO_PASSWORD. The password is hashed once and the hash copied:
Argon2 is slow by design, and a hundred hashes of the same password would take a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hub.organisations.models import Membership, User
from hub.organisations.roles import roles_definition

from .names import name_pools
from .organisations import ALL, BUSINESS_UNIT

if TYPE_CHECKING:
    from .core import RegionBuild

DEMO_PASSWORD = "demo-password"  # noqa: S105 (published on the sign-in page in demo mode)
EMAIL_DOMAIN = "demo.invalid"  # reserved: mail to it can never reach anyone


@dataclass(frozen=True)
class AreaUser:
    """One user made in every area: username `<area>.<suffix>`, in the team `<team>:<area>`."""

    suffix: str
    role: str
    team: str
    job_title: str


AREA_USERS: tuple[AreaUser, ...] = (
    AreaUser("hub.practitioner", "hub_practitioner", "hub", "Exploitation hub practitioner"),
    AreaUser("hub.manager", "hub_manager", "hub", "Exploitation hub manager"),
    AreaUser("meeting.chair", "meeting_chair", "hub", "Multi-agency meeting chair"),
    AreaUser("intelligence.analyst", "intelligence_analyst", "hub", "Intelligence analyst"),
    AreaUser("quality.lead", "quality_lead", "quality", "Quality assurance lead"),
    AreaUser("police.practitioner", "practitioner", "police", "Detective constable"),
    AreaUser("socialcare.practitioner", "practitioner", "social_care", "Social worker"),
    AreaUser("school.practitioner", "practitioner", "school1", "Designated safeguarding lead"),
    AreaUser("health.practitioner", "practitioner", "health", "Safeguarding nurse"),
    AreaUser("youthjustice.practitioner", "practitioner", "youth_justice", "Youth justice worker"),
    AreaUser("probation.practitioner", "practitioner", "probation", "Probation officer"),
)
# Roles held once for the whole partnership: (username, role, job title), in the business unit.
PARTNERSHIP_USERS: tuple[tuple[str, str, str], ...] = (
    ("dpo", "data_protection_officer", "Data protection officer"),
    ("admin", "administrator", "System administrator"),
)


def _team_key(region: RegionBuild, team: str, slug: str) -> str:
    if team == "health":  # the first NHS trust team working in the area
        return next(
            key for key in region.teams if key.startswith("trust_") and key.endswith(f":{slug}")
        )
    return f"{team}:{slug}"


def planned_users(region: RegionBuild) -> list[tuple[str, str, str, str]]:
    """(username, role, team key, job title) for every demo user, in a fixed order."""
    planned: list[tuple[str, str, str, str]] = []
    known_roles = {user.role for user in AREA_USERS} | {role for _, role, _ in PARTNERSHIP_USERS}
    # A role added to roles.yaml later still gets a user per area, in the hub, until placed here.
    extra_roles = [role for role in roles_definition().roles if role.code not in known_roles]
    for slug in ALL:
        for user in AREA_USERS:
            planned.append(
                (
                    f"{slug}.{user.suffix}",
                    user.role,
                    _team_key(region, user.team, slug),
                    user.job_title,
                )
            )
        for extra in extra_roles:
            planned.append(
                (f"{slug}.{extra.code.replace('_', '.')}", extra.code, f"hub:{slug}", extra.name)
            )
    for username, role, job_title in PARTNERSHIP_USERS:
        planned.append((username, role, BUSINESS_UNIT, job_title))
    return planned


def build(region: RegionBuild) -> None:
    """Users and their memberships."""
    rng = region.rng("users")
    british = name_pools()["british"]
    password_hash = User(username="hash-holder")
    password_hash.set_password(DEMO_PASSWORD)
    users: list[User] = []
    memberships: list[tuple[int, str, str]] = []
    for index, (username, role, team_key, job_title) in enumerate(planned_users(region)):
        female = rng.random() < 0.5
        users.append(
            User(
                username=username,
                password=password_hash.password,
                first_name=british.given(rng, female=female, young=False),
                last_name=british.family_name(rng, female=female),
                email=f"{username}@{EMAIL_DOMAIN}",
                job_title=job_title,
                is_active=True,
            )
        )
        memberships.append((index, team_key, role))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(
        Membership(user=users[index], team=region.teams[team_key], role=role)
        for index, team_key, role in memberships
    )
    region.users = {user.username: user for user in users}
    region.counts.update(users=len(users), memberships=len(memberships))
