"""What every page's shell needs: demo banner, and navigation by role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .access import Permission, has_permission

# Navigation: (label, url name, permission that shows it). Later issues add their sections.
NAVIGATION: list[tuple[str, str, Permission]] = [
    ("My work", "home", Permission.HOME_VIEW),
    ("Alerts", "alerts:list", Permission.HOME_VIEW),
    ("People", "people:search", Permission.PERSON_SEARCH),
    ("Referrals", "referrals:mine", Permission.REFERRAL_CREATE),
    ("Triage", "triage:queue", Permission.REFERRAL_TRIAGE),
    ("Cases", "cases:list", Permission.CASE_VIEW),
    ("Meetings", "meetings:list", Permission.MEETING_VIEW),
    ("Missing", "missing:list", Permission.MISSING_VIEW),
    ("NRM", "nrm:list", Permission.NRM_VIEW),
    ("Record linkage", "linkage:queue", Permission.LINKAGE_REVIEW),
    ("Break-glass reviews", "audit:break-glass-queue", Permission.BREAK_GLASS_REVIEW),
    ("Access log", "audit:record-access-search", Permission.RECORD_ACCESS_VIEW),
    ("Administration", "admin:index", Permission.USER_MANAGE),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    """Demo flag and the navigation items the signed-in user's roles allow."""
    items = []
    user = getattr(request, "user", None)
    # Until the second step is passed, nothing but that step is open: no menu to offer.
    awaiting_mfa = settings.HUB_MFA_REQUIRED and not getattr(user, "is_verified", lambda: True)()
    if user is not None and user.is_authenticated and not awaiting_mfa:
        for label, url_name, permission in NAVIGATION:
            if has_permission(user, permission):  # type: ignore[arg-type]
                url = reverse(url_name)
                current = request.path == url if url == "/" else request.path.startswith(url)
                items.append({"label": label, "url": url, "current": current})
    return {"hub_demo_mode": settings.HUB_DEMO_MODE, "hub_nav": items}
