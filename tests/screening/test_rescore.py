"""Re-scoring stored screenings under another version of their tool: one row per screening and
version, exactly what the engine gives for the screening's answers, replaced (never added
again) when the re-scoring runs again; and the outcomes it remembers are keyed on all the
engine reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.people.models import Person
from hub.platform.models import AccessLogEntry
from hub.screening.engine import AnswerError, Subject, score
from hub.screening.models import Screening, ScreeningRescore
from hub.screening.services import screenings_rescore
from hub.screening.services.rescore import _Scorer
from hub.screening.thresholds import age_on, threshold_document
from hub.screening.tools import ScreeningTool, get_tool

V1 = get_tool("child_exploitation", 1)
ON = dt.date(2026, 1, 10)
FOUR_RISKS = {
    "whereabouts_unknown": "recent",
    "education_disengaged": "recent",
    "drug_misuse": "earlier",
    "carries_weapon": "recent",
}


def version(number: int, *, risks_for_significant: int) -> ScreeningTool:
    """Version `number` of the child tool: v1 with "many risks" at another count."""
    rules = [rule.model_dump(by_alias=True) for rule in V1.grading.rules]
    for rule in rules:
        if rule["id"] == "many_risks":
            rule["count"] = risks_for_significant
    return ScreeningTool.model_validate(
        {
            **V1.model_dump(by_alias=True),
            "version": number,
            "grading": {**V1.grading.model_dump(by_alias=True), "rules": rules},
            "examples": [],
        }
    )


def stored(world, person, answers, circumstances=None, *, on=ON, tool=V1, draft=False):
    """A screening as confirming stores it: the answers and the result under its version."""
    circumstances = circumstances or {}
    fields = {}
    if not draft:
        result = score(
            tool,
            answers={i: w for i, w in answers.items() if i in {x.id for x in tool.indicators()}},
            subject=Subject(
                assessed_on=on,
                date_of_birth=person.date_of_birth,
                circumstances={
                    k: v
                    for k, v in circumstances.items()
                    if threshold_document().circumstance(k) is not None
                },
            ),
        )
        fields = {
            "computed_grades": result.grades,
            "computed_overall": result.overall,
            "final_overall": result.overall,
            "pathway": result.pathway,
            "confirmed_at": timezone.now(),
        }
    return Screening.objects.create(
        person=person,
        tool_id=tool.id,
        tool_version=tool.version,
        status=Screening.Status.DRAFT if draft else Screening.Status.COMPLETE,
        assessed_on=on,
        answers=answers,
        circumstances=circumstances,
        completed_by=world.bham_hub_practitioner,
        team=world.bham_hub,
        **fields,
    )


@pytest.fixture
def screenings(world):
    """Confirmed child screenings that share answers, differ only in age or circumstances, or
    carry answers and circumstances the tool does not read; and two it must pass over."""
    area = world.birmingham
    fifteen = Person.objects.create(
        given_name="Jade", family_name="Cole", date_of_birth=dt.date(2010, 4, 3), home_area=area
    )
    twelve = Person.objects.create(
        given_name="Leo", family_name="Hart", date_of_birth=dt.date(2013, 6, 1), home_area=area
    )
    unknown_age = Person.objects.create(given_name="Sam", family_name="Reed", home_area=area)
    low_self_esteem = {"low_self_esteem": "recent"}
    made = {
        "nothing": stored(world, fifteen, {}),
        "nothing_again": stored(world, fifteen, {}, on=ON - dt.timedelta(days=30)),
        "vulnerability_at_12": stored(world, twelve, low_self_esteem),
        "vulnerability_at_15": stored(world, fifteen, low_self_esteem),
        "vulnerability_learning_disability": stored(
            world, fifteen, low_self_esteem, {"learning_disability": True}
        ),
        "unread_answers_and_circumstances": stored(
            world,
            fifteen,
            {"missing_repeatedly": "recent", "drug_misuse": "not_present", "retired_one": "recent"},
            {"existing_plan": True, "retired_circumstance": "yes"},
        ),
        "no_date_of_birth": stored(world, unknown_age, {"groomed_online": "earlier"}),
        "four_risks": stored(world, fifteen, FOUR_RISKS),
        "four_risks_in_care": stored(world, fifteen, FOUR_RISKS, {"care_status": "looked_after"}),
    }
    stored(world, fifteen, FOUR_RISKS, draft=True)
    stored(world, fifteen, {"sexual_abuse": "now"}, tool=get_tool("seraf", 1))
    return made


def expected(screening: Screening, tool: ScreeningTool) -> tuple[dict, str, str]:
    """What the engine says of the screening under `tool`, leaving out what it does not read."""
    result = score(
        tool,
        answers={k: v for k, v in screening.answers.items() if k != "retired_one"},
        subject=Subject(
            assessed_on=screening.assessed_on,
            date_of_birth=screening.person.date_of_birth,
            circumstances={
                k: v for k, v in screening.circumstances.items() if k != "retired_circumstance"
            },
        ),
    )
    return result.grades, result.overall, result.pathway


def rows(version_number: int) -> dict[int, ScreeningRescore]:
    return {r.screening_id: r for r in ScreeningRescore.objects.filter(tool_version=version_number)}


def stored_values(written: dict[int, ScreeningRescore]) -> dict[int, tuple]:
    return {pk: (r.grades, r.overall, r.pathway, r.scored_at) for pk, r in written.items()}


@pytest.mark.django_db
def test_each_confirmed_screening_gets_what_the_engine_gives_under_the_new_version(screenings):
    v2 = version(2, risks_for_significant=4)
    run = screenings_rescore(tool=v2, batch=4)  # three batches
    written = rows(2)
    assert sorted(written) == sorted(s.pk for s in screenings.values())
    assert ScreeningRescore.objects.count() == len(screenings)  # the draft and SERAF: none
    for name, screening in screenings.items():
        row = written[screening.pk]
        assert (row.grades, row.overall, row.pathway) == expected(screening, v2), name
    overall = {name: written[s.pk].overall for name, s in screenings.items()}
    assert overall["nothing"] == overall["nothing_again"] == "no_current_risk"
    assert overall["vulnerability_at_12"] == "at_risk"  # under 13: the floor
    assert overall["vulnerability_at_15"] == "no_current_risk"
    assert overall["vulnerability_learning_disability"] == "at_risk"
    assert overall["four_risks"] == overall["four_risks_in_care"] == "significant_risk"
    assert written[screenings["four_risks"].pk].pathway == "strategy_discussion"
    # Version 2 moved the two with four risk indicators, and nothing else.
    assert (run.screenings, run.changed) == (len(screenings), 2)
    for screening in screenings.values():  # what was confirmed stays as it was
        before = screening.computed_overall
        screening.refresh_from_db()
        assert (screening.tool_version, screening.computed_overall) == (1, before)
    audit = AccessLogEntry.objects.get(action="rescore")
    assert audit.detail == {
        "tool": "child_exploitation",
        "version": 2,
        "screenings": len(screenings),
        "changed": 2,
    }


@pytest.mark.django_db
def test_running_again_replaces_each_row_rather_than_adding_one(screenings):
    screenings_rescore(tool=version(2, risks_for_significant=4), batch=4)
    first = rows(2)
    # The same version number with other rules (a partnership corrected its draft of v2).
    corrected = version(2, risks_for_significant=5)
    again = screenings_rescore(tool=corrected, batch=4)
    second = rows(2)
    assert again.screenings == len(screenings)
    assert ScreeningRescore.objects.count() == len(screenings)
    assert {pk: r.pk for pk, r in second.items()} == {pk: r.pk for pk, r in first.items()}
    for name, screening in screenings.items():
        row = second[screening.pk]
        assert (row.grades, row.overall, row.pathway) == expected(screening, corrected), name
        assert row.scored_at > first[screening.pk].scored_at
    four_risks = screenings["four_risks"].pk
    assert (first[four_risks].overall, second[four_risks].overall) == (
        "significant_risk",
        "at_risk",
    )
    assert again.changed == 0  # the corrected v2 grades as v1 did
    assert AccessLogEntry.objects.filter(action="rescore").count() == 2
    # Another version goes beside, replacing nothing.
    screenings_rescore(tool=version(3, risks_for_significant=4))
    assert ScreeningRescore.objects.count() == 2 * len(screenings)
    assert stored_values(rows(2)) == stored_values(second)
    assert rows(3)[four_risks].overall == "significant_risk"


def test_one_outcome_per_input_and_a_number_is_not_a_yes():
    scorer = _Scorer(V1, threshold_document())
    born = dt.date(2010, 4, 3)
    yes = scorer({"low_self_esteem": "recent"}, {"learning_disability": True}, ON, born)
    assert yes[1] == "at_risk"
    assert scorer({"low_self_esteem": "recent"}, {"learning_disability": True}, ON, born) is yes
    assert scorer.scored == 1
    # 1 equals True as a key, but the engine refuses it: it must get to say so.
    with pytest.raises(AnswerError, match="learning_disability is yes or no"):
        scorer({"low_self_esteem": "recent"}, {"learning_disability": 1}, ON, born)
    assert scorer({"low_self_esteem": "recent"}, {}, ON, born)[1] == "no_current_risk"
    assert scorer({"low_self_esteem": "recent"}, {}, ON, dt.date(2014, 4, 3))[1] == "at_risk"
    assert scorer.scored == 3  # the refused one was never an outcome


days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
answers = st.dictionaries(
    st.sampled_from([i.id for i in V1.indicators()]),
    st.sampled_from([w.id for w in V1.windows]),
    max_size=8,
)
known = st.fixed_dictionaries(
    {},
    optional={
        "learning_disability": st.booleans(),
        "existing_plan": st.booleans(),
        "care_status": st.sampled_from(["none", "looked_after", "child_protection_plan"]),
    },
)


@settings(max_examples=200, deadline=None)
@given(answers=answers, known=known, first=days, second=days, born=days, shift=st.integers(0, 400))
def test_the_engine_reads_a_subject_only_through_its_age_and_circumstances(
    answers, known, first, second, born, shift
):
    """Two subjects of the same age on different days, born on different days, score alike:
    what lets the re-scoring remember an outcome by the age rather than the dates."""
    born_first = min(born, first)
    age = age_on(born_first, first)
    # Someone else of the same age on `second`: born `shift` days apart within that year.
    born_second = dt.date(second.year - age - 1, second.month, 1) + dt.timedelta(days=shift)
    while age_on(born_second, second) > age:
        born_second += dt.timedelta(days=1)
    while age_on(born_second, second) < age:
        born_second -= dt.timedelta(days=1)
    if born_second > second:
        return
    one = score(V1, answers=answers, subject=Subject(first, born_first, known))
    other = score(V1, answers=answers, subject=Subject(second, born_second, known))
    assert one == other
    nobody = score(V1, answers=answers, subject=Subject(first, None, known))
    assert nobody == score(V1, answers=answers, subject=Subject(second, None, known))
