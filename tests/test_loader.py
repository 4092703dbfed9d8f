"""Loading into the real Neo4j: provenance, roles, idempotency, changed records, CSV and JSONL alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_loader.csv_format import write_jsonl
from graph_loader.summaries import DERIVED_LABELS
from jigsaw.graph_admin import wipe_data
from tests.builders import folder_with, graph_signature, hsb_case, load, nominal, referral
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j


def scalar(graph, db, query: str, **params):
    return graph.execute_query(query, params, database_=db).records[0][0]


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    return folder_with(
        tmp_path / "in",
        mash=[
            referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson", place="Chicken Spot"),
            referral("R2", "Bella Jones", "2009-01-01", suspect="Kyle Johnson", place="Chicken Spot"),
        ],
        matrix=[
            nominal("GM-1", "Kyle Johnson", "2001-05-05", ["GM-2"]),
            nominal("GM-2", "Dean Reid", "2002-02-02", ["GM-1"]),
        ],
        hsb=[hsb_case("HSB-1", "Jayden Smith", "Bella Jones")],
    )


def test_every_node_and_relationship_says_which_record_asserts_it(graph, db, demo_folder, tmp_path):
    report = load(graph, db, demo_folder, tmp_path)
    assert report.rows_rejected == 0 and report.records_new == 5
    bookkeeping = "n:Load OR n:SchemaVersion OR n:Migration"
    derived = list(DERIVED_LABELS)  # summaries: their provenance is the records they point at
    missing_nodes = scalar(
        graph,
        db,
        f"MATCH (n) WHERE NOT ({bookkeeping}) AND NOT any(l IN labels(n) WHERE l IN $derived) "
        "AND (n.source_agency IS NULL "
        "OR n.source_record_id IS NULL OR n.load_id IS NULL OR n.loaded_at IS NULL) RETURN count(n)",
        derived=derived,
    )
    missing_rels = scalar(
        graph,
        db,
        "MATCH (a)-[r]->(b) WHERE NOT any(l IN labels(a) + labels(b) WHERE l IN $derived) AND (r.source_agency IS NULL "
        "OR r.source_record_id IS NULL OR r.load_id IS NULL OR r.loaded_at IS NULL) RETURN count(r)",
        derived=derived,
    )
    assert missing_nodes == 0 and missing_rels == 0
    # One hop from a mention to the record that says so, with the role on that relationship.
    rows = graph.execute_query(
        "MATCH (r:Record)-[m:MENTIONS]->(x:Mention {name: 'Kyle Johnson'}) "
        "RETURN r.record_key AS record, m.role AS role, m.claim AS claim ORDER BY record",
        database_=db,
    ).records
    assert [(r["record"], r["role"], r["claim"]) for r in rows] == [
        ("mash:R1", "suspected_perpetrator", "allegation"),
        ("mash:R2", "suspected_perpetrator", "allegation"),
        ("matrix:GM-1", "gang_nominal", "intelligence"),
    ]


def test_one_person_can_be_harmed_in_one_record_and_named_differently_in_another(graph, db, demo_folder, tmp_path):
    load(graph, db, demo_folder, tmp_path)
    roles = graph.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention {name: 'Bella Jones'})<-[m:MENTIONS]-(r:Record) "
        "RETURN r.source AS source, m.role AS role ORDER BY source",
        database_=db,
    ).records
    # Bella is the referred child at risk in MASH and the child harmed in HSB: two records, two roles.
    assert [(r["source"], r["role"]) for r in roles] == [("hsb", "child_harmed"), ("mash", "child_at_risk")]


def test_shared_places_gangs_schools_and_associates_are_single_nodes(graph, db, demo_folder, tmp_path):
    load(graph, db, demo_folder, tmp_path)
    assert scalar(graph, db, "MATCH (p:Place) RETURN count(p)") == 1
    assert scalar(graph, db, "MATCH (:Record)-[:NAMES_PLACE]->(p:Place) RETURN count(*)") == 2
    assert scalar(graph, db, "MATCH (g:Gang) RETURN count(g)") == 1
    assert scalar(graph, db, "MATCH (s:School) RETURN count(s)") == 1
    # Associates the matrix names by nominal id are mentions (role associate) of that nominal's person.
    associates = graph.execute_query(
        "MATCH (e:MatrixEntry)-[s:MENTIONS {role: 'associate'}]->(:Mention)-[:REFERS_TO]->(p:Person)"
        "<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(other:MatrixEntry) "
        "RETURN e.source_id AS entry, other.source_id AS associate, s.claim AS claim ORDER BY entry",
        database_=db,
    ).records
    assert [(r["entry"], r["associate"], r["claim"]) for r in associates] == [
        ("GM-1", "GM-2", "intelligence"),
        ("GM-2", "GM-1", "intelligence"),
    ]
    # Kyle: two MASH mentions (same name, known dob) and the matrix entry resolve to one person.
    assert scalar(graph, db, "MATCH (:Mention {name: 'Kyle Johnson'})-[:REFERS_TO]->(p) RETURN count(DISTINCT p)") == 1


def test_loading_the_same_folder_twice_changes_nothing(graph, db, demo_folder, tmp_path):
    first = load(graph, db, demo_folder, tmp_path)
    second = load(graph, db, demo_folder, tmp_path)
    assert first.changed_anything
    assert not second.changed_anything
    assert (second.records_new, second.records_changed, second.records_unchanged) == (0, 0, 5)
    loads = graph.execute_query(
        "MATCH (l:Load) RETURN l.status AS status, l.user AS user, l.records_unchanged AS unchanged "
        "ORDER BY l.started_at",
        database_=db,
    ).records
    assert [(r["status"], r["user"], r["unchanged"]) for r in loads] == [
        ("completed", "test-analyst", 0),
        ("completed", "test-analyst", 5),
    ]


def test_a_changed_record_replaces_what_it_asserted(graph, db, tmp_path):
    before = folder_with(tmp_path / "a", mash=[referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson")])
    load(graph, db, before, tmp_path)
    after = folder_with(tmp_path / "b", mash=[referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Jonson")])
    report = load(graph, db, after, tmp_path)
    assert (report.records_new, report.records_changed) == (0, 1)
    names = graph.execute_query(
        "MATCH (:Referral {source_id: 'R1'})-[:MENTIONS]->(m) RETURN m.name AS n ORDER BY n", database_=db
    ).records
    assert [r["n"] for r in names] == ["Amelia Hughes", "Kyle Jonson"]
    assert scalar(graph, db, "MATCH (p:Person) WHERE NOT (p)<-[:REFERS_TO]-() RETURN count(p)") == 0
    assert scalar(graph, db, "MATCH (p:Person) RETURN count(p)") == 2


def test_dry_run_writes_nothing(graph, db, demo_folder, tmp_path):
    report = load(graph, db, demo_folder, tmp_path, dry_run=True)
    assert report.records_valid == 5
    assert scalar(graph, db, "MATCH (n) WHERE NOT n:SchemaVersion AND NOT n:Migration RETURN count(n)") == 0


def test_json_lines_and_csv_give_the_same_graph(graph, db, tmp_path):
    records = [
        referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson", place="Chicken Spot"),
        referral("R2", "Bella Jones", "2009-01-01", place="Chicken Spot"),
    ]
    csv_folder = folder_with(tmp_path / "csv", mash=records)
    load(graph, db, csv_folder, tmp_path)
    from_csv = graph_signature(graph, db)
    wipe_data(graph, db)
    write_jsonl(tmp_path / "jsonl" / "mash.jsonl", records)
    report = load(graph, db, tmp_path / "jsonl", tmp_path)
    assert report.records_new == 2 and report.rows_rejected == 0
    assert graph_signature(graph, db) == from_csv


def test_an_associate_not_yet_on_the_matrix_is_linked_when_loaded(graph, db, tmp_path):
    first = load(
        graph,
        db,
        folder_with(tmp_path / "a", matrix=[nominal("GM-1", "Kyle Johnson", "2001-05-05", ["GM-9"])]),
        tmp_path,
    )
    assert any("GM-9" in n for n in first.notices)
    load(graph, db, folder_with(tmp_path / "b", matrix=[nominal("GM-9", "Dean Reid", "2002-02-02")]), tmp_path)
    linked = scalar(
        graph,
        db,
        "MATCH (:MatrixEntry {source_id: 'GM-1'})-[:MENTIONS {role: 'associate'}]->(:Mention)-[:REFERS_TO]->(p)"
        "<-[:REFERS_TO]-(:Mention {mention_key: 'matrix:GM-9'}) RETURN count(p)",
    )
    assert linked == 1


def test_load_is_recorded_with_checksums(graph, db, demo_folder, tmp_path):
    report = load(graph, db, demo_folder, tmp_path)
    row = graph.execute_query(
        "MATCH (l:Load {load_id: $id}) RETURN l.files AS files, l.file_checksums AS sums, l.rows_read AS rows",
        id=report.load_id,
        database_=db,
    ).records[0]
    assert "mash_referrals.csv" in row["files"] and all(len(s) == 64 for s in row["sums"])
    assert row["rows"] == report.rows_read


def test_record_dates_are_stored_as_dates(graph, db, demo_folder, tmp_path):
    load(graph, db, demo_folder, tmp_path)
    value = scalar(graph, db, "MATCH (r:Referral {source_id: 'R1'}) RETURN r.record_date")
    assert value.to_native() == date(2024, 2, 14)


def test_the_load_command_resolves_what_it_loaded_and_says_so(graph, db, explorer_env, tmp_path):
    from typer.testing import CliRunner

    from jigsaw import audit
    from jigsaw_cli import app

    from .builders import small_network

    result = CliRunner().invoke(app, ["load", "--folder", str(small_network(tmp_path / "in"))])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "Identity (full): 8 mention(s) resolved" in output and "queued for review" in output
    assert [e["action"] for e in audit.events(explorer_env)] == ["load", "identity run"]
    again = CliRunner().invoke(app, ["load", "--folder", str(tmp_path / "in")])
    assert again.exit_code == 0 and "Identity (" not in again.output  # nothing changed, nothing to resolve


def test_concurrent_writers_give_the_same_graph_as_one(graph, db, tmp_path):
    demo = REPO_ROOT / "fixtures" / "demo"  # 832 rows sharing boroughs, places, gangs and schools
    load(graph, db, demo, tmp_path, batch_size=25)
    one_writer = graph_signature(graph, db)
    wipe_data(graph, db)
    report = load(graph, db, demo, tmp_path, batch_size=25, writers=2)  # many small batches, two at once
    assert report.records_new == report.records_valid > 100 and graph_signature(graph, db) == one_writer
    again = load(graph, db, demo, tmp_path, batch_size=25, writers=2)
    assert not again.changed_anything and again.records_unchanged == report.records_valid
