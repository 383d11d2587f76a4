"""Agency records held for linkage, the runs over them, their joins to hub persons and the
clerical review of the uncertain pairs.

A source record is one agency's record of someone, as its extract gave it. A run links all
the records held (`services/runs.py`); links above the upper threshold join records into one
hub person (a `RecordJoin` naming the run); pairs in the uncertain band wait in the review
queue (`ReviewPair`). A reviewer's decision is kept on the pair and binds every later run: a
match is always linked, a no-match never. Undoing a wrong join ends the join (it is kept, with
who undid it and why) and records a no-match between the record and the person's others.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hub.organisations.models import Area
from hub.people.models import Person


class LinkageRun(models.Model):
    """One run over the records held: the trained model, its thresholds and what it did."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_label = models.CharField(max_length=100, blank=True)  # "hub linkage run"
    engine = models.CharField(max_length=20)
    model_id = models.CharField(max_length=60)
    model_version = models.PositiveIntegerField()
    splink_model = models.JSONField(default=dict)  # the trained parameters, no personal data
    upper_threshold = models.FloatField()
    lower_threshold = models.FloatField()
    records = models.PositiveIntegerField(default=0)
    joined = models.PositiveIntegerField(default=0)
    persons_created = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lower_threshold__gt=0)
                & Q(lower_threshold__lte=models.F("upper_threshold"))
                & Q(upper_threshold__lt=1),
                name="linkage_run_thresholds_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"LR{self.pk:05d}"


class SourceRecord(models.Model):
    """One agency's record of a person, in `hub link` fields, as its extract gave them."""

    record_id = models.CharField(max_length=200, unique=True)  # "police:WMP0001"
    source = models.CharField(max_length=60)
    # The area whose hub holds the record: where its postcode lies, else the importer's area.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    values = models.JSONField(default=dict)  # field -> text as given
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["area", "source"], name="linkage_record_area_idx")]

    def __str__(self) -> str:
        return self.record_id

    @property
    def display_name(self) -> str:
        names = (self.values.get("given_name", ""), self.values.get("family_name", ""))
        return " ".join(name for name in names if name) or "(no name)"


class ReviewDecision(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    MATCH = "match", "The same person"
    NO_MATCH = "no_match", "Not the same person"
    # A later run joined the two records without review (through other links).
    RESOLVED = "resolved", "Joined by a later run"


DECIDED = (ReviewDecision.MATCH, ReviewDecision.NO_MATCH)


class ReviewPair(models.Model):
    """Two source records a run could not decide about, and a reviewer's decision on them.

    The pair is kept in id order (left before right), once; a later run updates its score.
    """

    left = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    right = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(
        LinkageRun, null=True, blank=True, on_delete=models.PROTECT, related_name="review_pairs"
    )
    match_probability = models.FloatField(null=True, blank=True)
    match_weight = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=dict)  # the waterfall (explain.PairExplanation)
    decision = models.CharField(
        max_length=10, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    queued_at = models.DateTimeField()

    class Meta:
        ordering = ["-match_probability", "id"]
        indexes = [
            models.Index(
                fields=["area", "decision", "-match_probability"], name="linkage_queue_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="linkage_pair_once"),
            models.CheckConstraint(
                condition=Q(left__lt=models.F("right")), name="linkage_pair_in_order"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "resolved"])
                | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="linkage_decision_has_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"RP{self.pk:06d}"


class RecordJoin(models.Model):
    """A source record joined to a hub person, by a run or a reviewer's match; undone when
    wrong (the row stays, with who undid it and why)."""

    record = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="joins")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(
        LinkageRun, null=True, blank=True, on_delete=models.PROTECT, related_name="joins"
    )
    review = models.ForeignKey(
        ReviewPair, null=True, blank=True, on_delete=models.PROTECT, related_name="joins"
    )
    joined_at = models.DateTimeField()
    # The run's match probability with the record it joined through (None: the first record)
    match_probability = models.FloatField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(undone_at__isnull=True),
                name="linkage_one_live_join_per_record",
            ),
            models.CheckConstraint(
                condition=Q(run__isnull=False) | Q(review__isnull=False),
                name="linkage_join_has_provenance",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record} -> {self.person.reference}"
