"""What the person record holds beyond the person row: other names, identifiers, addresses,
and warning notes for workers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from hub.organisations.models import Agency, Area

from .choices import AliasKind, IdentifierKind
from .person import Person


class PersonAlias(models.Model):
    """Another name the person is known by: an alias, nickname, street name or earlier name."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.ALIAS)
    name = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="alias_has_name"),
            models.UniqueConstraint(fields=["person", "kind", "name"], name="alias_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class PersonIdentifier(models.Model):
    """An identifier an agency holds for the person, stored normalised (NHS numbers checked)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    value = models.CharField(max_length=40)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "value"]
        indexes = [models.Index(fields=["kind", "value"], name="identifier_lookup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "value"], name="identifier_unique"),
            models.CheckConstraint(condition=~Q(value=""), name="identifier_has_value"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class PersonAddress(models.Model):
    """An address the person lived at, from and to; the area is placed from the postcode."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address_line = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moved_in = models.DateField(null=True, blank=True)
    moved_out = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-moved_in", "-pk"]
        indexes = [models.Index(fields=["postcode"], name="address_postcode_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out__isnull=True)
                | Q(moved_in__isnull=True)
                | Q(moved_out__gte=models.F("moved_in")),
                name="address_moved_out_after_in",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.address_line, self.town, self.postcode) if part)


class WarningNote(models.Model):
    """Something a worker must know before contact (a risk to workers, say), reviewed by a date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    text = models.TextField()
    review_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="warning_has_text")]

    def __str__(self) -> str:
        return f"Warning for {self.person.reference}, review by {self.review_on:%d %b %Y}"
