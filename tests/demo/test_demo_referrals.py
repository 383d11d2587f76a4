"""The synthetic region's referrals: a year of the front door, triaged as the services would.

One tiny region is built for the whole module (building is the slow part), inside a
transaction rolled back at the end; each test runs in its own savepoint within it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

import pytest
from django.db import transaction
from django.utils import timezone

from hub.alerts.models import Deadline
from hub.demo.generator import BuildOptions, BuildResult, region_build
from hub.demo.generator.referrals import hub_words as hw
from hub.demo.generator.referrals.clock import working_days_before, world_now
from hub.demo.generator.referrals.scenarios import CHILD, SCENARIOS
from hub.demo.generator.referrals.telling import fill, pronouns
from hub.organisations.models import Membership, Team
from hub.people.models import Person, PersonInvolvement
from hub.platform.access import Permission, scoped
from hub.platform.audit import verify_chain
from hub.platform.models import ChronologyEvent
from hub.referrals.models import PartnerCheck, Referral, ReferralSubject, TriageDecision, TriageNote
from hub.referrals.practice import Need, definitions_label, exploitation_types, triage_definition
from hub.referrals.selectors import with_clock
from hub.referrals.services import events
from hub.referrals.services.drafts import start_clock

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 4)  # a Wednesday
SEED = 5
SignOff = TriageDecision.SignOff
OPEN_STAGES = {Referral.Stage.RECEIVED, Referral.Stage.GATHERING, Referral.Stage.DECISION}


@dataclass(frozen=True)
class Built:
    result: BuildResult
    first_build: tuple[dict[str, int], str]  # an earlier build's counts and first referral text


def _first_referral_text() -> str:
    return Referral.objects.order_by("pk").values_list("what_happened", flat=True)[0]


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """A tiny region, built twice from the same seed (the first rolled back), kept for the
    module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            first = region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF))
            earlier = (first.counts, _first_referral_text())
            transaction.set_rollback(True)
        yield Built(
            region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF)), earlier
        )
        transaction.set_rollback(True)


def referrals() -> list[Referral]:
    return list(
        Referral.objects.select_related("area", "referrer_team", "transferred_from")
        .prefetch_related("subjects__person", "subjects__decisions", "partner_checks", "notes")
        .order_by("pk")
    )


def test_the_same_seed_makes_the_same_referrals(region):
    counts, text = region.first_build
    assert region.result.counts == counts
    assert _first_referral_text() == text
    assert counts["referrals"] == Referral.objects.count()
    assert counts["referral_subjects"] == ReferralSubject.objects.count()
    assert counts["triage_decisions"] == TriageDecision.objects.count()


def test_about_one_referral_per_six_persons_mostly_about_children(region):
    made = referrals()
    assert 30 <= len(made) <= 40  # 200 persons, and the copies transfers make
    subjects = [s for r in made for s in r.subjects.all()]
    children = [s.is_child_on(timezone.localtime(s.referral.received_at).date()) for s in subjects]
    assert 0.6 < children.count(True) / len(children) < 1
    assert children.count(False) >= 1
    assert any(r.subjects.count() >= 2 for r in made)  # persons found together
    kinds = {r.referrer_team.agency.kind for r in made}
    assert len(kinds) >= 4


def test_referrals_are_about_real_persons_sent_to_the_hub_of_their_area(region):
    renamed = 0
    for referral in referrals():
        for subject in referral.subjects.all():
            person = subject.person
            if person is None:
                continue
            renamed += subject.given_name != person.given_name
            transfer = [d for d in subject.decisions.all() if d.code == "transfer"]
            if person.home_area.in_region:
                assert referral.area_id == person.home_area_id or (
                    transfer and transfer[0].target_area_id == person.home_area_id
                ), referral.reference
            assert referral.area.in_region
            sent = (referral.transferred_from or referral).received_at  # a copy keeps the link
            assert subject.linked_by_id is not None and subject.linked_at >= sent
    assert renamed >= 1  # typed as the referrer knew them: a slip, another spelling, a nickname


def test_referrers_are_practitioners_writing_from_their_own_team(region):
    for referral in referrals():
        membership = Membership.objects.get(user=referral.referrer_id)
        assert membership.role == "practitioner"
        assert referral.referrer_team_id == membership.team_id
        assert referral.referrer_agency_id == membership.team.agency_id


def test_every_referral_was_sent_with_the_clock_start_clock_gives(region):
    earliest = world_now(AS_OF) - timedelta(days=366)
    for referral in referrals():
        fresh = Referral()
        start_clock(fresh, referral.received_at)
        assert (referral.due_at, referral.amber_at) == (fresh.due_at, fresh.amber_at)
        assert referral.timescales_version == fresh.timescales_version
        assert earliest < referral.received_at < world_now(AS_OF)
        assert referral.created_at <= referral.received_at
        assert referral.happened_on <= timezone.localtime(referral.received_at).date()
        assert referral.definitions_used == definitions_label()
        assert (referral.danger_advice_shown_at is not None) == bool(referral.immediate_danger)


def test_what_was_written_fits_the_persons_age(region):
    types = {t.code: t for t in exploitation_types().types}
    for referral in referrals():
        assert referral.what_happened and referral.lawful_basis
        day = timezone.localtime(referral.received_at).date()
        first = referral.subjects.all()[0]
        child = first.is_child_on(day)
        assert all(types[code].applies_to.allows(child) for code in referral.exploitation_types)
        assert (referral.capacity == "not_applicable") == bool(child)
        if referral.consent == "not_sought":
            assert referral.consent_detail
        if referral.lawful_basis == "consent":
            assert referral.consent == "given"


def test_decisions_follow_the_triage_definitions(region):
    definition = triage_definition()
    for referral in referrals():
        slug = referral.area.slug
        for subject in referral.subjects.all():
            decisions = list(subject.decisions.all())
            assert sum(d.sign_off != SignOff.RETURNED for d in decisions) <= 1
            for decision in decisions:
                option = definition.get(decision.code)
                assert option is not None and decision.title == option.title
                day = timezone.localtime(decision.decided_at).date()
                assert option.applies_to.allows(subject.is_child_on(day)), decision.code
                assert decision.reason
                if Need.ADVICE in option.needs:
                    assert decision.advice
                if Need.TARGET_AREA in option.needs:
                    assert decision.target_area_id not in (None, referral.area_id)
                assert decision.decided_by.username in (
                    f"{slug}.hub.practitioner",
                    f"{slug}.hub.manager",
                )
                assert decision.decided_at >= referral.received_at


def test_sign_offs_are_consistent(region):
    states = Counter()
    for decision in TriageDecision.objects.select_related("subject__referral__area"):
        states[decision.sign_off] += 1
        needed = triage_definition().get(decision.code).manager_sign_off
        assert (decision.sign_off != SignOff.NOT_NEEDED) == needed
        if decision.sign_off in (SignOff.APPROVED, SignOff.RETURNED):
            manager = f"{decision.subject.referral.area.slug}.hub.manager"
            assert decision.signed_off_by.username == manager
            assert decision.signed_off_by_id != decision.decided_by_id
            assert decision.signed_off_at > decision.decided_at
        else:
            assert decision.signed_off_by_id is None and decision.signed_off_at is None
        if decision.sign_off == SignOff.RETURNED:
            assert decision.sign_off_note
        if decision.code == "transfer":
            assert decision.sign_off == SignOff.APPROVED and decision.transfer_id is not None
    assert states[SignOff.APPROVED] > 0 and states[SignOff.AWAITING] > 0


def test_a_transfer_sends_the_referral_on_to_the_target_hub(region):
    copies = list(Referral.objects.filter(transferred_from__isnull=False))
    assert copies
    for copy in copies:
        decision = TriageDecision.objects.get(transfer=copy)
        assert copy.area_id == decision.target_area_id
        assert decision.subject.referral_id == copy.transferred_from_id
        assert copy.received_at == decision.signed_off_at
        assert copy.what_happened == copy.transferred_from.what_happened
        assert copy.subjects.get().person_id == decision.subject.person_id


def test_referral_states_follow_their_decisions(region):
    for referral in referrals():
        subjects = list(referral.subjects.all())
        live = [
            next((d for d in s.decisions.all() if d.sign_off != SignOff.RETURNED), None)
            for s in subjects
        ]
        decided = all(live)
        assert (referral.decided_at is not None) == decided, referral.reference
        in_force = decided and all(
            d.sign_off in (SignOff.NOT_NEEDED, SignOff.APPROVED) for d in live
        )
        if in_force:
            assert referral.status == Referral.Status.CLOSED
            assert referral.stage == Referral.Stage.DECIDED
            assert referral.closed_at >= referral.decided_at
        else:
            assert referral.status == Referral.Status.WITH_HUB and referral.closed_at is None
            assert (
                referral.stage == Referral.Stage.DECIDED
                if decided
                else referral.stage in OPEN_STAGES
            )
        if referral.stage == Referral.Stage.GATHERING:
            assert referral.partner_checks.exists()
        if referral.stage != Referral.Stage.RECEIVED:
            assert referral.assigned_to_id is not None


def test_a_few_recent_referrals_are_still_open_at_every_stage(region):
    now = world_now(AS_OF)
    still_open = list(with_clock(Referral.objects.filter(status=Referral.Status.WITH_HUB), now))
    assert 5 <= len(still_open) <= 15
    stages = Counter(r.stage for r in still_open)
    assert set(stages) == OPEN_STAGES | {Referral.Stage.DECIDED}  # decided: awaiting sign-off
    since = working_days_before(AS_OF, 3)
    assert all(timezone.localtime(r.received_at).date() >= since for r in still_open)
    assert {"red", "amber"} <= {r.rag for r in still_open}
    older = Referral.objects.filter(received_at__lt=now - timedelta(days=7))
    assert not older.exclude(status=Referral.Status.CLOSED).exists()


def test_the_undecided_referrals_have_their_decision_deadlines_open(region):
    undecided = Referral.objects.filter(status=Referral.Status.WITH_HUB, decided_at__isnull=True)
    deadlines = {d.source_id: d for d in Deadline.objects.filter(source_type="referral")}
    assert undecided.exists()
    assert set(deadlines) == set(undecided.values_list("pk", flat=True))
    for referral in undecided:
        deadline = deadlines[referral.pk]
        assert deadline.met_at is None and deadline.team.is_hub
        assert deadline.team.area_id == referral.area_id
        assert deadline.due_at == referral.due_at


def test_most_decisions_are_made_within_the_timescale(region):
    closed = Referral.objects.filter(status=Referral.Status.CLOSED)
    late = [r for r in closed if r.decided_at > r.due_at]
    assert len(late) / closed.count() < 0.25


def test_partner_checks_and_notes_belong_to_the_hubs_work(region):
    for referral in referrals():
        checks = list(referral.partner_checks.all())
        if referral.status == Referral.Status.CLOSED:
            assert 1 <= len(checks) <= 3
        assert len({c.agency_id for c in checks}) == len(checks)
        hub = f"{referral.area.slug}.hub."
        for check in checks:
            assert check.agency_id != referral.referrer_agency_id
            assert check.recorded_by.username.startswith(hub)
            assert check.recorded_at > referral.received_at
            assert referral.decided_at is None or check.recorded_at < referral.decided_at
        for note in referral.notes.all():
            assert note.recorded_by.username.startswith(hub) and note.text
            assert note.recorded_at > referral.received_at
    assert TriageNote.objects.exists()


def _event_key(event) -> tuple:
    return (
        event.subject_id, event.kind, event.title, event.summary, event.visibility,
        event.area_id, event.agency_id, event.source_type, event.source_id, event.occurred_at,
    )  # fmt: skip


def test_linked_persons_chronologies_hold_what_the_services_record(region, monkeypatch):
    told = []
    monkeypatch.setattr(events, "chronology_record", lambda *, actor, event: told.append(event))
    for referral in referrals():
        subjects = list(referral.subjects.select_related("referral__referrer_agency"))
        if referral.transferred_from_id is None:  # a transfer makes its copy without one
            for subject in subjects:
                if subject.person_id is not None:
                    events.record_referral_received(actor=None, subject=subject)
        for check in referral.partner_checks.select_related("agency"):
            events.record_partner_check(actor=None, check=check, subjects=subjects)
        for note in referral.notes.all():
            events.record_note(actor=None, note=note, subjects=subjects)
        for subject in subjects:
            for decision in subject.decisions.all():
                if decision.effective:
                    events.record_decision(actor=None, decision=decision)
    recorded = ChronologyEvent.objects.filter(source_type__in=(
        "referral", "partner_check", "triage_note", "triage_decision"
    ))  # fmt: skip
    assert told
    assert sorted(map(_event_key, recorded)) == sorted(map(_event_key, told))
    notes = recorded.filter(kind__in=("triage_note", "partner_check"))
    assert notes.exists() and not notes.exclude(visibility=ChronologyEvent.Visibility.HUB).exists()
    assert all(e.recorded_at >= e.occurred_at for e in recorded)


def test_referred_persons_are_known_to_the_hub_that_has_them(region):
    for subject in ReferralSubject.objects.filter(person__isnull=False).select_related(
        "referral__area"
    ):
        hub = Team.objects.get(area=subject.referral.area, is_hub=True)
        assert PersonInvolvement.objects.filter(person=subject.person_id, team=hub).exists()
        practitioner = Membership.objects.get(
            user__username=f"{subject.referral.area.slug}.hub.practitioner"
        ).user
        visible = scoped(
            practitioner, Permission.PERSON_VIEW, Person.objects.filter(pk=subject.person_id)
        )
        assert visible.exists()


def test_records_made_after_the_build_get_ids_of_their_own(region):
    """The build gave its rows their ids: the database's sequences must have moved past them."""
    models = (Referral, ReferralSubject, TriageDecision, PartnerCheck, TriageNote)
    last = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True)[0] for model in models
    }
    old = Referral.objects.order_by("-pk").first()
    referrer = old.referrer
    made = Referral.objects.create(
        referrer=referrer, referrer_team=old.referrer_team, referrer_agency=old.referrer_agency,
        area=old.area,
    )  # fmt: skip
    subject = ReferralSubject.objects.create(referral=made, position=0, given_name="Later")
    decision = TriageDecision.objects.create(
        subject=subject, code="early_help", title="Early help", reason="Later",
        decided_by=referrer, decided_at=timezone.now(), triage_version=1, sign_off="not_needed",
    )  # fmt: skip
    check = PartnerCheck.objects.create(
        referral=made, agency=old.referrer_agency, outcome="nothing", recorded_by=referrer
    )
    note = TriageNote.objects.create(referral=made, text="Later", recorded_by=referrer)
    for row in (made, subject, decision, check, note):
        assert row.pk > last[type(row)]


def test_the_audit_chain_still_verifies(region):
    assert verify_chain().ok


WORDS = {"who": "Kai", "place": "Foxglove Park", "time": "11pm", "area": "Dudley", "street": "X"}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_every_kind_of_concern_can_be_told_of_anyone_it_is_about(scenario):
    types = {t.code: t for t in exploitation_types().current()}
    for age in scenario.ages:  # at least one of its forms of exploitation fits every age
        child = age == CHILD
        assert any(types[code].applies_to.allows(child) for code in scenario.types)
    assert all(code in types for code in scenario.maybe_types)
    rng = Random(1)
    for gender, plural in (("male", False), ("female", False), ("not_known", False), ("", True)):
        words = {**pronouns(gender, plural), **WORDS}
        for template in scenario.openings + scenario.details:
            told = fill(rng, template, words)
            assert "{" not in told and told[0].isupper()
        assert all(isinstance(text, str) for text in scenario.said + scenario.places)


def test_the_hubs_words_can_be_told_of_anyone():
    rng = Random(1)
    words = {**pronouns("female", False), "name": "Kai", "types": "cuckooing", "target": "Dudley"}
    texts = [*hw.NOTES, *hw.CHILD_NOTES, *hw.CHECK_NOTHING, *hw.CHECK_AWAITING, *hw.RETURN_NOTES]
    texts += [t for group in hw.CHECK_HOLDS.values() for t in group]
    texts += [t for group in (*hw.REASONS.values(), *hw.ADULT_REASONS.values()) for t in group]
    texts += [t for group in hw.ADVICE.values() for t in group]
    assert all("{" not in fill(rng, text, words) for text in texts)
