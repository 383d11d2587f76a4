"""Case practice as a definition: review cadence by risk level, outcomes, transition timing."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register
from hub.platform.timescales import LOCAL, Timescale, timescales_definition


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cadence(_Item):
    level: str
    timescale: str


class Outcome(_Item):
    code: str
    title: str


class CasePractice(Definition):
    review_cadence: tuple[Cadence, ...]
    transition_months: int = Field(default=6, ge=1, le=24)
    closure_needs_sign_off: bool = True
    outcomes: tuple[Outcome, ...]

    def review_timescale(self, level: str) -> Timescale:
        """The timescale of reviews at a level (the last, the longest, when unknown)."""
        definitions = timescales_definition()
        for cadence in self.review_cadence:
            if cadence.level == level:
                return definitions.get(cadence.timescale)
        return definitions.get(self.review_cadence[-1].timescale)

    def review_on(self, level: str, start: datetime) -> date:
        """The day a plan (or case) at this level is next reviewed, from `start`."""
        due = self.review_timescale(level).due(start)
        return due.astimezone(LOCAL).date()

    def outcome(self, code: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.code == code), None)

    def problems(self) -> list[tuple[Loc, str]]:
        from hub.screening.thresholds import threshold_document

        found: list[tuple[Loc, str]] = []
        levels = [level.id for level in threshold_document().levels]
        for index, cadence in enumerate(self.review_cadence):
            if cadence.level not in levels:
                found.append(
                    (
                        ("review_cadence", index, "level"),
                        f"{cadence.level} is not a level of thresholds.yaml",
                    )
                )
        timescales = {t.code for t in timescales_definition().timescales}
        for index, cadence in enumerate(self.review_cadence):
            if cadence.timescale not in timescales:
                found.append(
                    (
                        ("review_cadence", index, "timescale"),
                        f"{cadence.timescale} is not in timescales.yaml",
                    )
                )
        missing = sorted(set(levels) - {c.level for c in self.review_cadence})
        if missing:
            found.append((("review_cadence",), f"no cadence for the levels {', '.join(missing)}"))
        codes = [o.code for o in self.outcomes]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            found.append((("outcomes",), f"outcome codes must be unique: {', '.join(twice)}"))
        return found


case_practice = register("cases", "cases", CasePractice)
