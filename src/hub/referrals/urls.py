from django.urls import path

from .views import referrer

app_name = "referrals"

urlpatterns = [
    path("", referrer.my_referrals, name="mine"),
    path("new/", referrer.start, name="start"),
    path("<int:referral_id>/", referrer.detail, name="detail"),
    path("<int:referral_id>/danger/", referrer.danger, name="danger"),
    path("<int:referral_id>/edit/", referrer.edit, name="edit"),
    path("<int:referral_id>/autosave/", referrer.autosave, name="autosave"),
    path("<int:referral_id>/check/", referrer.check, name="check"),
    path("<int:referral_id>/discard/", referrer.discard, name="discard"),
    path("<int:referral_id>/files/<int:attachment_id>/", referrer.attachment, name="attachment"),
]
