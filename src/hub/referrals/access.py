"""How each scope narrows the referrals an actor may see."""

from django.db.models import Q

from hub.platform.access import Scope, register_scope_rules

from .models import Referral

register_scope_rules(
    Referral,
    object_type="referral",
    rules={
        Scope.OWN: lambda g: Q(referrer_id=g.user_id),
        Scope.TEAM: lambda g: Q(referrer_team_id=g.team_id),
        Scope.AGENCY: lambda g: Q(referrer_agency_id=g.agency_id),
        # The hub of an area sees the referrals sent to it (never drafts: those are the
        # referrer's own until sent).
        Scope.AREA: lambda g: Q(area_id=g.area_id) & ~Q(status=Referral.Status.DRAFT),
    },
    area_of=lambda referral: referral.area_id,
)
