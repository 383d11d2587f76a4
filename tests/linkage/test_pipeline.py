"""Preparing the records: the same result whether one process or one per core normalises."""

from __future__ import annotations

import pytest

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


def test_u_is_cleared_of_the_matches_among_the_random_pairs():
    # One random pair in 1,000 is one person, and NHS numbers agree in 99% of those: of the
    # 0.1% of random pairs that agree, nearly all are matches, and strangers almost never do.
    model = {
        "probability_two_random_records_match": 0.001,
        "comparisons": [
            {
                "output_column_name": "nhs_number",
                "comparison_levels": [
                    {"is_null_level": True},
                    {"m_probability": 0.99, "u_probability": 0.00100},
                    {"m_probability": 0.01, "u_probability": 0.99900},
                ],
            }
        ],
    }
    cleared = pipeline.model_for_scoring(model, sampled_pairs=1e6)
    agrees, other = cleared["comparisons"][0]["comparison_levels"][1:]
    assert agrees["u_probability"] == pytest.approx((0.001 - 0.00099) / 0.999)
    assert other["u_probability"] == pytest.approx((0.999 - 0.00001) / 0.999)
    assert model["comparisons"][0]["comparison_levels"][1]["u_probability"] == 0.001  # a copy
    # A level reached only by matches keeps the u of one pair in the sample.
    model["comparisons"][0]["comparison_levels"][1]["u_probability"] = 0.0009
    cleared = pipeline.model_for_scoring(model, sampled_pairs=1e6)
    assert cleared["comparisons"][0]["comparison_levels"][1]["u_probability"] == 1e-6
    # A level nearly every random pair reaches, and few matches: u is a probability still.
    model["comparisons"][0]["comparison_levels"][2].update(m_probability=0.001, u_probability=1.0)
    cleared = pipeline.model_for_scoring(model, sampled_pairs=1e6)
    assert cleared["comparisons"][0]["comparison_levels"][2]["u_probability"] == 1.0


def test_no_level_weighs_more_against_a_pair_than_one_in_ten_thousand_matches_allows():
    # Every match the training saw had one email: two emails on one person still happen.
    model = {
        "probability_two_random_records_match": 0.001,
        "comparisons": [
            {
                "output_column_name": "email",
                "comparison_levels": [
                    {"is_null_level": True},
                    {"m_probability": 1.0, "u_probability": 0.002},
                    {"m_probability": 1e-19, "u_probability": 0.998},
                ],
            }
        ],
    }
    scored = pipeline.model_for_scoring(model, sampled_pairs=1e6)
    assert scored["comparisons"][0]["comparison_levels"][2]["m_probability"] == pipeline.LEAST_M
    assert scored["comparisons"][0]["comparison_levels"][1]["m_probability"] == 1.0
