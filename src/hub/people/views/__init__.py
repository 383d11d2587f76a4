"""Person pages."""

from .chronology import chronology, chronology_pdf
from .details import (
    address_add,
    alias_add,
    alias_remove,
    identifier_add,
    identifier_remove,
    relationship_add,
    relationship_end,
    warning_add,
    warning_end,
)
from .merge import merge, unmerge
from .records import break_glass, create, detail, edit, search

__all__ = [
    "address_add",
    "alias_add",
    "alias_remove",
    "break_glass",
    "chronology",
    "chronology_pdf",
    "create",
    "detail",
    "edit",
    "identifier_add",
    "identifier_remove",
    "merge",
    "relationship_add",
    "relationship_end",
    "search",
    "unmerge",
    "warning_add",
    "warning_end",
]
