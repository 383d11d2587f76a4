"""Benchmarks merge their figures into benchmarks/results/<name>.json, with machine and date."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, object]:
    return {
        "node": platform.node(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }


def merge(name: str, figures: dict[str, object]) -> Path:
    """Write `figures` into results/<name>.json, keeping keys other benchmarks wrote."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(figures)
    data["machine"] = machine()
    data["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return path
