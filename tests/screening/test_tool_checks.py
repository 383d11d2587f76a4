"""A tool whose rules contradict each other is refused, naming the file, the line and the
field: overlapping bands, unreachable grades, circular roll-ups, names that point nowhere."""

from __future__ import annotations

import textwrap

import pytest
from django.core.management import call_command

from hub.platform.definitions import DefinitionError, load_path
from hub.screening.tools import ScreeningTool

GOOD = """\
id: tiny
version: 1
title: Tiny
exploitation_types: [CSE, CCE, COUNTY_LINES]
type_rollups: {COUNTY_LINES: CCE}
windows:
  - {id: now, title: Now, recent: true}
  - {id: absent, title: Not present, present: false}
grades:
  - {id: low, title: Low, level: no_concern}
  - {id: mid, title: Mid, level: emerging}
  - {id: high, title: High, level: significant}
sections:
  - id: s
    title: S
    indicators:
      - {id: a, class: risk, types: [CSE], text: A, weights: {now: 3}}
      - {id: b, class: significant, types: [COUNTY_LINES], text: B, weights: {now: 5}}
grading:
  bands:
    - {from: 0, grade: low}
    - {from: 3, grade: mid}
    - {from: 8, grade: high}
"""


def write(tmp_path, text: str):
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    return path


def problems_of(tmp_path, text: str) -> list[str]:
    with pytest.raises(DefinitionError) as raised:
        load_path(write(tmp_path, text), ScreeningTool)
    return [str(problem) for problem in raised.value.problems]


def test_the_good_tool_loads(tmp_path):
    tool = load_path(write(tmp_path, GOOD), ScreeningTool)
    assert tool.bears_on(tool.indicator("b")) == {"COUNTY_LINES", "CCE"}


@pytest.mark.parametrize(
    ("change", "line", "field", "message"),
    [
        (
            ("{from: 3, grade: mid}", "{from: 0, grade: mid}"),
            22,
            "grading.bands[1].from",
            "overlaps",
        ),
        (
            ("{from: 8, grade: high}", "{from: 9, grade: high}"),
            23,
            "grading.bands[2].from",
            "no score reaches 9",
        ),
        (
            ("{from: 8, grade: high}", "{from: 8, grade: low}"),
            23,
            "grading.bands[2].grade",
            "lower than the band before",
        ),
        (
            ("{from: 3, grade: mid}", "{from: 3, grade: top}"),
            22,
            "grading.bands[1].grade",
            "not one of this tool's grades",
        ),
        (
            (
                "type_rollups: {COUNTY_LINES: CCE}",
                "type_rollups: {COUNTY_LINES: CCE, CCE: COUNTY_LINES}",
            ),
            5,
            "type_rollups.COUNTY_LINES",
            "circle",
        ),
        (
            ("types: [CSE], text: A", "types: [ONLINE], text: A"),
            17,
            "sections[0].indicators[0].types[0]",
            "not one of this tool's",
        ),
        (
            ("weights: {now: 3}", "weights: {later: 3}"),
            17,
            "sections[0].indicators[0].weights",
            "missing now",
        ),
        (
            ("  - {id: absent, title: Not present, present: false}\n", ""),
            7,
            "windows",
            "exactly one window",
        ),
        (
            ("level: emerging", "level: sky_high"),
            11,
            "grades[1].level",
            "not a level of thresholds.yaml",
        ),
    ],
)
def test_contradictions_are_named_with_file_line_and_field(tmp_path, change, line, field, message):
    found = problems_of(tmp_path, GOOD.replace(*change))
    assert any(f"tiny.yaml:{line}: {field}: " in p and message in p for p in found), found


def test_an_unreachable_grade_and_a_rule_that_can_never_apply(tmp_path):
    bands = GOOD[GOOD.index("  bands:") :]
    rules = "  rules:\n    - {id: lots, title: Lots, class: risk, count: 3, at_least: mid}\n"
    found = problems_of(tmp_path, GOOD.replace(bands, rules))
    assert any("grades[2]: grade high can never be given" in p for p in found), found
    assert any("grading.rules[0].count: needs 3 indicators" in p for p in found), found


def test_malformed_yaml_and_unknown_fields_name_the_line(tmp_path):
    found = problems_of(tmp_path, GOOD.replace("title: Tiny", "title: [Tiny"))
    assert found[0].startswith(f"{tmp_path / 'tiny.yaml'}:") and "not valid YAML" in found[0]
    found = problems_of(
        tmp_path, GOOD.replace("{id: a, class: risk", "{id: a, colour: red, class: risk")
    )
    assert any(":17: sections[0].indicators[0].colour: Extra inputs" in p for p in found), found


def test_a_worked_example_that_no_longer_holds_is_a_problem(tmp_path):
    text = GOOD + textwrap.dedent(
        """\
        examples:
          - title: One risk is mid
            subject: {assessed_on: "2026-01-10"}
            answers: {a: now}
            expect_overall: high
        """
    )
    found = problems_of(tmp_path, text)
    assert any("examples[0]" in p and "now gives overall mid, not high" in p for p in found), found


def test_check_definitions_reports_every_problem_and_exits_1(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "tools" / "tiny"
    folder.mkdir(parents=True)
    (folder / "v1.yaml").write_text(GOOD.replace("{from: 3, grade: mid}", "{from: 0, grade: mid}"))
    (folder / "v2.yaml").write_text(
        GOOD.replace("version: 1", "version: 2").replace("title: Tiny", "title: [x")
    )
    from hub.platform import definitions

    real = definitions.definition_path
    monkeypatch.setattr(
        definitions,
        "definition_path",
        lambda app, name: (
            tmp_path / "tools" if (app, name) == ("screening", "tools") else real(app, name)
        ),
    )
    with pytest.raises(SystemExit) as exited:
        call_command("check-definitions")
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert (
        "v1.yaml:22: grading.bands[1].from" in err
        and "v2.yaml:4" in err
        and "not valid YAML" in err
    )
    assert "2 problem(s)" in err


def test_the_shipped_definitions_pass(capsys):
    call_command("check-definitions")
    out = capsys.readouterr().out
    assert "ok  screening/tools: seraf v1" in out and "ok  screening/thresholds" in out
