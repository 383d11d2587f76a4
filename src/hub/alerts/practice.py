"""Deadline rules as a definition: which event sets which timescale, and what meets it.
Apps announce their events (`register_deadline_event`); a rule naming an unknown event, or an
unknown timescale, is refused with its line."""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register
from hub.platform.timescales import timescales_definition

EVENTS: dict[str, str] = {}


def register_deadline_event(code: str, description: str) -> None:
    """An app says it announces this event (so definitions may name it)."""
    EVENTS[code] = description


class Owner(enum.StrEnum):
    HUB = "hub"
    PERSON = "person"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeadlineRule(_Item):
    event: str
    timescale: str
    met_by: str
    owner: Owner = Owner.HUB
    title: str


class AlertSettings(_Item):
    when_amber: bool = True
    when_red: bool = True
    # How long the receiving hub may see a person who arrived in its area (need-to-know).
    cross_border_grant_hours: int = Field(default=72, ge=1, le=24 * 30)


class DeadlineRules(Definition):
    rules: tuple[DeadlineRule, ...]
    alerts: AlertSettings = AlertSettings()

    def for_event(self, event: str) -> list[DeadlineRule]:
        return [rule for rule in self.rules if rule.event == event]

    def problems(self) -> list[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        timescales = {t.code for t in timescales_definition().timescales}
        for index, rule in enumerate(self.rules):
            for field in ("event", "met_by"):
                code = getattr(rule, field)
                if code not in EVENTS:
                    known = ", ".join(sorted(EVENTS))
                    message = f"{code} is not an event the service announces (known: {known})"
                    found.append((("rules", index, field), message))
            if rule.timescale not in timescales:
                found.append(
                    (("rules", index, "timescale"), f"{rule.timescale} is not in timescales.yaml")
                )
        return found


deadline_rules = register("alerts", "deadlines", DeadlineRules)
