"""How each scope narrows cases, and the case-team scope cases bring to persons and screenings:
a worker on a case team reaches the case, its persons and their confirmed screenings, for as
long as they are on the team."""

from django.db.models import Exists, OuterRef, Q

from hub.people.models import Person
from hub.platform.access import Grant, Scope, ScopeRule, extend_scope_rules, register_scope_rules
from hub.screening.models import Screening

from .models import Case, CaseMember, CaseSubject


def _on_team(grant: Grant) -> Q:
    return Q(
        Exists(
            CaseMember.objects.filter(
                case=OuterRef("pk"), user_id=grant.user_id, left_at__isnull=True
            )
        )
    )


def person_on_my_case(field: str) -> ScopeRule:
    """A case-team rule for records about a person: those whose person (at `field`) is on a
    case the grant's user is on the team of."""

    def rule(grant: Grant) -> Q:
        cases = CaseMember.objects.filter(user_id=grant.user_id, left_at__isnull=True).values(
            "case_id"
        )
        return Q(Exists(CaseSubject.objects.filter(person_id=OuterRef(field), case_id__in=cases)))

    return rule


register_scope_rules(
    Case,
    object_type="case",
    rules={
        Scope.OWN: lambda g: Q(opened_by_id=g.user_id) | Q(lead_professional_id=g.user_id),
        Scope.CASE_TEAM: _on_team,
        Scope.AGENCY: lambda g: Q(lead_agency_id=g.agency_id),
        Scope.AREA: lambda g: Q(area_id=g.area_id),
    },
    area_of=lambda case: case.area_id,
)
extend_scope_rules(Person, Scope.CASE_TEAM, person_on_my_case("pk"))
extend_scope_rules(
    Screening,
    Scope.CASE_TEAM,
    lambda g: ~Q(status=Screening.Status.DRAFT) & person_on_my_case("person_id")(g),
)
