"""Need-to-know: scoped reads, one answer for 'missing' and 'not allowed', break-glass."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.organisations.models import Membership
from hub.people.models import Person
from hub.people.selectors import access_person, person_search
from hub.platform.access import NotFound, Permission, has_permission, parse_id, scoped
from hub.platform.models import AccessLogEntry, BreakGlassAccess
from hub.platform.selectors import break_glass_queue
from hub.platform.services import ERROR_REASON_TOO_SHORT, ServiceError, break_glass_open

REASON = "Child found by police at 2am; need to know who has parental responsibility."


def test_hub_practitioner_sees_people_of_their_area(world):
    person = access_person(actor=world.bham_hub_practitioner, id=world.bham_person.pk, purpose="t")
    assert person == world.bham_person


def test_area_scope_reaches_people_known_to_any_team_in_the_area(world):
    # Tyler is known to a school in Birmingham, not to the hub: the hub still sees him.
    seen = access_person(actor=world.bham_hub_practitioner, id=world.school_person.pk, purpose="t")
    assert seen == world.school_person


def test_out_of_scope_and_missing_give_the_same_not_found(world):
    actor = world.bham_hub_practitioner
    with pytest.raises(NotFound) as out_of_scope:
        access_person(actor=actor, id=world.cov_person.pk, purpose="t")
    with pytest.raises(NotFound) as missing:
        access_person(actor=actor, id=999_999, purpose="t")
    assert type(out_of_scope.value) is type(missing.value)
    assert str(out_of_scope.value) == str(missing.value)


def test_team_scope_is_narrower_than_area(world):
    practitioner = world.bham_school_practitioner
    assert access_person(actor=practitioner, id=world.school_person.pk, purpose="t")
    with pytest.raises(NotFound):
        access_person(actor=practitioner, id=world.bham_person.pk, purpose="t")


def test_own_scope_reaches_people_the_practitioner_recorded(world):
    practitioner = world.bham_school_practitioner
    mine = Person.objects.create(
        given_name="Noah", family_name="Price", home_area=world.coventry, created_by=practitioner
    )
    assert access_person(actor=practitioner, id=mine.pk, purpose="t") == mine


def test_administrator_and_dpo_see_no_people(world):
    for actor in (world.admin, world.dpo, world.no_roles):
        assert not has_permission(actor, Permission.PERSON_VIEW)
        assert scoped(actor, Permission.PERSON_VIEW, Person.objects.all()).count() == 0
        with pytest.raises(NotFound):
            access_person(actor=actor, id=world.bham_person.pk, purpose="t")


def test_a_role_missing_from_the_definitions_grants_nothing(world):
    assert Membership.objects.filter(user=world.no_roles).exists()
    assert not has_permission(world.no_roles, Permission.HOME_VIEW)


def test_list_scoping_matches_the_one_record_read(world):
    names = {p.given_name for p in person_search(actor=world.bham_hub_practitioner, query="a")}
    assert "Aaliyah" in names
    assert "Kaiden" not in names
    assert {p.pk for p in person_search(actor=world.cov_hub_practitioner, query="Kaiden")} == {
        world.cov_person.pk
    }


def test_deactivated_user_has_no_grants(world):
    actor = world.bham_hub_practitioner
    actor.is_active = False
    assert not has_permission(actor, Permission.PERSON_VIEW)


@pytest.mark.parametrize("raw", ["abc", "-1", "0", str(2**63), "1e3", "", None, "9" * 40])
def test_silly_ids_are_not_found_not_errors(raw):
    with pytest.raises(NotFound):
        parse_id(raw)


def test_every_read_writes_an_audit_row_in_the_same_transaction(world):
    before = AccessLogEntry.objects.count()
    access_person(actor=world.bham_hub_practitioner, id=world.bham_person.pk, purpose="triage")
    row = AccessLogEntry.objects.order_by("-seq").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (row.actor, row.action, row.object_type, row.object_id, row.purpose) == (
        world.bham_hub_practitioner,
        "view",
        "person",
        world.bham_person.pk,
        "triage",
    )
    # No personal content is copied into the log.
    assert "Aaliyah" not in str(row.detail) + row.purpose + row.reason


def test_a_refused_read_is_not_logged_as_a_view(world):
    with pytest.raises(NotFound):
        access_person(actor=world.bham_hub_practitioner, id=world.cov_person.pk, purpose="t")
    assert not AccessLogEntry.objects.filter(action="view", object_id=world.cov_person.pk).exists()


def test_break_glass_opens_one_record_with_a_reason_and_is_audited(world):
    actor = world.bham_hub_practitioner
    access = break_glass_open(
        actor=actor, object_type="person", object_id=world.cov_person.pk, reason=REASON
    )
    assert access.record_area == world.coventry
    assert access.actor_area == world.birmingham
    seen = access_person(actor=actor, id=world.cov_person.pk, purpose="emergency")
    assert seen == world.cov_person
    view = AccessLogEntry.objects.filter(action="view", object_id=world.cov_person.pk).get()
    assert view.detail == {"break_glass": True}
    opened = AccessLogEntry.objects.get(action="break_glass")
    # The reason stays in the break-glass record; the append-only log only points to it.
    assert opened.reason == "" and opened.detail == {"break_glass_access": access.pk}
    assert access.reason == REASON
    # Only that record: the rest of Coventry stays out of reach.
    other = Person.objects.create(given_name="Ava", family_name="Hill", home_area=world.coventry)
    with pytest.raises(NotFound):
        access_person(actor=actor, id=other.pk, purpose="t")


def test_break_glass_needs_a_real_reason(world):
    with pytest.raises(ServiceError, match=ERROR_REASON_TOO_SHORT):
        break_glass_open(
            actor=world.bham_hub_practitioner,
            object_type="person",
            object_id=world.cov_person.pk,
            reason="   because   ",
        )
    assert not BreakGlassAccess.objects.exists()


def test_break_glass_goes_to_both_areas_managers_but_not_to_the_actor(world):
    break_glass_open(
        actor=world.bham_hub_practitioner,
        object_type="person",
        object_id=world.cov_person.pk,
        reason=REASON,
    )
    assert break_glass_queue(actor=world.cov_hub_manager).count() == 1
    assert break_glass_queue(actor=world.bham_hub_manager).count() == 1
    assert break_glass_queue(actor=world.bham_hub_practitioner).count() == 0


def test_expired_break_glass_no_longer_opens_the_record(world):
    actor = world.bham_hub_practitioner
    access = break_glass_open(
        actor=actor, object_type="person", object_id=world.cov_person.pk, reason=REASON
    )
    nine_hours_ago = access.opened_at - timedelta(hours=9)
    BreakGlassAccess.objects.filter(pk=access.pk).update(
        opened_at=nine_hours_ago, expires_at=nine_hours_ago + timedelta(hours=8)
    )
    with pytest.raises(NotFound):
        access_person(actor=actor, id=world.cov_person.pk, purpose="t")


def test_break_glass_by_someone_with_roles_in_two_areas_reaches_both_managers(world):
    from hub.organisations.models import Membership

    actor = world.bham_hub_practitioner
    Membership.objects.create(user=actor, team=world.cov_hub, role="practitioner")
    # A Birmingham record: Coventry's manager hears of it only through the actor's Coventry role.
    other = Person.objects.create(given_name="Ava", family_name="Hill", home_area=world.birmingham)
    break_glass_open(actor=actor, object_type="person", object_id=other.pk, reason=REASON)
    assert break_glass_queue(actor=world.cov_hub_manager).count() == 1
    assert break_glass_queue(actor=world.bham_hub_manager).count() == 1


def test_a_refusal_from_a_service_is_a_403_not_a_failure(world, client, monkeypatch):
    from hub.platform.access import PermissionDenied

    def refuse(**kwargs):
        raise PermissionDenied("not for you")

    monkeypatch.setattr("hub.people.views.records.person_search", refuse)
    client.force_login(world.bham_hub_practitioner)
    assert client.get("/people/", {"q": "Begum"}).status_code == 403
