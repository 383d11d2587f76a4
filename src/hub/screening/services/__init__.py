"""Writes of screening: the practitioner's flow, the manager's review, and re-scoring."""

from .flow import (
    ScreeningAnswers,
    known_circumstances,
    screening_confirm,
    screening_draft_save,
    screening_review,
    screening_start,
)
from .rescore import RescoreRun, screenings_rescore

__all__ = [
    "RescoreRun",
    "ScreeningAnswers",
    "known_circumstances",
    "screening_confirm",
    "screening_draft_save",
    "screening_review",
    "screening_start",
    "screenings_rescore",
]
