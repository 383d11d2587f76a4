"""The site's URLs. Every view declares its permission or is public (design.md §3.5)."""

from django.urls import include, path

from hub.organisations.admin import admin_site
from hub.platform import views as platform_views

handler400 = "hub.platform.views.bad_request"
handler403 = "hub.platform.views.permission_denied"
handler404 = "hub.platform.views.page_not_found"
handler500 = "hub.platform.views.server_error"

urlpatterns = [
    path("", platform_views.home, name="home"),
    path("sign-in/", platform_views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", platform_views.sign_out, name="sign-out"),
    path("mfa/set-up/", platform_views.mfa_setup, name="mfa-setup"),
    path("mfa/verify/", platform_views.mfa_verify, name="mfa-verify"),
    path("people/", include("hub.people.urls")),
    path("referrals/", include("hub.referrals.urls")),
    path("triage/", include("hub.referrals.triage_urls")),
    path("screening/", include("hub.screening.urls")),
    path("cases/", include("hub.cases.urls")),
    path("meetings/", include("hub.meetings.urls")),
    path("alerts/", include("hub.alerts.urls")),
    path("linkage/", include("hub.linkage.urls")),
    path("missing/", include("hub.missing.urls")),
    path("nrm/", include("hub.nrm.urls")),
    path("audit/", include("hub.platform.urls")),
    path("admin/", admin_site.urls),
]
