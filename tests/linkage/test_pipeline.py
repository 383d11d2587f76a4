"""Preparing the records: the same result whether one process or one per core normalises."""

from __future__ import annotations

from hub.linkage import pipeline
from hub.linkage.reader import LinkInput

from .conftest import Sample


def test_chunks_normalised_in_other_processes_come_back_as_one_process_makes_them(
    sample: Sample, monkeypatch
):
    whole = pipeline.prepare_rows(LinkInput(sample.link_input).rows())
    monkeypatch.setattr(pipeline, "CHUNK_ROWS", 64)  # several chunks, so the pool is used
    chunked = pipeline.prepare_rows(LinkInput(sample.link_input).rows())
    assert len(whole.record_ids) > 4 * 64
    assert chunked.record_ids == whole.record_ids
    assert chunked.lines == whole.lines
    assert chunked.table.equals(whole.table)
    assert chunked.alone == whole.alone
    assert chunked.field_problems == whole.field_problems
