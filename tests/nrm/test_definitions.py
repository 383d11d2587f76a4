"""The NRM definitions: the shipped file loads with what the statistics and the Act name;
bad files are refused naming the file and the line."""

from __future__ import annotations

import pytest

from hub.nrm.practice import NrmPractice, nrm_practice
from hub.platform.definitions import DefinitionError, load_path


def test_the_shipped_definitions():
    practice = nrm_practice()
    assert practice.codes("exploitation_types") == {
        "sexual", "labour", "domestic_servitude", "criminal", "organ_harvesting", "not_specified",
    }  # fmt: skip
    assert practice.first_responder_for("police", "West Midlands Police").code == "police"
    assert practice.first_responder_for("voluntary", "Barnardo's").code == "barnardos"
    assert practice.first_responder_for("education", "Northfield Academy") is None
    assert practice.first_responder_for("health_trust", "A trust") is None
    assert practice.offence("robbery").schedule_4 and not practice.offence("theft").schedule_4


MINIMAL = (
    "id: nrm\nversion: 2\ntitle: N\n"
    "exploitation_types: [{code: sexual, title: S}]\n"
    "competent_authorities: [{code: sca, title: SCA}, {code: devolved_panel, title: P}]\n"
    "support_statuses: [{code: awaiting, title: A}]\n"
    "offences: [{code: theft, title: T}]\n"
)


def test_an_unknown_kind_of_agency_is_refused_with_its_line(tmp_path):
    path = tmp_path / "nrm.yaml"
    path.write_text(
        MINIMAL + "first_responders:\n  - {code: p, title: P, agency_kinds: [wizards]}\n"
    )
    with pytest.raises(DefinitionError, match="wizards is not a kind of agency") as refused:
        load_path(path, NrmPractice)
    assert "nrm.yaml:9" in str(refused.value)


def test_a_code_listed_twice_is_refused(tmp_path):
    path = tmp_path / "nrm.yaml"
    path.write_text(
        MINIMAL.replace(
            "[{code: theft, title: T}]", "[{code: theft, title: T}, {code: theft, title: U}]"
        )
        + "first_responders: []\n"
    )
    with pytest.raises(DefinitionError, match="theft is listed twice"):
        load_path(path, NrmPractice)
