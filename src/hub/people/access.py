"""How each scope narrows the person records an actor may see."""

from django.db.models import Exists, OuterRef, Q

from hub.platform.access import Grant, Scope, ScopeRule, register_scope_rules

from .models import Person, PersonInvolvement


def _involved(**match: object) -> Q:
    return Q(Exists(PersonInvolvement.objects.filter(person=OuterRef("pk"), **match)))


PERSON_RULES: dict[Scope, ScopeRule] = {
    Scope.TEAM: lambda g: _involved(team_id=g.team_id),
    Scope.AGENCY: lambda g: _involved(agency_id=g.agency_id),
    Scope.AREA: lambda g: (
        Q(home_area_id=g.area_id)
        | _involved(team__area_id=g.area_id)
        | _involved(agency__area_id=g.area_id)
    ),
}

register_scope_rules(
    Person,
    object_type="person",
    rules={Scope.OWN: lambda g: Q(created_by_id=g.user_id), **PERSON_RULES},
    area_of=lambda person: person.home_area_id,
)


def about_persons_in_reach(scope: Scope, field: str = "person") -> ScopeRule:
    """A scope rule for records about a person (a screening, say): the records whose person
    the grant reaches by the person's own rule for that scope (team, agency, area)."""
    rule = PERSON_RULES[scope]

    def reach(grant: Grant) -> Q:
        persons = Person.objects.filter(pk=OuterRef(f"{field}_id")).filter(rule(grant))
        return Q(Exists(persons))

    return reach
