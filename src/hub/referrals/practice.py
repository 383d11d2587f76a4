"""Local practice for the front door, as definitions (design.md §3.8): the forms of
exploitation, the lawful bases for sharing, the hub's triage decisions, and what to do when
someone is in immediate danger. A partnership changes the YAML, not this code."""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict, model_validator

from hub.platform.definitions import Definition, register
from hub.platform.timescales import timescales_definition


class AppliesTo(enum.StrEnum):
    CHILDREN = "children"
    ADULTS = "adults"
    ANYONE = "anyone"

    def allows(self, is_child: bool | None) -> bool:
        """Whether this applies to a person of that status (None: age not known: any)."""
        if is_child is None or self == AppliesTo.ANYONE:
            return True
        return is_child == (self == AppliesTo.CHILDREN)


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _unique(codes: list[str], what: str) -> None:
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValueError(f"{what} codes must be unique: {', '.join(duplicates)}")


class ExploitationType(_Item):
    code: str
    title: str
    hint: str = ""
    applies_to: AppliesTo = AppliesTo.ANYONE
    retired: bool = False


class ExploitationTypes(Definition):
    types: tuple[ExploitationType, ...]

    @model_validator(mode="after")
    def _codes(self) -> ExploitationTypes:
        _unique([t.code for t in self.types], "exploitation type")
        return self

    def current(self) -> list[ExploitationType]:
        return [t for t in self.types if not t.retired]

    def title_of(self, code: str) -> str:
        return next((t.title for t in self.types if t.code == code), code)


class LawfulBasis(_Item):
    code: str
    title: str
    hint: str = ""


class LawfulBases(Definition):
    bases: tuple[LawfulBasis, ...]

    @model_validator(mode="after")
    def _codes(self) -> LawfulBases:
        _unique([b.code for b in self.bases], "lawful basis")
        return self

    def title_of(self, code: str) -> str:
        return next((b.title for b in self.bases if b.code == code), code)


class Need(enum.StrEnum):
    ADVICE = "advice"
    TARGET_AREA = "target_area"


class TriageOption(_Item):
    """One decision a hub may take about a subject."""

    code: str
    title: str
    applies_to: AppliesTo = AppliesTo.ANYONE
    hint: str = ""
    needs: tuple[Need, ...] = ()
    manager_sign_off: bool = False
    referrer_message: str


class TriageDefinition(Definition):
    timescale: str
    decisions: tuple[TriageOption, ...]

    @model_validator(mode="after")
    def _sensible(self) -> TriageDefinition:
        _unique([d.code for d in self.decisions], "decision")
        try:
            timescales_definition().get(self.timescale)
        except KeyError as exc:
            raise ValueError(f"timescale {self.timescale!r} is not in timescales.yaml") from exc
        return self

    def get(self, code: str) -> TriageOption | None:
        return next((d for d in self.decisions if d.code == code), None)

    def options_for(self, is_child: bool | None) -> list[TriageOption]:
        return [d for d in self.decisions if d.applies_to.allows(is_child)]


class EmergencyDutyTeam(_Item):
    area: str  # an area's slug
    name: str
    phone: str = ""


class ImmediateDanger(Definition):
    steps: tuple[str, ...]
    non_emergency: str = ""
    emergency_duty_teams: tuple[EmergencyDutyTeam, ...] = ()

    def duty_team_for(self, area_slug: str) -> EmergencyDutyTeam | None:
        return next((t for t in self.emergency_duty_teams if t.area == area_slug), None)


exploitation_types = register("referrals", "exploitation_types", ExploitationTypes)
lawful_bases = register("referrals", "lawful_bases", LawfulBases)
triage_definition = register("referrals", "triage", TriageDefinition)
immediate_danger = register("referrals", "immediate_danger", ImmediateDanger)


def definitions_label() -> str:
    """The versions a referral's answers were checked against, kept on the referral."""
    return "; ".join(
        f"{d.id} v{d.version}" for d in (exploitation_types(), lawful_bases(), triage_definition())
    )
