"""The threshold document as a definition: grades and circumstances map to a recommended
pathway, each with its reason (design.md §3.8, §3.11).

Tools grade on their own scales; each grade names a level of this document's scale, so one
threshold document serves every tool. Rules are read in order and the first that matches
gives the pathway; `default` applies when none does.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register
from hub.referrals.practice import exploitation_types

ADULT_AGE = 18


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Item):
    id: str
    title: str


class CircumstanceKind(enum.StrEnum):
    YES_NO = "yes_no"
    CHOICE = "choice"


class Circumstance(_Item):
    """Something about the person the document reads besides the grades (care status...)."""

    id: str
    title: str
    kind: CircumstanceKind = CircumstanceKind.YES_NO
    values: tuple[str, ...] = ()
    applies_to: str = "anyone"  # children, adults or anyone: whom the form asks


class Pathway(_Item):
    id: str
    title: str
    description: str = ""


class TypeLevel(_Item):
    """Any of these forms of exploitation graded at this level or above."""

    types: tuple[str, ...]
    level: str


class Condition(_Item):
    """What must hold for a rule: every condition given (all optional) must be true."""

    child: bool | None = None
    level_at_least: str | None = None
    level_below: str | None = None
    type_level_at_least: TypeLevel | None = None
    circumstances: dict[str, bool | str] = Field(default_factory=dict)
    circumstance_in: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class ThresholdRule(_Item):
    id: str
    when: Condition
    pathway: str
    reason: str


class Outcome(_Item):
    pathway: str
    reason: str


@dataclass(frozen=True)
class Facts:
    """What a rule is judged against: the levels the tool gave, and who the person is."""

    overall_level: int
    type_levels: dict[str, int]
    is_child: bool | None
    circumstances: dict[str, bool | str]


class ThresholdDocument(Definition):
    levels: tuple[Level, ...]
    circumstances: tuple[Circumstance, ...]
    pathways: tuple[Pathway, ...]
    rules: tuple[ThresholdRule, ...]
    default: Outcome
    source: str = ""

    def level_rank(self, level_id: str) -> int:
        return [level.id for level in self.levels].index(level_id)

    def circumstance(self, circumstance_id: str) -> Circumstance | None:
        return next((c for c in self.circumstances if c.id == circumstance_id), None)

    def pathway(self, pathway_id: str) -> Pathway:
        return next(p for p in self.pathways if p.id == pathway_id)

    def recommend(self, facts: Facts) -> tuple[str, str, str]:
        """The first rule that matches: (pathway id, reason, rule id or "default")."""
        for rule in self.rules:
            if self._matches(rule.when, facts):
                return rule.pathway, rule.reason, rule.id
        return self.default.pathway, self.default.reason, "default"

    def _matches(self, when: Condition, facts: Facts) -> bool:
        if when.child is not None and facts.is_child is not when.child:
            return False
        if when.level_at_least and facts.overall_level < self.level_rank(when.level_at_least):
            return False
        if when.level_below and facts.overall_level >= self.level_rank(when.level_below):
            return False
        if when.type_level_at_least is not None:
            wanted = self.level_rank(when.type_level_at_least.level)
            if not any(
                facts.type_levels.get(code, -1) >= wanted for code in when.type_level_at_least.types
            ):
                return False
        for name, value in when.circumstances.items():
            if facts.circumstances.get(name) != value:
                return False
        return all(
            facts.circumstances.get(name) in allowed
            for name, allowed in when.circumstance_in.items()
        )

    def problems(self) -> list[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        for what, ids in (
            ("level", [lvl.id for lvl in self.levels]),
            ("circumstance", [c.id for c in self.circumstances]),
            ("pathway", [p.id for p in self.pathways]),
            ("rule", [r.id for r in self.rules]),
        ):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                found.append(((), f"{what} ids must be unique: {', '.join(twice)} used twice"))
        levels = {lvl.id for lvl in self.levels}
        pathways = {p.id for p in self.pathways}
        types = {t.code for t in exploitation_types().types}
        for index, circumstance in enumerate(self.circumstances):
            if (circumstance.kind == CircumstanceKind.CHOICE) != bool(circumstance.values):
                found.append(
                    (
                        ("circumstances", index, "values"),
                        "a choice needs values; a yes or no has none",
                    )
                )
        for index, rule in enumerate(self.rules):
            loc: Loc = ("rules", index)
            if rule.pathway not in pathways:
                found.append(((*loc, "pathway"), f"{rule.pathway} is not one of the pathways"))
            when = rule.when
            for name in ("level_at_least", "level_below"):
                value = getattr(when, name)
                if value is not None and value not in levels:
                    found.append(((*loc, "when", name), f"{value} is not one of the levels"))
            if when.type_level_at_least is not None:
                if when.type_level_at_least.level not in levels:
                    found.append(
                        ((*loc, "when", "type_level_at_least", "level"), "not one of the levels")
                    )
                for code in when.type_level_at_least.types:
                    if code not in types:
                        found.append(
                            (
                                (*loc, "when", "type_level_at_least", "types"),
                                f"{code} is not a form of exploitation",
                            )
                        )
            for name, value in when.circumstances.items():
                named = self.circumstance(name)
                if named is None:
                    found.append(
                        (
                            (*loc, "when", "circumstances", name),
                            f"{name} is not one of the circumstances",
                        )
                    )
                elif named.kind == CircumstanceKind.YES_NO and not isinstance(value, bool):
                    found.append(
                        (
                            (*loc, "when", "circumstances", name),
                            f"{name} is yes or no (true or false)",
                        )
                    )
                elif named.kind == CircumstanceKind.CHOICE and value not in named.values:
                    found.append(
                        (
                            (*loc, "when", "circumstances", name),
                            f"{value} is not one of {name}'s values",
                        )
                    )
            for name, allowed in when.circumstance_in.items():
                chosen = self.circumstance(name)
                if chosen is None or chosen.kind != CircumstanceKind.CHOICE:
                    found.append(
                        (
                            (*loc, "when", "circumstance_in", name),
                            f"{name} is not a choice among the circumstances",
                        )
                    )
                elif not set(allowed) <= set(chosen.values):
                    strange = ", ".join(sorted(set(allowed) - set(chosen.values)))
                    found.append(
                        ((*loc, "when", "circumstance_in", name), f"not {name} values: {strange}")
                    )
        if self.default.pathway not in pathways:
            found.append(
                (("default", "pathway"), f"{self.default.pathway} is not one of the pathways")
            )
        return found


threshold_document = register("screening", "thresholds", ThresholdDocument)


def age_on(born: date | None, day: date) -> int | None:
    """Age in whole years on a day, or None without a date of birth."""
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
