"""The partnership: areas, agencies, teams, and the users who work in them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Area(models.Model):
    """A local authority area of the region, or the single 'outside the region' area."""

    code = models.CharField(max_length=16, unique=True, help_text="ONS local authority code")
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    in_region = models.BooleanField(default=True)

    class Meta:
        ordering = ["-in_region", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """An organisation in the partnership: a police force, a council service, a trust, a school."""

    class Kind(models.TextChoices):
        POLICE = "police", "Police force"
        CHILDRENS_SERVICES = "childrens_services", "Children's services"
        ADULT_SERVICES = "adult_services", "Adult services"
        HEALTH_ICB = "health_icb", "Health: integrated care board"
        HEALTH_TRUST = "health_trust", "Health: NHS trust"
        EDUCATION = "education", "School or college"
        PROBATION = "probation", "Probation service"
        YOUTH_JUSTICE = "youth_justice", "Youth justice service"
        HOUSING = "housing", "Housing"
        VOLUNTARY = "voluntary", "Voluntary sector"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # The area an agency belongs to; region-wide agencies (a police force, an ICB) have none.
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of an agency, working in one area; each area has one exploitation hub team."""

    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="teams")
    is_hub = models.BooleanField(default=False, help_text="The area's exploitation hub team")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_unique_name_in_agency"),
            models.UniqueConstraint(
                fields=["area"], condition=Q(is_hub=True), name="team_one_hub_per_area"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. What they may do comes only from their memberships' roles."""

    job_title = models.CharField(max_length=150, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in a team; the team anchors the role's scoped grants."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, help_text="A role code from roles.yaml")

    history = HistoricalRecords()

    class Meta:
        ordering = ["team__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.role} - {self.team}"
