"""The National Referral Mechanism as a definition: first responder organisations, the NRM's
forms of exploitation, competent authorities, support while decisions are awaited, the
devolved child decision-making pilot, and the offences the section 45 defence never covers."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from hub.platform.definitions import Definition, Loc, register


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Item):
    code: str
    title: str


class FirstResponder(Choice):
    # An agency of the partnership is this first responder when its kind or its name is listed.
    agency_kinds: tuple[str, ...] = ()
    agency_names: tuple[str, ...] = ()


class Offence(Choice):
    schedule_4: bool = False  # Modern Slavery Act 2015 Schedule 4: no section 45 defence


def _duplicates(name: str, items: Sequence[Choice]) -> list[tuple[Loc, str]]:
    seen: set[str] = set()
    found: list[tuple[Loc, str]] = []
    for index, item in enumerate(items):
        if item.code in seen:
            found.append(((name, index, "code"), f"{item.code} is listed twice"))
        seen.add(item.code)
    return found


class NrmPractice(Definition):
    first_responders: tuple[FirstResponder, ...]
    exploitation_types: tuple[Choice, ...]
    competent_authorities: tuple[Choice, ...]
    support_statuses: tuple[Choice, ...]
    devolved_pilot_areas: tuple[str, ...] = ()
    devolved_days_before_18: int = Field(default=100, ge=0, le=365)
    offences: tuple[Offence, ...]

    def first_responder_for(self, agency_kind: str, agency_name: str) -> FirstResponder | None:
        """The first responder an agency of the partnership is, or None (health, schools...)."""
        return next(
            (
                responder
                for responder in self.first_responders
                if agency_kind in responder.agency_kinds or agency_name in responder.agency_names
            ),
            None,
        )

    def title_of(self, kind: str, code: str) -> str:
        """The title of a code in one of the lists (`kind` names the list)."""
        items: Sequence[Choice] = getattr(self, kind)
        return next((item.title for item in items if item.code == code), code)

    def codes(self, kind: str) -> set[str]:
        return {item.code for item in getattr(self, kind)}

    def offence(self, code: str) -> Offence | None:
        return next((offence for offence in self.offences if offence.code == code), None)

    def problems(self) -> list[tuple[Loc, str]]:
        from hub.organisations.models import Agency

        found: list[tuple[Loc, str]] = []
        for name in (
            "first_responders",
            "exploitation_types",
            "competent_authorities",
            "support_statuses",
            "offences",
        ):
            found += _duplicates(name, getattr(self, name))
        for index, responder in enumerate(self.first_responders):
            for kind in responder.agency_kinds:
                if kind not in Agency.Kind.values:
                    known = ", ".join(Agency.Kind.values)
                    message = f"{kind} is not a kind of agency (known: {known})"
                    found.append((("first_responders", index, "agency_kinds"), message))
        for code in ("sca", "devolved_panel"):
            if code not in self.codes("competent_authorities"):
                found.append((("competent_authorities",), f"{code} must be listed"))
        return found


nrm_practice = register("nrm", "nrm", NrmPractice)
