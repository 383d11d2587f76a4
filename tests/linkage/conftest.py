"""Linkage fixtures: a small synthetic sample with its truth, and `hub link` as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub.linkage.definitions import source_mapping
from hub.linkage.extracts import Extract, write_link_input
from hub.linkage.synthetic import make_extracts, read_truth
from tests.world import world  # noqa: F401 (shared fixture)

SAMPLE_RECORDS = 400
SAMPLE_SEED = 7


@dataclass(frozen=True)
class Sample:
    """A generated sample: the extracts, the `hub link` input made from them, the truth."""

    folder: Path
    link_input: Path
    truth: dict[str, str]


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """Synthetic agency extracts (CSV and Parquet) imported into one `hub link` input."""
    folder = tmp_path_factory.mktemp("linkage-sample")
    extracts = make_extracts(folder, records=SAMPLE_RECORDS, seed=SAMPLE_SEED)
    link_input = folder / "link.csv"
    write_link_input(
        [Extract(path, source_mapping(source)) for source, path in extracts.files.items()],
        link_input,
    )
    return Sample(folder, link_input, read_truth(extracts.truth))


def hub_link(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """`python -m hub link ...` as other systems run it: its own process, from /."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.local"
    return subprocess.run(
        [sys.executable, "-m", "hub", "link", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        cwd="/",
    )


def spark_unavailable(reason: str) -> None:
    """Fail when every component is required (CI, or HUB_REQUIRE_ALL=1), else skip."""
    if os.environ.get("HUB_REQUIRE_ALL") == "1" or os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (in CI the Spark test must not be skipped)")
    pytest.skip(reason)
