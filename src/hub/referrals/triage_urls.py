from django.urls import path

from .views import triage

app_name = "triage"

urlpatterns = [
    path("", triage.queue, name="queue"),
    path("<int:referral_id>/", triage.detail, name="detail"),
    path("<int:referral_id>/assign/", triage.assign, name="assign"),
    path("<int:referral_id>/stage/", triage.stage, name="stage"),
    path("<int:referral_id>/checks/", triage.partner_check, name="check"),
    path("<int:referral_id>/notes/", triage.note, name="note"),
    path("<int:referral_id>/subjects/<int:subject_id>/find/", triage.find, name="find"),
    path("<int:referral_id>/subjects/<int:subject_id>/link/", triage.link, name="link"),
    path("<int:referral_id>/subjects/<int:subject_id>/new/", triage.new_person, name="new-person"),
    path("<int:referral_id>/subjects/<int:subject_id>/decide/", triage.decide, name="decide"),
    path(
        "<int:referral_id>/decisions/<int:decision_id>/sign-off/",
        triage.sign_off,
        name="sign-off",
    ),
]
