"""Administration: users and configuration only, for administrators only."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from hub.organisations.admin import admin_site
from hub.organisations.models import Area, Membership, User
from hub.people.models import Person, PersonInvolvement
from hub.platform.models import AccessLogEntry
from tests.authz import AuthorizationContract


class TestAdminAccess(AuthorizationContract):
    def url(self, world):
        return reverse("admin:index")

    def allowed(self, world):
        return world.admin

    def forbidden(self, world):
        return world.bham_hub_manager

    def test_anonymous_is_sent_to_sign_in(self, world, client):
        response = client.get(self.url(world))
        assert response.status_code == 302
        assert client.get(response["Location"], follow=True).redirect_chain[-1][0] == "/sign-in/"


def test_the_admin_holds_no_personal_data_of_the_people_worked_with(world):
    registered = set(admin_site._registry)
    assert {User, Area} <= registered
    assert not registered & {Person, PersonInvolvement, AccessLogEntry}


def test_administrator_manages_users_and_roles(world, client):
    client.force_login(world.admin)
    assert client.get(reverse("admin:organisations_user_changelist")).status_code == 200
    page = client.get(
        reverse("admin:organisations_user_change", args=[world.bham_hub_practitioner.pk])
    )
    assert page.status_code == 200 and b"hub_practitioner" in page.content


def test_deactivating_through_the_admin_ends_sessions(world):
    worker = Client()
    worker.force_login(world.bham_hub_practitioner)
    assert worker.get("/").status_code == 200
    admin = Client()
    admin.force_login(world.admin)
    response = admin.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "deactivate", "_selected_action": [world.bham_hub_practitioner.pk]},
    )
    assert response.status_code == 302
    assert worker.get("/").status_code == 302
    assert Session.objects.count() == 1  # only the administrator's
    assert Membership.objects.filter(user=world.bham_hub_practitioner).exists()  # history kept


def test_unticking_active_in_the_form_deactivates_and_is_audited(world):
    from hub.platform.models import AccessLogEntry

    worker = Client()
    worker.force_login(world.cov_hub_practitioner)
    admin = Client()
    admin.force_login(world.admin)
    url = reverse("admin:organisations_user_change", args=[world.cov_hub_practitioner.pk])
    user = world.cov_hub_practitioner
    data = {  # the editable fields as the form shows them, with "active" unticked
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "job_title": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert worker.get("/").status_code == 302
    assert AccessLogEntry.objects.filter(
        action="user_deactivate", object_id=world.cov_hub_practitioner.pk
    ).exists()
