from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("break-glass/", views.break_glass_queue, name="break-glass-queue"),
    path("break-glass/<int:access_id>/", views.break_glass_review, name="break-glass-review"),
    path("records/", views.record_access_search, name="record-access-search"),
    path(
        "records/<slug:object_type>/<int:object_id>/",
        views.record_access,
        name="record-access",
    ),
]
