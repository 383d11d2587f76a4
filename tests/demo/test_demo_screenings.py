"""The synthetic region's screenings: the hub screens whom it decided to screen, with the tool
for the person's age, graded by the real engine, reviewed where the tool asks, re-screened
around the dates the flow sets, and with each person's re-screen deadline open.

One tiny region is built for the whole module (building is the slow part), inside a
transaction rolled back at the end; each test runs in its own savepoint within it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from hub.alerts.models import Deadline
from hub.alerts.services import deadline_open
from hub.demo.generator import BuildOptions, BuildResult, region_build
from hub.demo.generator.referrals.clock import working_days_before, world_now
from hub.demo.generator.screenings.planning import SCREENED_SHARES
from hub.organisations.models import User
from hub.platform.access import Permission, scoped
from hub.platform.audit import verify_chain
from hub.platform.models import ChronologyEvent
from hub.platform.timescales import timescales_definition
from hub.referrals.models import TriageDecision
from hub.screening import selectors
from hub.screening.engine import Subject, score
from hub.screening.models import Screening
from hub.screening.services import flow, known_circumstances
from hub.screening.services.flow import ScreeningAnswers, _needs_review, result_answers
from hub.screening.tools import get_tool, latest_tools

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 4)  # a Wednesday
SEED = 3
Status = Screening.Status
SignOff = TriageDecision.SignOff


@dataclass(frozen=True)
class Built:
    result: BuildResult
    first_build: tuple[dict[str, int], list[tuple]]  # an earlier build's counts and screenings


def _screening_rows() -> list[tuple]:
    return list(
        Screening.objects.order_by("pk").values_list(
            "person__given_name", "person__family_name", "person__date_of_birth", "tool_id",
            "status", "answers", "final_overall", "override_rationale", "confirmed_at",
            "reviewed_at", "team__area__slug",
        )
    )  # fmt: skip


@pytest.fixture(scope="module")
def region(django_db_setup, django_db_blocker):
    """A tiny region, built twice from the same seed (the first rolled back), kept for the
    module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            first = region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF))
            earlier = (first.counts, _screening_rows())
            transaction.set_rollback(True)
        yield Built(
            region_build(options=BuildOptions(size="tiny", seed=SEED, as_of=AS_OF)), earlier
        )
        transaction.set_rollback(True)


def screenings() -> list[Screening]:
    return list(
        Screening.objects.select_related(
            "person", "referral__area", "team", "completed_by", "reviewed_by"
        ).order_by("pk")
    )


def confirmed() -> list[Screening]:
    return [s for s in screenings() if s.status != Status.DRAFT]


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def test_the_same_seed_makes_the_same_screenings(region):
    counts, rows = region.first_build
    assert region.result.counts == counts
    assert _screening_rows() == rows
    assert counts["screenings"] == Screening.objects.count() >= 15


def test_every_grade_is_the_engines_for_the_answers_kept(region):
    for screening in confirmed():
        tool = get_tool(screening.tool_id, screening.tool_version)
        subject = Subject(
            assessed_on=screening.assessed_on,
            date_of_birth=screening.person.date_of_birth,
            circumstances=screening.circumstances,
        )
        result = score(tool, answers=screening.answers, subject=subject)
        assert screening.answers == result_answers(tool, screening.answers)
        assert screening.computed_grades == result.grades, screening.reference
        assert screening.computed_overall == result.overall
        assert screening.scores == result.scores
        assert screening.reasons == json.loads(json.dumps(result.reason_dicts()))
        assert (screening.pathway, screening.pathway_reason) == (
            result.pathway,
            result.pathway_reason,
        )
        assert screening.thresholds_version == result.thresholds_version
        assert screening.assessed_on == _day(screening.confirmed_at)


def test_grades_spread_across_the_tools_and_levels(region):
    done = confirmed()
    levels = Counter(get_tool(s.tool_id, s.tool_version).grade(s.final_overall).level for s in done)
    assert len(levels) >= 3, levels  # not every screening at one level
    assert len({s.tool_id for s in done}) >= 2
    assert any(s.answers for s in done)
    assert any(s.scores is not None for s in done) == any(s.tool_id == "seraf" for s in done)


def test_each_screening_uses_the_latest_tool_for_the_persons_age_that_day(region):
    latest = {tool.id: tool.version for tool in latest_tools()}
    for screening in screenings():
        started = _day(screening.created_at)
        offered = {t.id for t in selectors.tools_for(screening.person, on=started)}
        assert screening.tool_id in offered, screening.reference
        assert screening.tool_version == latest[screening.tool_id]
        slug = screening.team.area.slug
        assert screening.team.is_hub
        assert screening.completed_by.username == f"{slug}.hub.practitioner"


def test_screenings_follow_the_hubs_decisions_to_screen(region):
    for screening in screenings():
        if screening.referral is None:
            continue
        referral = screening.referral
        assert referral.subjects.filter(person=screening.person_id).exists()
        assert screening.team.area_id == referral.area_id
        decisions = TriageDecision.objects.filter(
            subject__referral=referral,
            subject__person=screening.person_id,
            code__in=SCREENED_SHARES,
            sign_off__in=(SignOff.NOT_NEEDED, SignOff.APPROVED),
        )
        assert decisions.exists(), screening.reference
        in_force = min(d.signed_off_at or d.decided_at for d in decisions)
        assert screening.created_at > in_force
    from_decisions = Screening.objects.filter(referral__isnull=False).count()
    screened = TriageDecision.objects.filter(
        code="exploitation_screening", subject__person__isnull=False
    ).count()
    assert from_decisions >= screened // 2  # most decisions to screen are acted on


def test_re_screens_follow_an_earlier_screening_around_its_re_screen_date(region):
    by_person: dict[tuple[int, str], list[Screening]] = defaultdict(list)
    for screening in screenings():
        by_person[(screening.person_id, screening.tool_id)].append(screening)
    rescreens = [s for s in screenings() if s.referral_id is None]
    assert rescreens
    for rescreen in rescreens:
        earlier = [
            s for s in by_person[(rescreen.person_id, rescreen.tool_id)] if s.pk < rescreen.pk
        ]
        assert earlier, rescreen.reference
        before = earlier[-1]
        assert before.status == Status.COMPLETE
        finished = before.reviewed_at if before.review_needed else before.confirmed_at
        assert rescreen.created_at > finished
        assert abs((_day(rescreen.created_at) - before.rescreen_due).days) <= 30
    # a person's grade over time: screenings of one person in the order they happened
    history = [s for s in by_person.values() if len(s) >= 2]
    assert history
    for chain in history:
        assert [s.created_at for s in chain] == sorted(s.created_at for s in chain)


def test_the_re_screen_date_is_the_flows_own(region):
    for screening in confirmed():
        tool = get_tool(screening.tool_id, screening.tool_version)
        due = timescales_definition().get(tool.rescreen_timescale).due(screening.confirmed_at)
        assert screening.rescreen_due == _day(due)


def test_a_different_grade_always_carries_its_reason(region):
    overridden = [s for s in confirmed() if s.overridden]
    assert overridden
    assert Screening.objects.exclude(status=Status.DRAFT).exclude(
        override_rationale=""
    ).count() == (len(overridden))
    for screening in overridden:
        tool = get_tool(screening.tool_id, screening.tool_version)
        assert screening.override_rationale.strip()
        assert "{" not in screening.override_rationale
        assert abs(tool.rank(screening.final_overall) - tool.rank(screening.computed_overall)) == 1


def test_reviews_are_by_the_areas_manager_where_the_tool_asks(region):
    states = Counter()
    for screening in confirmed():
        states[screening.status] += 1
        tool = get_tool(screening.tool_id, screening.tool_version)
        assert screening.review_needed == _needs_review(
            tool, screening.final_overall, screening.overridden
        )
        if not screening.review_needed:
            assert screening.status == Status.COMPLETE
        if screening.reviewed_by is not None:
            slug = screening.team.area.slug
            assert screening.reviewed_by.username == f"{slug}.hub.manager"
            assert screening.reviewed_by_id != screening.completed_by_id
            assert screening.reviewed_at > screening.created_at
        if screening.status == Status.COMPLETE and screening.review_needed:
            assert screening.reviewed_at > screening.confirmed_at
        if screening.status == Status.AWAITING_REVIEW and screening.reviewed_at is not None:
            # returned once and confirmed again: the return came before this confirmation
            assert screening.reviewed_at < screening.confirmed_at and screening.review_note
    assert states[Status.COMPLETE] and states[Status.AWAITING_REVIEW]
    returned = ChronologyEvent.objects.filter(
        source_type="screening", title__contains="returned by the manager"
    )
    assert returned.exists()


def test_now_finds_a_few_drafts_and_a_few_awaiting_review_all_recent(region):
    now = world_now(AS_OF)
    since = working_days_before(AS_OF, 3)
    drafts = [s for s in screenings() if s.status == Status.DRAFT]
    waiting = [s for s in screenings() if s.status == Status.AWAITING_REVIEW]
    assert drafts and waiting
    for draft in drafts:
        assert draft.confirmed_at is None and draft.final_overall == ""
        assert draft.computed_grades == {} and draft.reasons == []
        assert draft.circumstances == known_circumstances(draft.person)
        assert draft.created_at < now and _day(draft.created_at) >= since
    assert all(s.confirmed_at < now for s in confirmed())
    assert all(s.updated_at <= now for s in screenings())


def test_the_open_re_screen_deadlines_are_those_confirming_leaves(region):
    latest: dict[tuple[int, str], Screening] = {}
    for screening in confirmed():
        key = (screening.person_id, screening.tool_id)
        if key not in latest or latest[key].confirmed_at < screening.confirmed_at:
            latest[key] = screening
    deadlines = list(Deadline.objects.filter(event="screening_confirmed"))
    assert sorted(d.key for d in deadlines) == sorted(f"screening:{p}:{t}" for p, t in latest)
    fields = ("title", "timescale", "definitions_version", "person_id", "area_id", "owner_id",
              "team_id", "source_id", "started_at", "due_at", "amber_at")  # fmt: skip
    for deadline in deadlines:
        _, person, tool = deadline.key.split(":")
        screening = latest[(int(person), tool)]
        assert deadline.status == Deadline.Status.OPEN and deadline.met_at is None
        with transaction.atomic():  # what the flow would open on confirming it
            (fresh,) = deadline_open(
                event="screening_confirmed", key=deadline.key,
                reference=screening.person.reference, area_id=screening.team.area_id,
                source_type="screening", source_id=screening.pk, start=screening.confirmed_at,
                person_id=screening.person_id, owner_id=screening.completed_by_id,
            )  # fmt: skip
            transaction.set_rollback(True)
        assert [getattr(deadline, f) for f in fields] == [getattr(fresh, f) for f in fields]
        assert _day(deadline.due_at) == screening.rescreen_due


def test_confirmations_are_on_the_persons_timeline_as_the_flow_records_them(region, monkeypatch):
    told = []
    monkeypatch.setattr(flow, "chronology_record", lambda *, actor, event: told.append(event))
    stored = ChronologyEvent.objects.filter(source_type="screening", kind="screening")
    for screening in confirmed():
        told.clear()
        tool = get_tool(screening.tool_id, screening.tool_version)
        flow._record(screening.completed_by, tool, screening)
        (event,) = told
        mine = stored.filter(source_id=screening.pk, occurred_at=screening.confirmed_at).get()
        assert (mine.subject_type, mine.subject_id, mine.title, mine.summary) == (
            event.subject_type, event.subject_id, event.title, event.summary,
        )  # fmt: skip
        assert (mine.visibility, mine.area_id, mine.agency_id) == (
            event.visibility, event.area_id, event.agency_id,
        )  # fmt: skip
        assert mine.recorded_by_id == screening.completed_by_id
    assert (
        not stored.filter(source_id__in=Screening.objects.filter(status=Status.DRAFT))
        .exclude(title__contains="returned")
        .exists()
    )


def test_the_services_carry_on_from_where_the_build_left_off(region):
    """A manager reviews what waits for them; a practitioner confirms their draft; each is
    in scope through the access layer as the pages reach it."""
    waiting = next(s for s in screenings() if s.status == Status.AWAITING_REVIEW)
    manager = User.objects.get(username=f"{waiting.team.area.slug}.hub.manager")
    assert waiting in selectors.awaiting_my_review(actor=manager)
    reviewed = flow.screening_review(actor=manager, screening_id=waiting.pk, agree=True)
    assert reviewed.status == Status.COMPLETE

    draft = next(s for s in screenings() if s.status == Status.DRAFT)
    practitioner = draft.completed_by
    assert scoped(practitioner, Permission.SCREENING_VIEW, Screening.objects.filter(pk=draft.pk))
    tool = get_tool(draft.tool_id, draft.tool_version)
    done = flow.screening_confirm(
        actor=practitioner,
        screening_id=draft.pk,
        answers=ScreeningAnswers(answers={}, circumstances={}),
        final_overall=tool.grade_ids()[0],
    )
    assert done.confirmed_at is not None
    key = f"screening:{draft.person_id}:{draft.tool_id}"
    assert Deadline.objects.filter(key=key, status=Deadline.Status.OPEN).count() == 1


def test_screenings_made_after_the_build_get_ids_of_their_own(region):
    last = Screening.objects.order_by("-pk").first()
    later = Screening.objects.create(
        person=last.person, tool_id=last.tool_id, tool_version=last.tool_version,
        assessed_on=AS_OF + timedelta(days=1), completed_by=last.completed_by, team=last.team,
    )  # fmt: skip
    assert later.pk > last.pk


def test_the_audit_chain_still_verifies(region):
    assert verify_chain().ok
