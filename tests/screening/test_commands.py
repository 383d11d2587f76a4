"""`hub screening` as other systems call it: a separate process, JSON out, and bad input
refused on standard error with exit status 2, naming the file, line or field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def hub(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    return subprocess.run(
        [sys.executable, "-m", "hub", "screening", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd="/",
    )


def answers_file(tmp_path: Path, data: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_tools_lists_every_tool_and_version():
    done = hub("tools")
    assert done.returncode == 0, done.stderr
    tools = json.loads(done.stdout)
    assert {
        "id": "seraf",
        "version": 1,
        "title": "Sexual exploitation risk assessment (scored)",
    } in tools
    assert all(set(t) == {"id", "version", "title"} for t in tools)


def test_describe_gives_questions_windows_grades_and_circumstances():
    done = hub("describe", "--tool", "seraf")
    assert done.returncode == 0, done.stderr
    described = json.loads(done.stdout)
    assert described["grades"] == ["category_1", "category_2", "category_3", "category_4"]
    assert described["windows"] == ["now", "six_to_twelve_months", "both", "not_present"]
    missing = next(
        i for s in described["sections"] for i in s["indicators"] if i["id"] == "missing"
    )
    assert missing == {
        "id": "missing",
        "text": "Goes missing often, overnight or for longer",
        "class": "significant",
        "exploitation_types": ["CSE"],
        "weight": {"now": 5, "six_to_twelve_months": 1, "both": 6},
    }
    assert "care_and_support_needs" in described["circumstances"]
    assert hub("describe", "--tool", "seraf", "--version", "7").returncode == 2


def test_score_prints_grades_pathway_and_reasons(tmp_path):
    path = answers_file(
        tmp_path,
        {
            "tool": "child_exploitation",
            "subject": {"date_of_birth": "2010-04-03", "assessed_on": "2026-01-10"},
            "answers": {"missing_repeatedly": "recent", "drug_misuse": "earlier"},
        },
    )
    done = hub("score", "--answers", path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {
        "tool",
        "version",
        "grades",
        "overall",
        "grade_order",
        "pathway",
        "reasons",
    }
    assert (result["tool"], result["version"]) == ("child_exploitation", 1)
    assert result["overall"] == "significant_risk" and result["pathway"] == "strategy_discussion"
    assert result["grades"]["ONLINE"] == "no_current_risk"
    assert result["grade_order"][0] == "no_current_risk"
    rule = next(r for r in result["reasons"] if r["rule"] == "significant_recent")
    assert rule["indicators"] == ["missing_repeatedly"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{ not json", "answers.json:1:3: not valid JSON"),
        ({"tool": "nope", "subject": {"assessed_on": "2026-01-10"}}, "no screening tool 'nope'"),
        (
            {"tool": "seraf", "version": 3, "subject": {"assessed_on": "2026-01-10"}},
            "seraf has no version 3",
        ),
        (
            {
                "tool": "seraf",
                "subject": {"assessed_on": "2026-01-10"},
                "answers": {"flying": "now"},
            },
            "answers.flying: seraf v1 has no indicator 'flying'",
        ),
        (
            {
                "tool": "seraf",
                "subject": {"assessed_on": "2026-01-10"},
                "answers": {"missing": "recent"},
            },
            "answers.missing: 'recent' is not an answer window",
        ),
        (
            {"tool": "seraf", "subject": {"assessed_on": "10/01/2026"}},
            "subject.assessed_on must be a date",
        ),
        (
            {"tool": "seraf", "subject": {"assessed_on": "2026-01-10", "mood": "fine"}},
            "subject.mood: 'mood' is not a circumstance",
        ),
        (
            {"tool": "seraf", "subject": {"assessed_on": "2026-01-10"}, "extra": 1},
            "extra: not a field",
        ),
    ],
)
def test_bad_answers_are_refused_naming_what_is_wrong(tmp_path, data, message):
    done = hub("score", "--answers", answers_file(tmp_path, data))
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""
