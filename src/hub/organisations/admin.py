"""Administration of the partnership: areas, agencies, teams, users and their roles.

A separate admin site, reachable only with `user:manage`. It holds no personal data of the
people the partnership works with: those models are never registered here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, path

from hub.platform.access import Permission, has_permission
from hub.platform.views_base import public

from .models import Agency, Area, Membership, Team, User
from .roles import role_choices
from .services import membership_delete, membership_save, user_deactivate


@public
def _admin_sign_in(request: HttpRequest) -> HttpResponse:
    return redirect("sign-in")


class HubAdminSite(admin.AdminSite):
    """The admin, behind the access layer instead of Django's staff flag."""

    site_header = "Exploitation Hub administration"
    site_title = "Exploitation Hub administration"
    index_title = "Users and configuration"

    def has_permission(self, request: HttpRequest) -> bool:
        return has_permission(request.user, Permission.USER_MANAGE)  # type: ignore[arg-type]

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        # Marks every admin page, so the access middleware asks for `user:manage` on it.
        inner = super().admin_view(view, cacheable)
        inner.admin_site = self
        return inner

    def get_urls(self) -> list[URLResolver | URLPattern]:
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "login"]
        return [path("login/", _admin_sign_in, name="login"), *urls]


admin_site = HubAdminSite(name="admin")


class ManagedByAdministrators(admin.ModelAdmin):
    """Every model here is managed with `user:manage`, not Django's model permissions."""

    def _allowed(self, request: HttpRequest) -> bool:
        return has_permission(request.user, Permission.USER_MANAGE)  # type: ignore[arg-type]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # records of who did what must outlive the people: deactivate instead


@admin.register(Area, site=admin_site)
class AreaAdmin(ManagedByAdministrators):
    list_display = ["name", "code", "in_region"]


@admin.register(Agency, site=admin_site)
class AgencyAdmin(ManagedByAdministrators):
    list_display = ["name", "kind", "area"]
    list_filter = ["kind", "area"]
    search_fields = ["name"]


@admin.register(Team, site=admin_site)
class TeamAdmin(ManagedByAdministrators):
    list_display = ["name", "agency", "area", "is_hub"]
    list_filter = ["area", "is_hub"]
    search_fields = ["name", "agency__name"]


class MembershipForm(forms.ModelForm):
    role = forms.ChoiceField(choices=role_choices)

    class Meta:
        model = Membership
        fields = ["team", "role"]


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 1
    autocomplete_fields = ["team"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_permission(request.user, Permission.USER_MANAGE)  # type: ignore[arg-type]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # `obj` is the user being edited: nobody changes their own roles.
        return self.has_view_permission(request) and obj != request.user

    has_add_permission = has_delete_permission = has_change_permission  # type: ignore[assignment]


@admin.register(User, site=admin_site)
class HubUserAdmin(ManagedByAdministrators, UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "job_title", "is_active"]
    list_filter = ["is_active", "memberships__team__area", "memberships__role"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate"]

    @admin.action(description="Deactivate the selected users and end their sessions")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_deactivate(actor=request.user, user=user)  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Roles are granted and taken away through the services, which log every change.
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_delete(actor=request.user, membership=membership)  # type: ignore[arg-type]
        for membership in memberships:
            membership_save(actor=request.user, membership=membership)  # type: ignore[arg-type]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(actor=request.user, user=obj)  # type: ignore[arg-type]
