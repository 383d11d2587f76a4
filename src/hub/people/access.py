"""How each scope narrows the person records an actor may see."""

from django.db.models import Exists, OuterRef, Q

from hub.platform.access import Scope, register_scope_rules

from .models import Person, PersonInvolvement


def _involved(**match: object) -> Q:
    return Q(Exists(PersonInvolvement.objects.filter(person=OuterRef("pk"), **match)))


register_scope_rules(
    Person,
    object_type="person",
    rules={
        Scope.OWN: lambda g: Q(created_by_id=g.user_id),
        Scope.TEAM: lambda g: _involved(team_id=g.team_id),
        Scope.AGENCY: lambda g: _involved(agency_id=g.agency_id),
        Scope.AREA: lambda g: (
            Q(home_area_id=g.area_id)
            | _involved(team__area_id=g.area_id)
            | _involved(agency__area_id=g.area_id)
        ),
    },
    area_of=lambda person: person.home_area_id,
)
