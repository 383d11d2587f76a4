"""Persons: the children, young people and adults the partnership is worried about.

This is the foundation's person record: enough for need-to-know access, audit and a synthetic
region. The people issue extends it (aliases, identifiers, addresses, relationships).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area, Team


class Ethnicity(models.TextChoices):
    """ONS 2021 Census ethnic groups (England and Wales), 19 categories."""

    ASIAN_BANGLADESHI = "A_BANGLADESHI", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "A_CHINESE", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "A_INDIAN", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "A_PAKISTANI", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "A_OTHER", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "B_AFRICAN", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "B_CARIBBEAN", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "B_OTHER", "Black, Black British, Caribbean or African: any other background"
    MIXED_WHITE_ASIAN = "M_WHITE_ASIAN", "Mixed or multiple: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "M_WHITE_BLACK_AFRICAN",
        "Mixed or multiple: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "M_WHITE_BLACK_CARIBBEAN",
        "Mixed or multiple: White and Black Caribbean",
    )
    MIXED_OTHER = "M_OTHER", "Mixed or multiple: any other background"
    WHITE_BRITISH = "W_BRITISH", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "W_IRISH", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "W_GYPSY_TRAVELLER", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "W_ROMA", "White: Roma"
    WHITE_OTHER = "W_OTHER", "White: any other White background"
    OTHER_ARAB = "O_ARAB", "Other ethnic group: Arab"
    OTHER_ANY = "O_OTHER", "Other ethnic group: any other ethnic group"
    NOT_KNOWN = "NOT_KNOWN", "Not known"
    NOT_STATED = "NOT_STATED", "Prefers not to say"


class Gender(models.TextChoices):
    """Gender as the person describes it."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Described another way"
    NOT_KNOWN = "not_known", "Not known"


class Vulnerability(models.TextChoices):
    """Circumstances that make exploitation more likely; recorded, never scored here."""

    CARE_EXPERIENCED = "care_experienced", "Looked after or care experienced"
    SEND = "send", "Special educational needs"
    DISABILITY = "disability", "Disability"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    MENTAL_HEALTH = "mental_health", "Mental health needs"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    EXCLUDED = "excluded", "Excluded from school"
    NEET = "neet", "Not in education, employment or training"
    MISSING_HISTORY = "missing_history", "History of going missing"
    INSECURE_IMMIGRATION = "insecure_immigration", "Insecure immigration status"
    HOMELESS = "homeless", "Homeless or insecurely housed"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse at home"


class Person(models.Model):
    """A child, young person or adult the partnership holds information about."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_estimated = models.BooleanField(default=False)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(
        max_length=30, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN
    )
    vulnerabilities = models.JSONField(default=list, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    home_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="residents")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="person_name_idx"),
            models.Index(fields=["home_area", "family_name"], name="person_area_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(given_name="") & ~Q(family_name=""), name="person_has_names"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def reference(self) -> str:
        """The record reference used in the audit trail and on screen (no name in it)."""
        return f"P{self.pk:07d}"

    def age_on(self, day: date) -> int | None:
        """Age in whole years on a given day, or None without a date of birth."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PersonInvolvement(models.Model):
    """An agency (and, where known, its team) that knows and works with the person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "agency", "team"], name="involvement_unique")
        ]
        indexes = [
            models.Index(fields=["team", "person"]),
            models.Index(fields=["agency", "person"]),
        ]

    def __str__(self) -> str:
        return f"{self.person.reference} known to {self.agency}"
