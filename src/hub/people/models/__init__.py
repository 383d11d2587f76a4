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
from .person import Person, PersonInvolvement
from .search_index import (
    NameField,
    PersonNameToken,
    PersonSearchKey,
    SearchTerm,
    SearchTermVariant,
)

__all__ = [
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
    "PersonNameToken",
    "PersonSearchKey",
    "SearchTerm",
    "SearchTermVariant",
    "SenStatus",
    "Vulnerability",
    "WarningNote",
]
