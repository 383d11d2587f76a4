"""Who reaches a meeting (and its minutes): its chair and whoever scheduled it, the agencies
that attended, the teams of the cases on its agenda, and the area's meeting managers."""

from django.db.models import Exists, OuterRef, Q

from hub.cases.models import CaseMember
from hub.platform.access import Grant, Scope, register_scope_rules

from .models import AgendaItem, Attendance, Meeting


def _attended(grant: Grant) -> Q:
    return Q(
        Exists(
            Attendance.objects.filter(
                meeting=OuterRef("pk"), agency_id=grant.agency_id, status=Attendance.Status.ATTENDED
            )
        )
    )


def _case_team(grant: Grant) -> Q:
    cases = CaseMember.objects.filter(user_id=grant.user_id, left_at__isnull=True).values("case_id")
    return Q(Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"), case_id__in=cases)))


register_scope_rules(
    Meeting,
    object_type="meeting",
    rules={
        Scope.OWN: lambda g: Q(chair_id=g.user_id) | Q(created_by_id=g.user_id),
        Scope.AGENCY: _attended,
        Scope.CASE_TEAM: _case_team,
        Scope.AREA: lambda g: Q(area_id=g.area_id),
    },
    area_of=lambda meeting: meeting.area_id,
)
