"""Writing and sending a referral: immediate danger first, drafts kept as typed, files checked,
one referral however often it is sent, and the hub's clock derived from the timescale."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.platform.access import NotFound, PermissionDenied
from hub.platform.files import attachment_type
from hub.platform.models import AccessLogEntry
from hub.platform.services import ServiceError
from hub.referrals.models import Referral
from hub.referrals.services import (
    SubjectAnswers,
    referral_attach,
    referral_discard,
    referral_draft_save,
    referral_start,
    referral_submit,
)
from hub.referrals.services.drafts import (
    ERROR_CONSENT_DETAIL,
    ERROR_FILE_EMPTY,
    ERROR_FILE_SIZE,
    ERROR_FILE_TYPE,
    ERROR_HAPPENED_FUTURE,
    ERROR_PERSON_REFERENCE,
    ERROR_SUBJECT_WHO,
    ERROR_TOO_MANY_FILES,
    ERROR_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    start_clock,
)

from .conftest import answers, send

pytestmark = pytest.mark.django_db
TOKEN = "referral-form-token-0123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_immediate_danger_comes_first_and_its_advice_is_recorded(world):
    with pytest.raises(ServiceError) as raised:
        referral_start(actor=world.bham_school_practitioner, immediate_danger=None, token=TOKEN)
    assert raised.value.field == "immediate_danger"
    draft, made = referral_start(
        actor=world.bham_school_practitioner, immediate_danger=True, token=TOKEN
    )
    assert made and draft.status == Referral.Status.DRAFT
    assert draft.immediate_danger and draft.danger_advice_shown_at is not None
    assert draft.area == world.birmingham and draft.referrer_team == world.bham_school_team
    again, made = referral_start(
        actor=world.bham_school_practitioner, immediate_danger=True, token=TOKEN
    )
    assert (again.pk, made) == (draft.pk, False)


def test_only_roles_that_refer_may_start_one(world):
    with pytest.raises(PermissionDenied):
        referral_start(actor=world.dpo, immediate_danger=False, token=TOKEN)


def test_a_draft_keeps_exactly_what_was_typed_and_only_its_referrer_may_change_it(world):
    draft, _ = referral_start(
        actor=world.bham_school_practitioner, immediate_danger=False, token=TOKEN
    )
    typed = {
        "what_happened": ["half a sentence"],
        "happened_on_year": ["20x"],
        "csrfmiddlewaretoken": ["t"],
    }
    referral_draft_save(actor=world.bham_school_practitioner, referral_id=draft.pk, data=typed)
    draft.refresh_from_db()
    assert draft.draft_data == {"what_happened": ["half a sentence"], "happened_on_year": ["20x"]}
    with pytest.raises(NotFound):
        referral_draft_save(actor=world.bham_hub_practitioner, referral_id=draft.pk, data=typed)


def test_sending_copies_the_answers_starts_the_clock_and_sends_once(world):
    draft, _ = referral_start(
        actor=world.bham_school_practitioner, immediate_danger=False, token=TOKEN
    )
    sent = referral_submit(
        actor=world.bham_school_practitioner,
        referral_id=draft.pk,
        answers=answers(world.birmingham),
    )
    assert sent.status == Referral.Status.WITH_HUB and sent.stage == Referral.Stage.RECEIVED
    assert sent.exploitation_types == ["CCE", "COUNTY_LINES"]
    assert sent.due_at > sent.received_at and sent.amber_at < sent.due_at
    assert sent.definitions_used == "exploitation_types v1; lawful_bases v1; triage v1"
    assert sent.draft_data == {}
    assert [s.described_as for s in sent.subjects.all()] == ["Kaiden Smyth"]
    twice = referral_submit(
        actor=world.bham_school_practitioner,
        referral_id=draft.pk,
        answers=answers(world.birmingham),
    )
    assert twice.pk == sent.pk and Referral.objects.count() == 1
    assert sent.subjects.count() == 1
    with pytest.raises(ServiceError):  # a sent referral is no longer a draft
        referral_draft_save(actor=world.bham_school_practitioner, referral_id=sent.pk, data={})


def test_the_clock_is_one_working_day_across_a_bank_holiday(world):
    referral = Referral()
    # Friday 24 December 2027 at 16:00: Christmas and Boxing Day fall at a weekend, so the
    # bank holidays are Monday 27 and Tuesday 28; the decision is due by the end of Wednesday.
    start_clock(referral, datetime(2027, 12, 24, 16, 0, tzinfo=UTC))
    assert referral.due_at.date() == dt.date(2027, 12, 29)
    assert referral.amber_at < referral.due_at


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"subjects": (SubjectAnswers(),)}, "subject-0-given_name", ERROR_SUBJECT_WHO),
        ({"exploitation_types": ()}, "exploitation_types", ERROR_TYPES),
        ({"exploitation_types": ("MADE_UP",)}, "exploitation_types", ERROR_TYPES),
        (
            {"happened_on": dt.date.today() + dt.timedelta(days=2)},
            "happened_on",
            ERROR_HAPPENED_FUTURE,
        ),
        ({"consent_detail": " "}, "consent_detail", ERROR_CONSENT_DETAIL),
    ],
)
def test_a_referral_that_breaks_a_rule_is_not_sent(world, overrides, field, message):
    draft, _ = referral_start(
        actor=world.bham_school_practitioner, immediate_danger=False, token=TOKEN
    )
    with pytest.raises(ServiceError) as raised:
        referral_submit(
            actor=world.bham_school_practitioner,
            referral_id=draft.pk,
            answers=answers(world.birmingham, **overrides),
        )
    assert (raised.value.field, raised.value.message) == (field, message)
    draft.refresh_from_db()
    assert draft.status == Referral.Status.DRAFT


def test_a_referrer_may_name_only_a_record_they_can_see(world):
    with pytest.raises(ServiceError, match=ERROR_PERSON_REFERENCE):
        send(
            world.bham_school_practitioner,
            world.birmingham,
            SubjectAnswers(given_name="Kaiden", person_id=world.cov_person.pk),
        )
    sent = send(
        world.bham_school_practitioner,
        world.birmingham,
        SubjectAnswers(given_name="Tyler", person_id=world.school_person.pk),
    )
    assert sent.subjects.get().person == world.school_person


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("photo.JPG", b"\xff\xd8\xff\xe0" + b"0" * 20, "image/jpeg"),
        ("notes.txt", "Seen at 2am, with Jay (café)".encode(), "text/plain"),
        ("report.pdf", b"MZ\x90\x00 an executable", None),
        ("photo.png", PDF, None),  # name and content disagree
        ("notes.txt", b"\x00\x01binary", None),
        ("script.html", b"<script>alert(1)</script>", None),
    ],
)
def test_files_are_judged_by_what_they_hold(name, content, expected):
    assert attachment_type(name, content) == expected


def test_attachments_are_checked_before_they_are_kept(world):
    actor = world.bham_school_practitioner
    draft, _ = referral_start(actor=actor, immediate_danger=False, token=TOKEN)

    def attach(name, content):
        return referral_attach(
            actor=actor, referral_id=draft.pk, upload=SimpleUploadedFile(name, content)
        )

    for name, content, message in [
        ("virus.exe", b"MZ\x90", ERROR_FILE_TYPE),
        ("empty.pdf", b"", ERROR_FILE_EMPTY),
        ("huge.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES, ERROR_FILE_SIZE),
    ]:
        with pytest.raises(ServiceError) as raised:
            attach(name, content)
        assert (raised.value.field, raised.value.message) == ("attachments", message)
    kept = attach("C:\\Users\\dsl\\statement.pdf", PDF)
    assert kept.name == "statement.pdf" and kept.size == len(PDF)
    assert kept.file.read() == PDF
    for index in range(MAX_ATTACHMENTS - 1):
        attach(f"page{index}.pdf", PDF)
    with pytest.raises(ServiceError, match=ERROR_TOO_MANY_FILES):
        attach("one-more.pdf", PDF)


def test_a_draft_can_be_discarded_but_a_sent_referral_cannot(world, sent):
    actor = world.bham_school_practitioner
    draft, _ = referral_start(actor=actor, immediate_danger=False, token=TOKEN)
    referral_discard(actor=actor, referral_id=draft.pk)
    assert not Referral.objects.filter(pk=draft.pk).exists()
    with pytest.raises(ServiceError):
        referral_discard(actor=actor, referral_id=sent.pk)
    assert AccessLogEntry.objects.filter(action="discard", object_id=draft.pk).exists()
