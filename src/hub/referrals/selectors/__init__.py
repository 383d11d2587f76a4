"""Reads of the front door: for the referrer, and for the hub."""

from .referrer import (
    SubjectOutcome,
    access_referral,
    attachment_for_download,
    draft_attachments,
    draft_for_editing,
    my_referrals,
    referrer_view,
)
from .triage import (
    QueueFilters,
    QueuePage,
    SubjectForDecision,
    TriageView,
    awaiting_my_sign_off,
    decision_in_reach,
    subject_for_decision,
    triage_queue,
    triage_view,
    with_clock,
)

__all__ = [
    "QueueFilters",
    "QueuePage",
    "SubjectForDecision",
    "SubjectOutcome",
    "TriageView",
    "access_referral",
    "attachment_for_download",
    "awaiting_my_sign_off",
    "decision_in_reach",
    "draft_attachments",
    "draft_for_editing",
    "my_referrals",
    "referrer_view",
    "subject_for_decision",
    "triage_queue",
    "triage_view",
    "with_clock",
]
