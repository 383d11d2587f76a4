"""Meeting types as a definition: minimum attendance by kind of agency, and follow-ups."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hub.organisations.models import Agency
from hub.platform.definitions import Definition, Loc, register
from hub.platform.timescales import timescales_definition


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FollowUp(_Item):
    title: str
    timescale: str


class MeetingType(_Item):
    code: str
    title: str
    applies_to: str = Field(default="anyone", alias="for")
    minimum_attendance: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


class MeetingTypes(Definition):
    attendance_groups: dict[str, tuple[str, ...]]
    types: tuple[MeetingType, ...]

    def get(self, code: str) -> MeetingType | None:
        return next((t for t in self.types if t.code == code), None)

    def missing(self, meeting_type: MeetingType, attended_kinds: set[str]) -> list[str]:
        """The groups of the minimum attendance nobody attended for (their names)."""
        return [
            group
            for group in meeting_type.minimum_attendance
            if not set(self.attendance_groups.get(group, ())) & attended_kinds
        ]

    def group_title(self, group: str) -> str:
        """An attendance group as people read it: the name of its one kind of agency
        ("Police force"), or the group's own name ("Health", a trust or the ICB)."""
        kinds = self.attendance_groups.get(group, ())
        if len(kinds) == 1 and kinds[0] in Agency.Kind.values:
            return str(Agency.Kind(kinds[0]).label)
        return group.replace("_", " ").capitalize()

    def problems(self) -> list[tuple[Loc, str]]:
        found: list[tuple[Loc, str]] = []
        kinds = set(Agency.Kind.values)
        for group, members in self.attendance_groups.items():
            for kind in members:
                if kind not in kinds:
                    found.append((("attendance_groups", group), f"{kind} is not a kind of agency"))
        codes = [t.code for t in self.types]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            found.append((("types",), f"meeting type codes must be unique: {', '.join(twice)}"))
        timescales = {t.code for t in timescales_definition().timescales}
        for index, meeting_type in enumerate(self.types):
            if meeting_type.applies_to not in ("children", "adults", "anyone"):
                found.append((("types", index, "for"), "children, adults or anyone"))
            for g_index, group in enumerate(meeting_type.minimum_attendance):
                if group not in self.attendance_groups:
                    found.append(
                        (
                            ("types", index, "minimum_attendance", g_index),
                            f"{group} is not an attendance group",
                        )
                    )
            for f_index, follow_up in enumerate(meeting_type.follow_ups):
                if follow_up.timescale not in timescales:
                    found.append(
                        (
                            ("types", index, "follow_ups", f_index, "timescale"),
                            f"{follow_up.timescale} is not in timescales.yaml",
                        )
                    )
        return found


meeting_types = register("meetings", "meeting_types", MeetingTypes)
