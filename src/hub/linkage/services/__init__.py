"""Writes of the linkage app: importing agency records, runs, reviewers' decisions, undoing."""

from .imports import ImportResult, source_records_import
from .review import (
    ERROR_ALREADY_DECIDED,
    ERROR_DECISION,
    ERROR_NOT_JOINED,
    ERROR_UNDO_REASON,
    UNDO_REASON_MIN,
    join_undo,
    review_decide,
)
from .runs import RunSummary, linkage_run

__all__ = [
    "ERROR_ALREADY_DECIDED",
    "ERROR_DECISION",
    "ERROR_NOT_JOINED",
    "ERROR_UNDO_REASON",
    "UNDO_REASON_MIN",
    "ImportResult",
    "RunSummary",
    "join_undo",
    "linkage_run",
    "review_decide",
    "source_records_import",
]
