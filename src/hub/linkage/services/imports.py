"""Agency records into the hub: each extract read through its source mapping, kept as given."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from hub.linkage.definitions import RECORD_FIELDS
from hub.linkage.models import SourceRecord
from hub.organisations.selectors import area_for_postcode
from hub.platform.audit import audit_record
from hub.platform.places import normalise_postcode

if TYPE_CHECKING:
    from hub.organisations.models import Area, User

BATCH = 2000


@dataclass(frozen=True)
class ImportResult:
    """How many records were new and how many were sent again (their fields updated)."""

    created: int
    updated: int


def _area(values: dict[str, str], default: Area) -> Area:
    postcode = normalise_postcode(values.get("postcode", ""))
    found = area_for_postcode(postcode) if postcode else None
    return found if found is not None and found.in_region else default


def source_records_import(
    *,
    actor: User | None,
    rows: Iterable[dict[str, str]],
    area: Area,
    actor_label: str = "",
) -> ImportResult:
    """Keep agency records (in `hub link` fields) for linkage; a record sent again by its
    agency (the same record id) has its fields replaced. A record's area is where its
    postcode lies in the region, else `area` (the hub whose extract it is)."""
    now = timezone.now()
    created = updated = 0
    with transaction.atomic():
        batch: list[dict[str, str]] = []

        def flush() -> None:
            nonlocal created, updated
            known = {
                record.record_id: record
                for record in SourceRecord.objects.filter(
                    record_id__in=[row["record_id"] for row in batch]
                )
            }
            new, changed = [], []
            for row in batch:
                values = {
                    name: row[name].strip()
                    for name in RECORD_FIELDS
                    if name != "record_id" and row.get(name, "").strip()
                }
                record = known.get(row["record_id"])
                if record is None:
                    new.append(
                        SourceRecord(
                            record_id=row["record_id"],
                            source=values.get("source", ""),
                            area=_area(values, area),
                            values=values,
                            imported_at=now,
                            imported_by=actor,
                        )
                    )
                else:
                    record.values, record.imported_at = values, now
                    record.area = _area(values, area)
                    changed.append(record)
            SourceRecord.objects.bulk_create(new)
            SourceRecord.objects.bulk_update(changed, ["values", "imported_at", "area"])
            created += len(new)
            updated += len(changed)
            batch.clear()

        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        audit_record(
            actor=actor,
            actor_label=actor_label,
            action="import",
            object_type="source_record",
            purpose="record linkage",
            detail={"created": created, "updated": updated, "area": area.pk},
        )
    return ImportResult(created, updated)
