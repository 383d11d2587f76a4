"""Cases: the partnership's work with a person (or a group found together) after triage, its
team across agencies, its risk over time, its safety plan, actions, and the person's voice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area, Team
from hub.people.models import Person


class Case(models.Model):
    """A case about one person or a group, led by one agency, with a team across agencies."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ASSESSMENT = "assessment", "Assessment"
        PLAN = "plan", "Plan in place"
        REVIEW = "review", "Under review"
        CLOSING = "closing", "Closing: awaiting sign-off"
        CLOSED = "closed", "Closed"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    lead_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases_opened"
    )
    opened_at = models.DateTimeField()
    # Where it came from: a triage decision, or a screening.
    decision = models.ForeignKey(
        "referrals.TriageDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    screening = models.ForeignKey(
        "screening.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    risk_level = models.CharField(max_length=40)
    risk_title = models.CharField(max_length=100)
    next_review_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    closure_reason = models.TextField(blank=True)
    closure_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closure_requested_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["area", "status"], name="case_area_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["closing", "closed"]) | ~Q(outcome=""),
                name="case_closing_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="case_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C{self.pk:07d}"


class CaseSubject(models.Model):
    """A person the case is about."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_subjects")
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_subject_once")]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.case_id}"


class CaseMember(models.Model):
    """A worker on the case team: membership gives case-team access, and leaving ends it."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead professional"
        MEMBER = "member", "Team member"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "joined_at"]
        indexes = [models.Index(fields=["user", "left_at"], name="case_member_user_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(left_at__isnull=True), name="case_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.case_id}"


class CaseRisk(models.Model):
    """The case's risk level at a moment, with why: from a screening, or a professional's view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risks")
    level = models.CharField(max_length=40)
    title = models.CharField(max_length=100)
    reason = models.TextField()
    screening = models.ForeignKey(
        "screening.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.level}"


class SafetyPlan(models.Model):
    """One version of a case's safety plan. A change makes a new version; none is edited.

    `goals` is a list of {key, text}: a goal keeps its key across versions, so the actions
    toward it follow it.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveIntegerField()
    goals = models.JSONField(default=list)
    person_views = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    contingency = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    review_on = models.DateField()

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_once"),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_from_one"),
        ]

    def __str__(self) -> str:
        return f"Plan v{self.version} of {self.case_id}"


class Action(models.Model):
    """Something someone must do by a date: from a plan, a meeting, or the case itself (a
    transition to adult services). It lands in its owner's work tray, and their team's."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Kind(models.TextChoices):
        PLAN = "plan", "Safety plan"
        MEETING = "meeting", "Meeting"
        TRANSITION = "transition", "Transition to adult services"
        CASE = "case", "Case"

    # The case it serves; a meeting's action about no one case has none, and the meeting
    # links it (meetings.MeetingAction), so cases need not know meetings.
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    goal_key = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CASE)
    text = models.TextField()
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions_owned"
    )
    owner_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_idx"),
            models.Index(fields=["owner_team", "status", "due_on"], name="action_team_idx"),
            models.Index(fields=["case", "status"], name="action_case_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False), name="action_done_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk}: {self.text[:40]}"


class VoiceRecord(models.Model):
    """What the person said, in their own words: where, when, and who wrote it down."""

    class Context(models.TextChoices):
        CUSTODY = "custody", "In custody"
        SCHOOL = "school", "At school or college"
        RETURN_HOME_INTERVIEW = "return_home_interview", "At a return home interview"
        FOUND_OUT_OF_AREA = "found_out_of_area", "When found out of area"
        HOME_VISIT = "home_visit", "On a home visit"
        HEALTH = "health", "At a health appointment"
        MEETING = "meeting", "At or before a meeting"
        OTHER = "other", "Somewhere else"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="voices")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="voices"
    )
    context = models.CharField(max_length=30, choices=Context.choices)
    words = models.TextField()
    place = models.CharField(max_length=200, blank=True)
    said_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-said_on", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(words=""), name="voice_has_words")]

    def __str__(self) -> str:
        return f"Voice of {self.person_id} on {self.said_on}"
