"""Source mappings and the nickname table as definitions; extracts read through them."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hub.linkage.definitions import NicknameTable, SourceMapping, source_mappings
from hub.linkage.extracts import Extract, ExtractError, unified_rows, write_link_input
from hub.platform.definitions import DefinitionError, load_path, validate_all_definitions


def test_every_linkage_definition_is_valid_and_checked_at_start_up():
    checked = validate_all_definitions()
    assert "linkage/nicknames: nicknames v1" in checked
    assert {m.source for m in source_mappings()} >= {"police", "health", "education"}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_short_form_that_is_also_a_formal_name_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "n.yaml",
        "id: n\nversion: 1\ntitle: t\nformal_names:\n  william: [will, liam]\n  liam: [li]\n",
    )
    with pytest.raises(DefinitionError) as refused:
        load_path(path, NicknameTable)
    assert "n.yaml:5: formal_names.william[1]: 'liam' is a formal name too" in str(refused.value)


def test_a_mapping_without_record_id_or_with_names_twice_is_refused(tmp_path):
    path = write(
        tmp_path,
        "s.yaml",
        "id: s\nversion: 1\ntitle: t\nsource: s\ncolumns:\n  given_name: [First]\n"
        "whole_name: {column: Name, order: given_first}\n",
    )
    with pytest.raises(DefinitionError) as refused:
        load_path(path, SourceMapping)
    message = str(refused.value)
    assert "map record_id to the extract's own record number" in message
    assert "s.yaml:6: columns.given_name: names come from whole_name; drop this" in message


MAPPING = SourceMapping(
    id="school",
    version=1,
    title="A school",
    source="school",
    columns={
        "record_id": ["Ref"],
        "given_name": ["First"],
        "other_names": ["Middle", "Preferred"],
        "date_of_birth": ["Born"],
        "other_identifier": ["UPN"],
    },
    date_order="month_first",
    other_identifier_kind="upn",
)


def test_a_csv_extract_is_read_into_link_rows(tmp_path):
    path = write(
        tmp_path,
        "school.csv",
        "Ref,First,Middle,Preferred,Born,UPN\n7,Kayden,James,Kay,9/13/16,A1\n",
    )
    [row] = list(unified_rows(Extract(path, MAPPING)))
    assert row["record_id"] == "school:7"
    assert row["source"] == "school"
    assert row["other_names"] == "James Kay"
    assert row["date_of_birth"] == "13/9/16"  # month first turned day first
    assert row["other_identifier"] == "upn:A1"
    assert row["family_name"] == ""


def test_a_parquet_extract_with_a_whole_name_column_is_read_the_same_way(tmp_path):
    mapping = SourceMapping(
        id="gp",
        version=1,
        title="A practice",
        source="gp",
        columns={"record_id": ["Id"], "nhs_number": ["NHS"]},
        whole_name={"column": "Patient", "order": "family_first"},
    )
    path = tmp_path / "gp.parquet"
    pq.write_table(pa.table({"Id": ["1"], "Patient": ["SMITH, Kayden James"], "NHS": [None]}), path)
    [row] = list(unified_rows(Extract(path, mapping)))
    assert (row["given_name"], row["family_name"], row["other_names"]) == (
        "Kayden",
        "SMITH",
        "James",
    )
    assert row["nhs_number"] == ""


def test_an_extract_missing_a_mapped_column_names_it(tmp_path):
    path = write(tmp_path, "school.csv", "Ref,First\n1,A\n")
    with pytest.raises(ExtractError, match="no column Middle, Preferred, Born, UPN"):
        list(unified_rows(Extract(path, MAPPING)))


def test_an_extract_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "school.csv"
    path.write_bytes("Ref,First,Middle,Preferred,Born,UPN\n1,Zoë,,,,\n".encode("latin-1"))
    with pytest.raises(ExtractError, match="not UTF-8"):
        list(unified_rows(Extract(path, MAPPING)))


def test_write_link_input_makes_one_file_of_every_extract(sample):
    with sample.link_input.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(sample.truth)
    assert {row["record_id"] for row in rows} == set(sample.truth)
    assert {row["source"] for row in rows} >= {"police", "health", "childrens_social_care"}
    out = sample.folder / "again.csv"
    extract = Extract(
        sample.folder / "police.csv", next(m for m in source_mappings() if m.id == "police")
    )
    assert write_link_input([extract], out) == sum(1 for r in rows if r["source"] == "police")
