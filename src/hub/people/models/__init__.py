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

__all__ = [
    "AliasKind",
    "CareStatus",
    "EducationStatus",
    "Ethnicity",
    "Gender",
    "IdentifierKind",
    "ImmigrationStatus",
    "Person",
    "PersonAddress",
    "PersonAlias",
    "PersonIdentifier",
    "PersonInvolvement",
    "SenStatus",
    "Vulnerability",
    "WarningNote",
]
