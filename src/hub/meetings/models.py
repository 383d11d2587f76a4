"""Multi-agency meetings: scheduled with a chair, an agenda of cases and persons, who came and
who sent apologies (by agency), information shared with its handling conditions, decisions,
and actions that land in their owners' trays; minutes made final and printed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.cases.models import Action, Case
from hub.organisations.models import Agency, Area
from hub.people.models import Person


class Meeting(models.Model):
    """One meeting of a type the definitions name."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held: minutes in draft"
        FINAL = "final", "Minutes final"
        CANCELLED = "cancelled", "Cancelled"

    type_code = models.CharField(max_length=40)
    types_version = models.PositiveIntegerField()
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_chaired"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    held_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the type says must follow, and by when (derived from its timescale when held).
    follow_up_title = models.CharField(max_length=200, blank=True)
    follow_up_due = models.DateField(null=True, blank=True)
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    # Attendance below the type's minimum when held: the groups missing, for all to see.
    attendance_short = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["area", "starts_at"], name="meeting_area_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="final") | Q(finalised_at__isnull=False),
                name="meeting_final_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"M{self.pk:07d}"


class AgendaItem(models.Model):
    """A case, or a person without a case, brought to the meeting; what was said of it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    title = models.CharField(max_length=200)
    discussion = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_once"),
            models.UniqueConstraint(
                fields=["meeting", "case"], condition=Q(case__isnull=False), name="agenda_case_once"
            ),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(person__isnull=False), name="agenda_item_about"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}.{self.position}: {self.title}"


class Attendance(models.Model):
    """Who came (or sent apologies), for which agency."""

    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Sent apologies"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="attendance_has_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency_id}): {self.status}"


class SharedInformation(models.Model):
    """Information an agency shared at the meeting, with how it may be passed on (3x5x2)."""

    class Handling(models.TextChoices):
        PERMITTED = "P", "P: lawful sharing permitted"
        CONDITIONS = "C", "C: lawful sharing permitted with conditions"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="shared")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="shared"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    handling = models.CharField(max_length=1, choices=Handling.choices)
    conditions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(handling="C") | ~Q(conditions=""), name="shared_conditions_given"
            )
        ]

    def __str__(self) -> str:
        return f"Shared by {self.agency_id} at {self.meeting_id}"


class MeetingDecision(models.Model):
    """A decision the meeting made (about an agenda item, or the meeting's business)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Decision {self.pk} of {self.meeting_id}"


class MeetingAction(models.Model):
    """An action the meeting set: the action itself lives with cases (it lands in trays)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="meeting_actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="meeting_actions"
    )
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="meeting_link")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Action {self.action_id} from {self.meeting_id}"
