"""Hostile files never stop a load: a 65 MB cell, a JSON line nested 100,000 deep and a
header of 100,000 columns are each one rejected row (or a rejected file) with file, row,
field and reason, quarantined, while the rest loads. Each attack goes through `jigsaw load`
against the real Neo4j. (How fast: bench/hostile_files.py, never a timed test.)
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_loader.bounds import MAX_COLUMNS, MAX_JSON_DEPTH
from graph_loader.models import MASH, MATRIX
from tests.builders import GOOD_MASH_ROW, mash_row, validate_mash, write_mash_csv

pytestmark = pytest.mark.neo4j

BIG = 65 * 1024 * 1024  # 68,157,440 characters: past the csv module's old 64 MiB field limit


@pytest.fixture
def load(neo4j_server, monkeypatch, tmp_path):
    """`jigsaw load --folder DIR --json` against the test server; returns (exit code, report)."""
    from jigsaw_cli import app

    monkeypatch.setattr("jigsaw_cli.common.get_settings", lambda: neo4j_server)

    def run(folder: Path) -> tuple[int, dict]:
        result = CliRunner().invoke(
            app, ["load", "--folder", str(folder), "--json", "--no-resolve", "--quarantine", str(tmp_path / "q")]
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result.exit_code, json.loads(result.stdout)

    return run


def referrals(graph, db) -> list[str]:
    return [
        r["id"]
        for r in graph.execute_query("MATCH (r:Referral) RETURN r.source_id AS id ORDER BY id", database_=db).records
    ]


def with_people(folder: Path) -> None:
    people = [{"referral_id": rid, "role": "associate", "name": "Kyle Johnson"} for rid in ("R0", "R1", "R2")]
    write_mash_csv(folder, people, header=MASH.files[1].columns, name="mash_people.csv")


def quarantined(report: dict, name: str) -> list[list[str]]:
    [path] = [p for p in report["quarantine"] if Path(p).name == name]
    assert Path(path).stat().st_size < 20_000  # the quarantine keeps the start of a huge cell, not all of it
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("lines", [1, 65 * 1024], ids=["one-line", "quoted-over-many-lines"])
def test_a_65_mb_cell_is_one_rejected_row_and_the_rest_loads(graph, db, load, tmp_path, lines):
    folder = tmp_path / "in"
    huge = "x" * BIG if lines == 1 else "\n".join(["y" * (BIG // lines)] * lines)
    write_mash_csv(
        folder, [mash_row(referral_id="R0"), mash_row(referral_id="R1", summary=huge), mash_row(referral_id="R2")]
    )
    with_people(folder)
    code, report = load(folder)
    assert code == 0
    assert referrals(graph, db) == ["R0", "R2"]
    found = [r for r in report["rejections"] if r["file"] == "mash_referrals.csv"]
    assert [(r["row"], r["field"]) for r in found] == [(3, "summary" if lines == 1 else "(row)")]
    assert ("68,157,440 characters" if lines == 1 else "runs over more than") in found[0]["reason"]
    people = [r for r in report["rejections"] if r["file"] == "mash_people.csv"]
    assert [(r["row"], r["field"]) for r in people] == [
        (3, "referral_id")
    ]  # R1's linked row follows it, with the reason
    [_header, kept] = quarantined(report, "mash_referrals.rejected.csv")
    assert kept[:2] == ["3", found[0]["field"]] and "cut:" in "".join(kept)


def test_a_json_line_nested_100000_deep_is_one_rejected_line(graph, db, load, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = {**GOOD_MASH_ROW, "concern_types": ["cse"], "people": [{"role": "associate", "name": "Kyle Johnson"}]}
    deep = json.dumps({**good, "referral_id": "R1"}).replace('"people": [', '"people": [' + "[" * 100_000, 1)
    deep = deep.replace("}]}", "}]" + "]" * 100_000 + "}")
    shallow = {**good, "referral_id": "R3", "people": [{"role": "associate", "name": "Kyle Johnson"}]}
    nested: object = "x"
    for _ in range(MAX_JSON_DEPTH + 4):
        nested = [nested]
    shallow["summary"] = nested
    lines = [
        json.dumps(good | {"referral_id": "R0"}),
        deep,
        json.dumps(shallow),
        json.dumps(good | {"referral_id": "R2"}),
    ]
    (folder / "mash.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = load(folder)
    assert code == 0
    assert referrals(graph, db) == ["R0", "R2"]
    found = {r["row"]: r for r in report["rejections"]}
    assert sorted(found) == [2, 3] and all(r["file"] == "mash.jsonl" and r["field"] == "(line)" for r in found.values())
    assert "nests too deeply" in found[2]["reason"] and f"the limit is {MAX_JSON_DEPTH}" in found[3]["reason"]
    [path] = report["quarantine"]
    entries = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    assert [e["_line"] for e in entries] == [2, 3] and "cut:" in entries[0]["_raw"]
    assert "nests too deeply" in entries[0]["_reason"] and entries[1]["_field"] == "(line)"


def test_a_header_of_100000_columns_rejects_its_file_and_the_rest_loads(graph, db, load, tmp_path):
    folder = tmp_path / "in"
    write_mash_csv(folder, [mash_row(referral_id="R0"), mash_row(referral_id="R2")])
    header = MATRIX.main.columns + [f"extra_{i}" for i in range(100_000 - len(MATRIX.main.columns))]
    nominal = {
        "nominal_id": "GM-1",
        "name": "Dean Reid",
        "dob": "02/02/2002",
        "borough": "Hackney",
        "gangs": "Clapton Boys",
        "harm_band": "amber",
        "date_added": "05/09/2023",
        "status": "active",
    }
    write_mash_csv(folder, [nominal], header=header, name="matrix_nominals.csv")
    code, report = load(folder)
    assert code == 0
    assert referrals(graph, db) == ["R0", "R2"]
    [found] = report["rejections"]
    assert (found["file"], found["row"], found["field"]) == ("matrix_nominals.csv", 1, "(file)")
    assert f"100,000 columns; the limit is {MAX_COLUMNS:,}" in found["reason"]
    assert quarantined(report, "matrix_nominals.rejected.csv")[1][:2] == ["1", "(file)"]


def test_a_row_of_a_million_cells_is_one_rejected_row_kept_short(tmp_path):

    folder = tmp_path / "in"
    path = write_mash_csv(folder, [mash_row(referral_id="R0"), mash_row(referral_id="R2")])
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], lines[1], "R1" + "," * 1_000_000, lines[2]]) + "\n", encoding="utf-8")
    validated = validate_mash(folder)
    assert sorted(r.record.referral_id for r in validated.records) == ["R0", "R2"]
    [found] = validated.rejections
    assert found.row == 3 and found.errors == [("(row)", f"has 1,000,001 cells; the limit is {MAX_COLUMNS:,}")]
    assert len(found.raw) == MAX_COLUMNS + 1
