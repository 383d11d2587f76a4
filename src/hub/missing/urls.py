from django.urls import path

from . import views

app_name = "missing"

urlpatterns = [
    path("", views.missing_list, name="list"),
    path("person/<int:person_id>/", views.person, name="person"),
    path("person/<int:person_id>/report/", views.report, name="report"),
    path("person/<int:person_id>/placement/", views.placement, name="placement"),
    path("person/<int:person_id>/profile/", views.profile, name="profile"),
    path("person/<int:person_id>/photo/", views.photo, name="photo"),
    path("person/<int:person_id>/grab-sheet.pdf", views.grab_sheet, name="grab-sheet"),
    path("<int:episode_id>/", views.detail, name="detail"),
    path("<int:episode_id>/found/", views.found, name="found"),
    path("<int:episode_id>/interview/", views.interview, name="interview"),
]
