from django.urls import path

from . import views

app_name = "linkage"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/<int:pair_id>/", views.pair, name="pair"),
    path("review/<int:pair_id>/decide/", views.decide, name="decide"),
    path("people/<int:person_id>/", views.person_records, name="person-records"),
    path("joins/<int:join_id>/undo/", views.undo_join, name="undo-join"),
]
