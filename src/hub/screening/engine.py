"""The screening engine: answers in, a grade per form of exploitation and overall out, each
with the indicators, bands, rules and floors that produced it, and the pathway the threshold
document recommends, with its reason (design.md §3.11). It knows no tool by name.

Grades only ever go up with evidence: a score is a sum of non-negative weights read against
bands in ascending order, and every rule and floor says "at least". So marking one more
indicator present can never lower a grade (tested for every shipped tool).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .thresholds import (
    ADULT_AGE,
    CircumstanceKind,
    Facts,
    ThresholdDocument,
    age_on,
    threshold_document,
)
from .tools import Indicator, IndicatorClass, ScreeningTool

OVERALL = "overall"


class AnswerError(ValueError):
    """Answers or circumstances that do not fit the tool; `field` says which."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Subject:
    """Who was screened, and when: age on the day, and the circumstances the thresholds read."""

    assessed_on: date
    date_of_birth: date | None = None
    circumstances: Mapping[str, object] = field(default_factory=dict)  # checked when scored

    @property
    def age(self) -> int | None:
        return age_on(self.date_of_birth, self.assessed_on)


def _day(raw: object, name: str) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        message = f"subject.{name} must be a date like 2010-04-03"
        raise AnswerError(message, field=f"subject.{name}") from None


def subject_from_json(subject: Mapping[str, object]) -> Subject:
    """A subject as other systems send it: `date_of_birth` and `assessed_on` as YYYY-MM-DD,
    every other key a circumstance of the threshold document."""
    rest = dict(subject)
    if rest.get("assessed_on") is None:
        message = "subject.assessed_on is required (YYYY-MM-DD)"
        raise AnswerError(message, field="subject.assessed_on")
    assessed_on = _day(rest.pop("assessed_on"), "assessed_on")
    raw_born = rest.pop("date_of_birth", None)
    born = _day(raw_born, "date_of_birth") if raw_born is not None else None
    if born is not None and born > assessed_on:
        message = "subject.date_of_birth is after subject.assessed_on"
        raise AnswerError(message, field="subject.date_of_birth")
    return Subject(assessed_on=assessed_on, date_of_birth=born, circumstances=rest)


@dataclass(frozen=True)
class Reason:
    """Why a grade (or the pathway) is what it is."""

    kind: str  # band, rule, floor, none, pathway
    text: str
    applies_to: str  # a type code, "overall", or "pathway"
    grade: str | None = None
    indicators: tuple[str, ...] = ()
    rule: str | None = None


@dataclass(frozen=True)
class Result:
    """A screening's outcome under one version of one tool."""

    tool: str
    version: int
    grades: dict[str, str]
    overall: str
    grade_order: list[str]
    scores: dict[str, float] | None
    reasons: list[Reason]
    pathway: str
    pathway_reason: str
    thresholds_version: int

    def as_json(self) -> dict[str, object]:
        """The result as `hub screening score` prints it (a stable format other systems read)."""
        return {
            "tool": self.tool,
            "version": self.version,
            "grades": dict(self.grades),
            "overall": self.overall,
            "grade_order": list(self.grade_order),
            "pathway": self.pathway,
            "reasons": self.reason_dicts(),
        }

    def reason_dicts(self) -> list[dict[str, object]]:
        """The reasons as plain data (stored with a screening, printed by the command)."""
        # Field by field, not dataclasses.asdict, which deep-copies every value: the demo
        # region stores tens of thousands of results.
        return [
            {
                "kind": r.kind,
                "text": r.text,
                "applies_to": r.applies_to,
                "grade": r.grade,
                "indicators": list(r.indicators),
                "rule": r.rule,
            }
            for r in self.reasons
        ]


class _Compiled:
    """A tool prepared once for scoring: indicators by id with their class and the types each
    counts for, and each grade's rank, title and level. Scoring reads these instead of looking
    through the tool, which builds its lists again on every call."""

    def __init__(self, tool: ScreeningTool) -> None:
        self.tool = tool
        self.indicators: dict[str, Indicator] = {i.id: i for i in tool.indicators()}
        self.classes: dict[str, IndicatorClass] = {
            i.id: i.indicator_class for i in self.indicators.values()
        }
        self.windows = {w.id: w for w in tool.windows}
        self.counts_for = {i.id: tool.bears_on(i) for i in self.indicators.values()}
        self.grade_ids = tool.grade_ids()
        self.ranks = {grade_id: rank for rank, grade_id in enumerate(self.grade_ids)}
        self.titles = {g.id: g.title for g in tool.grades}
        self.levels = {g.id: g.level for g in tool.grades}
        self.of_type = {
            code: frozenset(i for i, types in self.counts_for.items() if code in types)
            for code in tool.exploitation_types
        }
        # Each rule with the indicators of its class (None: any), its windows (None: any
        # present one), its grade's rank and its reason's text; each floor with its grade's
        # rank and its reason's text.
        self.rules = tuple(
            (
                rule,
                None
                if rule.indicator_class is None
                else frozenset(i for i, c in self.classes.items() if c == rule.indicator_class),
                frozenset(rule.windows) if rule.windows else None,
                self.ranks[rule.at_least],
                f"{rule.title}: at least {self.titles[rule.at_least]}",
            )
            for rule in tool.grading.rules
        )
        self.floors = tuple(
            (
                floor,
                self.ranks[floor.at_least],
                f"{floor.title}: at least {self.titles[floor.at_least]}",
            )
            for floor in tool.grading.floors
        )


_COMPILED: dict[tuple[str, int], _Compiled] = {}


def _compiled(tool: ScreeningTool) -> _Compiled:
    key = (tool.id, tool.version)
    compiled = _COMPILED.get(key)
    if compiled is None or compiled.tool is not tool:
        compiled = _COMPILED[key] = _Compiled(tool)
    return compiled


def check_answers(tool: ScreeningTool, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers that say an indicator is present, after checking every id; unanswered
    indicators count as not present."""
    compiled = _compiled(tool)
    present: dict[str, str] = {}
    for indicator_id, window_id in answers.items():
        if indicator_id not in compiled.indicators:
            raise AnswerError(
                f"{tool.label} has no indicator {indicator_id!r}", field=f"answers.{indicator_id}"
            )
        window = compiled.windows.get(window_id)
        if window is None:
            known = ", ".join(compiled.windows)
            raise AnswerError(
                f"{window_id!r} is not an answer window of {tool.label} (it has {known})",
                field=f"answers.{indicator_id}",
            )
        if window.present:
            present[indicator_id] = window_id
    return present


def check_circumstances(
    document: ThresholdDocument, circumstances: Mapping[str, object]
) -> dict[str, bool | str]:
    """Circumstances as the threshold document names them (yes/no or one of its values)."""
    checked: dict[str, bool | str] = {}
    for name, value in circumstances.items():
        circumstance = document.circumstance(name)
        if circumstance is None:
            known = ", ".join(c.id for c in document.circumstances)
            raise AnswerError(
                f"{name!r} is not a circumstance (known: {known})", field=f"subject.{name}"
            )
        if circumstance.kind == CircumstanceKind.YES_NO:
            if isinstance(value, bool):
                checked[name] = value
            elif value in ("yes", "no"):
                checked[name] = value == "yes"
            else:
                raise AnswerError(f"{name} is yes or no (true or false)", field=f"subject.{name}")
        elif value in circumstance.values:
            checked[name] = str(value)
        else:
            raise AnswerError(
                f"{value!r} is not one of {name}'s values ({', '.join(circumstance.values)})",
                field=f"subject.{name}",
            )
    return checked


def _grade_scope(
    compiled: _Compiled,
    scope: str,
    present: Mapping[str, str],
    age: int | None,
    circumstances: Mapping[str, bool | str],
) -> tuple[int, float | None, list[Reason]]:
    """One type's (or the overall) grade rank, score and reasons from the present answers."""
    tool = compiled.tool
    if not present and not tool.scored:
        # Nothing to count: every rule needs at least one indicator, and so does every floor.
        return 0, None, []
    reasons: list[Reason] = []
    rank = 0
    score: float | None = None
    if tool.scored:
        score = 0.0
        parts = []
        for indicator_id, window_id in present.items():
            weight = compiled.indicators[indicator_id].weights.get(window_id, 0.0)
            score += weight
            if weight:
                parts.append(indicator_id)
        band = next(b for b in reversed(tool.grading.bands) if score >= b.lower)
        rank = compiled.ranks[band.grade]
        reasons.append(
            Reason(
                kind="band",
                text=f"Score {score:g} is in the band from {band.lower:g}: "
                f"{compiled.titles[band.grade]}",
                applies_to=scope,
                grade=band.grade,
                indicators=tuple(sorted(parts)),
            )
        )
    for rule, of_class, windows, rule_rank, text in compiled.rules:
        matched = [
            indicator_id
            for indicator_id, window_id in present.items()
            if (of_class is None or indicator_id in of_class)
            and (windows is None or window_id in windows)
        ]
        if len(matched) >= rule.count:
            if rule_rank > 0:
                reasons.append(
                    Reason(
                        kind="rule",
                        text=text,
                        applies_to=scope,
                        grade=rule.at_least,
                        indicators=tuple(sorted(matched)),
                        rule=rule.id,
                    )
                )
            if rule_rank > rank:
                rank = rule_rank
    if present:
        for floor, floor_rank, text in compiled.floors:
            applies = (
                floor.under_age is not None and age is not None and age < floor.under_age
            ) or (floor.circumstance is not None and circumstances.get(floor.circumstance) is True)
            if applies and floor_rank > rank:
                reasons.append(
                    Reason(
                        kind="floor",
                        text=text,
                        applies_to=scope,
                        grade=floor.at_least,
                        indicators=tuple(sorted(present)),
                        rule=floor.id,
                    )
                )
                rank = floor_rank
    return rank, score, reasons


def score(
    tool: ScreeningTool,
    *,
    answers: Mapping[str, str],
    subject: Subject,
    document: ThresholdDocument | None = None,
) -> Result:
    """Grade a screening: every form of exploitation the tool covers, and overall."""
    compiled = _compiled(tool)
    document = document or threshold_document()
    present = check_answers(tool, answers)
    circumstances = check_circumstances(document, subject.circumstances)
    age = subject.age
    grades: dict[str, str] = {}
    scores: dict[str, float] = {}
    reasons: list[Reason] = []
    top = 0
    for type_code in tool.exploitation_types:
        of_type = compiled.of_type[type_code]
        mine = {i: w for i, w in present.items() if i in of_type}
        rank, type_score, type_reasons = _grade_scope(compiled, type_code, mine, age, circumstances)
        grades[type_code] = compiled.grade_ids[rank]
        if type_score is not None:
            scores[type_code] = type_score
        reasons += type_reasons
        if rank > top:
            top = rank
    rank, overall_score, overall_reasons = _grade_scope(
        compiled, OVERALL, present, age, circumstances
    )
    if top > rank:
        overall_reasons.append(
            Reason(
                kind="rule",
                text="The overall grade is at least the highest grade of any form of exploitation",
                applies_to=OVERALL,
                grade=compiled.grade_ids[top],
            )
        )
        rank = top
    if not present:
        overall_reasons.append(
            Reason(
                kind="none",
                text="No indicator is present",
                applies_to=OVERALL,
                grade=compiled.grade_ids[0],
            )
        )
    reasons += overall_reasons
    if overall_score is not None:
        scores[OVERALL] = overall_score
    overall = compiled.grade_ids[rank]
    level_ranks = {level.id: n for n, level in enumerate(document.levels)}

    def level_rank(grade: str) -> int:
        level = compiled.levels[grade]
        # An unknown level: the document says so as it always has.
        return level_ranks[level] if level in level_ranks else document.level_rank(level)

    facts = Facts(
        overall_level=level_rank(overall),
        type_levels={t: level_rank(g) for t, g in grades.items()},
        is_child=None if age is None else age < ADULT_AGE,
        circumstances=circumstances,
    )
    pathway, pathway_reason, rule_id = document.recommend(facts)
    reasons.append(Reason(kind="pathway", text=pathway_reason, applies_to="pathway", rule=rule_id))
    return Result(
        tool=tool.id,
        version=tool.version,
        grades=grades,
        overall=overall,
        grade_order=list(compiled.grade_ids),
        scores=scores if tool.scored else None,
        reasons=reasons,
        pathway=pathway,
        pathway_reason=pathway_reason,
        thresholds_version=document.version,
    )
