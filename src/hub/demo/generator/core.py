"""The one entry point, `region_build`, and the steps it runs in order.

Each step makes one family of records and leaves what later steps need on the `RegionBuild`.
Later work adds its records (referrals, cases, meetings...) by appending a `Step` to `STEPS`.
Every step draws from its own random stream, seeded by the build's seed and the step's name, so
adding or changing a step never changes what the steps before it make: same seed, same region.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import TYPE_CHECKING, Protocol

from django.db import transaction
from django.utils import timezone

from hub.platform.audit import audit_record

from . import cases, identities, missing, organisations, people, referrals, screenings, users

if TYPE_CHECKING:
    from hub.organisations.models import Agency, Area, Team, User

# Persons per size. `tiny` is for the test suite; `small` is the default demo; `region` is the
# scale of a real region's caseload, for benchmarks.
SIZES: dict[str, int] = {"tiny": 200, "small": 2_000, "region": 200_000}
PUBLIC_SIZES: tuple[str, ...] = ("small", "region")


class Progress(Protocol):
    """Where a long step reports how far it has got (the command shows a progress bar)."""

    def start(self, label: str, total: int) -> None: ...

    def advance(self, amount: int) -> None: ...


class _Silent:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


@dataclass(frozen=True)
class BuildOptions:
    """What to build: how many persons, from which seed, as of which day (default today)."""

    size: str = "small"
    seed: int = 1
    as_of: date | None = None

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise ValueError(f"unknown size {self.size!r}; choose from {', '.join(SIZES)}")


@dataclass
class RegionBuild:
    """The build in progress: its options, and what each step made for the steps after it."""

    options: BuildOptions
    as_of: date
    progress: Progress
    areas: dict[str, Area] = field(default_factory=dict)  # by slug
    agencies: dict[str, Agency] = field(default_factory=dict)  # by key, see organisations.py
    teams: dict[str, Team] = field(default_factory=dict)  # by key, e.g. "hub:coventry"
    # Teams by (area slug, kind of involvement with people), e.g. ("coventry", "police").
    teams_by_involvement: dict[tuple[str, str], list[Team]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)  # by username
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def persons_total(self) -> int:
        return SIZES[self.options.size]

    def rng(self, step: str) -> Random:
        """The step's own random stream (string seeds hash the same in every process)."""
        return Random(f"hub-demo:{self.options.seed}:{step}")


@dataclass(frozen=True)
class Step:
    """One stage of the build."""

    name: str
    run: Callable[[RegionBuild], None]


STEPS: list[Step] = [
    Step("organisations", organisations.build),
    Step("users", users.build),
    Step("people", people.build),
    Step("identities", identities.build),
    Step("referrals", referrals.build),
    Step("screenings", screenings.build),
    Step("cases", cases.build),
    Step("missing", missing.build),
]


@dataclass(frozen=True)
class BuildResult:
    """What a build made, and how long it took."""

    size: str
    seed: int
    as_of: date
    counts: dict[str, int]
    seconds: float


def region_build(*, options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Build the synthetic region into an empty database, all in one transaction, audited."""
    started = time.perf_counter()
    region = RegionBuild(
        options=options, as_of=options.as_of or timezone.localdate(), progress=progress or _Silent()
    )
    with transaction.atomic():
        for step in STEPS:
            step.run(region)
        audit_record(
            actor=None,
            action="demo_build",
            actor_label="hub demo",
            detail={
                "size": options.size,
                "seed": options.seed,
                "as_of": region.as_of.isoformat(),
                "counts": region.counts,
            },
        )
    return BuildResult(
        size=options.size,
        seed=options.seed,
        as_of=region.as_of,
        counts=dict(region.counts),
        seconds=time.perf_counter() - started,
    )
