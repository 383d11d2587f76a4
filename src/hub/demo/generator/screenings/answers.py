"""What the practitioner ticks: answers that fit the referral's forms of exploitation and the
person's record, and the circumstances the threshold document reads.

The answers are drawn towards a level of risk (the hub's sense of the concern), and the real
engine is asked after each one what the grade now is, so every grade stored is the engine's
own and the indicators behind it are those a practitioner would have ticked for that concern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from random import Random

from hub.screening.engine import Result, Subject, score
from hub.screening.thresholds import threshold_document
from hub.screening.tools import Indicator, IndicatorClass, ScreeningTool

from ..referrals.telling import Weighted, pick

# Referral types a tool does not grade, read as the nearest form it does.
TYPE_READINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "child_exploitation": {
        "SERIOUS_VIOLENCE": ("CCE",),
        "FINANCIAL": ("CCE",),
        "CUCKOOING": ("COUNTY_LINES",),
        "LABOUR": ("MODERN_SLAVERY_TRAFFICKING",),
        "DOMESTIC_SERVITUDE": ("MODERN_SLAVERY_TRAFFICKING",),
    },
    "adult_exploitation": {
        "CCE": ("COUNTY_LINES",),
        "SERIOUS_VIOLENCE": ("COUNTY_LINES",),
        "CSE": ("SEXUAL_EXPLOITATION_ADULT",),
        "ONLINE": ("SEXUAL_EXPLOITATION_ADULT", "FINANCIAL"),
    },
    "seraf": {"ONLINE": ("CSE",)},
}
# What the person's record already says, as each tool asks it: vulnerability code ->
# (indicator id, window kind: "any", "earlier" or "recent").
FROM_RECORD: dict[str, dict[str, tuple[str, str]]] = {
    "child_exploitation": {
        "care_experienced": ("care_experience", "any"),
        "send": ("special_needs", "recent"),
        "disability": ("special_needs", "recent"),
        "domestic_abuse": ("domestic_abuse_at_home", "any"),
        "insecure_immigration": ("insecure_immigration", "recent"),
        "missing_history": ("missing_repeatedly", "earlier"),
        "excluded": ("education_disengaged", "recent"),
        "substance_misuse": ("drug_misuse", "recent"),
        "mental_health": ("self_harm", "any"),
    },
    "adult_exploitation": {
        "substance_misuse": ("substance_dependency", "recent"),
        "mental_health": ("mental_ill_health", "recent"),
        "homeless": ("insecure_housing", "recent"),
    },
    "seraf": {
        "domestic_abuse": ("domestic_abuse", "any"),
        "care_experienced": ("family_breakdown", "any"),
        "homeless": ("unsuitable_accommodation", "recent"),
        "missing_history": ("missing", "earlier"),
        "excluded": ("not_in_education", "recent"),
        "substance_misuse": ("drug_misuse", "recent"),
    },
}
TRAFFICKING = {"MODERN_SLAVERY_TRAFFICKING", "LABOUR", "DOMESTIC_SERVITUDE"}
ADULT_TRAFFICKING = TRAFFICKING | {"SEXUAL_EXPLOITATION_ADULT"}
CARE_STATUSES = Weighted(
    (("none", 60), ("child_in_need", 18), ("child_protection_plan", 7), ("not_known", 15))
)


def level_ranks() -> dict[str, int]:
    """The threshold document's levels, lowest first, by id."""
    return {level.id: rank for rank, level in enumerate(threshold_document().levels)}


def tool_types(tool: ScreeningTool, referral_types: Iterable[str]) -> tuple[str, ...]:
    """The forms of exploitation the tool grades that the concern is about (all of them when
    the concern names none the tool knows)."""
    readings = TYPE_READINGS.get(tool.id, {})
    found: list[str] = []
    for code in referral_types:
        for reading in (code, *readings.get(code, ())):
            if reading in tool.exploitation_types and reading not in found:
                found.append(reading)
    return tuple(found) or tuple(tool.exploitation_types)


def fits(tool: ScreeningTool, indicator: Indicator, types: Iterable[str]) -> bool:
    """Whether an indicator bears on one of the forms of exploitation (with roll-ups)."""
    return bool(tool.bears_on(indicator) & set(types))


@dataclass(frozen=True)
class Drawn:
    """A screening's answers, circumstances, and what the engine gave for them."""

    answers: dict[str, str]
    circumstances: dict[str, bool | str]
    result: Result


class Answerer:
    """Draws answers for one tool at a time, asking the engine as it goes."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.ranks = level_ranks()

    def level(self, tool: ScreeningTool, result: Result) -> str:
        return tool.grade(result.overall).level

    def draw(
        self,
        tool: ScreeningTool,
        *,
        types: tuple[str, ...],
        vulnerabilities: list[str],
        born: date | None,
        assessed_on: date,
        circumstances: dict[str, bool | str],
        target: str,
    ) -> Drawn:
        """Answers towards the `target` level, for a concern about `types`."""
        rng = self.rng
        recent = [w.id for w in tool.windows if w.present and w.recent]
        earlier = [w.id for w in tool.windows if w.present and not w.recent]
        subject = Subject(assessed_on=assessed_on, date_of_birth=born, circumstances=circumstances)
        answers: dict[str, str] = {}
        by_id = {i.id: i for i in tool.indicators()}
        for code in vulnerabilities:
            found = FROM_RECORD.get(tool.id, {}).get(code)
            if found is None or found[0] not in by_id or rng.random() < 0.15:
                continue
            indicator = by_id[found[0]]
            if indicator.indicator_class != IndicatorClass.VULNERABILITY and not fits(
                tool, indicator, types
            ):
                continue  # a risk the record holds, but not about this concern
            kind = found[1] if found[1] != "any" else rng.choice(("recent", "earlier"))
            answers[indicator.id] = pick(rng, recent if kind == "recent" else earlier)
        pools = {
            cls: [i for i in tool.indicators() if i.indicator_class == cls and fits(tool, i, types)]
            for cls in IndicatorClass
        }
        extra = pools[IndicatorClass.VULNERABILITY]
        for indicator in rng.sample(extra, k=min(len(extra), rng.randint(0, 2))):
            answers.setdefault(indicator.id, pick(rng, recent + earlier))
        wanted = self.ranks[target]
        result = score(tool, answers=answers, subject=subject)
        for _ in range(18):
            if self.ranks[self.level(tool, result)] >= wanted:
                break
            self._add(answers, pools, wanted, recent, earlier)
            result = score(tool, answers=answers, subject=subject)
        if wanted >= 1:  # what else the practitioner saw (it can only raise the grade)
            for _ in range(rng.choice((0, 1, 1, 2))):
                self._add(answers, pools, 1, recent, earlier)
            result = score(tool, answers=answers, subject=subject)
        return Drawn(answers, circumstances, result)

    def _add(
        self,
        answers: dict[str, str],
        pools: dict[IndicatorClass, list[Indicator]],
        wanted: int,
        recent: list[str],
        earlier: list[str],
    ) -> None:
        """One more indicator present: significant ones towards the higher levels."""
        rng = self.rng
        significant = rng.random() < (0.7 if wanted >= 2 else 0.25)
        cls = IndicatorClass.SIGNIFICANT if significant else IndicatorClass.RISK
        free = [i for i in pools[cls] if i.id not in answers]
        if not free:
            cls = IndicatorClass.RISK if significant else IndicatorClass.SIGNIFICANT
            free = [i for i in pools[cls] if i.id not in answers]
        if not free:
            free = [i for i in pools[IndicatorClass.VULNERABILITY] if i.id not in answers]
        if not free:
            return
        indicator = pick(rng, free)
        if wanted >= 2 or cls == IndicatorClass.RISK:
            now_share = 0.85 if wanted >= 2 else 0.6
        else:
            now_share = 0.2  # a significant sign long ago: at risk, not more
        answers[indicator.id] = pick(rng, recent if rng.random() < now_share else earlier)


def circumstances_for(
    rng: Random, *, child: bool, vulnerabilities: list[str], types: Iterable[str]
) -> dict[str, bool | str]:
    """The circumstances as the practitioner sets them on the form (those left "not known"
    are not sent), for a child or an adult."""
    learning = "learning_disability" in vulnerabilities
    found: dict[str, bool | str] = {}
    if child:
        care = "looked_after" if "care_experienced" in vulnerabilities else CARE_STATUSES.draw(rng)
        if care != "not_known":
            found["care_status"] = care
        found["existing_plan"] = care in ("child_in_need", "child_protection_plan")
        found["learning_disability"] = learning
        return found
    found["existing_plan"] = rng.random() < 0.08
    found["learning_disability"] = learning
    needs = learning or "disability" in vulnerabilities or "mental_health" in vulnerabilities
    found["care_and_support_needs"] = rng.random() < (0.75 if needs else 0.15)
    if found["care_and_support_needs"]:
        found["unable_to_protect"] = rng.random() < 0.6
    if ADULT_TRAFFICKING & set(types):
        found["consent_to_nrm"] = rng.random() < 0.6
    return found
