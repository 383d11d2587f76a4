"""The case pages: opening from a record, one page per case, the plan's versions (a second
editor told, nothing lost), actions in trays, and the printed plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.cases.models import Case
from hub.cases.services import (
    PlanInput,
    action_add,
    action_complete,
    case_open,
    case_request_close,
    case_sign_off_close,
    plan_save,
)
from hub.platform.models import AccessLogEntry
from tests.authz import AuthorizationContract, ScopedAuthorizationContract

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])


class TestCasePageAccess(ScopedAuthorizationContract):
    def url(self, world):
        made = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
        return reverse("cases:detail", args=[made.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestCaseActionsPageAccess(ScopedAuthorizationContract):
    def url(self, world):
        made = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
        return reverse("cases:case-actions", args=[made.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.cov_hub_manager


class CaseFormAccess(ScopedAuthorizationContract):
    """A form that works on a case, asked for on its own (GET): the case worker's permission,
    and the case in its reach (a practitioner not on the case team is out of scope)."""

    url_name = "cases:action-add"

    def url(self, world):
        made = case_open(actor=world.bham_hub_practitioner, person_ids=[world.bham_person.pk])
        return reverse(self.url_name, args=[made.pk])

    def allowed(self, world):
        return world.bham_hub_manager

    def forbidden(self, world):
        return world.dpo

    def out_of_scope(self, world):
        return world.bham_school_practitioner


class TestActionFormAccess(CaseFormAccess):
    url_name = "cases:action-add"


class TestMemberFormAccess(CaseFormAccess):
    url_name = "cases:member-add"


class TestVoiceFormAccess(CaseFormAccess):
    url_name = "cases:voice"


class TestRiskFormAccess(CaseFormAccess):
    url_name = "cases:risk"


class TestCloseFormAccess(CaseFormAccess):
    url_name = "cases:close"


class TestTransferFormAccess(CaseFormAccess):
    url_name = "cases:transfer"

    def forbidden(self, world):
        return world.bham_school_practitioner  # case:work on its team, but not case:manage

    def out_of_scope(self, world):
        return world.cov_hub_manager


class TestActionsPageAccess(AuthorizationContract):
    def url(self, world):
        return reverse("cases:actions")

    def allowed(self, world):
        return world.bham_school_practitioner

    def forbidden(self, world):
        return world.no_roles


def test_open_a_case_from_the_record(world, client):
    client.force_login(world.bham_hub_practitioner)
    record = client.get(reverse("people:detail", args=[world.bham_person.pk])).content.decode()
    assert "Open a case" in record
    url = reverse("cases:open") + f"?person={world.bham_person.pk}"
    page = client.get(url).content.decode()
    assert "Aaliyah Begum" in page
    done = client.post(
        reverse("cases:open"),
        {
            "person": world.bham_person.pk,
            "persons": [world.bham_person.pk],
            "lead_agency": world.bham_hub.agency_id,
        },
    )
    case = Case.objects.get()
    assert done["Location"] == reverse("cases:detail", args=[case.pk])
    shown = client.get(done["Location"]).content.decode()
    assert f"Case {case.reference}: Aaliyah Begum" in shown and "Emerging or at risk" in shown


def test_actions_refused_with_a_message_and_then_in_the_tray(world, client, case):
    client.force_login(world.bham_hub_practitioner)
    url = reverse("cases:action-add", args=[case.pk])
    past = timezone.localdate() - dt.timedelta(days=2)
    refused = client.post(
        url,
        {
            "action-text": "Visit",
            "action-owner": world.bham_hub_manager.pk,
            "action-due_on_day": past.day,
            "action-due_on_month": past.month,
            "action-due_on_year": past.year,
        },
    )
    assert "The due date must be today or later" in refused.content.decode()
    soon = timezone.localdate() + dt.timedelta(days=2)
    client.post(
        url,
        {
            "action-text": "Visit the school",
            "action-owner": world.bham_hub_manager.pk,
            "action-due_on_day": soon.day,
            "action-due_on_month": soon.month,
            "action-due_on_year": soon.year,
        },
    )
    client.force_login(world.bham_hub_manager)
    home = client.get("/").content.decode()
    assert "Your actions" in home and "Visit the school" in home


def test_a_second_plan_editor_is_told_and_keeps_what_they_typed(world, client, case):
    plan_save(
        actor=world.bham_hub_manager,
        case_id=case.pk,
        based_on_version=0,
        data=PlanInput(goals=(("", "Home by 9pm"),)),
    )
    client.force_login(world.bham_hub_practitioner)
    response = client.post(
        reverse("cases:plan", args=[case.pk]),
        {"based_on": 0, "new-goal-1": "Knows who to call", "contingency": "Call the police"},
    )
    page = response.content.decode()
    assert "Dele Adeyemi saved version 1 of this plan" in page
    assert (
        "Home by 9pm" in page and 'value="Knows who to call"' in page and "Call the police" in page
    )
    assert case.plans.count() == 1


def test_the_plan_prints_marked_official_sensitive(world, client, case):
    plan_save(
        actor=world.bham_hub_practitioner,
        case_id=case.pk,
        based_on_version=0,
        data=PlanInput(goals=(("", "Home by 9pm"),)),
    )
    hub = world.bham_hub_practitioner
    for number in range(12):  # more closed ones than the case page lists
        action = action_add(
            actor=hub,
            case_id=case.pk,
            text=f"Step {number}",
            owner_id=hub.pk,
            due_on=timezone.localdate() + dt.timedelta(days=number),
        )
        if number:
            action_complete(actor=hub, action_id=action.pk)
    client.force_login(hub)
    response = client.get(reverse("cases:plan-pdf", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    # The printed plan lists every action, the open one first.
    printed = [action.text for action in response.context["actions"]]
    assert printed[0] == "Step 0" and sorted(printed) == sorted(f"Step {n}" for n in range(12))


def test_a_case_opened_from_a_triage_decision_is_about_everyone_on_the_referral(world, client):
    from hub.referrals.services import SubjectAnswers, subject_create_person, triage_decide
    from tests.referrals.conftest import send

    hub = world.bham_hub_practitioner
    referral = send(
        world.bham_school_practitioner,
        world.birmingham,
        SubjectAnswers(given_name="Kaiden", family_name="Smyth", age_estimate=15),
        SubjectAnswers(given_name="Leah", family_name="Hughes", age_estimate=14),
    )
    subjects = list(referral.subjects.order_by("position"))
    persons = [
        subject_create_person(actor=hub, referral_id=referral.pk, subject_id=s.pk) for s in subjects
    ]
    decision = triage_decide(
        actor=hub,
        referral_id=referral.pk,
        subject_id=subjects[0].pk,
        code="strategy_discussion",
        reason="Harm",
    )
    client.force_login(hub)
    triage = client.get(reverse("triage:detail", args=[referral.pk])).content.decode()
    assert f"decision={decision.pk}" in triage
    query = f"?decision={decision.pk}&person={persons[0].pk}&person={persons[1].pk}"
    page = client.get(reverse("cases:open") + query).content.decode()
    assert "From the hub's decision on" in page and "Leah Hughes" in page
    done = client.post(
        reverse("cases:open"),
        {
            "decision": decision.pk,
            "person": [p.pk for p in persons],
            "persons": [p.pk for p in persons],
            "lead_agency": world.bham_hub.agency_id,
        },
    )
    case = Case.objects.get()
    assert done.status_code == 302 and case.decision == decision
    assert sorted(case.subjects.values_list("person_id", flat=True)) == sorted(
        p.pk for p in persons
    )


FORMS = {  # url name: (the link on the case page, a field of the form, its submit button)
    "cases:voice": ("Record what they said", 'name="voice-words"', "Record their words"),
    "cases:action-add": ("Add an action", 'name="action-owner"', "Add the action"),
    "cases:member-add": ("Add someone to the team", 'name="member-user"', "Add to the team"),
    "cases:risk": ("Record the risk now", 'name="risk-level"', "Record the risk"),
    "cases:close": ("Close the case", 'name="close-outcome"', "Ask to close"),
    "cases:transfer": ("Transfer to another area", 'name="transfer-area"', "Transfer"),
}


def test_the_case_page_links_to_its_forms_and_renders_none_of_them(world, client, case):
    client.force_login(world.bham_hub_manager)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    for name, (label, field, _) in FORMS.items():
        url = reverse(name, args=[case.pk])
        # A plain link (no JavaScript) that HTMX follows into its container instead.
        assert f'href="{url}" hx-get="{url}"' in page and f">{label}</a>" in page
        assert field not in page
    # No select of every colleague on the page: none of their names is in it.
    assert world.bham_school_practitioner.get_full_name() not in page


@pytest.mark.parametrize("name", FORMS)
def test_each_form_comes_alone_for_htmx_and_as_a_page_without_it(world, client, case, name):
    _, field, button = FORMS[name]
    client.force_login(world.bham_hub_manager)
    url = reverse(name, args=[case.pk])

    alone = client.get(url, headers={"HX-Request": "true"})
    page = client.get(url)

    fragment = alone.content.decode()
    assert fragment.lstrip().startswith("<form") and "<html" not in fragment
    assert field in fragment and button in fragment and f'action="{url}"' in fragment
    assert "csrfmiddlewaretoken" in fragment
    whole = page.content.decode()
    assert "<html" in whole and field in whole and f"Back to case {case.reference}" in whole
    assert "HX-Request" in alone["Vary"] and "HX-Request" in page["Vary"]


def test_opening_a_form_is_audited_as_a_read_of_the_case(world, client, case):
    client.force_login(world.bham_hub_manager)
    client.get(reverse("cases:action-add", args=[case.pk]), headers={"HX-Request": "true"})
    read = AccessLogEntry.objects.get(
        actor=world.bham_hub_manager, object_type="case", object_id=case.pk
    )
    assert read.action == "view" and read.purpose == "add action"


def test_the_forms_of_a_closed_case_are_not_found(world, client, case):
    case_request_close(
        actor=world.bham_hub_practitioner, case_id=case.pk, outcome="risk_reduced", reason="Safe"
    )
    case_sign_off_close(actor=world.bham_hub_manager, case_id=case.pk, approve=True, note="")
    client.force_login(world.bham_hub_manager)
    for name in FORMS:
        assert client.get(reverse(name, args=[case.pk])).status_code == 404


def test_a_refused_form_comes_back_on_its_own_page_with_what_was_typed(world, client, case):
    client.force_login(world.bham_hub_practitioner)
    refused = client.post(
        reverse("cases:voice", args=[case.pk]),
        {"voice-person": world.bham_person.pk, "voice-context": "school", "voice-words": ""},
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and "<html" in page
    assert "Error: Record what they said" in page and "There is a problem" in page
    assert f"Back to case {case.reference}" in page


def test_the_case_chronology_has_the_events_of_records_merged_into_its_person(world, client):
    from hub.people.services import person_merge
    from hub.platform.models import ChronologyEvent
    from tests.factories import person_known_to

    hub = world.bham_hub_practitioner
    duplicate = person_known_to(world.bham_hub, given_name="Aliyah", family_name="Begum")
    ChronologyEvent.objects.create(
        subject_type="person",
        subject_id=duplicate.pk,
        kind="case",
        occurred_at=timezone.now(),
        title="Seen under the other record",
        visibility=ChronologyEvent.Visibility.PARTNERSHIP,
        recorded_by=hub,
    )
    case = case_open(actor=hub, person_ids=[world.bham_person.pk])
    client.force_login(hub)
    before = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    person_merge(
        actor=hub,
        kept_id=world.bham_person.pk,
        duplicate_id=duplicate.pk,
        reason="Same NHS number and date of birth; the school misspelt the name",
    )

    after = client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    assert "Seen under the other record" not in before
    assert "Seen under the other record" in after
