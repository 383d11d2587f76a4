from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("new/", views.start, name="start"),
    path("<int:screening_id>/", views.detail, name="detail"),
    path("<int:screening_id>/answers/", views.edit, name="edit"),
    path("<int:screening_id>/autosave/", views.autosave, name="autosave"),
    path("<int:screening_id>/result/", views.result, name="result"),
    path("<int:screening_id>/review/", views.review, name="review"),
    path("person/<int:person_id>/", views.history, name="history"),
]
