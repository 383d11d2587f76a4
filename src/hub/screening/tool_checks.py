"""The checks that keep a screening tool's rules from contradicting each other: names that
point nowhere, overlapping or missing score bands, grades no answer can give, rules that can
never apply, and roll-ups that go round in a circle. Each problem names the field it is about,
so `hub check-definitions` can give its file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.platform.definitions import Loc
from hub.referrals.practice import exploitation_types

if TYPE_CHECKING:
    from .tools import ScreeningTool

Found = list[tuple[Loc, str]]


def tool_problems(tool: ScreeningTool) -> Found:
    """Everything wrong with a tool's meaning (its shape is checked by its pydantic model)."""
    found: Found = []
    for check in (
        _unique_ids,
        _types,
        _windows_and_weights,
        _grades_named,
        _bands,
        _levels,
        _rules_reachable,
        _every_grade_reachable,
    ):
        found += check(tool)
    if not found:  # examples only mean something once the tool itself is sound
        found += _examples(tool)
    return found


def _unique_ids(tool: ScreeningTool) -> Found:
    found: Found = []
    for what, ids in (
        ("window", [w.id for w in tool.windows]),
        ("grade", [g.id for g in tool.grades]),
        ("section", [s.id for s in tool.sections]),
        ("indicator", [i.id for i in tool.indicators()]),
        ("rule", [r.id for r in tool.grading.rules]),
        ("floor", [f.id for f in tool.grading.floors]),
    ):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            found.append(((), f"{what} ids must be unique: {', '.join(twice)} used twice"))
    return found


def _types(tool: ScreeningTool) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    known = {t.code for t in exploitation_types().types}
    for index, code in enumerate(tool.exploitation_types):
        if code not in known:
            found.append(
                (
                    ("exploitation_types", index),
                    f"{code} is not a form of exploitation in exploitation_types.yaml",
                )
            )
    mine = set(tool.exploitation_types)
    for s_index, section in enumerate(tool.sections):
        for i_index, indicator in enumerate(section.indicators):
            for t_index, code in enumerate(indicator.types):
                if code not in mine:
                    found.append(
                        (
                            ("sections", s_index, "indicators", i_index, "types", t_index),
                            f"{code} is not one of this tool's exploitation_types",
                        )
                    )
    for code, to in tool.type_rollups.items():
        if code not in mine or to not in mine:
            found.append(
                (
                    ("type_rollups", code),
                    f"{code} -> {to}: both must be this tool's exploitation_types",
                )
            )
    # A chain of roll-ups must end: COUNTY_LINES -> CCE -> COUNTY_LINES never would.
    for start in tool.type_rollups:
        seen, code = [start], tool.type_rollups[start]
        while code in tool.type_rollups and code not in seen:
            seen.append(code)
            code = tool.type_rollups[code]
        if code in seen:
            cycle = " -> ".join([*seen[seen.index(code) :], code])
            found.append((("type_rollups", start), f"roll-ups go round in a circle: {cycle}"))
            break
    return found


def _windows_and_weights(tool: ScreeningTool) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    absent = [w for w in tool.windows if not w.present]
    if len(absent) != 1:
        found.append(
            (
                ("windows",),
                "exactly one window must be 'present: false' (not present: the answer when"
                " nothing is ticked)",
            )
        )
    present = {w.id for w in tool.windows if w.present}
    for s_index, section in enumerate(tool.sections):
        for i_index, indicator in enumerate(section.indicators):
            loc: Loc = ("sections", s_index, "indicators", i_index, "weights")
            for window_id in indicator.weights:
                if window_id not in present:
                    found.append(
                        (
                            (*loc, window_id),
                            f"{window_id} is not a window an indicator can be present in",
                        )
                    )
            if tool.scored and set(indicator.weights) != present:
                missing = sorted(present - set(indicator.weights))
                if missing:
                    found.append(
                        (
                            loc,
                            "a scored tool needs a weight for every window: missing "
                            + ", ".join(missing),
                        )
                    )
    return found


def _grades_named(tool: ScreeningTool) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    grades = set(tool.grade_ids())
    named: list[tuple[Loc, str]] = [
        (("grading", "bands", i, "grade"), b.grade) for i, b in enumerate(tool.grading.bands)
    ]
    named += [
        (("grading", "rules", i, "at_least"), r.at_least) for i, r in enumerate(tool.grading.rules)
    ]
    named += [
        (("grading", "floors", i, "at_least"), f.at_least)
        for i, f in enumerate(tool.grading.floors)
    ]
    if tool.review.at_or_above:
        named.append((("review", "at_or_above"), tool.review.at_or_above))
    for loc, grade in named:
        if grade not in grades:
            found.append((loc, f"{grade} is not one of this tool's grades"))
    windows = {w.id for w in tool.windows if w.present}
    for index, rule in enumerate(tool.grading.rules):
        for w_index, window_id in enumerate(rule.windows):
            if window_id not in windows:
                found.append(
                    (
                        ("grading", "rules", index, "windows", w_index),
                        f"{window_id} is not a window an indicator can be present in",
                    )
                )
    for index, floor in enumerate(tool.grading.floors):
        if (floor.under_age is None) == (floor.circumstance is None):
            found.append(
                (
                    ("grading", "floors", index),
                    "a floor applies either under an age or with a circumstance, one of the two",
                )
            )
    return found


def _bands(tool: ScreeningTool) -> Found:
    found: Found = []
    bands = tool.grading.bands
    if not bands:
        return found
    if bands[0].lower != 0:
        found.append((("grading", "bands", 0, "from"), "the first band must start at 0"))
    grades = set(tool.grade_ids())
    for index in range(1, len(bands)):
        before, band = bands[index - 1], bands[index]
        loc: Loc = ("grading", "bands", index)
        if band.lower <= before.lower:
            found.append(
                ((*loc, "from"), f"the band from {band.lower:g} overlaps the one before it")
            )
        named = before.grade in grades and band.grade in grades
        if named and tool.rank(band.grade) < tool.rank(before.grade):
            found.append(
                (
                    (*loc, "grade"),
                    f"{band.grade} is lower than the band before it ({before.grade}): a"
                    " higher score must never give a lower grade",
                )
            )
    top = sum(max(i.weights.values(), default=0) for i in tool.indicators())
    for index, band in enumerate(bands):
        if band.lower > top:
            found.append(
                (
                    ("grading", "bands", index, "from"),
                    f"no score reaches {band.lower:g}: the highest possible is {top:g}",
                )
            )
    return found


def _levels(tool: ScreeningTool) -> Found:
    """Each grade names a level of the threshold document, never lower than the grade below."""
    from .thresholds import threshold_document

    found: Found = []
    document = threshold_document()
    levels = [level.id for level in document.levels]
    previous = -1
    for index, grade in enumerate(tool.grades):
        if grade.level not in levels:
            found.append(
                (("grades", index, "level"), f"{grade.level} is not a level of thresholds.yaml")
            )
            continue
        rank = levels.index(grade.level)
        if rank < previous:
            found.append((("grades", index, "level"), "a higher grade must not have a lower level"))
        previous = rank
    return found


def _rules_reachable(tool: ScreeningTool) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    for index, rule in enumerate(tool.grading.rules):
        eligible = [
            i for i in tool.indicators()
            if rule.indicator_class is None or i.indicator_class == rule.indicator_class
        ]  # fmt: skip
        if len(eligible) < rule.count:
            found.append(
                (
                    ("grading", "rules", index, "count"),
                    f"needs {rule.count} indicators but the tool has {len(eligible)} that"
                    " count: it can never apply",
                )
            )
    return found


def _every_grade_reachable(tool: ScreeningTool) -> list[tuple[Loc, str]]:
    found: list[tuple[Loc, str]] = []
    reached = {tool.grades[0].id} if tool.grades else set()
    reached |= {b.grade for b in tool.grading.bands}
    reached |= {r.at_least for r in tool.grading.rules}
    reached |= {f.at_least for f in tool.grading.floors}
    for index, grade in enumerate(tool.grades):
        if grade.id not in reached:
            found.append(
                (
                    ("grades", index),
                    f"grade {grade.id} can never be given: no band, rule or floor leads to it",
                )
            )
    return found


def _examples(tool: ScreeningTool) -> Found:
    """Each worked example beside the definition still gives the result it says it does."""
    from .engine import AnswerError, score, subject_from_json

    found: Found = []
    for index, example in enumerate(tool.examples):
        loc: Loc = ("examples", index)
        try:
            result = score(
                tool, answers=example.answers, subject=subject_from_json(example.subject)
            )
        except (AnswerError, ValueError) as exc:
            found.append((loc, f"{example.title}: {exc}"))
            continue
        wrong = (
            [f"overall {result.overall}, not {example.expect_overall}"]
            if result.overall != example.expect_overall
            else []
        )
        wrong += [
            f"{code} {result.grades.get(code)}, not {grade}"
            for code, grade in example.expect_grades.items()
            if result.grades.get(code) != grade
        ]
        if example.expect_pathway is not None and result.pathway != example.expect_pathway:
            wrong.append(f"pathway {result.pathway}, not {example.expect_pathway}")
        if wrong:
            found.append(
                (loc, f"the worked example '{example.title}' now gives {'; '.join(wrong)}")
            )
    return found
