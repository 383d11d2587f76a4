from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.schedule, name="schedule"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/agenda/", views.agenda, name="agenda"),
    path("<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path("<int:meeting_id>/shared/", views.information, name="information"),
    path("<int:meeting_id>/decisions/", views.decision, name="decision"),
    path("<int:meeting_id>/actions/", views.action, name="action"),
    path("<int:meeting_id>/items/<int:item_id>/minutes/", views.discussion, name="discussion"),
    path("<int:meeting_id>/held/", views.held, name="held"),
    path("<int:meeting_id>/final/", views.finalise, name="finalise"),
    path("<int:meeting_id>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("<int:meeting_id>/agenda-pack.pdf", views.pack_pdf, name="pack-pdf"),
]
