"""records_from_rows is graph_rows' inverse: record -> graph rows -> record -> graph rows changes nothing.

Records come through the loader's own validation, from generated data on a seed the code
was not written against, and from hand-made shapes the generator never makes (named matrix
associates, roles and dates in doubt, no references, nothing optional). A value in doubt
comes back empty (its as-recorded copy stays with the sender), so the rows are compared
without their doubt properties and content hash. With Neo4j, the same holds for the rows
the graph gives back (cypher/sharing/record_parts.cypher), which is what a package is made of.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.generator import generate
from graph_loader.graph_rows import TO_ROWS
from graph_loader.load import validate_paths
from graph_loader.models import SOURCES
from graph_loader.records_from_rows import FROM_ROWS, record_from_rows

SEED = 20260  # not the demo's 7

# Shapes the generator never writes, one JSON Lines record each (values in doubt on purpose).
HAND_MADE = {
    "mash": [
        {
            "referral_id": "ODD-1",
            "date_received": "2024-02-14",
            "borough": "Hackney",
            "child_name": "Zoë Ó'Brien-Łukasz",
            "child_given_name": "Zoë",
            "child_family_name": "Ó'Brien-Łukasz",
            "child_dob": "2009-02-31",
            "child_school": "St Mary's",
            "people": [
                {"role": "not-a-role", "name": "Kai", "claim": "allegation"},  # role in doubt, no reference
                {
                    "person_ref": "P9",
                    "role": "family",
                    "name": "Aunt",
                    "given_name": "Ann",
                    "school": "Nowhere College",
                },
            ],
            "places": [
                {
                    "place_name": "Chicken Spot",
                    "place_type": "takeaway",
                    "borough": "Camden",
                    "date_seen": "2024-01-02",
                },
                {"place_name": "Flat 2", "place_type": "private_address", "latitude": 51.5, "longitude": -0.1},
            ],
        },
        {"referral_id": "ODD-2", "date_received": "2024-03-01", "borough": "Bexley"},  # nothing optional
    ],
    "matrix": [
        {
            "nominal_id": "GM-ODD-1",
            "name": "Jay Smith",
            "given_name": "Jay",
            "family_name": "Smith",
            "dob": "2006-05-04",
            "borough": "Brent",
            "gangs": ["Odd Crew"],
            "school": "Brent Academy",
            "aliases": ["J"],
            "street_names": ["Jigs"],
            "date_added": "2023-09-05",
            "status": "active",
            "associate_ids": ["GM-ODD-2"],
            "associates": [
                {"associate_ref": "A1", "name": "Marcus", "dob": "2007-01-01", "school": "Brent Academy"},
                {"street_name": "Tee", "claim": "allegation", "grading": "B2"},
            ],
        },
        {"nominal_id": "GM-ODD-2", "name": "Kay", "dob": "not a date", "borough": "Brent", "date_added": "2023-09-05"},
    ],
    "hsb": [
        {
            "case_id": "HSB-ODD-1",
            "date_opened": "2024-01-10",
            "borough": "Hackney",
            "children": [
                {"role": "displaying_hsb", "name": "Ali", "given_name": "Ali", "school": "Hackney School"},
                {"child_ref": "C2", "role": "unknown-role", "name": "Bo", "dob": "2011-13-01"},
            ],
        },
        {"case_id": "HSB-ODD-2", "date_opened": "2024-01-11", "borough": "Hackney"},  # no children at all
    ],
}


def _comparable(row: dict) -> dict:
    """A record's rows without what does not travel: doubt properties and the content hash."""

    def clean(value):
        if isinstance(value, dict):
            doubted = {f"{f}_as_recorded" for f in value.get("doubtful_fields", [])}
            return {
                k: clean(v)
                for k, v in value.items()
                if k not in {"content_hash", "doubts", "doubtful_fields"} | doubted
            }
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(row)


def _validated(folder: Path) -> dict[str, list]:
    return {v.source.key: [r.record for r in v.records] for v in validate_paths(None, folder)}


def _write_jsonl(folder: Path, records: dict[str, list[dict]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for source, rows in records.items():
        (folder / SOURCES[source].jsonl_filename).write_text("".join(json.dumps(r, default=str) + "\n" for r in rows))


def _round_trip(records: dict[str, list], tmp: Path) -> int:
    """Rows -> records (as JSON Lines, validated again like a received package) -> rows; the same rows."""
    rows = {s: [TO_ROWS[s](r) for r in rs] for s, rs in records.items()}
    _write_jsonl(tmp, {s: [record_from_rows(row) for row in rs] for s, rs in rows.items()})
    again = _validated(tmp)
    checked = 0
    for source, rs in rows.items():
        back = {
            r["source_id"]: _comparable(TO_ROWS[source](rec)) for rec in again[source] for r in [TO_ROWS[source](rec)]
        }
        for row in rs:
            assert back[row["source_id"]] == _comparable(row), f"{source} {row['source_id']}"
            checked += 1
    return checked


def test_every_source_has_an_inverse():
    assert set(FROM_ROWS) == set(TO_ROWS) == set(SOURCES)


def test_generated_records_round_trip(tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    records = _validated(tmp_path / "gen")
    assert set(records) == set(SOURCES) and all(records.values())
    assert _round_trip(records, tmp_path / "back") == sum(len(rs) for rs in records.values())


def test_shapes_the_generator_never_makes_round_trip(tmp_path):
    _write_jsonl(tmp_path / "odd", HAND_MADE)
    records = _validated(tmp_path / "odd")
    assert {s: len(rs) for s, rs in records.items()} == {
        s: len(rs) for s, rs in HAND_MADE.items()
    }  # doubted, not dropped
    assert any(TO_ROWS["mash"](r)["mentions"][0]["props"].get("doubtful_fields") for r in records["mash"])
    assert _round_trip(records, tmp_path / "back") == sum(len(rs) for rs in HAND_MADE.values())
    nominal = next(r for r in records["matrix"] if r.nominal_id == "GM-ODD-1")
    back = record_from_rows(TO_ROWS["matrix"](nominal))
    assert back["associate_ids"] == ["GM-ODD-2"] and [a.get("associate_ref") for a in back["associates"]] == [
        "A1",
        None,
    ]
    assert back["associates"][1]["street_name"] == "Tee" and back["school"] == "Brent Academy"


def test_a_record_whose_subject_was_erased_comes_back_as_nothing(tmp_path):
    _write_jsonl(tmp_path, HAND_MADE)
    records = _validated(tmp_path)
    for source, subject in (("mash", "child_at_risk"), ("matrix", "gang_nominal")):
        row = TO_ROWS[source](records[source][0])
        row["mentions"] = [m for m in row["mentions"] if m["role"] != subject]
        assert record_from_rows(row) is None


@pytest.mark.neo4j
def test_the_graph_gives_back_the_records_it_was_loaded_from(graph, db, tmp_path):
    """Through Neo4j: load, read every record's parts as a package does, rebuild, compare."""
    from jigsaw.cypher_files import load as cypher
    from tests.builders import load

    generate(SEED + 1, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    records = _validated(tmp_path / "gen")
    keys = [TO_ROWS[s](r)["record_key"] for s, rs in records.items() for r in rs]
    parts = [r.data() for r in graph.execute_query(cypher("sharing/record_parts"), keys=keys, database_=db).records]
    assert len(parts) == len(keys)
    _write_jsonl(tmp_path / "back", {s: [record_from_rows(p) for p in parts if p["source"] == s] for s in records})
    again = {
        (s, TO_ROWS[s](r)["record_key"]): TO_ROWS[s](r) for s, rs in _validated(tmp_path / "back").items() for r in rs
    }
    differ = []
    for source, rs in records.items():
        for record in rs:
            row = TO_ROWS[source](record)
            mine = _comparable(row)
            theirs = _comparable(again[(source, row["record_key"])])
            if _graph_shared(mine) != _graph_shared(theirs):
                differ.append(row["record_key"])
    assert not differ, differ[:5]


def _graph_shared(row: dict) -> dict:
    """What a record holds on its own: a place or school node is shared by every record naming it,
    so its properties (and a place's borough) are the graph's, not this record's."""
    row = dict(row)
    row["places"] = sorted(
        (p["place_key"], p["date_seen"], p["claim"], p["grading"], p["name_as_recorded"]) for p in row["places"]
    )
    row["mentions"] = sorted(
        ({k: v for k, v in m.items() if k != "school_name"} for m in row["mentions"]), key=lambda m: m["mention_key"]
    )
    return row
