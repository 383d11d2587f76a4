"""Re-scoring stored screenings under another version of their tool, to compare: the results
go beside the screenings (`ScreeningRescore`), never over what was confirmed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hub.platform.audit import audit_record
from hub.screening.engine import Subject, score
from hub.screening.models import Screening, ScreeningRescore
from hub.screening.thresholds import threshold_document
from hub.screening.tools import ScreeningTool


@dataclass(frozen=True)
class RescoreRun:
    """What a re-scoring did."""

    screenings: int
    changed: int
    seconds: float


def screenings_rescore(
    *, tool: ScreeningTool, batch: int = 2000, progress: Callable[[str], object] | None = None
) -> RescoreRun:
    """Score every confirmed screening of the tool (any version) under `tool`, in batches.

    Answers to indicators the version does not ask are left out, and circumstances it does
    not read are ignored: the comparison is what this version would say of the same answers.
    """
    started = time.perf_counter()
    document = threshold_document()
    indicators = {i.id for i in tool.indicators()}
    windows = {w.id for w in tool.windows}
    circumstances = {c.id for c in document.circumstances}
    confirmed = Screening.objects.filter(tool_id=tool.id).exclude(status=Screening.Status.DRAFT)
    done = changed = 0
    last = 0
    now = timezone.now()
    while True:
        rows = list(
            confirmed.filter(pk__gt=last)
            .order_by("pk")
            .values_list(
                "pk", "answers", "circumstances", "assessed_on", "person__date_of_birth",
                "computed_overall",
            )[:batch]
        )  # fmt: skip
        if not rows:
            break
        rescored = []
        for pk, answers, known, assessed_on, born, before in rows:
            result = score(
                tool,
                answers={i: w for i, w in answers.items() if i in indicators and w in windows},
                subject=Subject(
                    assessed_on=assessed_on,
                    date_of_birth=born,
                    circumstances={k: v for k, v in known.items() if k in circumstances},
                ),
                document=document,
            )
            changed += result.overall != before
            rescored.append(
                ScreeningRescore(
                    screening_id=pk,
                    tool_version=tool.version,
                    grades=result.grades,
                    overall=result.overall,
                    pathway=result.pathway,
                    scored_at=now,
                )
            )
        with transaction.atomic():
            ScreeningRescore.objects.bulk_create(
                rescored,
                update_conflicts=True,
                unique_fields=["screening", "tool_version"],
                update_fields=["grades", "overall", "pathway", "scored_at"],
            )
        done += len(rows)
        last = rows[-1][0]
        if progress is not None:
            progress(f"{done:,} re-scored")
    audit_record(
        actor=None,
        action="rescore",
        object_type="screening",
        actor_label="hub screening rescore",
        detail={"tool": tool.id, "version": tool.version, "screenings": done, "changed": changed},
    )
    return RescoreRun(screenings=done, changed=changed, seconds=time.perf_counter() - started)
