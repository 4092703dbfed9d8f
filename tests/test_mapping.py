"""Mappings for foreign exports (issue 16, item 3): a Mosaic-like MASH export and a police
nominal export load through their committed mappings into exactly the graph the same records
build from the common dataset; every message names the original file's column and row; the
mapping and its checksum are on the Load; hostile headers, files and mappings are bounded."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures.foreign import mosaic_mash, police_nominals
from graph_loader.load import LoadError, LoadOptions, run_load
from graph_loader.mapping.mapped_load import run_mapped_load, validate_mapped
from graph_loader.mapping.model import MAX_MAPPING_BYTES, MappingError, parse_mapping, read_mapping
from jigsaw.graph_admin import wipe_data
from jigsaw_cli import app
from tests.builders import whole_graph
from tests.paths import REPO_ROOT

DEMO = REPO_ROOT / "fixtures" / "demo"
MAPPINGS = REPO_ROOT / "graph_loader" / "mapping" / "examples"
SEED = 20261129  # column order of the foreign files; the mappings were not written against it


def _options(tmp: Path, **kw) -> LoadOptions:
    return LoadOptions(user="test-admin", quarantine_root=tmp / "quarantine", **kw)


def _rewrite(path: Path, change) -> None:
    """Change cells of a CSV file in place: `change(row_dict)` for every row."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for row in rows:
        change(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


EXPORTS = {
    "mosaic": (lambda out: mosaic_mash(DEMO, out, "Bexley", SEED), "mosaic_mash_bexley.toml"),
    "police": (lambda out: police_nominals(DEMO, out, SEED), "police_nominals.toml"),
}


@pytest.mark.neo4j
@pytest.mark.parametrize("export", list(EXPORTS))
def test_a_foreign_export_loads_through_its_mapping_into_the_same_graph(graph, db, tmp_path, export):
    make, mapping_name = EXPORTS[export]
    foreign, common = make(tmp_path / "in")
    by_common = run_load(graph, db, None, common, _options(tmp_path / "a"))
    expected = whole_graph(graph, db)
    wipe_data(graph, db)
    mapping = read_mapping(MAPPINGS / mapping_name)
    report = run_mapped_load(graph, db, mapping, foreign, _options(tmp_path / "b"))
    found = whole_graph(graph, db)
    assert by_common.records_new == report.records_new > 20 and report.rows_rejected == by_common.rows_rejected == 0
    assert found[0] == expected[0]  # node by node, every property
    assert found[1] == expected[1]  # relationship by relationship, both ends, every property
    load = graph.execute_query("MATCH (l:Load) RETURN l", database_=db).records[0]["l"]
    assert load["files"] == [foreign.name] and load["mapping_file"] == mapping_name
    assert load["mapping_checksum"] == mapping.checksum and load["mapping"] == (MAPPINGS / mapping_name).read_text()
    again = run_mapped_load(graph, db, mapping, foreign, _options(tmp_path / "c"))
    assert not again.changed_anything and again.records_unchanged == report.records_new  # idempotent


def test_every_problem_names_the_original_file_column_and_row(tmp_path):
    foreign, _ = mosaic_mash(DEMO, tmp_path / "in", "Bexley", SEED)
    with open(foreign, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bad_dob, bad_person = rows[3]["Referral No"], rows[5]["Referral No"]
    assert rows[5]["Person1 Name"]  # the sixth referral names someone

    def spoil(row: dict) -> None:
        if row["Referral No"] == bad_dob:
            row["DOB"] = "31-Jnn-2009"
        if row["Referral No"] == bad_person:
            row["Person1 Name"], row["Person1 Role"] = "Someone Named", "Lodger"

    _rewrite(foreign, spoil)
    result = validate_mapped(read_mapping(MAPPINGS / "mosaic_mash_bexley.toml"), foreign, tmp_path / "work")
    # a bad value is doubted, not its row rejected; rows 5 and 7 of the file as a spreadsheet shows it (header row 1)
    assert result.validated.rejections == []
    doubts = {(d.file, d.row): d for d in result.validated.doubts if d.row in (5, 7)}
    assert list(doubts) == [(foreign.name, 5), (foreign.name, 7)]
    dob = doubts[(foreign.name, 5)]
    assert (
        dob.field == "DOB"
        and dob.as_recorded == "31-Jnn-2009"
        and "child_dob" in dob.reason
        and "%d-%b-%Y" in dob.reason
    )
    role = doubts[(foreign.name, 7)]
    assert role.field == "Person1 Role" and role.as_recorded == "Lodger"
    assert len(result.validated.records) == len(rows)  # every referral loads, the doubtful ones too


@pytest.mark.neo4j
def test_load_mapping_cli_records_the_mapping_and_quarantines_original_rows(graph, db, explorer_env, tmp_path):
    from jigsaw import audit

    foreign, _ = police_nominals(DEMO, tmp_path / "in", SEED)

    def spoil(row: dict) -> None:
        if row["Nominal Ref"] == "GM-000002":
            row["Harm Band"] = "Purple"  # doubted: the nominal still loads
        elif row["Nominal Ref"] == "GM-000003":
            row["Nominal Ref"] = ""  # cannot be placed: quarantined in its own columns

    _rewrite(foreign, spoil)
    mapping = MAPPINGS / "police_nominals.toml"
    result = CliRunner().invoke(
        app,
        [
            "load",
            "--mapping",
            str(mapping),
            str(foreign),
            "--no-resolve",
            "--quarantine",
            str(tmp_path / "q"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (doubt,) = [d for d in report["doubts"] if d["as_recorded"] == "Purple"]
    assert doubt["file"] == "police_nominals.csv" and doubt["field"] == "Harm Band"
    (rejection,) = report["rejections"]
    assert rejection["file"] == "police_nominals.csv" and rejection["field"] == "Nominal Ref"
    (kept,) = [Path(p) for p in report["quarantine"]]
    with open(kept, encoding="utf-8", newline="") as handle:
        quarantined = list(csv.reader(handle))
    assert "Nominal Ref" in quarantined[0] and "GM-000003" not in quarantined[1]  # the original row, in its own columns
    checksum = read_mapping(mapping).checksum
    load = graph.execute_query("MATCH (l:Load) RETURN l.mapping_checksum AS c", database_=db).records[0]
    assert load["c"] == checksum
    (event,) = [e for e in audit.events(explorer_env) if e["action"] == "load"]
    assert event["kind"] == "collection" and event["details"]["mapping_checksum"] == checksum


def test_suggest_proposes_a_mapping_that_checks_and_explains_each_column(tmp_path):
    foreign, _ = police_nominals(DEMO, tmp_path / "in", SEED)
    out = tmp_path / "proposed.toml"
    result = CliRunner().invoke(app, ["map", "suggest", str(foreign), "--source", "matrix", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# Date of Birth -> dob: score 100, known synonym 'date of birth'" in text
    mapping = parse_mapping(out.read_bytes()).mapping
    targets = {c.to: c for c in mapping.columns}
    assert targets["name"].source_columns == ["Forename(s)", "Surname"]
    assert targets["dob"].date_format == "%Y%m%d" and targets["harm_band"].values == {
        "G": "green",
        "R": "red",
        "A": "amber",
    }
    checked = CliRunner().invoke(app, ["map", "check", str(out), str(foreign), "--json"])
    preview = json.loads(checked.stdout)
    assert preview["records_valid"] == preview["rows_read"] == 51 and preview["rejections"] == []
    assert {"original": "Date of Birth", "output": "main", "fields": "dob"}.items() <= next(
        c for c in preview["columns"] if c["original"] == "Date of Birth"
    ).items()


def test_a_hostile_header_cannot_write_into_the_proposed_mapping(tmp_path):
    evil = 'Name"\n[[columns]]\nvalue = "Hackney"\nto = "borough'
    path = tmp_path / "evil.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Nominal Ref", evil, "Gang\u2028[[repeat]]", "Qzx1 Wvk", "Qzx2 Wvk"], ["GM-1", "x", "y", "", ""]]
        )
    result = CliRunner().invoke(
        app, ["map", "suggest", str(path), "--source", "matrix", "--out", str(tmp_path / "m.toml")]
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "m.toml").read_text(encoding="utf-8"))  # still one valid mapping
    assert all("value" not in c for c in data.get("columns", [])) and "repeat" not in data
    assert [c["from"] for c in data["columns"]] == ["Nominal Ref"]  # the rest proposed commented out, not mapped


def test_hostile_mappings_and_files_are_refused_with_a_reason(tmp_path, monkeypatch):
    with pytest.raises(MappingError, match="at most"):
        parse_mapping(b"#" * (MAX_MAPPING_BYTES + 1))
    with pytest.raises(MappingError, match=r"'shoe_size' is not a field of matrix_nominals\.csv"):
        parse_mapping(b'source = "matrix"\nname = "x"\n[[columns]]\nfrom = "A"\nto = "shoe_size"\n')
    with pytest.raises(MappingError, match="not a usable date format"):
        parse_mapping(
            b'source = "matrix"\nname = "x"\n[[columns]]\nfrom = "A"\nto = "nominal_id"\ndate_format = "%Q"\n'
        )
    with pytest.raises(MappingError, match="not valid TOML"):
        parse_mapping(b"source = [[[")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("x" for _ in range(100_000)) + "\n")
    from graph_loader.mapping import apply

    def no_rows(*_a, **_k):
        raise AssertionError("the rows were read")

    with monkeypatch.context() as patch:
        patch.setattr(apply, "read_csv", no_rows)  # refused from the header alone, before any row is read
        with pytest.raises(LoadError, match="100,000 columns"):
            validate_mapped(read_mapping(MAPPINGS / "police_nominals.toml"), wide, tmp_path / "work")
    other, _ = mosaic_mash(DEMO, tmp_path / "in", "Bexley", SEED)
    with pytest.raises(
        LoadError, match=r"has no column .*'Nominal Ref'.*which the mapping police_nominals\.toml reads"
    ):  # the wrong file for this mapping
        validate_mapped(read_mapping(MAPPINGS / "police_nominals.toml"), other, tmp_path / "work2")


ONE_ROW_PER_CHILD = """\
# one row per child, each referral in numbered columns (Referral1 ..., Referral2 ...)
source = "mash"
name = "Referrals by child"

[[columns]]
from = "Child"
to = "child_name"

[[columns]]
from = "Born"
to = "child_dob"
date_format = "%Y%m%d"

[[columns]]
value = "Hackney"
to = "borough"

[[repeat]]
output = "main"

[[repeat.columns]]
from = "Referral{n} Ref"
to = "referral_id"

[[repeat.columns]]
from = "Referral{n} Date"
to = "date_received"
date_format = "%d-%b-%Y"

[[repeat.columns]]
from = "Referral{n} Source"
to = "referring_agency"
values = { POL = "police", EDU = "school" }

[[repeat.columns]]
from = "Referral{n} Cat"
to = "cse_category"
values = { "Cat 1" = "1", "Cat 2" = "2" }

[[repeat.columns]]
from = "Referral{n} Concerns"
to = "concern_types"
list_separator = "+"
"""


def test_one_row_per_child_with_numbered_referrals_becomes_one_record_per_referral(tmp_path):
    path = tmp_path / "by_child.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                [
                    "Child",
                    "Born",
                    "Referral1 Ref",
                    "Referral1 Date",
                    "Referral1 Source",
                    "Referral1 Cat",
                    "Referral1 Concerns",
                    "Referral2 Ref",
                    "Referral2 Date",
                    "Referral2 Source",
                    "Referral2 Cat",
                    "Referral2 Concerns",
                ],
                [
                    "Amelia Hughes",
                    "20080301",
                    "R1",
                    "14-Feb-2024",
                    "EDU",
                    "Cat 1",
                    "cse+missing",
                    "R2",
                    "01-May-2024",
                    "POL",
                    "cat  2",
                    "cse",
                ],
                ["Tee", "20090101", "R3", "02-Mar-2024", "POL", "Cat 2", "cse", "", "", "", "", ""],
            ]
        )
    mapping = parse_mapping(ONE_ROW_PER_CHILD.encode(), "by_child.toml")
    result = validate_mapped(mapping, path, tmp_path / "work")
    records = {r.record.referral_id: r.record for r in result.validated.records}
    assert sorted(records) == ["R1", "R2", "R3"] and not result.validated.rejections
    assert records["R2"].child_name == "Amelia Hughes" and str(records["R2"].date_received) == "2024-05-01"
    assert records["R1"].concern_types == ["cse", "missing"] and records["R2"].cse_category.value == "2"
    assert records["R3"].child_name == "Tee" and records["R3"].borough == "Hackney"
    with pytest.raises(MappingError, match=r"map people\.referral_id explicitly"):
        parse_mapping(
            (
                ONE_ROW_PER_CHILD + '\n[[repeat]]\noutput = "people"\n[[repeat.columns]]\n'
                'from = "Person{n} Name"\nto = "name"\n'
            ).encode()
        )
