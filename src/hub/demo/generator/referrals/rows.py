"""The planned referrals written as rows: referrals, subjects, decisions, partner checks and
notes; the chronology events services/events.py would have made on the persons linked; and
the hub involvements linking adds (services/triage.py `_link`).

Rows go in as tuples (COPY on PostgreSQL, batched INSERTs on SQLite) with their ids given,
because the chronology names them (`source_id`) and their times are history, not the time of
the build (`auto_now_add` would stamp them now). PostgreSQL's sequences are moved on after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from hub.people.models import PersonInvolvement
from hub.platform.models import ChronologyEvent
from hub.platform.timescales import LOCAL
from hub.referrals.models import PartnerCheck, Referral, ReferralSubject, TriageDecision, TriageNote
from hub.referrals.practice import definitions_label, exploitation_types, triage_definition
from hub.referrals.services.events import SUMMARY_CHARS

from ..tables import day_value, insert_rows, moment_adapter, next_id, reset_sequences
from .records import Referral as Planned
from .records import Subject

if TYPE_CHECKING:
    from hub.organisations.models import Team, User

    from ..core import RegionBuild

BATCH_REFERRALS = 5_000
Visibility = ChronologyEvent.Visibility
OUTCOMES = dict(PartnerCheck.Outcome.choices)

# fmt: off
REFERRAL_FIELDS = (
    "id", "status", "stage", "referrer", "referrer_team", "referrer_agency", "area",
    "created_at", "updated_at", "draft_data", "draft_saved_at", "immediate_danger",
    "danger_advice_shown_at", "exploitation_types", "what_happened", "happened_on",
    "happened_time", "place", "persons_words", "person_knows", "family_knows",
    "awareness_detail", "consent", "consent_detail", "capacity", "capacity_detail",
    "lawful_basis", "definitions_used", "received_at", "due_at", "amber_at",
    "timescales_version", "decided_at", "closed_at", "assigned_to", "transferred_from",
)
SUBJECT_FIELDS = (
    "id", "referral", "position", "given_name", "family_name", "other_names", "date_of_birth",
    "age_estimate", "gender", "postcode", "description", "person", "linked_by", "linked_at",
)
DECISION_FIELDS = (
    "id", "subject", "code", "title", "reason", "advice", "target_area", "decided_by",
    "decided_at", "triage_version", "sign_off", "signed_off_by", "signed_off_at",
    "sign_off_note", "transfer",
)
CHECK_FIELDS = ("id", "referral", "agency", "outcome", "summary", "recorded_by", "recorded_at")
NOTE_FIELDS = ("id", "referral", "text", "recorded_by", "recorded_at")
EVENT_FIELDS = (
    "subject_type", "subject_id", "kind", "occurred_at", "recorded_at", "title", "summary",
    "visibility", "area", "agency", "recorded_by", "source_type", "source_id",
)
INVOLVEMENT_FIELDS = ("person", "agency", "team", "since")
# fmt: on


class _Event(NamedTuple):
    """One chronology event, before it is put on a person's timeline."""

    kind: str
    occurred: datetime
    actor: User | None
    title: str
    summary: str
    visibility: str
    agency: int | None
    source: str
    source_id: int
    told: datetime | None = None  # when it went on the timeline, if not when it happened


def _summary(text: str) -> str:
    """What happened, shortened for the timeline as events.py shortens it."""
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _pk(user: User | None) -> int | None:
    return None if user is None else user.id


def number(referrals: list[Planned]) -> None:
    """Give every record its id, in order of time (R0000001 is the oldest referral)."""
    referrals.sort(key=lambda referral: referral.received_at)
    ids = {model: next_id(model) for model in (Referral, ReferralSubject, TriageDecision)}
    check_id, note_id = next_id(PartnerCheck), next_id(TriageNote)
    for referral in referrals:
        referral.pk, ids[Referral] = ids[Referral], ids[Referral] + 1
        for subject in referral.subjects:
            subject.pk, ids[ReferralSubject] = ids[ReferralSubject], ids[ReferralSubject] + 1
        for decision in referral.history.decisions:
            decision.pk, ids[TriageDecision] = ids[TriageDecision], ids[TriageDecision] + 1
        for check in referral.history.checks:
            check.pk, check_id = check_id, check_id + 1
        for note in referral.history.notes:
            note.pk, note_id = note_id, note_id + 1


def linked(referral: Planned, subject: Subject) -> tuple[User | None, datetime | None]:
    """Who linked the subject to its person record and when (None: not linked by now)."""
    if subject.person_id is None:
        return None, None
    if subject.linked_at is not None:
        return subject.linked_by, subject.linked_at
    if subject.referrer_links:  # the referrer gave the record's reference when sending
        return referral.referrer, referral.received_at
    return None, None


class Writer:
    """Turns planned referrals into rows and inserts them, a batch at a time."""

    def __init__(self, region: RegionBuild) -> None:
        self.region = region
        self.label = definitions_label()
        self.triage_version = triage_definition().version
        self.titles = {t.code: t.title.lower() for t in exploitation_types().types}
        known = PersonInvolvement.objects.filter(team__is_hub=True)
        self.known_to_hub = set(known.values_list("person_id", "team_id"))
        self.counts = {"referral_events": 0, "hub_involvements": 0}
        self.moment = moment_adapter()

    def write(self, referrals: Iterable[Planned]) -> None:
        """Insert one batch of numbered referrals and everything that hangs off them."""
        rows: dict[str, list[tuple]] = {
            key: [] for key in ("referral", "subject", "decision", "check", "note", "event", "inv")
        }
        for referral in referrals:
            self._referral(referral, rows)
        insert_rows(Referral, REFERRAL_FIELDS, rows["referral"])
        insert_rows(ReferralSubject, SUBJECT_FIELDS, rows["subject"])
        insert_rows(TriageDecision, DECISION_FIELDS, rows["decision"])
        insert_rows(PartnerCheck, CHECK_FIELDS, rows["check"])
        insert_rows(TriageNote, NOTE_FIELDS, rows["note"])
        insert_rows(ChronologyEvent, EVENT_FIELDS, rows["event"])
        insert_rows(PersonInvolvement, INVOLVEMENT_FIELDS, rows["inv"])
        self.counts["referral_events"] += len(rows["event"])
        self.counts["hub_involvements"] += len(rows["inv"])

    @staticmethod
    def finish() -> None:
        """Move PostgreSQL's id sequences past the ids given (SQLite moves its own)."""
        reset_sequences([Referral, ReferralSubject, TriageDecision, PartnerCheck, TriageNote])

    def _referral(self, referral: Planned, rows: dict[str, list[tuple]]) -> None:
        history, answers, received = referral.history, referral.answers, referral.received_at
        created = received - timedelta(minutes=referral.drafting)
        saved = received - timedelta(minutes=referral.autosaved) if referral.autosaved else None
        rows["referral"].append(
            (
                referral.pk, history.status, history.stage, referral.referrer.id,
                referral.team.id, referral.team.agency_id, referral.area.id, self.moment(created),
                self.moment(max(history.updated_at or received, received)),
                "{}", self.moment(saved), referral.immediate_danger,
                self.moment(created) if referral.immediate_danger else None,
                json.dumps(answers["exploitation_types"]), answers["what_happened"],
                day_value(answers["happened_on"]), answers["happened_time"], answers["place"],
                answers["persons_words"], answers["person_knows"], answers["family_knows"],
                answers["awareness_detail"], answers["consent"], answers["consent_detail"],
                answers["capacity"], answers["capacity_detail"], answers["lawful_basis"],
                self.label, self.moment(received), self.moment(referral.clock["due_at"]),
                self.moment(referral.clock["amber_at"]), referral.clock["timescales_version"],
                self.moment(history.decided_at), self.moment(history.closed_at),
                _pk(history.assigned_to),
                referral.transferred_from.pk if referral.transferred_from else None,
            )
        )  # fmt: skip
        for position, subject in enumerate(referral.subjects):
            by, at = linked(referral, subject)
            typed = subject.typed
            rows["subject"].append(
                (
                    subject.pk, referral.pk, position, typed["given_name"], typed["family_name"],
                    typed["other_names"], day_value(typed["date_of_birth"]), typed["age_estimate"],
                    typed["gender"], typed["postcode"], typed["description"],
                    subject.person_id if at else None, _pk(by), self.moment(at),
                )
            )  # fmt: skip
        for decision in history.decisions:
            rows["decision"].append(
                (
                    decision.pk, decision.subject.pk, decision.option.code,
                    decision.option.title, decision.reason, decision.advice,
                    decision.target_area.id if decision.target_area else None,
                    decision.decided_by.id, self.moment(decision.decided_at), self.triage_version,
                    decision.sign_off, _pk(decision.signed_off_by),
                    self.moment(decision.signed_off_at), decision.sign_off_note,
                    decision.transfer.pk if decision.transfer else None,
                )
            )  # fmt: skip
        for check in history.checks:
            rows["check"].append(
                (
                    check.pk, referral.pk, check.agency.id, check.outcome, check.summary,
                    check.recorded_by.id, self.moment(check.recorded_at),
                )
            )  # fmt: skip
        for note in history.notes:
            rows["note"].append(
                (
                    note.pk,
                    referral.pk,
                    note.text,
                    note.recorded_by.id,
                    self.moment(note.recorded_at),
                )
            )
        self._events(referral, rows)

    def _events(self, referral: Planned, rows: dict[str, list[tuple]]) -> None:
        """What events.py records, on the timeline of each person linked by now: the referral
        (not for a transfer's copy: the transfer makes it without one), its checks and notes,
        and the person's decision in force."""
        history, reference, hub = referral.history, f"R{referral.pk:07d}", self._hub(referral)
        shared: list[_Event] = []
        if referral.transferred_from is None:
            title = (
                f"Referral {reference} from {referral.team.agency.name}: {self._kinds(referral)}"
            )
            shared.append(
                _Event(
                    "referral", referral.received_at, referral.referrer, title,
                    _summary(referral.answers["what_happened"]), Visibility.PARTNERSHIP,
                    referral.team.agency_id, "referral", referral.pk,
                )
            )  # fmt: skip
        for check in history.checks:
            outcome = OUTCOMES[check.outcome].lower()
            shared.append(
                _Event(
                    "partner_check", check.recorded_at, check.recorded_by,
                    f"Partner check, {check.agency.name}: {outcome}", check.summary,
                    Visibility.HUB, check.agency.id, "partner_check", check.pk,
                )
            )  # fmt: skip
        for note in history.notes:
            shared.append(
                _Event(
                    "triage_note", note.recorded_at, note.recorded_by, f"Hub note on {reference}",
                    note.text, Visibility.HUB, None, "triage_note", note.pk,
                )
            )  # fmt: skip
        for subject in referral.subjects:
            linker, link = linked(referral, subject)
            if link is None or subject.person_id is None:
                continue
            own: list[_Event] = []
            for decision in history.decisions:
                if decision.subject is not subject or decision.in_force is None:
                    continue
                when, actor = decision.in_force
                for kind, title, text, visibility in (
                    ("triage_decision", f"Hub decision on {reference}: {decision.option.title}",
                     decision.advice, Visibility.PARTNERSHIP),
                    ("triage_note", f"Reason for the decision on {reference}", decision.reason,
                     Visibility.HUB),
                ):  # fmt: skip
                    own.append(
                        _Event(
                            kind, decision.decided_at, actor, title, text, visibility,
                            hub.agency_id, "triage_decision", decision.pk, when,
                        )
                    )  # fmt: skip
            for event in shared + own:
                at, by = event.told or event.occurred, event.actor
                if at < link:  # the link put the story so far on the person's timeline
                    at, by = link, linker
                rows["event"].append(
                    (
                        "person", subject.person_id, event.kind, self.moment(event.occurred),
                        self.moment(at), event.title, event.summary, event.visibility,
                        referral.area.id, event.agency, _pk(by), event.source, event.source_id,
                    )
                )  # fmt: skip
            self._known_to_hub(subject.person_id, hub.id, hub.agency_id, link, rows["inv"])

    def _hub(self, referral: Planned) -> Team:
        """The hub team of the referral's area."""
        return self.region.teams[f"hub:{referral.area.slug}"]

    def _kinds(self, referral: Planned) -> str:
        codes = referral.answers["exploitation_types"]
        return ", ".join(self.titles.get(code, code) for code in codes)

    def _known_to_hub(
        self, person: int, team: int, agency: int, since: datetime, involvements: list[tuple]
    ) -> None:
        """Linking makes the person known to the hub, from the day of the link."""
        if (person, team) in self.known_to_hub:
            return
        self.known_to_hub.add((person, team))
        involvements.append((person, agency, team, day_value(since.astimezone(LOCAL).date())))
