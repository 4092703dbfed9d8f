"""Bad input never crashes a load and never vanishes.

Every rejected row is reported with file, row (the header is row 1), field and reason, and
kept with its reason in a quarantine file; the good rows in the same file still load.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_loader.load import LoadError, LoadOptions, run_load, validate_paths
from graph_loader.models import MASH, MATRIX
from tests.builders import GOOD_MASH_ROW, mash_row, validate_mash, write_mash_csv

HEADER = MASH.main.columns


def rejection(validated, row_number: int, file: str | None = None):
    matches = [r for r in validated.rejections if r.row == row_number and (file is None or r.file == file)]
    assert matches, f"row {row_number} was not rejected: {[(r.row, r.errors) for r in validated.rejections]}"
    return matches[0]


def quarantine(tmp_path: Path, folder: Path) -> tuple[list[list[str]], object]:
    report = run_load(
        None, "neo4j", "mash", folder, LoadOptions(user="t", quarantine_root=tmp_path / "q", dry_run=True)
    )
    [path] = report.quarantine
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        return list(csv.reader(handle)), report


@pytest.mark.parametrize(
    ("bad", "field", "reason"),
    [
        (mash_row(date_received="01/01/2099"), "date_received", "in the future"),
        (mash_row(date_received="31/02/2024"), "date_received", "is not a date"),
        (mash_row(date_received="yesterday"), "date_received", "is not a date"),
        (mash_row(borough="Hackny"), "borough", "did you mean 'Hackney'"),
        (mash_row(borough="Gotham"), "borough", "not one of London's 32 boroughs"),
        (mash_row(referral_id="=1+1"), "referral_id", "formula"),
    ],
)
def test_a_row_that_cannot_be_placed_is_rejected_with_field_and_reason_and_the_rest_loads(tmp_path, bad, field, reason):
    folder = tmp_path / "in"
    write_mash_csv(
        folder,
        [mash_row(referral_id="R0"), bad | {"referral_id": bad.get("referral_id", "R1")}, mash_row(referral_id="R2")],
    )
    validated = validate_mash(folder)
    assert sorted(r.record.referral_id for r in validated.records) == ["R0", "R2"]
    found = rejection(validated, 3)
    assert found.file == "mash_referrals.csv"
    assert any(f == field and reason in why for f, why in found.errors), found.errors
    rows, _ = quarantine(tmp_path, folder)
    assert rows[0][:3] == ["_row", "_field", "_reason"] and rows[1][0] == "3" and reason in rows[1][2]


@pytest.mark.parametrize(
    ("bad", "field", "reason"),
    [
        (mash_row(child_dob="01/03/1979"), "child_dob", "makes the child 44"),
        (mash_row(child_dob="31/13/2008"), "child_dob", "is not a date"),
        (mash_row(child_name='=HYPERLINK("http://x","y")'), "child_name", "formula"),
        (mash_row(child_name="+44 cmd"), "child_name", "formula"),
        (mash_row(child_name="-2+3"), "child_name", "formula"),
        (mash_row(child_name="@SUM(A1)"), "child_name", "formula"),
        (
            mash_row(summary="x" * 100_000),
            "summary",
            "the limit is 20,000",
        ),  # past 1,000,000: a rejected row (test_hostile_files)
        (mash_row(cse_category="4"), "cse_category", "not allowed"),
        (mash_row(child_name=""), "child_name", "left blank"),
        (mash_row(placing_borough="Haringey"), "placing_borough", "looked-after"),
        (mash_row(missing_episodes="-1"), "missing_episodes", "greater than or equal to 0"),
    ],
)
def test_a_bad_value_is_doubted_and_its_record_still_loads(tmp_path, bad, field, reason):
    """Issue 16: a faulty value never takes a child's referral out of the picture."""
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(referral_id="R0"), bad | {"referral_id": "R1"}, mash_row(referral_id="R2")])
    validated = validate_mash(folder)
    assert sorted(r.record.referral_id for r in validated.records) == ["R0", "R1", "R2"] and not validated.rejections
    [doubt] = [d for d in validated.doubts if d.record_id == "R1"]
    assert (doubt.file, doubt.row, doubt.field) == ("mash_referrals.csv", 3, field) and reason in doubt.reason
    assert doubt.as_recorded == bad[field][:20_000]  # kept as recorded (bounded)
    record = next(r.record for r in validated.records if r.record.referral_id == "R1")
    assert getattr(record, field) in (None, [])  # never used as a value
    report = dry_run_report(tmp_path, folder)
    assert report.rows_rejected == 0 and report.values_doubtful == 1
    assert report.doubts[0]["field"] == field and reason in report.doubts[0]["reason"]


def dry_run_report(tmp_path: Path, folder: Path):
    return run_load(None, "neo4j", "mash", folder, LoadOptions(user="t", quarantine_root=tmp_path / "q", dry_run=True))


def test_windows_1252_row_is_rejected_and_kept_byte_for_byte(tmp_path):
    folder = tmp_path / "in"
    path = write_mash_csv(
        folder,
        [mash_row(referral_id="R0"), mash_row(referral_id="R1", child_name="Zoë Brown"), mash_row(referral_id="R2")],
    )
    data = path.read_bytes().replace("Zoë".encode(), "Zoë".encode("cp1252"))
    path.write_bytes(data)
    validated = validate_mash(folder)
    assert [r.record.referral_id for r in validated.records] == ["R0", "R2"]
    assert "UTF-8" in rejection(validated, 3).reasons
    assert any("not entirely UTF-8" in n for n in validated.notices)
    rows, _ = quarantine(tmp_path, folder)
    assert "Zoë".encode("cp1252") in rows[1][3 + HEADER.index("child_name")].encode("utf-8", "surrogateescape")


def test_bom_crlf_iso_and_uk_dates_and_blank_optionals_load(tmp_path):
    folder = tmp_path / "in"
    path = write_mash_csv(
        folder,
        [mash_row(referral_id="R1"), mash_row(referral_id="R2", date_received="2024-02-14", child_dob="")],
        newline="\r\n",
    )
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    validated = validate_mash(folder)
    assert not validated.rejections and len(validated.records) == 2


def test_missing_required_column_rejects_every_row_naming_it(tmp_path):
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(), mash_row(referral_id="R2")], header=[c for c in HEADER if c != "borough"])
    validated = validate_mash(folder)
    assert not validated.records and len(validated.rejections) == 2
    assert all(("borough", "column is missing from the file's header row") in r.errors for r in validated.rejections)


def test_extra_reordered_and_differently_cased_columns(tmp_path):
    folder = tmp_path / "in"
    header = ["Favourite_Colour"] + [c.upper() for c in reversed(HEADER)]
    folder.mkdir()
    with open(folder / "mash_referrals.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerow(["blue"] + [GOOD_MASH_ROW.get(c, "") for c in reversed(HEADER)])
    validated = validate_mash(folder)
    assert len(validated.records) == 1 and not validated.rejections
    assert any("unknown column(s) ignored: favourite_colour" in n for n in validated.notices)


@pytest.mark.parametrize("content", [b"", b"referral_id,date_received\r\n"])
def test_empty_and_header_only_files_are_reported_not_crashed(tmp_path, content):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "mash_referrals.csv").write_bytes(content)
    validated = validate_mash(folder)
    assert not validated.records and not validated.rejections
    if not content:
        assert any("empty" in n for n in validated.notices)


def test_duplicate_ids_reject_the_second_naming_the_first(tmp_path):
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(), mash_row(child_name="Someone Else")])
    validated = validate_mash(folder)
    assert len(validated.records) == 1
    assert ("referral_id", "R1 already appears at row 2 of this file; the first is loaded") in rejection(
        validated, 3
    ).errors


def test_linked_rows_of_missing_or_rejected_records(tmp_path):
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(), mash_row(referral_id="R2", borough="Nowhere")])
    people = [{"referral_id": rid, "role": "associate", "name": "Kyle Johnson"} for rid in ("R1", "R2", "R9")]
    write_mash_csv(folder, people, header=MASH.files[1].columns, name="mash_people.csv")
    validated = validate_mash(folder)
    assert len(validated.records[0].record.people) == 1
    assert "was rejected (row 3 of mash_referrals.csv)" in rejection(validated, 3, "mash_people.csv").reasons
    assert "no record 'R9' in mash_referrals.csv" in rejection(validated, 4, "mash_people.csv").reasons


def test_hsb_child_of_19_loads_with_the_date_of_birth_doubted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hsb_cases.csv").write_text(
        "case_id,date_opened,borough,setting,aim_level\nC1,10/01/2024,Hackney,school,low\n"
    )
    (folder / "hsb_children.csv").write_text(
        "case_id,role,name,dob\nC1,harmed,Amy Lee,01/01/2009\nC1,displaying_hsb,Sam Lee,01/01/2004\n"
    )
    [validated] = validate_paths("hsb", folder)
    children = validated.records[0].record.children
    assert [c.name for c in children] == ["Amy Lee", "Sam Lee"] and children[1].dob is None and not validated.rejections
    [doubt] = validated.doubts
    assert (doubt.file, doubt.row, doubt.field, doubt.as_recorded) == ("hsb_children.csv", 3, "dob", "01/01/2004")
    assert "makes the child 20" in doubt.reason


def test_malformed_json_lines_are_rejected_line_by_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = {**GOOD_MASH_ROW, "concern_types": ["cse"], "people": [{"role": "associate", "name": "Kyle Johnson"}]}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({**good, "referral_id": "R2", "people": [{"role": "boss", "name": "X"}]}),
        json.dumps({**good, "referral_id": "R3"}),
    ]
    (folder / "mash.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    validated = validate_mash(folder)
    assert [r.record.referral_id for r in validated.records] == ["R1", "R2", "R3"]
    assert "not valid JSON" in rejection(validated, 2).reasons
    assert "not a JSON object" in rejection(validated, 3).reasons
    # An unknown role is doubted; the person stays in the referral, role unknown.
    [doubt] = validated.doubts
    assert (doubt.row, doubt.record_id, doubt.field, doubt.as_recorded) == (4, "R2", "people[0].role", "boss")
    assert validated.records[1].record.people[0].role is None


def test_a_folder_without_source_files_says_what_it_expected(tmp_path):
    with pytest.raises(LoadError, match=r"mash_referrals\.csv or mash\.jsonl"):
        validate_paths(None, tmp_path)


@pytest.mark.neo4j
def test_cypher_and_html_looking_names_are_stored_verbatim_as_data(graph, db, tmp_path):
    names = [
        "Robert'); MATCH (n) DETACH DELETE n //",
        "<script>alert(1)</script> Smith",
        "<img src=x onerror=alert(1)> Jones",
    ]
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(referral_id=f"R{i}", child_name=n) for i, n in enumerate(names)])
    report = run_load(graph, db, "mash", folder, LoadOptions(user="t", quarantine_root=tmp_path / "q"))
    assert report.rows_rejected == 0 and report.records_new == 3
    stored = [
        r["n"] for r in graph.execute_query("MATCH (m:Mention) RETURN m.name AS n ORDER BY n", database_=db).records
    ]
    assert stored == sorted(names)
    assert graph.execute_query("MATCH (r:Referral) RETURN count(r) AS c", database_=db).records[0]["c"] == 3


@pytest.mark.neo4j
def test_cli_dry_run_writes_nothing_and_json_report_parses(graph, db, neo4j_server, tmp_path, monkeypatch):
    from jigsaw_cli import app

    monkeypatch.setattr("jigsaw_cli.common.get_settings", lambda: neo4j_server)
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(), mash_row(referral_id="R2", borough="Hackny")])
    result = CliRunner().invoke(
        app, ["load", "mash", str(folder), "--dry-run", "--json", "--quarantine", str(tmp_path / "q")]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["rows_read"], report["rows_loaded"], report["rows_rejected"], report["dry_run"]) == (2, 1, 1, True)
    assert report["rejections"][0] | {"reason": ""} == {
        "file": "mash_referrals.csv",
        "row": 3,
        "field": "borough",
        "reason": "",
    }
    assert Path(report["quarantine"][0]).exists()
    assert graph.execute_query("MATCH (n:Record) RETURN count(n) AS c", database_=db).records[0]["c"] == 0


@pytest.mark.neo4j
def test_hostile_folder_loaded_twice_changes_nothing_the_second_time(graph, db, tmp_path):
    folder = tmp_path / "in"
    write_mash_csv(
        folder,
        [
            mash_row(),
            mash_row(referral_id="R2", child_name="=evil"),
            mash_row(referral_id="R3", summary="<b>x</b>"),
            mash_row(referral_id="R4", borough="Gotham"),
        ],
    )
    options = lambda: LoadOptions(user="t", quarantine_root=tmp_path / "q")
    first = run_load(graph, db, "mash", folder, options())
    second = run_load(graph, db, "mash", folder, options())
    assert first.rows_rejected == second.rows_rejected == 1
    assert first.values_doubtful == second.values_doubtful == 1
    assert first.changed_anything and not second.changed_anything
    kept = graph.execute_query(
        "MATCH (m:Mention {mention_key: 'mash:R2:child'}) RETURN m.name AS name, "
        "m.name_as_recorded AS recorded, m.doubtful_fields AS fields",
        database_=db,
    ).records[0]
    assert (kept["name"], kept["recorded"], kept["fields"]) == (None, "=evil", ["name"])


def test_matrix_rows_with_bad_lists_and_dates(tmp_path):
    folder = tmp_path / "in"
    good = {
        "nominal_id": "GM-1",
        "name": "Dean Reid",
        "dob": "02/02/2002",
        "borough": "Hackney",
        "gangs": "Clapton Boys",
        "harm_band": "amber",
        "date_added": "05/09/2023",
        "status": "active",
    }
    rows = [
        good,
        good | {"nominal_id": "GM-2", "gangs": ""},
        good | {"nominal_id": "GM-3", "date_reviewed": "01/01/2020"},
        good | {"nominal_id": "GM-4", "associate_ids": "GM-4"},
    ]
    write_mash_csv(folder, rows, header=MATRIX.main.columns, name="matrix_nominals.csv")
    [validated] = validate_paths("matrix", folder)
    assert [r.record.nominal_id for r in validated.records] == [
        "GM-1",
        "GM-2",
        "GM-3",
        "GM-4",
    ] and not validated.rejections
    assert [(d.row, d.field, d.reason) for d in validated.doubts] == [
        (3, "gangs", "was left blank"),
        (4, "date_reviewed", "date_reviewed is before date_added"),
        (5, "associate_ids", "a nominal cannot be their own associate"),
    ]
