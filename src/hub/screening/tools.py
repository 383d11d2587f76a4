"""Screening tools as definitions: their sections, indicators, answer windows, grades and
grading rules, and every check that keeps a tool's rules from contradicting each other.

A tool is data (design.md §3.8): a partnership ships its own, in its own words. The engine
(`engine.py`) is ours and knows no tool by name. Each version of a tool is its own file under
`definitions/tools/<tool id>/v<N>.yaml`, so a new version never changes a past result.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register_folder
from hub.referrals.practice import AppliesTo


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorClass(enum.StrEnum):
    """What an indicator says: a vulnerability, a risk, or a significant risk in itself."""

    VULNERABILITY = "vulnerability"
    RISK = "risk"
    SIGNIFICANT = "significant"


class Window(_Item):
    """When an indicator was present, as the tool asks it ("now or in the last 6 months")."""

    id: str
    title: str
    present: bool = True
    # Windows a rule means by "recent": the SERAF and West Midlands tools treat now and the
    # last six months differently from longer ago.
    recent: bool = False


class Grade(_Item):
    """One grade of the tool, lowest first; `level` places it on the threshold document's scale."""

    id: str
    title: str
    level: str
    description: str = ""


NonNegative = Annotated[float, Field(ge=0)]


class Indicator(_Item):
    """One question: its wording, guidance, the forms of exploitation it bears on, its class,
    and its weight in each window (a scored tool adds them up)."""

    id: str
    text: str
    guidance: str = ""
    types: tuple[str, ...]
    indicator_class: IndicatorClass = Field(alias="class")
    weights: dict[str, NonNegative] = Field(default_factory=dict)


class Section(_Item):
    id: str
    title: str
    guidance: str = ""
    indicators: tuple[Indicator, ...]


class Band(_Item):
    """Scores from `from` up to the next band's `from` give `grade` (the last: and above)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    lower: NonNegative = Field(alias="from")
    grade: str


class RuleKind(enum.StrEnum):
    AT_LEAST_COUNT = "at_least_count"


class Rule(_Item):
    """'At least N indicators of this class, present in these windows, mean at least GRADE.'"""

    id: str
    title: str
    indicator_class: IndicatorClass | None = Field(default=None, alias="class")
    windows: tuple[str, ...] = ()  # none named: any window where the indicator is present
    count: int = Field(default=1, ge=1)
    at_least: str


class FloorCondition(enum.StrEnum):
    UNDER_AGE = "under_age"
    CIRCUMSTANCE = "circumstance"


class Floor(_Item):
    """A grade the result can't fall below for some people once any indicator is present
    (a child under 13, or with a learning disability, is at least "at risk")."""

    id: str
    title: str
    under_age: int | None = Field(default=None, ge=1, le=25)
    circumstance: str | None = None
    at_least: str


class Grading(_Item):
    bands: tuple[Band, ...] = ()
    rules: tuple[Rule, ...] = ()
    floors: tuple[Floor, ...] = ()


class Review(_Item):
    """When a manager must review a confirmed screening."""

    when_overridden: bool = True
    at_or_above: str | None = None  # a grade id


class ScreeningTool(Definition):
    """One version of a screening tool."""

    source: str = ""
    applies_to: AppliesTo = AppliesTo.ANYONE
    exploitation_types: tuple[str, ...]
    # Indicators bearing on a type count for the one it rolls up to too (county lines is a
    # form of criminal exploitation).
    type_rollups: dict[str, str] = Field(default_factory=dict)
    windows: tuple[Window, ...]
    grades: tuple[Grade, ...]
    sections: tuple[Section, ...]
    grading: Grading
    review: Review = Field(default_factory=Review)
    rescreen_timescale: str = "screening_review"
    # Worked examples beside the definition (tested): answers and the result they must give.
    examples: tuple[Example, ...] = ()

    # -- reading ------------------------------------------------------------------------
    @property
    def label(self) -> str:
        return f"{self.id} v{self.version}"

    @property
    def scored(self) -> bool:
        return bool(self.grading.bands)

    def indicators(self) -> list[Indicator]:
        return [indicator for section in self.sections for indicator in section.indicators]

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators() if i.id == indicator_id), None)

    def window(self, window_id: str) -> Window | None:
        return next((w for w in self.windows if w.id == window_id), None)

    @property
    def absent_window(self) -> Window:
        return next(w for w in self.windows if not w.present)

    def grade_ids(self) -> list[str]:
        return [grade.id for grade in self.grades]

    def rank(self, grade_id: str) -> int:
        return self.grade_ids().index(grade_id)

    def grade(self, grade_id: str) -> Grade:
        return self.grades[self.rank(grade_id)]

    def bears_on(self, indicator: Indicator) -> set[str]:
        """The types an indicator counts for: its own and what they roll up to."""
        found: set[str] = set()
        for type_code in indicator.types:
            while type_code not in found:
                found.add(type_code)
                type_code = self.type_rollups.get(type_code, type_code)
        return found

    def problems(self) -> list[tuple[Loc, str]]:
        from .tool_checks import tool_problems

        return tool_problems(self)


class Example(_Item):
    """A worked example: who, what was answered, and the grades the tool must give."""

    title: str
    subject: dict[str, object] = Field(default_factory=dict)
    answers: dict[str, str]
    expect_overall: str
    expect_grades: dict[str, str] = Field(default_factory=dict)
    expect_pathway: str | None = None


ScreeningTool.model_rebuild()
screening_tools = register_folder("screening", "tools", ScreeningTool)


def tool_versions(tool_id: str) -> list[ScreeningTool]:
    """Every version of one tool, oldest first."""
    return [tool for tool in screening_tools() if tool.id == tool_id]


def latest_tools() -> list[ScreeningTool]:
    """The newest version of each tool."""
    newest: dict[str, ScreeningTool] = {}
    for tool in screening_tools():
        newest[tool.id] = tool
    return sorted(newest.values(), key=lambda tool: tool.title)


class UnknownTool(LookupError):
    """No tool with that id, or no such version of it."""


def get_tool(tool_id: str, version: int | None = None) -> ScreeningTool:
    """A tool by id, at a version (default: the latest)."""
    versions = tool_versions(tool_id)
    if not versions:
        raise UnknownTool(f"there is no screening tool {tool_id!r}")
    if version is None:
        return versions[-1]
    for tool in versions:
        if tool.version == version:
            return tool
    known = ", ".join(str(tool.version) for tool in versions)
    raise UnknownTool(f"{tool_id} has no version {version} (it has {known})")
