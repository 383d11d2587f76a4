"""The synthetic region's placements, missing episodes, return home interviews, Philomena
profiles and NRM records, as missing/services and nrm/services would have recorded them, with
the alerts they raise and their deadlines met or open as what happened says.

One tiny region is built for the whole module (building is the slow part), inside a
transaction rolled back at the end; each test runs in its own savepoint within it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from django.utils import timezone

from hub.alerts.models import Alert, Deadline
from hub.alerts.services import deadline_open
from hub.cases.models import VoiceRecord
from hub.demo.generator import BuildOptions, region_build
from hub.demo.generator.referrals.clock import world_now
from hub.missing.models import MissingEpisode, PhilomenaProfile, Placement, ReturnInterview
from hub.missing.practice import missing_practice
from hub.missing.selectors import interview_timeliness
from hub.nrm.models import DefenceNote, DutyToNotify, NrmDecision, NrmReferral
from hub.nrm.practice import nrm_practice
from hub.nrm.selectors import referral_status
from hub.nrm.services.referrals import start_of
from hub.organisations.models import User
from hub.platform.models import ChronologyEvent
from hub.platform.places import area_code_for_postcode
from hub.platform.timescales import add_working_days

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 4)  # a Wednesday
SEED = 5
NOW = world_now(AS_OF)
Kind, Outcome = NrmDecision.Kind, ReturnInterview.Outcome


def _rows() -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What was made, by names and times (ids differ between builds on PostgreSQL)."""
    episodes = list(
        MissingEpisode.objects.order_by("pk").values_list(
            "person__given_name", "reported_at", "risk_grade", "found_at", "found_postcode"
        )
    )
    interviews = list(
        ReturnInterview.objects.order_by("episode__reported_at").values_list(
            "episode__reported_at", "outcome", "completed_at"
        )
    )
    nrm = list(
        NrmDecision.objects.order_by("pk").values_list(
            "referral__person__given_name", "kind", "outcome", "decided_on"
        )
    )
    return episodes, interviews, nrm


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """A tiny region, built twice from the same seed (the first rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            first = region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF))
            earlier = (first.counts, _rows())
            transaction.set_rollback(True)
        result = region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF))
        yield result, earlier
        transaction.set_rollback(True)


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def episodes() -> list[MissingEpisode]:
    return list(
        MissingEpisode.objects.select_related("person", "responsible_area", "found_area").order_by(
            "reported_at"
        )
    )


def test_the_same_seed_makes_the_same_episodes_interviews_and_decisions(region):
    result, (counts, rows) = region
    assert result.counts == counts
    assert _rows() == rows
    assert counts["missing_episodes"] == MissingEpisode.objects.count()
    assert counts["nrm_referrals"] == NrmReferral.objects.count()
    assert counts["duty_to_notify"] == DutyToNotify.objects.count() >= 1


def test_volumes_are_proportionate_and_missing_is_concentrated(region):
    result, _ = region
    counts = result.counts
    made = episodes()
    per_person = Counter(e.person_id for e in made)
    assert 20 <= len(made) <= 120
    assert len(per_person) < 0.2 * counts["persons"]  # a minority go missing
    assert max(per_person.values()) >= 3  # and some again and again
    top = sorted(per_person.values(), reverse=True)[: max(1, len(per_person) // 4)]
    assert sum(top) / len(made) > 0.4
    looked_after = set(Placement.objects.values_list("person_id", flat=True))
    assert looked_after and len(looked_after & set(per_person)) / len(looked_after) > 0.2
    assert 12 <= counts["nrm_referrals"] + counts["duty_to_notify"] <= 30


def test_episodes_run_one_after_another_found_after_reported(region):
    grades = {g.code for g in missing_practice().risk_grades}
    by_person = defaultdict(list)
    for episode in episodes():
        by_person[episode.person_id].append(episode)
        assert episode.risk_grade in grades
        assert episode.last_seen_at <= episode.reported_at < NOW
        assert episode.police_reference and episode.clothing and episode.last_seen_place
        if episode.found_at is None:
            assert not episode.found_postcode and episode.found_area_id is None
            assert not ReturnInterview.objects.filter(episode=episode).exists()
            continue
        assert episode.reported_at <= episode.found_at < NOW
        area = episode.found_area
        code = area_code_for_postcode(episode.found_postcode)
        assert code == area.code if area.in_region else code not in {"", None}
        assert episode.found_out_of_area == (
            area.pk not in {episode.responsible_area_id, episode.person.home_area_id}
        )
        assert episode.returned_how in MissingEpisode.Return.values
    for runs in by_person.values():
        for before, after in pairwise(runs):
            assert before.found_at is not None and before.found_at < after.reported_at
    still = [e for e in episodes() if e.found_at is None]
    assert len(still) >= 1 and len({e.person_id for e in still}) == len(still)


def test_looked_after_children_are_placed_and_missing_from_care_is_their_placing_areas(region):
    placements = list(Placement.objects.select_related("person", "placing_area", "placed_in_area"))
    assert any(p.placing_area_id != p.placed_in_area_id for p in placements)
    for p in placements:
        assert p.placing_area.in_region and p.person.home_area_id == p.placing_area_id
        assert p.person.is_child_on(p.started_on)
        code = area_code_for_postcode(p.postcode)
        assert code == p.placed_in_area.code if p.placed_in_area.in_region else code
        assert p.ended_on is None or p.ended_on > p.started_on
        if p.placing_area_id != p.placed_in_area_id:
            kinds = {Alert.Kind.CROSS_BORDER, Alert.Kind.NOTIFY_OUTSIDE}
            assert Alert.objects.filter(
                source_type="placement", source_id=p.pk, kind__in=kinds
            ).exists()
    for episode in episodes():
        day = _day(episode.reported_at)
        current = [
            p for p in placements
            if p.person_id == episode.person_id and p.started_on <= day
            and (p.ended_on is None or p.ended_on > day)
        ]  # fmt: skip
        if current:
            assert episode.missing_from == MissingEpisode.From.CARE
            assert episode.responsible_area_id == current[-1].placing_area_id
        else:
            assert episode.responsible_area_id == episode.person.home_area_id


def test_found_out_of_area_alerts_the_area_found_in_or_asks_for_a_notification(region):
    out = [e for e in episodes() if e.found_out_of_area]
    assert out
    for episode in out:
        alerts = Alert.objects.filter(source_type="missing_episode", source_id=episode.pk)
        if episode.found_area.in_region:
            alert = alerts.filter(kind=Alert.Kind.CROSS_BORDER).first()
            if alert is None:  # the area's hub held a live grant for them already
                assert Alert.objects.filter(
                    kind=Alert.Kind.CROSS_BORDER, person=episode.person_id,
                    area=episode.found_area_id, created_at__lt=episode.found_at,
                    grant_until__gt=episode.found_at,
                ).exists()  # fmt: skip
                continue
            assert alert.area_id == episode.found_area_id
            assert alert.from_area_id == episode.responsible_area_id
            assert alert.grant_until - alert.created_at == timedelta(hours=72)
            assert alert.created_at > episode.found_at
        else:
            alert = alerts.get(kind=Alert.Kind.NOTIFY_OUTSIDE)
            assert alert.area_id == episode.responsible_area_id and alert.contact
        assert episode.person.full_name in alert.title


def test_repeat_missing_alerts_follow_the_rule(region):
    rule = missing_practice().repeat_rules[0]
    alerts = Alert.objects.filter(kind=Alert.Kind.REPEAT_MISSING)
    assert alerts.exists()
    for alert in alerts:
        episode = MissingEpisode.objects.get(pk=alert.source_id)
        since = episode.reported_at - timedelta(days=rule.days)
        count = MissingEpisode.objects.filter(
            person=episode.person_id, reported_at__gt=since, reported_at__lte=episode.reported_at
        ).count()
        assert count >= rule.episodes and alert.area_id == episode.responsible_area_id


def test_interviews_are_done_independently_after_the_return_and_meet_their_deadline(region):
    hub = {u.pk for u in User.objects.filter(username__endswith=".hub.practitioner")}
    states = Counter()
    for episode in episodes():
        if episode.found_at is None:
            continue
        child = episode.person.is_child_on(_day(episode.found_at))
        deadline = Deadline.objects.filter(key=f"missing:{episode.pk}").first()
        assert (deadline is not None) == bool(child)
        if not child:
            continue
        with transaction.atomic():
            (fresh,) = deadline_open(
                event="child_returned", key=deadline.key, area_id=episode.responsible_area_id,
                reference=f"{episode.reference} ({episode.person.full_name})",
                source_type="missing_episode", source_id=episode.pk, start=episode.found_at,
                person_id=episode.person_id,
            )  # fmt: skip
            transaction.set_rollback(True)
        assert (deadline.due_at, deadline.amber_at, deadline.team_id) == (
            fresh.due_at, fresh.amber_at, fresh.team_id,
        )  # fmt: skip
        assert deadline.due_at - deadline.started_at == timedelta(hours=72)
        interview = ReturnInterview.objects.filter(episode=episode).first()
        outcome = interview.outcome if interview else "none"
        if outcome == Outcome.COMPLETED:
            assert interview.independent_of_carer and interview.interviewer_id in hub
            assert episode.found_at <= interview.offered_at <= interview.completed_at < NOW
            assert (deadline.status, deadline.met_at) == ("met", interview.completed_at)
            states["late" if interview.completed_at > deadline.due_at else "within"] += 1
        elif outcome == Outcome.DECLINED:
            assert not interview.independent_of_carer and interview.completed_at is None
            assert deadline.status == "met" and deadline.met_at > interview.offered_at
            states["declined"] += 1
        else:
            assert deadline.status == "open" and deadline.met_at is None
            states["open"] += 1
        moment = deadline.met_at or NOW
        rag = (
            "red"
            if deadline.due_at < moment
            else "amber"
            if deadline.amber_at <= moment
            else "green"
        )
        assert deadline.rag == rag
        overdue = Alert.objects.filter(deadline=deadline, kind=Alert.Kind.OVERDUE)
        assert overdue.exists() == (rag == "red")
    assert {"within", "late", "declined", "open"} <= set(states), states
    assert states["within"] > states["late"]
    rows = interview_timeliness(actor=User.objects.get(username="dpo"), days=400)
    assert sum(r.within for r in rows) <= states["within"] + states["late"]


def test_what_was_learned_is_the_childs_voice_and_on_their_chronology(region):
    done = ReturnInterview.objects.filter(outcome=Outcome.COMPLETED).select_related("episode")
    assert done.exists()
    for interview in done:
        episode = interview.episode
        assert interview.push_factors and interview.pull_factors and "{" not in interview.places
        voice = VoiceRecord.objects.get(
            person=episode.person_id, context=VoiceRecord.Context.RETURN_HOME_INTERVIEW,
            case__isnull=True, said_on=_day(interview.completed_at),
            recorded_by=interview.interviewer_id,
        )  # fmt: skip
        assert ChronologyEvent.objects.filter(
            source_type="voice", source_id=voice.pk, summary=voice.words
        ).exists()
        event = ChronologyEvent.objects.get(
            source_type="missing_episode", source_id=episode.pk, kind="return_interview"
        )
        assert event.occurred_at == interview.completed_at
        assert f"What pushed them away: {interview.push_factors}" in event.summary
    for episode in episodes():
        titles = set(
            ChronologyEvent.objects.filter(
                source_type="missing_episode", source_id=episode.pk
            ).values_list("title", flat=True)
        )
        where = episode.get_missing_from_display().lower()
        assert f"{episode.reference}: Reported missing from {where}" in titles


def test_philomena_profiles_are_versions_of_looked_after_children_reviewed_in_time(region):
    months = missing_practice().philomena_review_months
    profiles = list(PhilomenaProfile.objects.order_by("person_id", "version"))
    assert profiles
    placed = set(Placement.objects.values_list("person_id", flat=True))
    by_person = defaultdict(list)
    for profile in profiles:
        by_person[profile.person_id].append(profile)
        assert profile.person_id in placed and profile.description and profile.created_at < NOW
        assert "{" not in profile.description + profile.places + profile.associates
        assert (profile.review_on - _day(profile.created_at)).days in range(
            months * 28, months * 31 + 1
        )
    for versions in by_person.values():
        assert [p.version for p in versions] == list(range(1, len(versions) + 1))


def test_nrm_decisions_follow_their_referrals_in_order(region):
    practice = nrm_practice()
    referrals = list(NrmReferral.objects.prefetch_related("decisions"))
    statuses = Counter()
    quick = 0
    for referral in referrals:
        assert referral.first_responder in ("police", "local_authority")
        assert referral.consent == ("not_needed" if referral.is_child else "given")
        assert set(referral.exploitation_types) <= practice.codes("exploitation_types")
        assert referral.ictg == "" or referral.is_child
        decisions = sorted(referral.decisions.all(), key=lambda d: d.pk)
        assert [d.decided_on for d in decisions] == sorted(d.decided_on for d in decisions)
        for decision in decisions:
            assert referral.submitted_on <= decision.decided_on < AS_OF
        if decisions and decisions[0].kind == Kind.REASONABLE_GROUNDS:
            quick += decisions[0].decided_on <= add_working_days(referral.submitted_on, 5)
        positive_rg = None
        for decision in decisions:
            about = decision.reconsiders or decision.kind
            if about == Kind.REASONABLE_GROUNDS and decision.outcome == "positive":
                positive_rg = decision.decided_on
            if decision.kind == Kind.CONCLUSIVE_GROUNDS:
                assert positive_rg is not None
                assert (decision.decided_on - positive_rg).days >= 30
        status = referral_status(referral)
        statuses[status.code] += 1
        open_events = set(
            Deadline.objects.filter(
                key=f"nrm_referral:{referral.pk}", status=Deadline.Status.OPEN
            ).values_list("event", flat=True)
        )
        expected = {"awaiting_rg": {"nrm_submitted"}, "awaiting_cg": {"nrm_rg_positive"}}
        assert open_events == expected.get(status.code, set()), (referral.reference, status)
    assert statuses["awaiting_rg"] >= 1 and statuses["awaiting_cg"] >= 1
    assert statuses["positive_cg"] >= 1
    assert quick >= 0.5 * sum(
        1 for r in referrals if r.decisions.filter(kind=Kind.REASONABLE_GROUNDS).exists()
    )
    assert any(r.is_child for r in referrals) and any(not r.is_child for r in referrals)
    notes = list(DefenceNote.objects.select_related("referral"))
    assert all("criminal" in n.referral.exploitation_types for n in notes)
    for note in notes:
        assert note.schedule_4 == nrm_practice().offence(note.offence).schedule_4
        assert note.offence_on < note.referral.submitted_on and note.notes


def test_nrm_deadlines_are_those_the_services_open(region):
    fields = ("title", "timescale", "definitions_version", "area_id", "owner_id", "team_id",
              "person_id", "started_at", "due_at", "amber_at")  # fmt: skip
    deadlines = Deadline.objects.filter(source_type="nrm_referral").select_related()
    assert {d.event for d in deadlines} == {"nrm_submitted", "nrm_rg_positive"}
    for deadline in deadlines:
        referral = NrmReferral.objects.get(pk=deadline.source_id)
        if deadline.event == "nrm_submitted":
            day = referral.submitted_on
        else:
            day = next(
                d.decided_on for d in referral.decisions.order_by("pk")
                if (d.reconsiders or d.kind) == Kind.REASONABLE_GROUNDS and d.outcome == "positive"
            )  # fmt: skip
        with transaction.atomic():
            (fresh,) = deadline_open(
                event=deadline.event, key=deadline.key, reference=referral.reference,
                area_id=referral.area_id, source_type="nrm_referral", source_id=referral.pk,
                start=start_of(day), person_id=referral.person_id,
                owner_id=referral.referred_by_id,
            )  # fmt: skip
            transaction.set_rollback(True)
        assert [getattr(deadline, f) for f in fields] == [getattr(fresh, f) for f in fields]


def test_duty_to_notify_records_name_no_one(region):
    fields = {f.name for f in DutyToNotify._meta.get_fields()}
    assert not fields & {"person", "given_name", "family_name", "date_of_birth", "postcode"}
    for notification in DutyToNotify.objects.all():
        assert notification.age_band and notification.notified_on < AS_OF
    events = ChronologyEvent.objects.filter(title__startswith="Did not consent to an NRM")
    assert events.count() == DutyToNotify.objects.count()
    assert not NrmReferral.objects.filter(person__in=events.values("subject_id")).exists()
