"""Changes keep their before and after values (design.md §3.4)."""

from __future__ import annotations

from hub.organisations.models import User


def test_a_change_to_a_person_keeps_before_and_after(world):
    person = world.bham_person
    person.family_name = "Begum-Khan"
    person.save()
    latest, previous = person.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("family_name", "Begum", "Begum-Khan")
    ]


def test_user_history_never_holds_password_hashes(world):
    user = world.bham_hub_practitioner
    user.set_password("another long password")
    user.save()
    assert "password" not in {f.name for f in User.history.model._meta.get_fields()}
