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


def _user_form(user, **memberships):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "job_title": "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(memberships)
    return data


def test_an_administrator_cannot_grant_themselves_a_role(world, client):
    client.force_login(world.admin)
    url = reverse("admin:organisations_user_change", args=[world.admin.pk])
    client.post(
        url,
        _user_form(
            world.admin,
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-team": str(world.cov_hub.pk),
                "memberships-0-role": "hub_manager",
            },
        ),
    )
    assert list(Membership.objects.filter(user=world.admin).values_list("role", flat=True)) == [
        "administrator"
    ]
    assert client.get(reverse("people:detail", args=[world.cov_person.pk])).status_code == 403


def test_granting_a_role_to_someone_else_is_in_the_access_log(world, client):
    client.force_login(world.admin)
    url = reverse("admin:organisations_user_change", args=[world.no_roles.pk])
    existing = Membership.objects.get(user=world.no_roles)
    response = client.post(
        url,
        _user_form(
            world.no_roles,
            **{
                "memberships-TOTAL_FORMS": "2",
                "memberships-INITIAL_FORMS": "1",
                "memberships-0-id": str(existing.pk),
                "memberships-0-user": str(world.no_roles.pk),
                "memberships-0-team": str(existing.team_id),
                "memberships-0-role": "practitioner",
                "memberships-1-team": str(world.cov_hub.pk),
                "memberships-1-role": "quality_lead",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    logged = AccessLogEntry.objects.filter(object_type="user", object_id=world.no_roles.pk)
    assert {(row.action, row.detail["role"]) for row in logged} == {
        ("role_change", "practitioner"),
        ("role_grant", "quality_lead"),
    }


def test_the_services_refuse_changes_to_ones_own_roles(world):
    import pytest

    from hub.organisations.services import ERROR_OWN_ROLES, membership_delete, membership_save
    from hub.platform.access import PermissionDenied

    own = Membership(user=world.admin, team=world.cov_hub, role="hub_manager")
    with pytest.raises(PermissionDenied, match=ERROR_OWN_ROLES):
        membership_save(actor=world.admin, membership=own)
    with pytest.raises(PermissionDenied, match=ERROR_OWN_ROLES):
        membership_delete(actor=world.admin, membership=Membership.objects.get(user=world.admin))
