"""Writes of person records: every one through the access layer, audited, and indexed."""

from .details import (
    RelationshipInput,
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
from .merge import PersonReference, person_merge, person_unmerge, register_person_reference
from .records import (
    AddressInput,
    NewPerson,
    PersonDetails,
    check_date_of_birth,
    person_create,
    person_update,
)

__all__ = [
    "AddressInput",
    "NewPerson",
    "PersonDetails",
    "PersonReference",
    "RelationshipInput",
    "address_add",
    "alias_add",
    "alias_remove",
    "check_date_of_birth",
    "identifier_add",
    "identifier_remove",
    "person_create",
    "person_merge",
    "person_unmerge",
    "person_update",
    "register_person_reference",
    "relationship_add",
    "relationship_end",
    "warning_add",
    "warning_end",
]
