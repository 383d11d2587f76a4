"""Referrals: a practitioner's concern about one or more persons, and the hub's triage of it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area, Team
from hub.people.models import Person
from hub.people.models.person import ADULT_AGE


class Referral(models.Model):
    """A concern about one or several persons, sent to an area's exploitation hub.

    While it is a draft, `draft_data` keeps exactly what was typed (every save, and every
    autosave), so nothing is lost to a validation error or a timeout. Sending it copies the
    checked answers into the fields below and starts the hub's clock.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        WITH_HUB = "with_hub", "With the hub"
        CLOSED = "closed", "Decided"

    class Stage(models.TextChoices):
        RECEIVED = "received", "Received"
        GATHERING = "gathering", "Information gathering"
        DECISION = "decision", "Ready for decision"
        DECIDED = "decided", "Decided"

    class Awareness(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_TOLD = "not_told", "No: telling them could put someone at risk"

    class Consent(models.TextChoices):
        GIVEN = "given", "Yes, consent was given"
        REFUSED = "refused", "No, consent was refused"
        NOT_SOUGHT = "not_sought", "Consent was not sought"

    class Capacity(models.TextChoices):
        NO_CONCERN = "no_concern", "No concerns about their capacity"
        CONCERN = "concern", "There are concerns about their capacity to decide"
        NOT_APPLICABLE = "not_applicable", "Not applicable (a child)"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referrer_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    referrer_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # The hub the referral goes to (and, once sent, the hub that triages it).
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="referrals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    draft_data = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    # Immediate danger: asked first; a yes shows what to do now, and that is recorded.
    immediate_danger = models.BooleanField(null=True)
    danger_advice_shown_at = models.DateTimeField(null=True, blank=True)

    # What happened, when and where.
    exploitation_types = models.JSONField(default=list, blank=True)
    what_happened = models.TextField(blank=True)
    happened_on = models.DateField(null=True, blank=True)
    happened_time = models.CharField(max_length=5, blank=True)
    place = models.CharField(max_length=300, blank=True)
    # The person's voice, and what they and their family know.
    persons_words = models.TextField(blank=True)
    person_knows = models.CharField(max_length=20, choices=Awareness.choices, blank=True)
    family_knows = models.CharField(max_length=20, choices=Awareness.choices, blank=True)
    awareness_detail = models.TextField(blank=True)
    # Consent, capacity and the lawful basis for sharing.
    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    consent_detail = models.TextField(blank=True)
    capacity = models.CharField(max_length=20, choices=Capacity.choices, blank=True)
    capacity_detail = models.TextField(blank=True)
    lawful_basis = models.CharField(max_length=50, blank=True)
    # The definitions the answers were checked against, as "id v1; id v2".
    definitions_used = models.CharField(max_length=200, blank=True)

    # The hub's clock: derived from the referral_decision timescale when it was sent.
    received_at = models.DateTimeField(null=True, blank=True, db_index=True)
    due_at = models.DateTimeField(null=True, blank=True)
    amber_at = models.DateTimeField(null=True, blank=True)
    timescales_version = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )

    history = HistoricalRecords(excluded_fields=["draft_data", "draft_saved_at"])

    class Meta:
        indexes = [
            models.Index(fields=["area", "status", "due_at"], name="referral_queue_idx"),
            # The queue's order (most urgent first, decided ones by when): no sort of the
            # whole queue for its first page.
            models.Index(
                F("area"),
                F("status"),
                Coalesce("decided_at", "due_at"),
                F("id"),
                name="referral_queue_order_idx",
            ),
            models.Index(fields=["referrer", "status"], name="referral_referrer_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(received_at__isnull=False, due_at__isnull=False),
                name="referral_sent_has_clock",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="referral_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"R{self.pk:07d}"


class ReferralSubject(models.Model):
    """One person a referral is about: as the referrer described them, and the hub's link
    to a person record once it knows who they are."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="subjects")
    position = models.PositiveSmallIntegerField()
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    other_names = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_estimate = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    description = models.TextField(blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="referral_subjects"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["referral", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "position"], name="referral_subject_position"
            ),
            models.UniqueConstraint(
                fields=["referral", "person"],
                condition=Q(person__isnull=False),
                name="referral_subject_person_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.described_as} on {self.referral_id}"

    @property
    def described_as(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or "Name not known"

    def is_child_on(self, day: date) -> bool | None:
        """Under 18 on that day, by the linked record, else what the referrer said; None when
        nobody knows."""
        if self.person is not None and self.person.date_of_birth is not None:
            return self.person.is_child_on(day)
        if self.date_of_birth is not None:
            born = self.date_of_birth
            return (
                day.year - born.year - ((day.month, day.day) < (born.month, born.day)) < ADULT_AGE
            )
        if self.age_estimate is not None:
            return self.age_estimate < ADULT_AGE
        return None


class TriageDecision(models.Model):
    """The hub's decision about one subject: what happens next, why, and its sign-off.

    A decision a manager sends back stays, marked returned, and the subject is decided again.
    At most one decision per subject is live (not returned): two people deciding at the same
    moment cannot both succeed; the second is told what the first decided.
    """

    class SignOff(models.TextChoices):
        NOT_NEEDED = "not_needed", "No sign-off needed"
        AWAITING = "awaiting", "Awaiting manager sign-off"
        APPROVED = "approved", "Signed off"
        RETURNED = "returned", "Returned by the manager"

    subject = models.ForeignKey(ReferralSubject, on_delete=models.PROTECT, related_name="decisions")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    reason = models.TextField()
    advice = models.TextField(blank=True)
    target_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    triage_version = models.PositiveIntegerField()
    sign_off = models.CharField(max_length=20, choices=SignOff.choices)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    transfer = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=~Q(sign_off="returned"),
                name="triage_one_live_decision",
            ),
            models.CheckConstraint(
                condition=~Q(code="transfer") | Q(target_area__isnull=False),
                name="triage_transfer_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} for subject {self.subject_id}"

    @property
    def effective(self) -> bool:
        """In force: no sign-off needed, or signed off."""
        return self.sign_off in (self.SignOff.NOT_NEEDED, self.SignOff.APPROVED)


class PartnerCheck(models.Model):
    """What one agency holds about the referral's subjects, as the hub found out."""

    class Outcome(models.TextChoices):
        HOLDS = "holds", "Holds relevant information"
        NOTHING = "nothing", "Holds nothing relevant"
        AWAITING = "awaiting", "Asked; awaiting a reply"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="partner_checks")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.get_outcome_display()}"


class TriageNote(models.Model):
    """A hub worker's working note on a referral: seen by the hub, never by the referrer."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="triage_note_has_text")]

    def __str__(self) -> str:
        return f"Note on {self.referral_id}"


class ReferralAttachment(models.Model):
    """A file sent with a referral, checked for its type and size before it is kept."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="referrals/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
