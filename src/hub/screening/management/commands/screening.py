"""`hub screening`: the screening tools for other systems (a stable interface).

    hub screening tools                               JSON list: id, version, title
    hub screening describe --tool ID [--version V]    JSON: sections, indicators, windows,
                                                      grades (lowest first), circumstances
    hub screening score --answers FILE.json           JSON: tool, version, grades, overall,
                                                      grade_order, pathway, reasons
    hub screening rescore --tool ID --version V       re-score stored screenings to compare

Bad input (an unknown tool, version, indicator or window, a malformed file) is reported on
standard error naming the file, line or field, with exit status 2; nothing is printed on
standard output then.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from hub.screening.describe import describe_json, tools_json
from hub.screening.engine import AnswerError, score, subject_from_json
from hub.screening.tools import UnknownTool, get_tool

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "Screening tools as JSON for other systems: tools, describe, score, rescore."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("tools", help="list the tools and their versions")
        describe = commands.add_parser("describe", help="one tool's questions and grades")
        describe.add_argument("--tool", required=True)
        describe.add_argument("--version", type=int, default=None)
        scoring = commands.add_parser("score", help="grade one set of answers")
        scoring.add_argument("--answers", required=True, type=Path)
        rescore = commands.add_parser("rescore", help="re-score stored screenings")
        rescore.add_argument("--tool", required=True)
        rescore.add_argument("--version", type=int, required=True)
        rescore.add_argument("--batch", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "tools":
                self._print(tools_json())
            elif options["action"] == "describe":
                self._print(describe_json(get_tool(options["tool"], options["version"])))
            elif options["action"] == "score":
                self._print(self._score(options["answers"]))
            else:
                self._rescore(options["tool"], options["version"], options["batch"])
        except (UnknownTool, AnswerError) as exc:
            self._refuse(str(exc))

    def _print(self, data: object) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _refuse(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(EXIT_BAD_INPUT)

    def _score(self, path: Path) -> dict[str, object]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self._refuse(f"{path}: file not found")
        except UnicodeDecodeError:
            self._refuse(f"{path}: not UTF-8 text")
        except json.JSONDecodeError as exc:
            self._refuse(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}")
        if not isinstance(data, dict):
            self._refuse(f"{path}: expected a JSON object with tool, subject and answers")
        for key in set(data) - {"tool", "version", "subject", "answers"}:
            self._refuse(f"{path}: {key}: not a field (expected tool, version, subject, answers)")
        tool_id, version = data.get("tool"), data.get("version")
        if not isinstance(tool_id, str):
            self._refuse(f"{path}: tool: name the tool by its id (a string)")
        if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
            self._refuse(f"{path}: version: a whole number, or leave it out for the latest")
        answers, subject = data.get("answers", {}), data.get("subject")
        if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
            self._refuse(f"{path}: answers: an object of indicator id to window id")
        if not isinstance(subject, dict):
            self._refuse(f"{path}: subject: an object with assessed_on (and date_of_birth)")
        try:
            tool = get_tool(tool_id, version)
            result = score(tool, answers=answers, subject=subject_from_json(subject))
        except (UnknownTool, AnswerError) as exc:
            field = f"{exc.field}: " if isinstance(exc, AnswerError) and exc.field else ""
            self._refuse(f"{path}: {field}{exc}")
        return result.as_json()

    def _rescore(self, tool_id: str, version: int, batch: int) -> None:
        from hub.screening.services import screenings_rescore

        tool = get_tool(tool_id, version)
        done = screenings_rescore(tool=tool, batch=batch, progress=self.stdout.write)
        self.stdout.write(
            f"Re-scored {done.screenings:,} screenings under {tool.label} in {done.seconds:.1f} s: "
            f"{done.changed:,} would now have a different overall grade."
        )
