from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.open_case, name="open"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:action_id>/done/", views.action_done, name="action-done"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/team/", views.member_add, name="member-add"),
    path("<int:case_id>/team/<int:member_id>/leave/", views.member_leave, name="member-leave"),
    path("<int:case_id>/status/", views.move, name="move"),
    path("<int:case_id>/risk/", views.risk, name="risk"),
    path("<int:case_id>/actions/", views.action_add, name="action-add"),
    path("<int:case_id>/actions/all/", views.case_actions, name="case-actions"),
    path("<int:case_id>/voice/", views.voice, name="voice"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/close/sign-off/", views.close_sign_off, name="close-sign-off"),
    path("<int:case_id>/transfer/", views.transfer, name="transfer"),
    path("<int:case_id>/plan/", views.plan, name="plan"),
    path("<int:case_id>/plan.pdf", views.plan_pdf, name="plan-pdf"),
]
