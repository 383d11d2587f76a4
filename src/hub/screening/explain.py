"""Reasons put for a reader: per form of exploitation, the grade, the reasons that decided it
(with the indicators in the tool's words), and the others that also applied."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hub.referrals.practice import exploitation_types

from .engine import OVERALL
from .tools import ScreeningTool


@dataclass(frozen=True)
class Because:
    text: str
    indicators: list[str]


@dataclass(frozen=True)
class Explanation:
    """One form of exploitation (or overall): its grade, what decided it, what else applied."""

    title: str
    grade: str
    decisive: list[Because] = field(default_factory=list)
    also: list[Because] = field(default_factory=list)


def explain(
    tool: ScreeningTool, grades: Mapping[str, str], overall: str, reasons: Sequence[Mapping]
) -> list[Explanation]:
    """Overall first, then each form of exploitation the tool grades, in the tool's order."""
    titles = {t.code: t.title for t in exploitation_types().types}
    texts = {i.id: i.text for i in tool.indicators()}
    scopes = [(OVERALL, "Overall", overall)] + [
        (code, titles.get(code, code), grades[code]) for code in tool.exploitation_types
    ]
    explained = []
    for scope, title, grade in scopes:
        mine = [r for r in reasons if r.get("applies_to") == scope and r.get("kind") != "pathway"]
        because = [
            (r.get("grade"), Because(r["text"], [texts.get(i, i) for i in r.get("indicators", [])]))
            for r in mine
        ]
        explained.append(
            Explanation(
                title=title,
                grade=tool.grade(grade).title,
                decisive=[b for g, b in because if g == grade],
                also=[b for g, b in because if g != grade],
            )
        )
    return explained
