"""Merging duplicates: everything moves to the record kept, with provenance; an unmerge puts
back exactly what moved; the timeline of the kept record includes the duplicate's events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hub.people.models import AliasKind, IdentifierKind, Person, PersonAlias, PersonIdentifier
from hub.people.selectors import person_chronology, person_search
from hub.people.services import (
    RelationshipInput,
    alias_add,
    identifier_add,
    person_merge,
    person_unmerge,
    relationship_add,
)
from hub.people.services.merge import ERROR_ALREADY_MERGED, ERROR_MERGE_REASON
from hub.platform.access import NotFound
from hub.platform.chronology import EventInput, chronology_record
from hub.platform.models import AccessLogEntry
from hub.platform.services import ServiceError

from ..factories import person_known_to

pytestmark = pytest.mark.django_db
REASON = "Same NHS number and date of birth; school misspelt the name"


@pytest.fixture
def pair(world):
    """Kayden Smith known to the hub, and a duplicate Kaiden Smyth a school recorded."""
    hub = world.bham_hub_practitioner
    kept = person_known_to(world.bham_hub, given_name="Kayden", family_name="Smith")
    duplicate = person_known_to(world.bham_school_team, given_name="Kaiden", family_name="Smyth")
    alias_add(actor=hub, person_id=kept.pk, kind=AliasKind.NICKNAME, name="K")
    alias_add(actor=hub, person_id=duplicate.pk, kind=AliasKind.NICKNAME, name="K")  # clashes
    alias_add(actor=hub, person_id=duplicate.pk, kind=AliasKind.STREET_NAME, name="Ghost")
    identifier_add(actor=hub, person_id=duplicate.pk, kind=IdentifierKind.POLICE, value="PNC1")
    relationship_add(
        actor=hub,
        person_id=duplicate.pk,
        data=RelationshipInput(kind="sibling", related_person_id=kept.pk),
    )
    chronology_record(
        actor=hub,
        event=EventInput(
            subject_type="person",
            subject_id=duplicate.pk,
            kind="note",
            occurred_at=timezone.now(),
            title="Seen by the school nurse",
        ),
    )
    return kept, duplicate


def test_merge_moves_everything_with_provenance(world, pair):
    kept, duplicate = pair
    merge = person_merge(
        actor=world.bham_hub_practitioner, kept_id=kept.pk, duplicate_id=duplicate.pk, reason=REASON
    )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert set(kept.aliases.values_list("name", flat=True)) == {"K", "Ghost", "Kaiden Smyth"}
    assert PersonAlias.objects.filter(person=duplicate, name="K").exists()  # the clash stayed
    assert kept.identifiers.get().value == "PNC1"
    # The school's involvement moved, so the school now reaches the kept record.
    assert kept.involvements.filter(team=world.bham_school_team).exists()
    # A sibling link from the duplicate to the kept record would point at itself: it stays.
    assert not kept.relationships.exists()
    assert "people.PersonAlias.person" in merge.moved and merge.created
    assert AccessLogEntry.objects.filter(action="merge", object_id=duplicate.pk).exists()
    # The duplicate leaves search; its events are on the kept record's timeline.
    found = person_search(actor=world.bham_hub_practitioner, query="Kaiden Smyth")
    assert kept in found and duplicate not in found
    events, _, _ = person_chronology(actor=world.bham_hub_practitioner, person=kept)
    assert [e.title for e in events] == [
        "Seen by the school nurse",
        f"Record {duplicate.reference} merged into {kept.reference}",
    ]


def test_unmerge_puts_back_exactly_what_moved(world, pair):
    kept, duplicate = pair
    hub = world.bham_hub_practitioner
    merge = person_merge(actor=hub, kept_id=kept.pk, duplicate_id=duplicate.pk, reason=REASON)
    alias_add(actor=hub, person_id=kept.pk, kind=AliasKind.NICKNAME, name="Kay")  # after the merge
    person_unmerge(actor=hub, merge_id=merge.pk, reason="Different children: twins")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert set(kept.aliases.values_list("name", flat=True)) == {"K", "Kay"}
    assert set(duplicate.aliases.values_list("name", flat=True)) == {"K", "Ghost"}
    assert PersonIdentifier.objects.get(value="PNC1").person == duplicate
    assert duplicate.involvements.filter(team=world.bham_school_team).exists()
    assert not kept.involvements.filter(team=world.bham_school_team).exists()
    assert duplicate in person_search(actor=hub, query="Kaiden Smyth")
    with pytest.raises(ServiceError):
        person_unmerge(actor=hub, merge_id=merge.pk, reason="Different children: twins")


def test_merge_needs_a_reason_both_records_in_reach_and_no_earlier_merge(world, pair):
    kept, duplicate = pair
    hub = world.bham_hub_practitioner
    with pytest.raises(ServiceError, match=ERROR_MERGE_REASON):
        person_merge(actor=hub, kept_id=kept.pk, duplicate_id=duplicate.pk, reason="same")
    with pytest.raises(NotFound):  # Coventry's person is outside Birmingham's reach
        person_merge(actor=hub, kept_id=kept.pk, duplicate_id=world.cov_person.pk, reason=REASON)
    with pytest.raises(NotFound):  # a practitioner holds no merge grant at all
        person_merge(
            actor=world.bham_school_practitioner,
            kept_id=kept.pk,
            duplicate_id=duplicate.pk,
            reason=REASON,
        )
    person_merge(actor=hub, kept_id=kept.pk, duplicate_id=duplicate.pk, reason=REASON)
    third = Person.objects.create(
        given_name="K",
        family_name="Smith",
        home_area=world.birmingham,
        date_of_birth=dt.date(2010, 1, 1),
    )
    with pytest.raises(ServiceError, match=ERROR_ALREADY_MERGED):
        person_merge(actor=hub, kept_id=duplicate.pk, duplicate_id=third.pk, reason=REASON)
