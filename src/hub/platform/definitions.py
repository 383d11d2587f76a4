"""Versioned YAML definitions, validated by pydantic models (design.md §3.8).

Each app keeps its YAML under `<app>/definitions/`. A definition file carries `id`, `version`
and `title`; results computed from it record the id and version. Every registered definition
is validated at start-up and by `hub check-definitions`, so a bad edit never reaches a user.

A file is checked in two passes: its shape by the pydantic model, then its meaning by the
model's `problems()` (rules that contradict each other, names that point nowhere). Every
problem is reported with the file, the line and the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition file: where, and what."""

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field or '(top)'}: {self.message}"


class DefinitionError(Exception):
    """Definition files are missing, unreadable or invalid; each problem names file and line."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(Path("?"), None, "", problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class Definition(BaseModel):
    """Fields every definition file carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: int
    title: str

    def problems(self) -> list[tuple[Loc, str]]:
        """What is wrong with the file's meaning (its shape is pydantic's): (field path,
        message) pairs. Subclasses with rules that can contradict each other override this."""
        return []


D = TypeVar("D", bound=Definition)


@dataclass(frozen=True)
class _Registered:
    app: str
    name: str
    schema: type[Definition]
    folder: bool = False


_REGISTRY: list[_Registered] = []


def definition_path(app: str, name: str) -> Path:
    """Where `<app>/definitions/<name>.yaml` lives (or the folder `<name>/`)."""
    package = import_module(f"hub.{app}")
    base = Path(package.__file__).parent / "definitions"  # type: ignore[arg-type]
    folder = base / name
    return folder if folder.is_dir() else base / f"{name}.yaml"


def register(app: str, name: str, schema: type[D]) -> Callable[[], D]:
    """Register a definition file and return a cached loader for it."""
    _REGISTRY.append(_Registered(app, name, schema))

    @cache
    def loader() -> D:
        return load(app, name, schema)

    return loader


def register_folder(app: str, name: str, schema: type[D]) -> Callable[[], list[D]]:
    """Register a folder of definition files (every version of every tool, say) and return a
    cached loader of them all, sorted by id and version; an id and version used twice is an
    error."""
    _REGISTRY.append(_Registered(app, name, schema, folder=True))

    @cache
    def loader() -> list[D]:
        return load_folder(app, name, schema)

    return loader


def _node_at(node: yaml.Node | None, loc: Loc) -> yaml.Node | None:
    """The YAML node a field path points at (as deep as the path can be followed)."""
    found = node
    for part in loc:
        if isinstance(found, yaml.MappingNode):
            value = next((v for k, v in found.value if str(k.value) == str(part)), None)
        elif isinstance(found, yaml.SequenceNode) and isinstance(part, int):
            value = found.value[part] if 0 <= part < len(found.value) else None
        else:
            value = None
        if value is None:
            break
        found = value
    return found


def _dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_path(path: Path, schema: type[D]) -> D:
    """Read and check one definition file, raising DefinitionError with every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DefinitionError([Problem(path, None, "", "file not found")]) from exc
    try:
        root = yaml.compose(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DefinitionError([Problem(path, line, "", f"not valid YAML: {exc}")]) from exc

    def problem(loc: Loc, message: str) -> Problem:
        node = _node_at(root, loc)
        line = node.start_mark.line + 1 if node is not None else None
        return Problem(path, line, _dotted(loc), message)

    try:
        definition = schema.model_validate(raw)
    except ValidationError as exc:
        raise DefinitionError(
            [problem(tuple(err["loc"]), err["msg"]) for err in exc.errors()]
        ) from exc
    found = definition.problems()
    if found:
        raise DefinitionError([problem(loc, message) for loc, message in found])
    return definition


def load(app: str, name: str, schema: type[D]) -> D:
    """Read and check one registered definition file."""
    return load_path(definition_path(app, name), schema)


def load_folder(app: str, name: str, schema: type[D]) -> list[D]:
    """Every definition file under `<app>/definitions/<name>/`, each checked; all problems of
    all files are raised together."""
    folder = definition_path(app, name)
    problems: list[Problem] = []
    loaded: list[tuple[Path, D]] = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            loaded.append((path, load_path(path, schema)))
        except DefinitionError as exc:
            problems += exc.problems
    seen: dict[tuple[str, int], Path] = {}
    for path, definition in loaded:
        key = (definition.id, definition.version)
        if key in seen:
            message = f"{definition.id} v{definition.version} is also defined in {seen[key]}"
            problems.append(Problem(path, 1, "version", message))
        seen[key] = path
    if problems:
        raise DefinitionError(problems)
    return [definition for _, definition in sorted(loaded, key=lambda p: (p[1].id, p[1].version))]


def validate_all_definitions() -> list[str]:
    """Check every registered definition; return 'app/name: id vN' labels, or raise one
    DefinitionError naming every problem in every file."""
    checked: list[str] = []
    problems: list[Problem] = []
    for entry in _REGISTRY:
        try:
            if entry.folder:
                for definition in load_folder(entry.app, entry.name, entry.schema):
                    checked.append(
                        f"{entry.app}/{entry.name}: {definition.id} v{definition.version}"
                    )
            else:
                definition = load(entry.app, entry.name, entry.schema)
                checked.append(f"{entry.app}/{entry.name}: {definition.id} v{definition.version}")
        except DefinitionError as exc:
            problems += exc.problems
    if problems:
        raise DefinitionError(problems)
    return checked


__all__ = [
    "Definition",
    "DefinitionError",
    "Problem",
    "load",
    "load_folder",
    "load_path",
    "register",
    "register_folder",
    "validate_all_definitions",
]
