from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/break-glass/", views.break_glass, name="break-glass"),
    path("<int:person_id>/chronology/", views.chronology, name="chronology"),
    path("<int:person_id>/chronology.pdf", views.chronology_pdf, name="chronology-pdf"),
]
