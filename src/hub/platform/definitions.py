"""Versioned YAML definitions, validated by pydantic models (design.md §3.8).

Each app keeps its YAML under `<app>/definitions/`. A definition file carries `id`, `version`
and `title`; results computed from it record the id and version. Every registered definition
is validated at start-up and by `hub check-definitions`, so a bad edit never reaches a user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError


class DefinitionError(Exception):
    """A definition file is missing, unreadable or invalid; the message says which and why."""


class Definition(BaseModel):
    """Fields every definition file carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: int
    title: str


D = TypeVar("D", bound=Definition)


@dataclass(frozen=True)
class _Registered:
    app: str
    name: str
    schema: type[Definition]


_REGISTRY: list[_Registered] = []


def definition_path(app: str, name: str) -> Path:
    """Where `<app>/definitions/<name>.yaml` lives."""
    package = import_module(f"hub.{app}")
    return Path(package.__file__).parent / "definitions" / f"{name}.yaml"  # type: ignore[arg-type]


def register(app: str, name: str, schema: type[D]) -> Callable[[], D]:
    """Register a definition file and return a cached loader for it."""
    _REGISTRY.append(_Registered(app, name, schema))

    @cache
    def loader() -> D:
        return load(app, name, schema)

    return loader


def load(app: str, name: str, schema: type[D]) -> D:
    """Read and validate one definition file, raising DefinitionError with the reasons."""
    path = definition_path(app, name)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DefinitionError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise DefinitionError(f"{path}: {problems}") from exc


def validate_all_definitions() -> list[str]:
    """Validate every registered definition; return 'id vN' labels, raise on the first bad one."""
    checked = []
    for entry in _REGISTRY:
        definition = load(entry.app, entry.name, entry.schema)
        checked.append(f"{entry.app}/{entry.name}: {definition.id} v{definition.version}")
    return checked
