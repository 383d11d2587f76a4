"""The partnership: the region's areas, its agencies of every kind, and their teams.

Councils, police, probation and the ICBs carry their real names; the NHS trusts are real trusts
of the region; schools and charities are invented (no real school or charity is meant).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hub.organisations.models import Agency, Area, Team
from hub.platform.places import WEST_MIDLANDS_AREAS

if TYPE_CHECKING:
    from .core import RegionBuild

Kind = Agency.Kind

# (ONS code, name, slug) for the seven metropolitan areas, and the one area outside them all.
AREAS: tuple[tuple[str, str, str], ...] = tuple(
    (code, name, name.lower()) for code, name in WEST_MIDLANDS_AREAS.items()
)
OUTSIDE_AREA = ("OUTSIDE", "Outside the region", "outside")
BUSINESS_UNIT = "business_unit"


@dataclass(frozen=True)
class MultiAreaAgency:
    """An agency working in several areas, with one team per area (`{area}` in the name)."""

    key: str
    name: str
    kind: str
    team_name: str
    involvement: str  # the kind of involvement its teams have with people (population.py)
    areas: tuple[str, ...]


ALL = tuple(slug for _, _, slug in AREAS)
BLACK_COUNTRY = ("dudley", "sandwell", "walsall", "wolverhampton")

REGIONAL_AGENCIES: tuple[MultiAreaAgency, ...] = (
    MultiAreaAgency(
        "police", "West Midlands Police", Kind.POLICE,
        "{area} Police Child Exploitation Team", "police", ALL,
    ),
    MultiAreaAgency(
        "probation", "Probation Service West Midlands", Kind.PROBATION,
        "{area} Probation Delivery Unit", "probation", ALL,
    ),
    MultiAreaAgency(
        "icb_black_country", "Black Country ICB", Kind.HEALTH_ICB,
        "{area} Designated Safeguarding Team", "icb", BLACK_COUNTRY,
    ),
    MultiAreaAgency(
        "icb_bsol", "Birmingham and Solihull ICB", Kind.HEALTH_ICB,
        "{area} Designated Safeguarding Team", "icb", ("birmingham", "solihull"),
    ),
    MultiAreaAgency(
        "icb_coventry", "Coventry and Warwickshire ICB", Kind.HEALTH_ICB,
        "{area} Designated Safeguarding Team", "icb", ("coventry",),
    ),
    MultiAreaAgency(
        "trust_bwc", "Birmingham Women's and Children's NHS Foundation Trust", Kind.HEALTH_TRUST,
        "{area} Children's Safeguarding Team", "health", ("birmingham", "solihull"),
    ),
    MultiAreaAgency(
        "trust_swb", "Sandwell and West Birmingham Hospitals NHS Trust", Kind.HEALTH_TRUST,
        "{area} Hospital Safeguarding Team", "health", ("sandwell", "birmingham"),
    ),
    MultiAreaAgency(
        "trust_uhcw", "University Hospitals Coventry and Warwickshire NHS Trust",
        Kind.HEALTH_TRUST, "{area} Hospital Safeguarding Team", "health", ("coventry",),
    ),
    MultiAreaAgency(
        "trust_bchft", "Black Country Healthcare NHS Foundation Trust", Kind.HEALTH_TRUST,
        "{area} Child and Adolescent Mental Health Service", "health", BLACK_COUNTRY,
    ),
    MultiAreaAgency(
        "trust_rwt", "The Royal Wolverhampton NHS Trust", Kind.HEALTH_TRUST,
        "{area} Hospital Safeguarding Team", "health", ("wolverhampton", "walsall"),
    ),
    MultiAreaAgency(
        "charity_lanternway", "Lanternway Youth Trust", Kind.VOLUNTARY,
        "Lanternway {area} Outreach Team", "voluntary",
        ("birmingham", "solihull", "sandwell", "coventry"),
    ),
    MultiAreaAgency(
        "charity_brightwater", "Brightwater Exploitation Support", Kind.VOLUNTARY,
        "Brightwater {area} Young People's Service", "voluntary",
        ("dudley", "walsall", "wolverhampton", "coventry", "birmingham"),
    ),
)  # fmt: skip

# Each area's own council services: (key, agency name, kind, [(team key, team name, involvement)]).
AREA_AGENCIES: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "childrens",
        "{area} Children's Services",
        Kind.CHILDRENS_SERVICES,
        (
            ("hub", "{area} Exploitation Hub", "hub"),
            ("social_care", "{area} Children's Social Care Assessment Team", "social_care"),
            ("quality", "{area} Children's Services Quality Assurance Team", "quality"),
        ),
    ),
    (
        "adults",
        "{area} Adult Social Care",
        Kind.ADULT_SERVICES,
        (("adults", "{area} Adult Safeguarding Team", "adults"),),
    ),
    (
        "housing",
        "{area} Housing",
        Kind.HOUSING,
        (("housing", "{area} Housing Options Team", "housing"),),
    ),
    (
        "youth_justice",
        "{area} Youth Justice Service",
        Kind.YOUTH_JUSTICE,
        (("youth_justice", "{area} Youth Justice Case Management Team", "youth_justice"),),
    ),
)

# Two invented schools or colleges per area (names chosen not to be any real school).
SCHOOLS: dict[str, tuple[str, str]] = {
    "birmingham": ("Kestrel Brook Academy", "Ashmere Sixth Form College"),
    "coventry": ("Spireview Academy", "Larchmoor College"),
    "dudley": ("Glasshouse Lane Academy", "Fenwick Ridge College"),
    "sandwell": ("Foundry Mead Academy", "Canalside Vale College"),
    "solihull": ("Willowmere Academy", "Hazelcroft College"),
    "walsall": ("Tanners Reach Academy", "Saddlestone College"),
    "wolverhampton": ("Peregrine Hill Academy", "Copperleaf College"),
}


def build(region: RegionBuild) -> None:
    """Areas, agencies and teams; recorded on `region` for the later steps."""
    areas = Area.objects.bulk_create(
        [Area(code=code, name=name, slug=slug, in_region=True) for code, name, slug in AREAS]
        + [Area(code=OUTSIDE_AREA[0], name=OUTSIDE_AREA[1], slug=OUTSIDE_AREA[2], in_region=False)]
    )
    region.areas = {area.slug: area for area in areas}

    agencies: dict[str, Agency] = {}
    for spec in REGIONAL_AGENCIES:
        only = region.areas[spec.areas[0]] if len(spec.areas) == 1 else None
        agencies[spec.key] = Agency(name=spec.name, kind=spec.kind, area=only)
    for slug in ALL:
        area = region.areas[slug]
        for key, name, kind, _ in AREA_AGENCIES:
            agencies[f"{key}:{slug}"] = Agency(
                name=name.format(area=area.name), kind=kind, area=area
            )
        for number, school in enumerate(SCHOOLS[slug], start=1):
            agencies[f"school{number}:{slug}"] = Agency(name=school, kind=Kind.EDUCATION, area=area)
    Agency.objects.bulk_create(agencies.values())
    region.agencies = agencies

    # Teams, each with the kind of involvement it has with people (see population.py).
    teams: dict[str, tuple[Team, str]] = {}
    for spec in REGIONAL_AGENCIES:
        for slug in spec.areas:
            area = region.areas[slug]
            team = Team(
                name=spec.team_name.format(area=area.name), agency=agencies[spec.key], area=area
            )
            teams[f"{spec.key}:{slug}"] = (team, spec.involvement)
    for slug in ALL:
        area = region.areas[slug]
        for agency_key, _, _, team_specs in AREA_AGENCIES:
            for team_key, team_name, involvement in team_specs:
                team = Team(
                    name=team_name.format(area=area.name),
                    agency=agencies[f"{agency_key}:{slug}"],
                    area=area,
                    is_hub=team_key == "hub",
                )
                teams[f"{team_key}:{slug}"] = (team, involvement)
        for number, school in enumerate(SCHOOLS[slug], start=1):
            team = Team(
                name=f"{school} Safeguarding Team",
                agency=agencies[f"school{number}:{slug}"],
                area=area,
            )
            teams[f"school{number}:{slug}"] = (team, "school")
    # The partnership's own staff (data protection, administration), hosted by Birmingham.
    teams[BUSINESS_UNIT] = (
        Team(
            name="West Midlands Exploitation Partnership Business Unit",
            agency=agencies["childrens:birmingham"],
            area=region.areas["birmingham"],
        ),
        "none",
    )
    Team.objects.bulk_create([team for team, _ in teams.values()])
    region.teams = {key: team for key, (team, _) in teams.items()}
    for team, involvement in teams.values():
        region.teams_by_involvement.setdefault((team.area.slug, involvement), []).append(team)

    region.counts.update(areas=len(areas), agencies=len(agencies), teams=len(teams))
