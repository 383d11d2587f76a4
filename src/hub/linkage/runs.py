"""Each run's trained model, saved as a versioned JSON file beside the others.

A run trains its own model, so two runs over different files may weigh a field differently:
the file says which model version (our comparisons) and which Splink parameters made a
result, on what engine, from which input (by its SHA-256, not its content), and when.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .definitions import nickname_table
from .model_names import MODEL_ID, MODEL_VERSION


@dataclass(frozen=True)
class RunRecord:
    """What a saved model says about the run that trained it."""

    run_id: str
    path: Path


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_run_model(
    splink_model: dict[str, Any],
    *,
    folder: Path,
    input_path: Path,
    engine: str,
    records: int,
    threshold: float,
) -> RunRecord:
    """Write the trained model of one run; its file name is the run id."""
    now = datetime.now(UTC)
    digest = file_digest(input_path)
    run_id = f"{now:%Y%m%dT%H%M%S}Z-{digest[:8]}"
    nicknames = nickname_table()
    document = {
        "model": MODEL_ID,
        "model_version": MODEL_VERSION,
        "run_id": run_id,
        "trained_at": now.isoformat(timespec="seconds"),
        "engine": engine,
        "splink_version": version("splink"),
        "definitions": {"nicknames": f"{nicknames.id} v{nicknames.version}"},
        "input_sha256": digest,
        "records": records,
        "threshold_match_probability": threshold,
        "splink_model": splink_model,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"model-{run_id}.json"
    temporary = path.with_suffix(".json.partial")
    temporary.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)
    return RunRecord(run_id, path)
