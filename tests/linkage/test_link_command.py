"""`hub link` as other systems call it: a separate process, a file in, a file out; bad input
refused with the line numbers and nothing written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hub.linkage.evaluation import score_linkage

from .conftest import Sample, hub_link

BROKEN_ROW = "broken:1,Kayden,Smith\n"  # three fields where the header has fourteen
# Families added to the sample, each with a housing record that gives no date of birth and
# an initial for the given name, or none. Holly is the only H of the Faulkners at their
# address; the Sullivans there are Ross and Rebecca. Juliana Danciak's mobile number is
# hers alone; Amira Begum's is her daughter Zara's contact number too.
_FIELDS = "record_id,given_name,family_name,date_of_birth,sex,address_line,postcode,phone"
ADDED = {
    "holly": "Holly,Faulkner,03/12/1998,F,112 Manor Road,B64 7JD,07407 080866",
    "holly-health": "Holly,FAULKNER,3/12/1998,F,112 Manor Road,B647JD,",
    "h": "H,Faulkner,,,112 Manor Road,B64 7JD,07407 080866",
    "ross": "Ross,Sullivan,28/07/1973,M,225 Kings Road,B16 6QX,07820 735179",
    "rebecca": "Rebecca,Sullivan,02/02/1975,F,225 Kings Road,B16 6QX,07820 735179",
    "r": "R,Sullivan,,,225 Kings Road,B16 6QX,07820 735179",
    "juliana": "Juliana,Danciak,08/11/1978,F,106 Oak Tree Lane,B11 2PD,07846 427726",
    "danciak": ",Danciak,,,106 Oak Tree Lane,B11 2PD,07846427726",
    "amira": "Amira,Begum,12/03/1985,F,14 Park Road,B12 9QT,07846 111222",
    "zara": "Zara,Begum,05/06/2015,F,14 Park Road,B12 9QT,07846 111222",
    "begum": ",Begum,,,14 Park Road,B12 9QT,07846111222",
}


def _added_rows(header: str) -> str:
    """The rows of ADDED in the sample's columns."""
    columns = header.strip().split(",")
    rows = []
    for key, values in ADDED.items():
        given = dict(zip(_FIELDS.split(","), [f"added:{key}", *values.split(",")], strict=True))
        rows.append(",".join(given.get(column, "") for column in columns) + "\n")
    return "".join(rows)


@pytest.fixture(scope="module")
def linked(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One DuckDB run over the sample, with a broken row added at the end."""
    folder = tmp_path_factory.mktemp("linked")
    source = folder / "in.csv"
    text = sample.link_input.read_text(encoding="utf-8")
    source.write_text(text + _added_rows(text.partition("\n")[0]) + BROKEN_ROW, "utf-8")
    done = hub_link(
        str(source),
        "--out",
        str(folder / "out.csv"),
        "--model-dir",
        str(folder / "models"),
        "--pairs",
        str(folder / "pairs.jsonl"),
    )
    assert done.returncode == 0, done.stderr
    return {"folder": folder, "source": source, "stderr": done.stderr}


def _trained_model(linked) -> dict[str, object]:
    """The Splink model the run trained and saved."""
    [path] = (linked["folder"] / "models").glob("model-*.json")
    return json.loads(path.read_text(encoding="utf-8"))["splink_model"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_input_row_gets_a_person_key_in_input_order(linked, sample):
    inputs = read_csv(linked["source"])
    outputs = read_csv(linked["folder"] / "out.csv")
    assert list(outputs[0]) == ["record_id", "person_key"]
    assert [row["record_id"] for row in outputs] == [row["record_id"] for row in inputs]


def test_the_sample_is_linked_close_to_its_truth(linked, sample):
    outputs = [
        row for row in read_csv(linked["folder"] / "out.csv") if row["record_id"] in sample.truth
    ]
    scores = score_linkage(
        [row["record_id"] for row in outputs], [row["person_key"] for row in outputs], sample.truth
    )
    assert scores.pairwise_precision > 0.97, scores
    assert scores.pairwise_recall > 0.95, scores
    assert scores.cluster_f1 > 0.9, scores


def test_a_broken_row_is_a_person_of_its_own_and_reported_with_its_line(linked, sample):
    outputs = read_csv(linked["folder"] / "out.csv")
    assert outputs[-1] == {"record_id": "broken:1", "person_key": "broken:1"}
    assert [row["person_key"] for row in outputs].count("broken:1") == 1
    line = len(sample.truth) + len(ADDED) + 2  # the header is line 1
    assert (
        f"line {line}: 3 fields where the header has 14: kept as a person of its own"
        in (linked["stderr"])
    )


def _added_keys(linked) -> dict[str, str]:
    return {
        row["record_id"].removeprefix("added:"): row["person_key"]
        for row in read_csv(linked["folder"] / "out.csv")
        if row["record_id"].startswith("added:")
    }


def test_an_initial_joins_the_one_person_of_the_family_at_the_address_it_can_stand_for(linked):
    keys = _added_keys(linked)
    assert keys["h"] == keys["holly"] == keys["holly-health"]
    # "R Sullivan" could be Ross or Rebecca: the household check keeps it apart from both.
    assert len({keys["r"], keys["ross"], keys["rebecca"]}) == 3


def test_a_mobile_number_that_is_one_persons_speaks_for_her_where_a_shared_one_does_not(linked):
    keys = _added_keys(linked)
    # A housing record with no given name or date of birth: Juliana's own number says it is
    # hers. Amira's number is Zara's contact too, so it says no more than the household.
    assert keys["danciak"] == keys["juliana"]
    assert len({keys["begum"], keys["amira"], keys["zara"]}) == 3


def test_the_trained_model_of_the_run_is_saved_with_its_version(linked):
    [path] = (linked["folder"] / "models").glob("model-*.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["model"] == "hub-person-linkage"
    assert saved["model_version"] >= 1
    assert saved["engine"] == "duckdb"
    assert saved["records"] == len(read_csv(linked["source"]))
    assert path.name == f"model-{saved['run_id']}.json"
    trained = saved["splink_model"]
    assert 0 < trained["probability_two_random_records_match"] < 1
    dob = next(c for c in trained["comparisons"] if c["output_column_name"] == "date_of_birth")
    exact = next(
        level
        for level in dob["comparison_levels"]
        if level.get("label_for_charts") == "Exact match on dob"
    )
    assert exact["m_probability"] > 0.5 > exact["u_probability"]


def test_each_scored_pair_comes_with_the_reasons_for_its_weight(linked):
    pairs = [json.loads(line) for line in (linked["folder"] / "pairs.jsonl").open(encoding="utf-8")]
    assert pairs
    for scored in pairs:
        total = scored["prior"] + sum(
            reason["match_weight"] + reason["term_frequency_adjustment"]
            for reason in scored["reasons"]
        )
        assert total == pytest.approx(scored["match_weight"], abs=1e-6)
        assert scored["match_probability"] >= 0.5
    same_nhs = [
        s
        for s in pairs
        if any(
            r["comparison"] == "nhs_number" and r["level"] == "Exact match on nhs_number"
            for r in s["reasons"]
        )
    ]
    assert same_nhs and all(
        next(r for r in s["reasons"] if r["comparison"] == "nhs_number")["match_weight"] > 5
        for s in same_nhs
    )
    assert any(s["linked"] for s in pairs)


def run_refused(tmp_path: Path, content: bytes) -> tuple[object, Path]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(content)
    return hub_link(str(source), "--out", str(out)), out


def test_a_file_without_record_id_is_refused_and_nothing_written(tmp_path):
    done, out = run_refused(tmp_path, b"id,given_name\n1,Kayden\n")
    assert done.returncode == 2
    assert "line 1: no record_id column (the header has id, given_name)" in done.stderr
    assert not out.exists()


def test_repeated_and_empty_record_ids_are_refused_with_their_lines(tmp_path):
    done, out = run_refused(
        tmp_path, b"record_id,given_name\na,Kayden\nb,Kai\na,Kayden\n,Nobody\nb,Kai\n"
    )
    assert done.returncode == 2
    assert "line 5: record_id is empty" in done.stderr
    assert "line 4: record_id 'a' is also on line 2" in done.stderr
    assert "line 6: record_id 'b' is also on line 3" in done.stderr
    assert not out.exists()


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    done, out = run_refused(tmp_path, "record_id,given_name\n1,Zoe\n2,Zoë\n".encode("latin-1"))
    assert done.returncode == 2
    assert "line 3: not UTF-8 text (byte 0xEB)" in done.stderr
    assert not out.exists()


def test_a_header_only_file_gives_a_header_only_output(tmp_path):
    # with a UTF-8 byte order mark, which is fine
    done, out = run_refused(tmp_path, "\ufeffrecord_id,given_name,family_name\n".encode())
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "record_id,person_key\n"
    assert "has a header and no records" in done.stderr


def test_an_empty_file_gives_a_header_only_output_and_says_so(tmp_path):
    done, out = run_refused(tmp_path, b"")
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "record_id,person_key\n"
    assert "is empty: nothing to link" in done.stderr


def test_a_threshold_that_is_no_probability_is_refused(tmp_path):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(b"record_id\n1\n")
    done = hub_link(str(source), "--out", str(out), "--threshold", "1.5")
    assert done.returncode == 2
    assert "--threshold" in done.stderr
    assert not out.exists()


def test_any_two_records_can_be_explained_under_a_run_s_model(linked):
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    kayden = {
        "given_name": "Kayden",
        "family_name": "Smith",
        "date_of_birth": "03/04/2010",
        "postcode": "B1 1AA",
        "address_line": "12 Church Road",
    }
    kaiden = {
        **kayden,
        "given_name": "Kaiden",
        "family_name": "Smyth",
        "date_of_birth": "2010-03-04",
    }
    same = explain_records(model, kayden, kaiden, threshold=0.95)
    assert same.match_weight == pytest.approx(
        same.prior + sum(r.match_weight + r.term_frequency_adjustment for r in same.reasons)
    )
    levels = {reason.comparison: reason.level for reason in same.reasons}
    assert levels["date_of_birth"] == "one reading of an ambiguous date agrees"
    assert levels["phone"] == "phone is NULL"
    twin = explain_records(model, kayden, {**kayden, "given_name": "Tyler"}, threshold=0.95)
    assert not twin.linked
    assert "given name disagree" in twin.household_check
    assert next(r for r in twin.reasons if r.comparison == "given_name").match_weight < 0


def test_a_date_of_birth_a_day_out_agrees_and_the_household_check_counts_it(linked):
    # A date written a day out (a time at midnight read in another time zone) says the
    # same person, either way round; it is no "same year" that parts a family.
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    lynda = {"given_name": "Lynda", "family_name": "Peters", "date_of_birth": "30/11/1979"}
    for other in ("01/12/1979", "29/11/1979"):
        explained = explain_records(model, lynda, {**lynda, "date_of_birth": other}, threshold=0.95)
        levels = {reason.comparison: reason for reason in explained.reasons}
        assert levels["date_of_birth"].level == "a day apart", other
        assert explained.household_check is None
    apart = explain_records(model, lynda, {**lynda, "date_of_birth": "02/12/1979"}, threshold=0.95)
    assert {r.comparison: r.level for r in apart.reasons}["date_of_birth"] != "a day apart"


def test_middle_names_and_names_the_wrong_way_round_say_what_they_can(linked):
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    kirsty = {"given_name": "Kirsty", "family_name": "Barnett", "other_names": "Lynn",
              "date_of_birth": "25/02/1991", "postcode": "WV14 7BS"}  # fmt: skip

    def explained(first, second):
        found = explain_records(model, first, second, threshold=0.95)
        return found, {reason.comparison: reason for reason in found.reasons}

    married, levels = explained(kirsty, {**kirsty, "family_name": "Davey", "postcode": "WS10 7LY"})
    assert levels["middle_name"].level == "Exact match on middle_name"
    sister, sister_levels = explained(
        kirsty, {**kirsty, "family_name": "Davey", "postcode": "WS10 7LY", "other_names": "Ann"}
    )
    assert sister_levels["middle_name"].match_weight < 0 < levels["middle_name"].match_weight
    assert married.match_weight > sister.match_weight
    # "Mdan Harrison" is "Harrison Madan" the wrong way round with a slip: not a given name
    # that disagrees.
    harrison = {"given_name": "Harrison", "family_name": "Madan", "date_of_birth": "24/11/2012"}
    _, levels = explained(harrison, {**harrison, "given_name": "Mdan", "family_name": "Harrison"})
    assert levels["given_name"].level == "given and family names the wrong way round"
    # "Roberts Lucy", the wrong way round and married since: weak, and the date decides.
    lucy = {"given_name": "Lucy", "family_name": "Elliott", "date_of_birth": "24/07/1974"}
    reversed_lucy = {**lucy, "given_name": "Roberts", "family_name": "Lucy"}
    same_day, levels = explained(lucy, reversed_lucy)
    assert levels["given_name"].level == "one's given name is the other's family name"
    assert same_day.household_check is None
    other_day, _ = explained(lucy, {**reversed_lucy, "date_of_birth": "02/03/1970"})
    assert other_day.household_check is not None


def test_a_family_name_that_differs_at_one_address_is_weighed_with_the_address(linked):
    # At one address most people share a family name: one that differs there (a maiden
    # name at the old home) is one level of the address comparison, not counted twice.
    from hub.linkage.explain import explain_records
    from hub.linkage.model import SAME_PLACE_OTHER_FAMILY_LABEL

    model = _trained_model(linked)
    hazel = {"given_name": "Hazel", "family_name": "Foster", "address_line": "153 Dudley Road",
             "postcode": "CV4 0BZ"}  # fmt: skip
    maiden = explain_records(model, hazel, {**hazel, "family_name": "Burton"}, threshold=0.95)
    levels = {reason.comparison: reason for reason in maiden.reasons}
    assert levels["address"].level == SAME_PLACE_OTHER_FAMILY_LABEL
    assert levels["family_name"].match_weight == 0
    elsewhere = {**hazel, "family_name": "Burton", "address_line": "9 Mill Lane",
                 "postcode": "B1 1AA"}  # fmt: skip
    moved = explain_records(model, hazel, elsewhere, threshold=0.95)
    moved_levels = {reason.comparison: reason for reason in moved.reasons}
    # At addresses nothing alike the family names are weighed by how often they differ
    # among records of one person that moved, once.
    assert moved_levels["family_name_moved"].level == "All other comparisons"
    assert moved_levels["family_name_moved"].match_weight < 0
    assert moved_levels["family_name"].match_weight == 0
    # Not weighed there, and the waterfall does not call the names missing.
    assert moved_levels["family_name"].level != "family_name is NULL"
    assert "addresses nothing alike" in moved_levels["family_name"].level
    near = {**elsewhere, "postcode": "CV4 0BA"}  # the same postcode sector: not moved far
    near_levels = {
        r.comparison: r for r in explain_records(model, hazel, near, threshold=0.95).reasons
    }
    assert near_levels["family_name"].level == "All other comparisons"
    assert near_levels["family_name_moved"].match_weight == 0
    # The two comparisons agree on such a pair even where a condition is on a missing
    # value: no given name on one side, and the other's given name like its family name
    # (names the wrong way round cannot be told), is still the family names differing.
    unnamed = {**hazel, "given_name": ""}
    like = {**hazel, "given_name": "Fostr", "family_name": "Burton"}
    found = explain_records(model, unnamed, like, threshold=0.95)
    levels = {reason.comparison: reason for reason in found.reasons}
    assert levels["address"].level == SAME_PLACE_OTHER_FAMILY_LABEL
    assert levels["family_name"].match_weight == 0
    same_family = explain_records(model, hazel, dict(hazel), threshold=0.95)
    same_levels = {reason.comparison: reason for reason in same_family.reasons}
    assert same_levels["address"].level == "same postcode and address"


def test_a_family_name_that_differs_for_a_woman_says_less_against_the_pair(linked):
    # A surname taken on marriage is the commonest change of family name.
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    amy = {"given_name": "Amy", "family_name": "Foster", "date_of_birth": "04/05/1990",
           "address_line": "153 Dudley Road", "postcode": "CV4 0BZ"}  # fmt: skip
    moved = {**amy, "family_name": "Burton", "address_line": "9 Mill Lane", "postcode": "B1 1AA"}

    def family(sex_left: str, sex_right: str):
        found = explain_records(
            model, {**amy, "sex": sex_left}, {**moved, "sex": sex_right}, threshold=0.95
        )
        return {reason.comparison: reason for reason in found.reasons}["family_name_moved"]

    woman, man = family("F", ""), family("M", "M")
    assert woman.level == "different, a woman's or a girl's"
    assert man.level == "All other comparisons"
    assert family("F", "M").level == "All other comparisons"
    # How much each says is the training's: at 100,000 records a woman's after a move is
    # -2.9 bits and the rest -6.4 (docs/architecture.md); this sample is too small to tell.
    assert woman.match_weight < 0 and man.match_weight < 0


def test_an_email_address_made_from_the_other_family_name_is_a_level_of_its_own(linked):
    # Susan Evans's record keeps the address she made as Susan Hamilton.
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    evans = {"given_name": "Susan", "family_name": "Evans", "date_of_birth": "04/11/1976",
             "email": "Susan_Hamilton85@outlook.com", "postcode": "CV7 7FL"}  # fmt: skip
    hamilton = {**evans, "family_name": "Hamilton", "email": "", "postcode": "DY6 9BY"}

    def levels(left, right) -> dict[str, str]:
        found = explain_records(model, left, right, threshold=0.95)
        return {reason.comparison: reason.level for reason in found.reasons}

    held = "different, one's email address holds the other's"
    assert levels(evans, hamilton)["family_name_moved"] == held
    assert levels(hamilton, evans)["family_name_moved"] == held
    assert levels({**evans, "postcode": "DY6 9BY"}, hamilton)["family_name"] == held
    # A name of three letters is too often part of another word ("Ali" in "alison").
    ali = {**hamilton, "family_name": "Ali", "email": ""}
    alison = {**evans, "email": "alison.evans@outlook.com"}
    assert levels(alison, ali)["family_name_moved"] != held


def test_a_slip_in_the_day_the_month_or_the_year_is_a_level_of_its_own(linked):
    from hub.linkage.explain import explain_records

    model = _trained_model(linked)
    lynda = {"given_name": "Lynda", "family_name": "Peters", "date_of_birth": "30/11/1979"}
    for other, part in [("20/11/1979", "day"), ("30/12/1979", "month"), ("30/11/1997", "year")]:
        explained = explain_records(model, lynda, {**lynda, "date_of_birth": other}, threshold=0.95)
        level = {reason.comparison: reason.level for reason in explained.reasons}
        assert level["date_of_birth"] == (
            f"one digit of the {part} different, or two next to each other swapped"
        ), other
        assert explained.household_check is None, other


def test_a_slip_in_a_given_name_agrees_where_a_name_merely_alike_does_not(linked):
    # "Rtan" is Ryan with a slip of the keyboard; "Jermaine" is only like "Jasmine", and
    # "Rami" Sami's brother. With no date of birth, the household check needs the given
    # name itself to agree.
    from hub.linkage.explain import explain_records
    from hub.linkage.model import GIVEN_SLIP_LABEL

    model = _trained_model(linked)
    home = {"family_name": "Clarke", "address_line": "226 Moseley Road", "postcode": "B32 1RY"}
    slip = explain_records(
        model, {**home, "given_name": "Ryan"}, {**home, "given_name": "Rtan"}, threshold=0.95
    )
    assert {r.comparison: r.level for r in slip.reasons}["given_name"] == GIVEN_SLIP_LABEL
    assert slip.household_check is None
    alike = explain_records(
        model, {**home, "given_name": "Jasmine"}, {**home, "given_name": "Jermaine"},
        threshold=0.95,
    )  # fmt: skip
    assert {r.comparison: r.level for r in alike.reasons}["given_name"] == (
        "Jaro-Winkler distance of given_name >= 0.8"
    )
    assert alike.household_check is not None and not alike.linked
    brother = explain_records(
        model, {**home, "given_name": "Sami"}, {**home, "given_name": "Rami"}, threshold=0.95
    )
    assert brother.household_check is not None and not brother.linked
