from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/edit/", views.edit, name="edit"),
    path("<int:person_id>/break-glass/", views.break_glass, name="break-glass"),
    path("<int:person_id>/chronology/", views.chronology, name="chronology"),
    path("<int:person_id>/chronology.pdf", views.chronology_pdf, name="chronology-pdf"),
    path("<int:person_id>/names/add/", views.alias_add, name="alias-add"),
    path("<int:person_id>/names/<int:item_id>/remove/", views.alias_remove, name="alias-remove"),
    path("<int:person_id>/identifiers/add/", views.identifier_add, name="identifier-add"),
    path(
        "<int:person_id>/identifiers/<int:item_id>/remove/",
        views.identifier_remove,
        name="identifier-remove",
    ),
    path("<int:person_id>/addresses/add/", views.address_add, name="address-add"),
    path("<int:person_id>/warnings/add/", views.warning_add, name="warning-add"),
    path("<int:person_id>/warnings/<int:item_id>/end/", views.warning_end, name="warning-end"),
    path("<int:person_id>/relationships/add/", views.relationship_add, name="relationship-add"),
    path(
        "<int:person_id>/relationships/<int:item_id>/end/",
        views.relationship_end,
        name="relationship-end",
    ),
    path("<int:person_id>/merge/", views.merge, name="merge"),
    path("merges/<int:merge_id>/undo/", views.unmerge, name="unmerge"),
]
