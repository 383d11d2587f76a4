"""How each scope narrows missing episodes, placements and Philomena profiles: by the person
they are about (as the person records are scoped), plus the area responsible for the child,
and a live cross-border grant for the area where they were found or placed."""

from __future__ import annotations

from django.db.models import Q

from hub.alerts.access import cross_border_granted
from hub.cases.access import person_on_my_case
from hub.people.access import about_persons_in_reach
from hub.platform.access import Grant, Scope, ScopeRule, register_scope_rules

from .models import MissingEpisode, PhilomenaProfile, Placement


def _about_person(own_field: str, area_field: str | None = None) -> dict[Scope, ScopeRule]:
    def area(grant: Grant) -> Q:
        reach = about_persons_in_reach(Scope.AREA)(grant) | cross_border_granted(grant, "person_id")
        return reach | Q(**{area_field: grant.area_id}) if area_field else reach

    return {
        Scope.OWN: lambda g: Q(**{own_field: g.user_id}),
        Scope.TEAM: about_persons_in_reach(Scope.TEAM),
        Scope.CASE_TEAM: person_on_my_case("person_id"),
        Scope.AGENCY: about_persons_in_reach(Scope.AGENCY),
        Scope.AREA: area,
    }


register_scope_rules(
    MissingEpisode,
    object_type="missing_episode",
    rules=_about_person("recorded_by_id", "responsible_area_id"),
    area_of=lambda episode: episode.responsible_area_id,
)
register_scope_rules(
    Placement,
    object_type="placement",
    rules=_about_person("recorded_by_id", "placing_area_id"),
    area_of=lambda placement: placement.placing_area_id,
)
register_scope_rules(
    PhilomenaProfile,
    object_type="philomena_profile",
    rules=_about_person("created_by_id"),
    area_of=lambda profile: profile.person.home_area_id,  # where the child lives
)
