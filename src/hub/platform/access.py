"""Need-to-know access (design.md §3.3).

Permissions are a typed enum. Roles, defined as data in `organisations/definitions/roles.yaml`,
grant permissions with a scope. A user holds roles through memberships of teams, so each grant
is anchored: an `area` grant reaches the area of the membership's team, an `agency` grant that
team's agency, and so on. Each sensitive model registers how each scope narrows its rows, and
every read of it goes through `scoped()` (lists) or `access_object()` (one record), which apply
the same rules, write the read-audit row in the same transaction, and answer "does not exist"
and "not allowed" with the same `NotFound`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404

if TYPE_CHECKING:
    from hub.organisations.models import User


class Permission(enum.StrEnum):
    """Everything a role can grant, as `<resource>:<action>`."""

    HOME_VIEW = "home:view"
    PERSON_VIEW = "person:view"
    PERSON_SEARCH = "person:search"
    PERSON_CREATE = "person:create"
    PERSON_UPDATE = "person:update"
    PERSON_MERGE = "person:merge"
    REFERRAL_CREATE = "referral:create"
    REFERRAL_VIEW = "referral:view"
    REFERRAL_TRIAGE = "referral:triage"
    REFERRAL_SIGN_OFF = "referral:sign_off"
    SCREENING_VIEW = "screening:view"
    SCREENING_CONDUCT = "screening:conduct"
    SCREENING_REVIEW = "screening:review"
    CASE_VIEW = "case:view"
    CASE_WORK = "case:work"
    CASE_MANAGE = "case:manage"
    CASE_SIGN_OFF = "case:sign_off"
    MEETING_VIEW = "meeting:view"
    MEETING_MANAGE = "meeting:manage"
    MISSING_VIEW = "missing:view"
    MISSING_RECORD = "missing:record"
    NRM_VIEW = "nrm:view"
    NRM_REFER = "nrm:refer"
    LINKAGE_REVIEW = "linkage:review"
    PERSON_BREAK_GLASS = "person:break_glass"
    HUB_NOTES_VIEW = "chronology:view_hub_notes"
    RECORD_ACCESS_VIEW = "audit:view_record_access"
    BREAK_GLASS_REVIEW = "audit:review_break_glass"
    AUDIT_VERIFY = "audit:verify"
    USER_MANAGE = "user:manage"
    DEFINITIONS_MANAGE = "definitions:manage"


class Scope(enum.StrEnum):
    """How far a grant reaches, from the narrowest to the widest."""

    OWN = "own"
    TEAM = "team"
    CASE_TEAM = "case_team"
    AGENCY = "agency"
    AREA = "area"
    PARTNERSHIP = "partnership"


class NotFound(Http404):
    """The record does not exist, or the actor may not see it: deliberately the same answer."""


class PermissionDenied(DjangoPermissionDenied):
    """The actor's roles do not grant the permission at all: Django shows it as a 403."""


@dataclass(frozen=True)
class Grant:
    """One permission a user holds, with the scope and the anchors it reaches from."""

    permission: Permission
    scope: Scope
    user_id: int
    team_id: int
    agency_id: int
    area_id: int


# The rules by which each scope narrows a model's rows: model -> scope -> grant -> Q.
ScopeRule = Callable[[Grant], Q]
_SCOPE_RULES: dict[type[models.Model], dict[Scope, ScopeRule]] = {}
# How a model names its records in the audit log ("person"), and the area a record sits in.
_OBJECT_TYPES: dict[type[models.Model], str] = {}
_AREA_OF: dict[type[models.Model], Callable[[Any], int | None]] = {}

M = TypeVar("M", bound=models.Model)


def register_scope_rules(
    model: type[M],
    *,
    object_type: str,
    rules: dict[Scope, ScopeRule],
    area_of: Callable[[M], int | None],
) -> None:
    """Declare how each scope narrows `model`; scopes left out grant nothing on it."""
    _SCOPE_RULES[model] = {**rules, Scope.PARTNERSHIP: lambda grant: Q()}
    _OBJECT_TYPES[model] = object_type
    _AREA_OF[model] = area_of


def extend_scope_rules(model: type[M], scope: Scope, rule: ScopeRule) -> None:
    """Add a scope's rule to a model another app registered (cases add the case-team scope
    to persons): the app that brings the scope says how it narrows the rows."""
    rules = _SCOPE_RULES[model]
    if scope in rules and scope != Scope.PARTNERSHIP:
        existing = rules[scope]
        rules[scope] = lambda grant: existing(grant) | rule(grant)
    else:
        rules[scope] = rule


def object_type_of(model: type[models.Model]) -> str:
    """The audit log's name for a sensitive model."""
    return _OBJECT_TYPES[model]


def model_for_object_type(object_type: str) -> type[models.Model] | None:
    """The sensitive model an audit-log type names, if any."""
    for model, name in _OBJECT_TYPES.items():
        if name == object_type:
            return model
    return None


def area_of(obj: models.Model) -> int | None:
    """The area a sensitive record sits in, used to route break-glass reviews."""
    return _AREA_OF[type(obj)](obj)


def grants_of(actor: User) -> list[Grant]:
    """The actor's grants, worked out once per request and kept on the user object."""
    cached = getattr(actor, "_hub_grants", None)
    if cached is not None:
        return cached
    from hub.organisations.roles import grants_for_user

    grants = grants_for_user(actor)
    actor._hub_grants = grants  # type: ignore[attr-defined]
    return grants


def has_permission(actor: User, permission: Permission) -> bool:
    """Whether any of the actor's roles grants the permission, in any scope."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    return any(grant.permission == permission for grant in grants_of(actor))


def require_permission(actor: User, permission: Permission) -> None:
    """Raise PermissionDenied unless some role grants the permission."""
    if not has_permission(actor, permission):
        raise PermissionDenied(permission)


def scope_filter(actor: User, permission: Permission, model: type[models.Model]) -> Q | None:
    """The rows of `model` the actor's grants of `permission` reach, or None for none at all."""
    rules = _SCOPE_RULES[model]
    reach: Q | None = None
    for grant in grants_of(actor):
        if grant.permission != permission or grant.scope not in rules:
            continue
        rule = rules[grant.scope](grant)
        if not rule:  # an empty Q reaches every row: nothing wider to add
            return Q()
        reach = rule if reach is None else reach | rule
    return reach


def permissions_reaching(
    actor: User, obj: models.Model, permissions: list[Permission]
) -> set[Permission]:
    """Which of these permissions the actor's grants reach this record with (one query):
    what a page may offer to do with a record already read through its access path."""
    model = type(obj)
    annotations: dict[str, models.Expression] = {}
    reached: set[Permission] = set()
    for permission in permissions:
        reach = (
            scope_filter(actor, permission, model) if has_permission(actor, permission) else None
        )
        if reach is None:
            continue
        if not reach:  # an empty Q: every row
            reached.add(permission)
        else:
            annotations[permission.name] = models.ExpressionWrapper(
                reach, output_field=models.BooleanField()
            )
    if annotations:
        row = model._default_manager.filter(pk=obj.pk).values(**annotations).first() or {}
        reached |= {Permission[name] for name, value in row.items() if value}
    return reached


def _break_glass_filter(actor: User, model: type[models.Model]) -> Q:
    from .models import BreakGlassAccess

    open_ids = BreakGlassAccess.objects.open_for(actor, object_type_of(model)).values("object_id")
    return Q(pk__in=open_ids)


def scoped(
    actor: User,
    permission: Permission,
    queryset: models.QuerySet[M],
    *,
    include_break_glass: bool = True,
) -> models.QuerySet[M]:
    """Narrow a queryset to the rows the actor may see; no grant means no rows."""
    if not has_permission(actor, permission):
        return queryset.none()
    reach = scope_filter(actor, permission, queryset.model)
    if include_break_glass:
        glass = _break_glass_filter(actor, queryset.model)
        reach = glass if reach is None else reach | glass
    if reach is None:
        return queryset.none()
    return queryset.filter(reach)


MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int:
    """An id from a URL or a form, or NotFound: never a database error for a silly value."""
    try:
        value = int(str(raw))
    except (TypeError, ValueError):
        raise NotFound from None
    if not 0 < value <= MAX_ID:
        raise NotFound
    return value


def access_object(
    *,
    actor: User,
    permission: Permission,
    queryset: models.QuerySet[M],
    id: object,
    purpose: str,
    action: str = "view",
) -> M:
    """The one read path for one sensitive record: scope, audit, or NotFound."""
    from .audit import audit_record
    from .models import BreakGlassAccess

    pk = parse_id(id)
    object_type = object_type_of(queryset.model)
    with transaction.atomic():
        obj = scoped(actor, permission, queryset, include_break_glass=False).filter(pk=pk).first()
        via_break_glass = False
        if (
            obj is None
            and has_permission(actor, permission)
            and BreakGlassAccess.objects.open_for(actor, object_type).filter(object_id=pk).exists()
        ):
            obj = queryset.filter(pk=pk).first()
            via_break_glass = True
        if obj is None:
            raise NotFound
        audit_record(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=pk,
            purpose=purpose,
            detail={"break_glass": True} if via_break_glass else None,
        )
    return obj
