"""Writes of the front door: referrals (drafts, attachments, sending) and the hub's triage."""

from .drafts import (
    ReferralAnswers,
    SubjectAnswers,
    referral_attach,
    referral_attachment_remove,
    referral_discard,
    referral_draft_save,
    referral_start,
    referral_submit,
)
from .triage import (
    partner_check_add,
    subject_create_person,
    subject_link,
    triage_assign,
    triage_decide,
    triage_note_add,
    triage_sign_off,
    triage_stage,
)

__all__ = [
    "ReferralAnswers",
    "SubjectAnswers",
    "partner_check_add",
    "referral_attach",
    "referral_attachment_remove",
    "referral_discard",
    "referral_draft_save",
    "referral_start",
    "referral_submit",
    "subject_create_person",
    "subject_link",
    "triage_assign",
    "triage_decide",
    "triage_note_add",
    "triage_sign_off",
    "triage_stage",
]
