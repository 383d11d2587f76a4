"""Screenings: a practitioner's answers to one version of a screening tool, the grades the
engine gave, the final grade (with the reason when it differs), and its review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Team
from hub.people.models import Person
from hub.referrals.models import Referral


class Screening(models.Model):
    """One screening of one person, with one version of one tool.

    `answers` hold indicator id -> window id for the indicators present. The computed result
    (grades per form of exploitation and overall, the reasons, the recommended pathway) is
    kept exactly as the engine gave it under that version; `final_overall` is the grade the
    practitioner confirmed, and `override_rationale` is required whenever the two differ.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_REVIEW = "awaiting_review", "Awaiting manager review"
        COMPLETE = "complete", "Complete"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="screenings")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="screenings"
    )
    tool_id = models.CharField(max_length=60)
    tool_version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    assessed_on = models.DateField()
    answers = models.JSONField(default=dict, blank=True)
    circumstances = models.JSONField(default=dict, blank=True)
    draft_data = models.JSONField(default=dict, blank=True)

    computed_grades = models.JSONField(default=dict, blank=True)
    computed_overall = models.CharField(max_length=60, blank=True)
    scores = models.JSONField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    pathway = models.CharField(max_length=60, blank=True)
    pathway_reason = models.TextField(blank=True)
    thresholds_version = models.PositiveIntegerField(null=True, blank=True)
    final_overall = models.CharField(max_length=60, blank=True)
    override_rationale = models.TextField(blank=True)

    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="screenings_done"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    review_needed = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    rescreen_due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["draft_data"])

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [
            models.Index(fields=["person", "assessed_on"], name="screening_person_idx"),
            models.Index(fields=["tool_id", "status"], name="screening_tool_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(final_overall=F("computed_overall"))
                | ~Q(override_rationale=""),
                name="screening_override_has_rationale",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(confirmed_at__isnull=False, final_overall__gt=""),
                name="screening_confirmed_has_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.tool_id} v{self.tool_version}"

    @property
    def reference(self) -> str:
        return f"S{self.pk:07d}"

    @property
    def overridden(self) -> bool:
        return bool(self.final_overall) and self.final_overall != self.computed_overall


class ScreeningRescore(models.Model):
    """A stored screening's answers scored again under another version of its tool, to compare
    (never replacing what was confirmed)."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="rescores")
    tool_version = models.PositiveIntegerField()
    grades = models.JSONField(default=dict)
    overall = models.CharField(max_length=60)
    pathway = models.CharField(max_length=60)
    scored_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "tool_version"], name="rescore_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_id} under v{self.tool_version}: {self.overall}"
