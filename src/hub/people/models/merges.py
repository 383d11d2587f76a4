"""Merges of duplicate person records, with what moved, so that a wrong merge can be undone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .person import Person


class PersonMerge(models.Model):
    """One duplicate merged into the record kept: who, when, why, and every row that moved.

    `moved` maps a label of a moved table ("people.PersonAlias") to the ids moved from the
    duplicate to the record kept; `created` lists rows the merge made (the duplicate's name as
    an alias). Unmerging moves those rows back and removes what the merge made.
    """

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_as_dup")
    reason = models.TextField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField()
    moved = models.JSONField(default=dict)
    created = models.JSONField(default=dict)
    unmerged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unmerged_at = models.DateTimeField(null=True, blank=True)
    unmerge_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kept=models.F("duplicate")), name="merge_two_records"
            ),
            models.UniqueConstraint(
                fields=["duplicate"],
                condition=Q(unmerged_at__isnull=True),
                name="merge_one_live_merge_per_duplicate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duplicate.reference} merged into {self.kept.reference}"
