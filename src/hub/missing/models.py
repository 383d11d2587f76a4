"""Missing episodes and what surrounds them: placements (where a looked-after child lives, and
which authority placed them), return home interviews, and Philomena profiles kept ready."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Area
from hub.people.models import Person

from .practice import missing_practice


class Placement(models.Model):
    """Where a looked-after child is placed, and by which authority (responsible for them)."""

    class Setting(models.TextChoices):
        FOSTER = "foster", "Foster care"
        RESIDENTIAL = "residential", "Children's home"
        SUPPORTED = "supported", "Supported accommodation"
        KINSHIP = "kinship", "Family or friends"
        SECURE = "secure", "Secure accommodation"
        OTHER = "other", "Somewhere else"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="placements")
    placing_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    placed_in_area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    postcode = models.CharField(max_length=8, blank=True)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} placed in {self.placed_in_area_id}"


class MissingEpisode(models.Model):
    """One time a person went missing: reported, graded, and (once found) where and how."""

    class From(models.TextChoices):
        HOME = "home", "Home"
        CARE = "care", "Care placement"
        EDUCATION = "education", "School or college"

    class Return(models.TextChoices):
        SELF = "self", "Came back on their own"
        POLICE = "police", "Brought back by police"
        CARER = "carer", "Collected by a parent or carer"
        PROFESSIONAL = "professional", "Collected by a professional"
        OTHER = "other", "Another way"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="missing_episodes")
    missing_from = models.CharField(max_length=20, choices=From.choices)
    responsible_area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="missing_episodes"
    )
    reported_at = models.DateTimeField()
    police_reference = models.CharField(max_length=40, blank=True)
    risk_grade = models.CharField(max_length=30)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_seen_place = models.CharField(max_length=300, blank=True)
    clothing = models.CharField(max_length=300, blank=True)
    found_at = models.DateTimeField(null=True, blank=True)
    found_place = models.CharField(max_length=300, blank=True)
    found_postcode = models.CharField(max_length=8, blank=True)
    found_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    found_out_of_area = models.BooleanField(default=False)
    found_with = models.TextField(blank=True)
    returned_how = models.CharField(max_length=20, choices=Return.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["person", "reported_at"], name="missing_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(found_at__isnull=True) | Q(found_at__gte=models.F("reported_at")),
                name="missing_found_after_reported",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"MP{self.pk:06d}"

    @property
    def grade_title(self) -> str:
        """The police risk grade as the definitions name it."""
        grade = missing_practice().grade(self.risk_grade)
        return grade.title if grade else self.risk_grade

    @property
    def hours_missing(self) -> float | None:
        if self.found_at is None:
            return None
        return round(
            (self.found_at - (self.last_seen_at or self.reported_at)).total_seconds() / 3600, 1
        )


class ReturnInterview(models.Model):
    """The return home interview: offered, accepted or declined, done by someone independent
    of the carer; what was learned."""

    class Outcome(models.TextChoices):
        OFFERED = "offered", "Offered, not yet done"
        COMPLETED = "completed", "Completed"
        DECLINED = "declined", "Declined"

    episode = models.OneToOneField(
        MissingEpisode, on_delete=models.PROTECT, related_name="interview"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    offered_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    independent_of_carer = models.BooleanField(default=False)
    push_factors = models.TextField(blank=True)
    pull_factors = models.TextField(blank=True)
    places = models.TextField(blank=True)
    associates = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="completed")
                | Q(completed_at__isnull=False, independent_of_carer=True),
                name="rhi_completed_independently",
            )
        ]

    def __str__(self) -> str:
        return f"Return interview for {self.episode_id}"


class PhilomenaProfile(models.Model):
    """What carers write down in advance for the police if the child goes missing (Philomena
    Protocol, part 1). Each change is a new version; the grab sheet prints the latest."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="philomena_profiles")
    version = models.PositiveIntegerField()
    description = models.TextField()
    photo = models.FileField(upload_to="philomena/%Y/", blank=True)
    associates = models.TextField(blank=True)
    places = models.TextField(blank=True)
    phones = models.TextField(blank=True)
    social_media = models.TextField(blank=True)
    medical = models.TextField(blank=True)
    other = models.TextField(blank=True)
    review_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["person", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="philomena_version_once")
        ]

    def __str__(self) -> str:
        return f"Philomena profile v{self.version} of {self.person_id}"
