"""A practitioner's screening: started from a person or a referral, confirmed with the tool's
grade or another with its reason, reviewed where the tool asks, due again in three months,
and re-scored under a newer version without changing what was confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hub.people.models import Person
from hub.people.selectors import person_chronology
from hub.platform.access import NotFound, PermissionDenied
from hub.platform.models import AccessLogEntry
from hub.platform.services import ServiceError
from hub.platform.timescales import timescales_definition
from hub.screening.engine import Result
from hub.screening.models import Screening, ScreeningRescore
from hub.screening.selectors import (
    access_screening,
    awaiting_my_review,
    my_screenings,
    person_history,
    screening_preview,
    tools_for,
)
from hub.screening.services import (
    ScreeningAnswers,
    screening_confirm,
    screening_draft_save,
    screening_review,
    screening_start,
    screenings_rescore,
)
from hub.screening.services.flow import ERROR_RATIONALE, ERROR_TOOL_NOT_FOR
from hub.screening.tools import ScreeningTool, get_tool

pytestmark = pytest.mark.django_db
ONE_SIGNIFICANT = ScreeningAnswers(answers={"missing_repeatedly": "recent"}, circumstances={})


@pytest.fixture
def child(world):
    person = world.bham_person
    Person.objects.filter(pk=person.pk).update(date_of_birth=dt.date(2010, 4, 3))
    person.refresh_from_db()
    return person


def start(actor, person, tool="child_exploitation", form="screen-token-0123456789"):
    return screening_start(actor=actor, person_id=person.pk, tool_id=tool, token=form)


def test_tools_are_offered_by_age(child, world):
    assert [t.id for t in tools_for(child)] == ["child_exploitation", "seraf"]
    adult = Person.objects.create(
        given_name="Dean",
        family_name="Price",
        date_of_birth=dt.date(1980, 1, 1),
        home_area=world.birmingham,
    )
    assert [t.id for t in tools_for(adult)] == ["adult_exploitation"]
    with pytest.raises(ServiceError, match=ERROR_TOOL_NOT_FOR):
        screening_start(
            actor=world.bham_hub_practitioner, person_id=adult.pk, tool_id="seraf", token="t" * 20
        )


def test_a_screening_starts_from_what_the_record_knows_and_once_per_form(child, world):
    Person.objects.filter(pk=child.pk).update(
        care_status="looked_after", vulnerabilities=["learning_disability"]
    )
    child.refresh_from_db()
    first = start(world.bham_hub_practitioner, child)
    again = start(world.bham_hub_practitioner, child)
    assert first.pk == again.pk and first.status == Screening.Status.DRAFT
    assert first.circumstances == {
        "care_status": "looked_after",
        "existing_plan": False,
        "learning_disability": True,
    }
    assert (first.tool_id, first.tool_version) == ("child_exploitation", 1)
    with pytest.raises(PermissionDenied):
        start(world.dpo, child, form="other-token-0123456789")
    with pytest.raises(NotFound):  # Coventry's hub may not see a Birmingham child
        start(world.cov_hub_practitioner, child, form="other-token-0123456789")


def test_confirming_keeps_the_tools_grade_and_the_practitioners_with_its_reason(child, world):
    hub = world.bham_hub_practitioner
    draft = start(hub, child)
    screening_draft_save(
        actor=hub, screening_id=draft.pk, data={"answer-missing_repeatedly": ["recent"]}
    )
    with pytest.raises(ServiceError, match=ERROR_RATIONALE):
        screening_confirm(
            actor=hub, screening_id=draft.pk, answers=ONE_SIGNIFICANT, final_overall="serious_risk"
        )
    done = screening_confirm(
        actor=hub,
        screening_id=draft.pk,
        answers=ONE_SIGNIFICANT,
        final_overall="serious_risk",
        rationale="Seen in a car with two men known for supply; missing three nights",
    )
    assert done.computed_overall == "significant_risk" and done.final_overall == "serious_risk"
    assert (
        done.overridden and done.review_needed and done.status == Screening.Status.AWAITING_REVIEW
    )
    assert done.pathway == "strategy_discussion" and done.thresholds_version == 1
    three_months = timescales_definition().get("screening_review").due(done.confirmed_at)
    assert done.rescreen_due == timezone.localtime(three_months).date()
    events, _, _ = person_chronology(actor=hub, person=child)
    assert any(
        e.title.startswith("Screening (Child exploitation screening tool): Serious risk")
        for e in events
    )
    with pytest.raises(ServiceError):  # confirmed: no longer a draft
        screening_draft_save(actor=hub, screening_id=draft.pk, data={})


def test_the_manager_reviews_another_practitioners_screening(child, world):
    hub, manager = world.bham_hub_practitioner, world.bham_hub_manager
    draft = start(hub, child)
    screening_confirm(
        actor=hub,
        screening_id=draft.pk,
        answers=ONE_SIGNIFICANT,
        final_overall="at_risk",
        rationale="Missing once, with a friend, home by 9pm",
    )
    assert awaiting_my_review(actor=manager) == [Screening.objects.get(pk=draft.pk)]
    assert awaiting_my_review(actor=world.cov_hub_manager) == []
    with pytest.raises(ServiceError):
        screening_review(actor=manager, screening_id=draft.pk, agree=False)  # a return needs a note
    returned = screening_review(
        actor=manager, screening_id=draft.pk, agree=False, note="Check with police first"
    )
    assert returned.status == Screening.Status.DRAFT and returned.final_overall == ""
    again = screening_confirm(
        actor=hub, screening_id=draft.pk, answers=ONE_SIGNIFICANT, final_overall="significant_risk"
    )
    assert again.status == Screening.Status.COMPLETE and not again.review_needed  # as the tool gave


def test_drafts_are_the_authors_own_and_confirmed_ones_are_scoped(child, world):
    draft = start(world.bham_hub_practitioner, child)
    with pytest.raises(NotFound):
        access_screening(actor=world.bham_hub_manager, screening_id=draft.pk, purpose="look")
    screening_confirm(
        actor=world.bham_hub_practitioner,
        screening_id=draft.pk,
        answers=ONE_SIGNIFICANT,
        final_overall="significant_risk",
    )
    assert access_screening(actor=world.bham_hub_manager, screening_id=draft.pk, purpose="look")
    with pytest.raises(NotFound):
        access_screening(actor=world.cov_hub_manager, screening_id=draft.pk, purpose="look")
    assert (
        AccessLogEntry.objects.filter(
            object_type="screening", object_id=draft.pk, action="view"
        ).count()
        == 1
    )


def test_history_places_every_grade_on_one_scale_and_rescreens_come_due(child, world):
    hub = world.bham_hub_practitioner
    first = start(hub, child, form="first-token-0123456789")
    screening_confirm(
        actor=hub, screening_id=first.pk, answers=ONE_SIGNIFICANT, final_overall="significant_risk"
    )
    Screening.objects.filter(pk=first.pk).update(
        rescreen_due=timezone.localdate() - dt.timedelta(days=1)
    )
    assert [s.pk for s in my_screenings(actor=hub)] == [first.pk]  # overdue
    second = start(hub, child, tool="seraf", form="second-token-0123456789")
    seraf = ScreeningAnswers(
        answers={
            "missing": "both",
            "gifts": "both",
            "isolated": "now",
            "sexual_abuse": "now",
            "low_self_esteem": "now",
            "no_trusted_adult": "now",
        },
        circumstances={},
    )
    screening_confirm(actor=hub, screening_id=second.pk, answers=seraf, final_overall="category_4")
    history = person_history(actor=hub, person_id=child.pk)
    assert [(row.tool_title, row.level) for row in history.rows] == [
        ("Child exploitation screening tool", 2),
        ("Sexual exploitation risk assessment (scored)", 3),
    ]
    assert first.pk in [s.pk for s in my_screenings(actor=hub)]  # a different tool: still due


def test_a_newer_version_rescores_stored_screenings_without_changing_them(child, world):
    hub = world.bham_hub_practitioner
    draft = start(hub, child)
    screening_confirm(
        actor=hub, screening_id=draft.pk, answers=ONE_SIGNIFICANT, final_overall="significant_risk"
    )
    v1 = get_tool("child_exploitation", 1)
    # Version 2 of the tool: a significant indicator now is only "at risk" (a stricter partnership).
    rules = tuple(r for r in v1.grading.rules if r.id != "significant_recent")
    v2 = ScreeningTool.model_validate(
        {
            **v1.model_dump(by_alias=True),
            "version": 2,
            "grading": {
                **v1.grading.model_dump(by_alias=True),
                "rules": [r.model_dump(by_alias=True) for r in rules],
            },
            "examples": [],
        }
    )
    run = screenings_rescore(tool=v2)
    assert (run.screenings, run.changed) == (1, 1)
    rescore = ScreeningRescore.objects.get(screening=draft)
    assert (rescore.tool_version, rescore.overall) == (2, "at_risk")
    draft.refresh_from_db()
    assert (draft.tool_version, draft.computed_overall) == (1, "significant_risk")
    assert screenings_rescore(tool=v2).screenings == 1  # a rerun replaces, never duplicates
    assert ScreeningRescore.objects.count() == 1
    assert AccessLogEntry.objects.filter(action="rescore").count() == 2


def test_a_preview_saves_nothing(child, world):
    draft = start(world.bham_hub_practitioner, child)
    result = screening_preview(screening=draft, answers=ONE_SIGNIFICANT)
    assert isinstance(result, Result) and result.overall == "significant_risk"
    draft.refresh_from_db()
    assert draft.computed_overall == "" and draft.status == Screening.Status.DRAFT
