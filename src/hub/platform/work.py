"""'My work': the home page's sections, each given by the app that owns the work.

An app registers a function that returns its section for a user (or None when the user has
nothing there); the home page shows them in the order registered. Each function is a
selector: it reads through the access layer, as every read does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.organisations.models import User


@dataclass(frozen=True)
class WorkItem:
    """One line of a section: what it is, where it opens, and how urgent it is."""

    label: str
    url: str
    detail: str = ""
    rag: str = ""  # red, amber, green, done, or "" for none


@dataclass(frozen=True)
class WorkSection:
    """A heading and its lines; `empty` is said when there are none (None: hide it)."""

    title: str
    items: list[WorkItem] = field(default_factory=list)
    empty: str | None = None
    more_url: str = ""


WorkSource = Callable[["User"], WorkSection | None]
_SOURCES: list[tuple[int, WorkSource]] = []


def register_work(source: WorkSource, *, order: int = 50) -> None:
    """Add a section to 'my work' (lower `order` shows first)."""
    if source not in [s for _, s in _SOURCES]:
        _SOURCES.append((order, source))
        _SOURCES.sort(key=lambda pair: pair[0])


def work_for(actor: User) -> list[WorkSection]:
    """The sections the actor has something in (or says nothing, when a section asks to)."""
    sections = []
    for _, source in _SOURCES:
        section = source(actor)
        if section is not None and (section.items or section.empty is not None):
            sections.append(section)
    return sections
