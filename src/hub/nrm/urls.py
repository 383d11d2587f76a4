from django.urls import path

from . import views

app_name = "nrm"

urlpatterns = [
    path("", views.nrm_list, name="list"),
    path("person/<int:person_id>/", views.person, name="person"),
    path("person/<int:person_id>/refer/", views.refer, name="refer"),
    path("<int:referral_id>/", views.detail, name="detail"),
    path("<int:referral_id>/decision/", views.decision, name="decision"),
    path("<int:referral_id>/support/", views.support, name="support"),
    path("<int:referral_id>/defence/", views.defence, name="defence"),
    path("duty-to-notify/<int:notification_id>/", views.notification, name="notification"),
]
