"""Benchmarks merge their figures into benchmarks/results/<name>.json, with machine and date."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, object]:
    return {
        "node": platform.node(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
    }


def merge(name: str, figures: dict[str, object]) -> Path:
    """Write `figures` into results/<name>.json under a lock, keeping other benchmarks' keys."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    lock_path = Path(tempfile.gettempdir()) / f"hub-benchmark-{name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data: dict[str, object] = {}
        with contextlib.suppress(FileNotFoundError):
            data = json.loads(path.read_text(encoding="utf-8"))
        data.update(figures)
        data["machine"] = machine()
        data["date"] = datetime.now(UTC).isoformat(timespec="seconds")
        temporary = path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    return path
