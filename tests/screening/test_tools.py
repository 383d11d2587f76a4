"""Every shipped screening tool: its worked examples, and properties that must hold for any
answers (hypothesis): more evidence never lowers a grade, floors hold, a scored tool's score is
the sum of its weights, and every grade can be reached."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.screening.engine import Subject, score, subject_from_json
from hub.screening.thresholds import threshold_document
from hub.screening.tools import ScreeningTool, screening_tools

TOOLS = screening_tools()
EXAMPLES = [(tool, example) for tool in TOOLS for example in tool.examples]
ON = date(2026, 1, 10)


def test_three_tools_ship_one_scored():
    assert {tool.id for tool in TOOLS} == {"child_exploitation", "adult_exploitation", "seraf"}
    assert [tool.id for tool in TOOLS if tool.scored] == ["seraf"]
    for tool in TOOLS:
        assert tool.problems() == [], tool.label
        assert tool.source and len(tool.examples) >= 4


@pytest.mark.parametrize(
    ("tool", "example"), EXAMPLES, ids=[f"{t.id}: {e.title}" for t, e in EXAMPLES]
)
def test_worked_examples(tool, example):
    result = score(tool, answers=example.answers, subject=subject_from_json(example.subject))
    assert result.overall == example.expect_overall
    for code, grade in example.expect_grades.items():
        assert result.grades[code] == grade, code
    if example.expect_pathway:
        assert result.pathway == example.expect_pathway
    assert result.reasons and result.reasons[-1].kind == "pathway"
    # Stored and printed as plain data: every field of every reason, tuples as lists.
    assert result.reason_dicts() == [
        {f.name: (list(v) if isinstance(v := getattr(r, f.name), tuple) else v) for f in fields(r)}
        for r in result.reasons
    ]


def answers_for(tool: ScreeningTool):
    present = [w.id for w in tool.windows if w.present]
    return st.dictionaries(
        st.sampled_from([i.id for i in tool.indicators()]), st.sampled_from(present), max_size=12
    )


ages = st.integers(min_value=8, max_value=70)
circumstances = st.fixed_dictionaries(
    {},
    optional={
        "learning_disability": st.booleans(),
        "care_and_support_needs": st.booleans(),
        "unable_to_protect": st.booleans(),
        "consent_to_nrm": st.booleans(),
        "existing_plan": st.booleans(),
        "care_status": st.sampled_from(["none", "looked_after", "child_protection_plan"]),
    },
)


def subject(age: int, known: dict) -> Subject:
    return Subject(assessed_on=ON, date_of_birth=date(ON.year - age, 1, 1), circumstances=known)


@pytest.mark.parametrize("tool", TOOLS, ids=[t.id for t in TOOLS])
@settings(max_examples=150, deadline=None)
@given(data=st.data(), age=ages, known=circumstances)
def test_one_more_indicator_never_lowers_a_grade(tool, data, age, known):
    answers = data.draw(answers_for(tool))
    missing = [i.id for i in tool.indicators() if i.id not in answers]
    if not missing:
        return
    extra = data.draw(st.sampled_from(missing))
    window = data.draw(st.sampled_from([w.id for w in tool.windows if w.present]))
    before = score(tool, answers=answers, subject=subject(age, known))
    after = score(tool, answers={**answers, extra: window}, subject=subject(age, known))
    assert tool.rank(after.overall) >= tool.rank(before.overall)
    for code in tool.exploitation_types:
        assert tool.rank(after.grades[code]) >= tool.rank(before.grades[code]), code
    # The overall grade is never below any single form's.
    assert all(tool.rank(after.overall) >= tool.rank(g) for g in after.grades.values())


@pytest.mark.parametrize("tool", TOOLS, ids=[t.id for t in TOOLS])
@settings(max_examples=120, deadline=None)
@given(data=st.data(), age=ages, known=circumstances)
def test_floors_always_hold(tool, data, age, known):
    answers = data.draw(answers_for(tool))
    result = score(tool, answers=answers, subject=subject(age, known))
    if not answers:
        return
    for floor in tool.grading.floors:
        applies = (floor.under_age is not None and age < floor.under_age) or (
            floor.circumstance is not None and known.get(floor.circumstance) is True
        )
        if applies:
            assert tool.rank(result.overall) >= tool.rank(floor.at_least), floor.id


@pytest.mark.parametrize("tool", [t for t in TOOLS if t.scored], ids=lambda t: t.id)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_scored_tools_score_is_the_sum_of_its_weights(tool, data):
    answers = data.draw(answers_for(tool))
    result = score(tool, answers=answers, subject=subject(15, {}))
    expected = sum(tool.indicator(i).weights[w] for i, w in answers.items())
    assert result.scores["overall"] == pytest.approx(expected)
    band = next(b for b in reversed(tool.grading.bands) if expected >= b.lower)
    assert tool.rank(result.overall) >= tool.rank(band.grade)


@pytest.mark.parametrize("tool", TOOLS, ids=[t.id for t in TOOLS])
def test_every_grade_named_exists_and_every_grade_is_reachable(tool):
    grades = set(tool.grade_ids())
    named = {b.grade for b in tool.grading.bands} | {r.at_least for r in tool.grading.rules}
    named |= {f.at_least for f in tool.grading.floors}
    assert named <= grades
    reached = set()
    everything = {i.id: next(w.id for w in tool.windows if w.recent) for i in tool.indicators()}
    reached.add(score(tool, answers={}, subject=subject(15, {})).overall)
    reached.add(score(tool, answers=everything, subject=subject(15, {})).overall)
    for band in tool.grading.bands:  # each band by a score inside it
        reached.add(band.grade)
    for rule in tool.grading.rules:
        eligible = [
            i.id for i in tool.indicators()
            if rule.indicator_class is None or i.indicator_class == rule.indicator_class
        ]  # fmt: skip
        window = rule.windows[0] if rule.windows else next(w.id for w in tool.windows if w.present)
        answers = dict.fromkeys(eligible[: rule.count], window)
        assert tool.rank(
            score(tool, answers=answers, subject=subject(15, {})).overall
        ) >= tool.rank(rule.at_least)
        reached.add(rule.at_least)
    assert reached == grades
    levels = [lvl.id for lvl in threshold_document().levels]
    assert [levels.index(g.level) for g in tool.grades] == sorted(
        levels.index(g.level) for g in tool.grades
    )
