"""`hub link --engine spark`: the same model on local Spark, over a small sample.

Needs pyspark (the dev group installs it) and Java 17 or later. Without them this test is
skipped here and fails in CI (CI=true or HUB_REQUIRE_ALL=1): Spark is part of what we ship.
"""

from __future__ import annotations

import csv
import importlib.util
import json

from hub.linkage.engines import java_problem
from hub.linkage.evaluation import score_linkage

from .conftest import hub_link, spark_unavailable

SPARK_RECORDS = 150


def test_spark_links_a_small_sample_like_duckdb(sample, tmp_path):
    if importlib.util.find_spec("pyspark") is None:
        spark_unavailable("pyspark is not installed (uv sync installs it with the dev group)")
    if problem := java_problem():
        spark_unavailable(problem)
    with sample.link_input.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:SPARK_RECORDS]
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "out.csv"
    done = hub_link(
        str(source), "--out", str(out), "--engine", "spark", "--model-dir", str(tmp_path),
        timeout=600,
    )  # fmt: skip
    if done.returncode != 0 and "Java" in done.stderr:
        spark_unavailable(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        outputs = list(csv.DictReader(handle))
    assert [row["record_id"] for row in outputs] == [row["record_id"] for row in rows]
    scores = score_linkage(
        [row["record_id"] for row in outputs], [row["person_key"] for row in outputs], sample.truth
    )
    assert scores.pairwise_precision > 0.95, scores
    assert scores.pairwise_recall > 0.9, scores
    [model] = tmp_path.glob("model-*.json")
    assert json.loads(model.read_text(encoding="utf-8"))["engine"] == "spark"
