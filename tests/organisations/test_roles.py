"""Roles as data: the definitions file is validated, and a user sees their own roles."""

from __future__ import annotations

import pytest

from hub.organisations.roles import RolesDefinition, roles_definition
from hub.organisations.selectors import roles_held
from hub.platform.access import Permission, Scope
from hub.platform.definitions import DefinitionError, load

ROLE_CODES = {
    "practitioner",
    "hub_practitioner",
    "hub_manager",
    "meeting_chair",
    "intelligence_analyst",
    "quality_lead",
    "data_protection_officer",
    "administrator",
}


def test_every_role_the_partnership_needs_is_defined():
    assert {role.code for role in roles_definition().roles} == ROLE_CODES


def test_administrators_get_no_personal_data():
    admin = roles_definition().get("administrator")
    assert not [p for p, _ in admin.grants if p.startswith(("person:", "audit:view"))]


def test_grants_parse_into_permission_and_scope():
    manager = roles_definition().get("hub_manager")
    assert (Permission.BREAK_GLASS_REVIEW, Scope.AREA) in manager.grants


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("roles: [{code: a, name: A, grants: ['person:view']}]", "must be written"),
        ("roles: [{code: a, name: A, grants: ['person:fly @ area']}]", "grants"),
        ("roles: [{code: a, name: A, grants: ['person:view @ galaxy']}]", "grants"),
        ("roles: [{code: a, name: A, grants: []}, {code: a, name: B, grants: []}]", "unique"),
        ("roles: [{code: a, name: A, grants: [], colour: red}]", "colour"),
        ("roles: [unclosed", "not valid YAML"),
    ],
)
def test_a_bad_roles_file_is_refused_with_the_reason(tmp_path, monkeypatch, text, problem):
    folder = tmp_path / "definitions"
    folder.mkdir()
    (folder / "roles.yaml").write_text(f"id: roles\nversion: 2\ntitle: Roles\n{text}\n")
    monkeypatch.setattr(
        "hub.platform.definitions.definition_path", lambda app, name: folder / f"{name}.yaml"
    )
    with pytest.raises(DefinitionError, match=problem):
        load("organisations", "roles", RolesDefinition)


def test_a_user_sees_their_roles_by_name(world):
    held = roles_held(actor=world.bham_hub_manager)
    assert [(h.role, h.team) for h in held] == [("Hub manager", "Birmingham Exploitation Hub")]
    assert "not a defined role" in roles_held(actor=world.no_roles)[0].role
