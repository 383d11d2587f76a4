"""The people around a person: family and carers, and the professionals who work with them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency

from .person import Person


class RelationshipKind(models.TextChoices):
    """Who someone is to the person. Family kinds come first; PROFESSIONAL_KINDS are the rest."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    KINSHIP_CARER = "kinship_carer", "Kinship or family carer"
    RESIDENTIAL_CARER = "residential_carer", "Residential care home"
    SIBLING = "sibling", "Brother or sister"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER_FAMILY = "other_family", "Other family member"
    PARTNER = "partner", "Partner or boyfriend or girlfriend"
    CHILD = "child", "Their child"
    FRIEND = "friend", "Friend"
    SOCIAL_WORKER = "social_worker", "Social worker"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser (care leaver)"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Designated safeguarding lead or teacher"
    HEALTH_PROFESSIONAL = "health_professional", "GP, nurse or other health professional"
    POLICE_OFFICER = "police_officer", "Police officer"
    YOUTH_JUSTICE_WORKER = "youth_justice_worker", "Youth justice worker"
    PROBATION_OFFICER = "probation_officer", "Probation officer"
    YOUTH_WORKER = "youth_worker", "Youth or support worker"
    ADVOCATE = "advocate", "Advocate or independent guardian"
    OTHER_PROFESSIONAL = "other_professional", "Other professional"


PROFESSIONAL_KINDS = frozenset(
    {
        RelationshipKind.SOCIAL_WORKER,
        RelationshipKind.PERSONAL_ADVISER,
        RelationshipKind.SAFEGUARDING_LEAD,
        RelationshipKind.HEALTH_PROFESSIONAL,
        RelationshipKind.POLICE_OFFICER,
        RelationshipKind.YOUTH_JUSTICE_WORKER,
        RelationshipKind.PROBATION_OFFICER,
        RelationshipKind.YOUTH_WORKER,
        RelationshipKind.ADVOCATE,
        RelationshipKind.OTHER_PROFESSIONAL,
    }
)


class PersonRelationship(models.Model):
    """Someone who matters to the person: a named contact, or another person on the system."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(max_length=30, choices=RelationshipKind.choices)
    # Another person record (a sibling the partnership also knows), or just a name.
    related_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="related_to"
    )
    name = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact = models.CharField(max_length=200, blank=True, help_text="Phone or email")
    parental_responsibility = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(related_person__isnull=False),
                name="relationship_names_someone",
            ),
            models.CheckConstraint(
                condition=~Q(related_person=models.F("person")),
                name="relationship_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.person.reference}"

    @property
    def is_professional(self) -> bool:
        return self.kind in PROFESSIONAL_KINDS
