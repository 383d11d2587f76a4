"""How each scope narrows the screenings an actor may see: their own (drafts included), and
the confirmed screenings of persons their team, agency or area may see."""

from django.db.models import Q

from hub.people.access import about_persons_in_reach
from hub.platform.access import Grant, Scope, ScopeRule, register_scope_rules

from .models import Screening

_CONFIRMED = ~Q(status=Screening.Status.DRAFT)


def _confirmed(rule: ScopeRule) -> ScopeRule:
    def reach(grant: Grant) -> Q:
        return _CONFIRMED & rule(grant)

    return reach


register_scope_rules(
    Screening,
    object_type="screening",
    rules={
        Scope.OWN: lambda g: Q(completed_by_id=g.user_id),
        Scope.TEAM: _confirmed(
            lambda g: Q(team_id=g.team_id) | about_persons_in_reach(Scope.TEAM)(g)
        ),
        Scope.AGENCY: _confirmed(about_persons_in_reach(Scope.AGENCY)),
        Scope.AREA: _confirmed(about_persons_in_reach(Scope.AREA)),
    },
    area_of=lambda screening: screening.person.home_area_id,
)
