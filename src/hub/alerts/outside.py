"""Authorities outside the region as a definition: which authority a local authority code
belongs to (a district's county) and how to reach its safeguarding front door."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, field_validator

from hub.platform.definitions import Definition, Loc, register

_ONS_CODE = re.compile(r"^[ENSWL]\d{8}$")


class Authority(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    contact: str
    codes: tuple[str, ...]

    @field_validator("codes")
    @classmethod
    def _ons_codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        wrong = [code for code in codes if not _ONS_CODE.match(code)]
        if wrong:
            raise ValueError(f"not ONS local authority codes: {', '.join(wrong)}")
        return codes


class OutsideContacts(Definition):
    authorities: tuple[Authority, ...] = ()

    def contact_for(self, la_code: str | None) -> str:
        """Who to notify about a place with this local authority code (outside the region)."""
        for authority in self.authorities:
            if la_code in authority.codes:
                return f"{authority.name}: {authority.contact}"[:300]
        if la_code:
            return f"The local authority with ONS code {la_code}: find its safeguarding front door"
        return "The local authority where the person is: find its safeguarding front door"

    def problems(self) -> list[tuple[Loc, str]]:
        seen: dict[str, int] = {}
        found: list[tuple[Loc, str]] = []
        for index, authority in enumerate(self.authorities):
            for code in authority.codes:
                if code in seen:
                    message = f"{code} is listed under two authorities"
                    found.append((("authorities", index, "codes"), message))
                seen[code] = index
        return found


outside_contacts = register("alerts", "outside_contacts", OutsideContacts)
