"""How each scope narrows NRM records. Referrals: by the person they are about (as the person
records are scoped), plus the area whose hub tracks them. Duty to Notify records name no
person: the worker who made one, their agency, and the area's hub see it."""

from __future__ import annotations

from django.db.models import Q

from hub.cases.access import person_on_my_case
from hub.people.access import about_persons_in_reach
from hub.platform.access import Scope, register_scope_rules

from .models import DutyToNotify, NrmReferral

register_scope_rules(
    NrmReferral,
    object_type="nrm_referral",
    rules={
        Scope.OWN: lambda g: Q(referred_by_id=g.user_id),
        Scope.TEAM: about_persons_in_reach(Scope.TEAM),
        Scope.CASE_TEAM: person_on_my_case("person_id"),
        Scope.AGENCY: lambda g: about_persons_in_reach(Scope.AGENCY)(g) | Q(agency_id=g.agency_id),
        Scope.AREA: lambda g: about_persons_in_reach(Scope.AREA)(g) | Q(area_id=g.area_id),
    },
    area_of=lambda referral: referral.area_id,
)
register_scope_rules(
    DutyToNotify,
    object_type="duty_to_notify",
    rules={
        Scope.OWN: lambda g: Q(notified_by_id=g.user_id),
        Scope.AGENCY: lambda g: Q(agency_id=g.agency_id),
        Scope.AREA: lambda g: Q(area_id=g.area_id),
    },
    area_of=lambda notification: notification.area_id,
)
