"""Architecture rules that a reviewer could miss: enforced by reading the code."""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

from hub.platform import access

SRC = Path(__file__).resolve().parent.parent / "src" / "hub"
# Where sensitive models may be queried: the read and write layers, and the access kernel.
ALLOWED_FILES = {
    "selectors.py",
    "services.py",
    "access.py",
    "audit.py",
    "chronology.py",
    "models.py",
    "db.py",
}
# Schema history; the synthetic data generator; read and write layers grown into packages.
ALLOWED_DIRS = {"migrations", "demo", "services", "selectors"}


def sensitive_model_names() -> set[str]:
    """Every model with personal data: scoped models, their history, and the audit tables."""
    names = {model.__name__ for model in access._SCOPE_RULES}
    for app in (
        "people",
        "referrals",
        "screening",
        "linkage",
        "cases",
        "meetings",
        "alerts",
        "missing",
    ):
        names |= {model.__name__ for model in apps.get_app_config(app).get_models()}
    names |= {"AccessLogEntry", "BreakGlassAccess", "ChronologyEvent"}
    for model in apps.get_models():
        base = getattr(model, "instance_type", None)  # simple-history's historical models
        if base is not None and base.__name__ in names:
            names.add(model.__name__)
    return names


def direct_reads(source: str, label: str, names: set[str]) -> list[str]:
    """`Model.objects` or `Model._default_manager` uses of sensitive models in some code."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"objects", "_default_manager", "_base_manager"}
            and isinstance(node.value, ast.Name)
            and node.value.id in names
        ):
            found.append(f"{label}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_sensitive_models_are_read_only_through_selectors_and_services():
    names = sensitive_model_names()
    assert {"Person", "HistoricalPerson", "PersonAlias", "AccessLogEntry"} <= names
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name in ALLOWED_FILES or ALLOWED_DIRS & set(path.relative_to(SRC).parts):
            continue
        label = str(path.relative_to(SRC))
        offenders += direct_reads(path.read_text(encoding="utf-8"), label, names)
    assert offenders == []


def test_the_rule_catches_a_direct_read():
    view = (SRC / "people" / "views" / "records.py").read_text() + "\nPerson.objects.get(pk=1)\n"
    assert direct_reads(view, "people/views/records.py", sensitive_model_names()) == [
        f"people/views/records.py:{view.count(chr(10))} Person.objects"
    ]


def test_views_make_no_orm_calls():
    """Thin views (design.md §3.6): reads go through selectors, writes through services."""
    offenders = []
    view_modules = [*SRC.rglob("views.py"), *SRC.rglob("views/*.py")]
    assert any("views" in path.parent.parts for path in view_modules), "packages are checked"
    for path in view_modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []
