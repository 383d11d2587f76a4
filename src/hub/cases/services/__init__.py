"""Writes of cases: the case itself, its team and closing; its plan, actions and voice."""

from .cases import (
    case_member_add,
    case_member_leave,
    case_move,
    case_open,
    case_request_close,
    case_risk_update,
    case_sign_off_close,
    case_transfer,
    ensure_transition_actions,
)
from .plans import PlanInput, action_add, action_complete, new_action, plan_save, voice_record

__all__ = [
    "PlanInput",
    "action_add",
    "action_complete",
    "case_member_add",
    "case_member_leave",
    "case_move",
    "case_open",
    "case_request_close",
    "case_risk_update",
    "case_sign_off_close",
    "case_transfer",
    "ensure_transition_actions",
    "new_action",
    "plan_save",
    "voice_record",
]
