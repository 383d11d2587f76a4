"""Missing practice as a definition: risk grades, repeat-missing rules, profile reviews."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskGrade(_Item):
    code: str
    title: str
    legacy: bool = False


class RepeatRule(_Item):
    episodes: int = Field(ge=2, le=50)
    days: int = Field(ge=1, le=365)
    title: str


class MissingPractice(Definition):
    risk_grades: tuple[RiskGrade, ...]
    repeat_rules: tuple[RepeatRule, ...] = ()
    philomena_review_months: int = Field(default=6, ge=1, le=24)

    def grade(self, code: str) -> RiskGrade | None:
        return next((g for g in self.risk_grades if g.code == code), None)

    def problems(self) -> list[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        seen: set[str] = set()
        for index, grade in enumerate(self.risk_grades):
            if grade.code in seen:
                found.append((("risk_grades", index, "code"), f"{grade.code} is listed twice"))
            seen.add(grade.code)
        return found


missing_practice = register("missing", "missing", MissingPractice)
