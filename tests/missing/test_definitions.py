"""The missing practice and outside-contacts definitions: shipped files load; bad ones are
refused naming the file and the line; a typed time is read as people write it."""

from __future__ import annotations

from datetime import time

import pytest

from hub.alerts.outside import OutsideContacts, outside_contacts
from hub.missing.practice import MissingPractice, missing_practice
from hub.platform.definitions import DefinitionError, load_path
from hub.platform.forms import parse_time


def test_the_shipped_practice_has_the_app_grades_and_the_repeat_rule():
    practice = missing_practice()
    assert [g.code for g in practice.risk_grades if not g.legacy] == [
        "very_low", "low", "medium", "high",
    ]  # fmt: skip
    assert {g.code for g in practice.risk_grades if g.legacy} == {"absent", "no_apparent_risk"}
    [rule] = practice.repeat_rules
    assert (rule.episodes, rule.days) == (3, 30)


def test_a_grade_listed_twice_is_refused_with_its_file(tmp_path):
    path = tmp_path / "missing.yaml"
    path.write_text(
        "id: missing\nversion: 2\ntitle: M\nrisk_grades:\n"
        "  - {code: high, title: High}\n  - {code: high, title: Higher}\n"
    )
    with pytest.raises(DefinitionError, match="high is listed twice") as refused:
        load_path(path, MissingPractice)
    assert "missing.yaml:6" in str(refused.value)


def test_a_district_names_its_county_and_an_unknown_code_is_still_named():
    contacts = outside_contacts()
    assert contacts.contact_for("E07000192").startswith("Staffordshire County Council: ")
    assert "E06000099" in contacts.contact_for("E06000099")
    assert "find its safeguarding front door" in contacts.contact_for(None)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("  - {name: A, contact: x, codes: [E07000192]}\n"
         "  - {name: B, contact: y, codes: [E07000192]}\n",
         "E07000192 is listed under two authorities"),
        ("  - {name: A, contact: x, codes: [Staffs]}\n", "not ONS local authority codes: Staffs"),
    ],
)  # fmt: skip
def test_a_bad_contacts_file_is_refused_with_the_reason(tmp_path, body, problem):
    path = tmp_path / "outside_contacts.yaml"
    path.write_text(f"id: outside_contacts\nversion: 2\ntitle: O\nauthorities:\n{body}")
    with pytest.raises(DefinitionError, match=problem):
        load_path(path, OutsideContacts)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)), ("14.30", time(14, 30)), ("1430", time(14, 30)),
        ("2:30pm", time(14, 30)), ("2pm", time(14, 0)), ("12am", time(0, 0)),
        ("12:15 PM", time(12, 15)), ("0:05", time(0, 5)),
        ("25:00", None), ("14", None), ("13pm", None), ("half two", None), ("", None),
    ],
)  # fmt: skip
def test_a_time_is_read_as_people_type_it(typed, expected):
    assert parse_time(typed) == expected
