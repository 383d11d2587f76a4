"""Persons: the children, young people and adults the partnership is worried about."""

from .choices import (
    AliasKind,
    CareStatus,
    EducationStatus,
    Ethnicity,
    Gender,
    IdentifierKind,
    ImmigrationStatus,
    SenStatus,
    Vulnerability,
)
from .details import PersonAddress, PersonAlias, PersonIdentifier, WarningNote
from .merges import PersonMerge
from .person import Person, PersonInvolvement
from .relationships import PROFESSIONAL_KINDS, PersonRelationship, RelationshipKind
from .search_index import (
    NameField,
    PersonNameToken,
    PersonSearchKey,
    SearchTerm,
    SearchTermVariant,
)

__all__ = [
    "PROFESSIONAL_KINDS",
    "AliasKind",
    "CareStatus",
    "EducationStatus",
    "Ethnicity",
    "Gender",
    "IdentifierKind",
    "ImmigrationStatus",
    "NameField",
    "Person",
    "PersonAddress",
    "PersonAlias",
    "PersonIdentifier",
    "PersonInvolvement",
    "PersonMerge",
    "PersonNameToken",
    "PersonRelationship",
    "PersonSearchKey",
    "RelationshipKind",
    "SearchTerm",
    "SearchTermVariant",
    "SenStatus",
    "Vulnerability",
    "WarningNote",
]
