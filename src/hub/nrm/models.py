"""National Referral Mechanism referrals and their decisions, anonymous Duty to Notify
records, and statutory defence notes for offences linked to a referral."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area
from hub.people.models import Person


class NrmReferral(models.Model):
    """A first responder's referral of a possible victim of modern slavery to the NRM."""

    class Consent(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed (a child)"
        GIVEN = "given", "Informed consent given"

    class Ictg(models.TextChoices):
        NONE = "", "Not referred"
        DIRECT_WORKER = "direct_worker", "Direct worker"
        PRACTICE_COORDINATOR = "practice_coordinator", "Regional practice co-ordinator"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="nrm_referrals")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="nrm_referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    first_responder = models.CharField(max_length=40)  # code in nrm.yaml
    submitted_on = models.DateField()
    home_office_reference = models.CharField(max_length=40, blank=True)
    is_child = models.BooleanField()
    consent = models.CharField(max_length=20, choices=Consent.choices)
    consent_notes = models.TextField(blank=True)
    exploitation_types = models.JSONField(default=list)  # codes in nrm.yaml
    county_lines = models.BooleanField(default=False)
    competent_authority = models.CharField(max_length=30)
    summary = models.TextField()
    support_status = models.CharField(max_length=30)
    ictg = models.CharField(max_length=30, choices=Ictg.choices, blank=True)
    ictg_referred_on = models.DateField(null=True, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    definitions_version = models.CharField(max_length=40)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            # An adult is referred only with informed consent; a child needs none.
            models.CheckConstraint(
                condition=Q(is_child=True, consent="not_needed")
                | Q(is_child=False, consent="given"),
                name="nrm_consent_by_age",
            ),
            models.CheckConstraint(
                condition=Q(ictg="") | Q(is_child=True), name="nrm_ictg_children_only"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"NRM{self.pk:06d}"


class NrmDecision(models.Model):
    """A competent authority's decision on a referral, as the hub was told it."""

    class Kind(models.TextChoices):
        REASONABLE_GROUNDS = "reasonable_grounds", "Reasonable grounds"
        CONCLUSIVE_GROUNDS = "conclusive_grounds", "Conclusive grounds"
        RECONSIDERATION = "reconsideration", "Reconsideration"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Outcome(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        NONE = "", "No outcome (withdrawn)"

    referral = models.ForeignKey(NrmReferral, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What a reconsideration looked at again (reasonable or conclusive grounds).
    reconsiders = models.CharField(max_length=30, choices=Kind.choices, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_on = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="withdrawn", outcome="")
                | (~Q(kind="withdrawn") & Q(outcome__in=["positive", "negative"])),
                name="nrm_decision_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.outcome} on {self.decided_on}"


class DefenceNote(models.Model):
    """An offence the person is suspected of or charged with that may be linked to their
    exploitation, and whether the section 45 statutory defence could apply."""

    referral = models.ForeignKey(
        NrmReferral, on_delete=models.PROTECT, related_name="defence_notes"
    )
    offence = models.CharField(max_length=40)  # code in nrm.yaml
    schedule_4 = models.BooleanField()  # copied from the definitions when written
    crime_reference = models.CharField(max_length=40, blank=True)
    offence_on = models.DateField(null=True, blank=True)
    notes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Defence note on {self.referral_id}"


class DutyToNotify(models.Model):
    """The anonymous notification to the Home Office (Modern Slavery Act 2015 s52) when an
    adult does not consent to an NRM referral. It holds nothing that identifies the person:
    no person, no name, no date of birth, no address, no free text."""

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Another gender"
        UNKNOWN = "", "Not known"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    notified_on = models.DateField()
    exploitation_types = models.JSONField(default=list)
    county_lines = models.BooleanField(default=False)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    # Age bands, never a date of birth; a nationality, never an immigration reference.
    age_band = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=60, blank=True)
    home_office_reference = models.CharField(max_length=40, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    definitions_version = models.CharField(max_length=40)

    class Meta:
        ordering = ["-notified_on", "-pk"]
        verbose_name = "Duty to Notify record"

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"DTN{self.pk:06d}"
