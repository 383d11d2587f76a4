"""The person record and the agencies that know the person."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area, Team

from .choices import (
    CareStatus,
    EducationStatus,
    Ethnicity,
    Gender,
    ImmigrationStatus,
    SenStatus,
)

ADULT_AGE = 18
TRANSITION_MONTHS = 6


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
    nationality = models.CharField(max_length=60, blank=True)
    immigration_status = models.CharField(
        max_length=20, choices=ImmigrationStatus.choices, default=ImmigrationStatus.NOT_KNOWN
    )
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    disability = models.CharField(
        max_length=200, blank=True, help_text="As the person describes it"
    )
    sen_status = models.CharField(
        max_length=20, choices=SenStatus.choices, default=SenStatus.NOT_KNOWN
    )
    care_status = models.CharField(
        max_length=30, choices=CareStatus.choices, default=CareStatus.NOT_KNOWN
    )
    education_status = models.CharField(
        max_length=30, choices=EducationStatus.choices, default=EducationStatus.NOT_KNOWN
    )
    vulnerabilities = models.JSONField(default=list, blank=True)
    # The current address's postcode and area, kept here for scoping and lists; the history of
    # addresses is in PersonAddress.
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
    # A duplicate merged into another record stays, read-only, pointing at the one kept
    # (people/services/merge.py); it leaves search and lists, and can be unmerged.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )

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
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="person_not_merged_into_itself"
            ),
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

    def is_child_on(self, day: date) -> bool | None:
        """Under 18 on that day; None when the date of birth is not known."""
        age = self.age_on(day)
        return None if age is None else age < ADULT_AGE

    def eighteenth_birthday(self) -> date | None:
        """The day the person turns 18 (29 February births turn 18 on 1 March)."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        try:
            return born.replace(year=born.year + ADULT_AGE)
        except ValueError:
            return date(born.year + ADULT_AGE, 3, 1)

    def turning_adult_soon(self, day: date) -> bool:
        """A child whose 18th birthday falls within the next six months: time to plan transition."""
        birthday = self.eighteenth_birthday()
        if birthday is None or birthday <= day:
            return False
        months_ahead = (birthday.year - day.year) * 12 + birthday.month - day.month
        return months_ahead < TRANSITION_MONTHS or (
            months_ahead == TRANSITION_MONTHS and birthday.day <= day.day
        )

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
