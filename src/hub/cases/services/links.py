"""A case's subjects and voice records belong to their person: they move with a merge."""

from hub.cases.models import CaseSubject, VoiceRecord
from hub.people.services import PersonReference, register_person_reference

register_person_reference(PersonReference(CaseSubject, "person", ("case",)))
register_person_reference(PersonReference(VoiceRecord, "person"))
