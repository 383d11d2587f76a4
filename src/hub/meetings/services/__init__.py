"""Writes of meetings: scheduling, the agenda, what happened at it, and its minutes."""

from .meetings import (
    agenda_add,
    attendance_add,
    decision_add,
    discussion_save,
    information_add,
    meeting_action_add,
    meeting_finalise,
    meeting_held,
    meeting_schedule,
)

__all__ = [
    "agenda_add",
    "attendance_add",
    "decision_add",
    "discussion_save",
    "information_add",
    "meeting_action_add",
    "meeting_finalise",
    "meeting_held",
    "meeting_schedule",
]
