"""`jigsaw load --initial`: the offline importer builds exactly the graph the transactional load does.

Runs a local server of its own (the import stops and starts it), so it never disturbs the
shared test server the other tests use.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph_loader.import_files import ARRAY_DELIMITER
from graph_loader.load import LoadOptions
from jigsaw import catalogue, schema
from jigsaw.config import Settings
from jigsaw.connection import open_driver
from jigsaw.graph_admin import wipe_data
from jigsaw_cli.first_load import SUMMARIES_WITH_IMPORT, run_first_load
from tests.builders import load, whole_graph
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j

DEMO = REPO_ROOT / "fixtures" / "demo"  # 832 rows sharing boroughs, places, gangs and schools


@pytest.fixture(scope="module")
def importing_server(local_server):
    """A local server that only this module uses: the import stops and restarts it."""
    with local_server(
        "test-first-load",
        "JIGSAW_TEST_THIRD_BOLT_PORT",
        7701,
        "the first-load test imports into a local server of its own",
    ) as settings:
        yield settings


@pytest.fixture
def empty(importing_server: Settings) -> Settings:
    with open_driver(importing_server) as drv:
        schema.apply(drv, importing_server.neo4j_database)
        wipe_data(drv, importing_server.neo4j_database)
    return importing_server


def first_load(settings: Settings, folder: Path, tmp: Path, progress=None):
    options = LoadOptions(user="test-analyst", quarantine_root=tmp / "quarantine", progress=progress)
    return run_first_load(settings, None, folder, options)


def indexes(driver, database: str) -> set[tuple]:
    """Every index and constraint's name, kind, labels and properties; each must be online."""
    rows = driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint, state "
        "RETURN name, type, labelsOrTypes, properties, owningConstraint IS NOT NULL AS constraint, state",
        database_=database,
    ).records
    assert {r["state"] for r in rows} == {"ONLINE"}, [r.data() for r in rows if r["state"] != "ONLINE"]
    return {
        (r["name"], r["type"], tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()), r["constraint"])
        for r in rows
    }


def backfills_change(driver, database: str) -> int:
    """What every migration's paged backfill changes, run on the store: properties set, labels,
    nodes and relationships made or deleted. A first load does not run them (schema.apply(imported=True))."""
    changed = 0
    with driver.session(database=database) as session:
        for migration in schema.migrations():
            for statement in schema.backfills(migration):
                c = session.run(statement).consume().counters
                changed += c.properties_set + c.labels_added + c.labels_removed
                changed += c.nodes_created + c.nodes_deleted + c.relationships_created + c.relationships_deleted
    return changed


def _append(path: Path, change: dict) -> None:
    """Append a copy of the file's last row with some cells changed."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[-1])).writerow(rows[-1] | change)


def demo_and_awkward_rows(folder: Path) -> Path:
    """The demo data plus a rejected row, text over several lines, an associate not yet loaded,
    and doubtful values (kept as recorded) on a record, a child, a nominal and a place."""
    shutil.copytree(DEMO, folder)
    referrals = folder / "mash_referrals.csv"
    last = referrals.read_text(encoding="utf-8").splitlines(keepends=True)[-1]
    _append(
        referrals,
        {"referral_id": "HAC-MASH-2024-09999", "summary": 'Seen "late" at night;\nwith older boys, \\ said nothing'},
    )
    _append(
        referrals,
        {
            "referral_id": "HAC-MASH-2024-09998",
            "child_dob": "01/03/1990",
            "cse_category": "Cat 1",
            "concern_types": "",
            "child_given_name": "Tee",
            "child_name": "",
        },
    )
    with open(referrals, "a", encoding="utf-8") as handle:
        handle.write(last.replace(",", ",not a date,", 1))  # a cell too many: rejected
    _append(folder / "matrix_nominals.csv", {"nominal_id": "GM-009999", "associate_ids": "GM-000001;GM-NOT-LOADED"})
    _append(folder / "mash_places.csv", {"referral_id": "HAC-MASH-2024-09998", "place_type": "chicken shop"})
    _append(
        folder / "mash_people.csv",
        {"referral_id": "HAC-MASH-2024-09998", "school": "Mossbourne Academy", "role": "friend"},
    )
    _append(
        folder / "matrix_nominals.csv",
        {"nominal_id": "GM-009998", "dob": "", "harm_band": "purple", "school": "Mossbourne Academy"},
    )
    with open(folder / "matrix_associates.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["GM-009998", "A1", "", "", "", "Tee", "", "", "", "", ""])
    return folder


def test_shards_of_the_records_validate_to_what_the_whole_validates(tmp_path):
    from graph_loader.load import validate_paths
    from graph_loader.validate import Outcome

    demo = demo_and_awkward_rows(tmp_path / "demo")
    whole = [Outcome.of(v) for v in validate_paths(None, demo)]
    halves = [[Outcome.of(v) for v in validate_paths(None, demo, (k, 2))] for k in range(2)]
    joined = [a.joined(b) for a, b in zip(*halves, strict=True)]
    assert [(o.rows_read, o.records_valid, o.notices) for o in joined] == [
        (o.rows_read, o.records_valid, o.notices) for o in whole
    ]
    assert [(r.file, r.row, r.errors) for o in joined for r in o.rejections] == [
        (r.file, r.row, r.errors) for o in whole for r in o.rejections
    ]
    assert [d for o in joined for d in o.doubts] == [d for o in whole for d in o.doubts] != []
    assert all(o.records_valid for half in halves for o in half)  # both halves had work


@pytest.mark.parametrize("parts", [2, 1])  # two processes, or one where the platform cannot fork
def test_the_importer_builds_the_graph_the_transactional_load_builds(graph, db, empty, tmp_path, parts, monkeypatch):
    from jigsaw_cli import first_load as module

    monkeypatch.setattr(module, "PARTS", parts)
    demo = demo_and_awkward_rows(tmp_path / "demo")
    by_transactions = load(graph, db, demo, tmp_path / "a")
    expected = whole_graph(graph, db)
    stages = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "building indexes":  # the stage is the work: none there when it starts, all built when it ends
            with open_driver(empty) as drv:
                built = drv.execute_query(
                    "SHOW INDEXES YIELD type, state WHERE type <> 'LOOKUP' RETURN count(*) AS n, "
                    "count(CASE WHEN state = 'ONLINE' THEN 1 END) AS online",
                    database_=empty.neo4j_database,
                ).records[0]
            stage = f"{stage}: {built['n']} indexes, {built['online']} online"
        if not stages or stages[-1] != stage:
            stages.append(stage)

    report = first_load(empty, demo, tmp_path / "b", progress)
    with open_driver(empty) as drv:
        found = whole_graph(drv, empty.neo4j_database)
        summary = drv.execute_query(
            "MATCH (r:Record {record_key: 'mash:HAC-MASH-2024-09999'}) RETURN r.summary AS s",
            database_=empty.neo4j_database,
        ).records[0]["s"]
        # Each record keeps its borough's name beside its tie, for the (borough, record_date) index (migration 011).
        untied = drv.execute_query(
            "MATCH (r:Record) WHERE NOT EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: r.borough}) } "
            "RETURN count(r) AS n",
            database_=empty.neo4j_database,
        ).records[0]["n"]
        imported = indexes(drv, empty.neo4j_database)
    assert untied == 0
    # Every index and constraint, created at once over the imported data (schema.create_every_index), is the
    # migrations' own, built.
    assert imported == indexes(graph, db)
    own = sum(1 for index in imported if index[1] != "LOOKUP")
    assert stages[:5] == [
        "validating rows and writing the graph's files",
        "importing (the server is stopped meanwhile)",
        "starting the server again",
        "building indexes: 0 indexes, 0 online",
        f"building indexes: {own} indexes, {own} online",
    ]
    assert summary == 'Seen "late" at night;\nwith older boys, \\ said nothing'
    doubted = [props for labels, props in found[0] if dict(props).get("doubts")]
    doubted += [rel[3] for rel in found[1] if dict(rel[3]).get("doubts")]
    assert {f for props in doubted for f in dict(props)["doubtful_fields"]} >= {
        "dob",
        "cse_category",
        "harm_band",
        "place_type",
        "role",
    }
    assert found[0] == expected[0]  # nodes, with every property
    assert found[1] == expected[1]  # relationships, with every property and both ends
    assert report.rows_rejected == by_transactions.rows_rejected > 0  # bad rows are reported and kept
    assert [Path(p).name for p in report.quarantine] == [Path(p).name for p in by_transactions.quarantine]
    for name in ("rows_read", "records_new", "nodes_created", "relationships_created", "persons_created"):
        assert getattr(report, name) == getattr(by_transactions, name), name
    assert any("GM-NOT-LOADED" in n for n in report.notices) and any(
        "GM-NOT-LOADED" in n for n in by_transactions.notices
    )
    assert ARRAY_DELIMITER.isspace()  # validation splits short texts on whitespace, so no list item holds it


def test_the_load_command_imports_once_and_every_later_load_changes_nothing(empty, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jigsaw_cli import app

    monkeypatch.delenv("NEO4J_URI", raising=False)
    for name, value in {
        "JIGSAW_HOME": empty.jigsaw_home,
        "JIGSAW_CACHE": empty.jigsaw_cache,
        "JIGSAW_BOLT_PORT": empty.jigsaw_bolt_port,
        "JIGSAW_HEAP": empty.jigsaw_heap,
        "JIGSAW_PAGECACHE": empty.jigsaw_pagecache,
        "JIGSAW_USER": "analyst.one",
    }.items():
        monkeypatch.setenv(name, str(value))
    result = CliRunner().invoke(app, ["load", "--folder", str(DEMO), "--initial", "--json"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "built by Neo4j's offline importer" in output and '"mode": "full"' in output  # then identity, as always
    with open_driver(empty) as drv:
        db = empty.neo4j_database
        before = whole_graph(drv, db, loaded_only=False)
        loads = drv.execute_query(
            "MATCH (l:Load) RETURN l.status AS status, l.records_new AS new, l.user AS user", database_=db
        ).records
        assert [(r["status"], r["new"] > 100, r["user"]) for r in loads] == [("completed", True, "analyst.one")]
        again = load(drv, db, DEMO, tmp_path)  # every later load is the transactional one
        assert not again.changed_anything and again.records_unchanged == loads[0]["new"]
        refused = CliRunner().invoke(app, ["load", "--folder", str(DEMO), "--initial"])
        assert refused.exit_code == 2 and "already holds" in " ".join(refused.output.split())
        assert whole_graph(drv, db, loaded_only=False) == before


def test_a_failed_import_leaves_the_database_empty_and_running(empty, tmp_path, monkeypatch):
    from graph_loader import import_files
    from jigsaw_cli import first_load as module

    write = import_files.write

    def written_then_broken(graph, folder, **kw):
        files = write(graph, folder, **kw)
        with open(files.relationship_files[0][1], "a", encoding="utf-8") as handle:
            handle.write("mash:NOT-LOADED,mash,mash,x,L-x,2026-01-01T00:00:00+00:00\n")  # ends at no node
        return files

    monkeypatch.setattr(module.import_files, "write", written_then_broken)
    with pytest.raises(Exception, match="import"):
        first_load(empty, DEMO, tmp_path)
    with open_driver(empty) as drv:
        assert whole_graph(drv, empty.neo4j_database) == (Counter(), Counter())
    assert not list((empty.jigsaw_home / "first-load").glob("*"))  # no copy of the data left behind


def _joined_folders(first: Path, second: Path) -> Path:
    """`second`'s rows appended to `first`'s files of the same name (the same headers)."""
    for extra in second.glob("*.csv"):
        into = first / extra.name
        lines = extra.read_text(encoding="utf-8").splitlines(keepends=True)
        if not into.exists():
            shutil.copy(extra, into)
            continue
        assert into.read_text(encoding="utf-8").splitlines()[0] == lines[0].rstrip("\n"), extra.name
        with open(into, "a", encoding="utf-8", newline="") as handle:
            handle.writelines(lines[1:])
    return first


@pytest.mark.parametrize("data", ["demo", "fresh seed"])
def test_the_first_loads_summaries_are_what_the_cypher_build_makes(empty, tmp_path, data):
    """Jigsaw links and cross-borough facts written beside the importer's files (summary_files.py)
    equal, node for node and relationship for relationship, what the Cypher build makes of the
    imported graph: on the demo (with awkward rows), and on a seed the code was not written
    against with shapes the generator never makes."""
    from fixtures.generator import generate
    from graph_loader import summaries
    from jigsaw.cypher_files import load as cypher
    from tests.overlap_signature import cypher_full_build, overlap_summary
    from tests.summary_signatures import (
        SEED,
        awkward,
        awkward_lists,
        counts_signature,
        cypher_build,
        lists_cypher_build,
        lists_signature,
        summary_signature,
    )

    if data == "demo":
        folder = demo_and_awkward_rows(tmp_path / "in")
    else:
        generate(SEED + 1, "S", tmp_path / "in", rows=800)
        folder = _joined_folders(tmp_path / "in", awkward(tmp_path / "odd"))
    folder = _joined_folders(folder, awkward_lists(tmp_path / "lists"))
    report = first_load(empty, folder, tmp_path / "b")
    assert set(SUMMARIES_WITH_IMPORT) <= set(report.summaries)
    with open_driver(empty) as drv:
        db = empty.neo4j_database
        # The migrations' backfills, not run after the import, have nothing to do on what it built; and
        # they would find a property missing (the count sees the pages' changes).
        assert backfills_change(drv, db) == 0
        drv.execute_query("MATCH (l:JigsawLink) WITH l LIMIT 1 REMOVE l.pair", database_=db)
        assert backfills_change(drv, db) == 1
        states = summaries.states(drv, db)
        assert states and all(s["computed_at"] and not s["running"] and s["how"] == "full" for s in states)
        # All London's lists, built in Cypher after the import, answer as the live queries.
        for name in ("missing_rising_category", "harmed_nominals", "peer_on_peer_hsb"):
            kept, live = catalogue.run(drv, db, name, {}), catalogue.run(drv, db, name, {}, summary=False)
            assert kept.answered_from == "summary" and (kept.columns, kept.rows, kept.truncated) == (
                live.columns,
                live.rows,
                live.truncated,
            ), name
        # The governance and overview counts, imported (count_files.py), equal counts_build's, and
        # answer as the live queries for a reader of everything.
        counts_imported = counts_signature(drv, db)
        for name in ("governance_counts", "overview_by_borough", "overview_by_source", "overview_cse_categories"):
            kept, live = catalogue.run(drv, db, name, {}), catalogue.run(drv, db, name, {}, summary=False)
            assert kept.answered_from == "summary" and (kept.columns, kept.rows) == (live.columns, live.rows), name
        drv.execute_query(cypher("summary/counts_build"), database_=db)
        assert counts_imported == counts_signature(drv, db)
        # All London's missing-rising and harmed-nominals lists, imported (list_files.py), equal their
        # Cypher builds' on the imported graph, the awkward shapes among them.
        lists_imported = lists_signature(drv, db)
        lists_cypher_build(drv, db)
        assert lists_imported == lists_signature(drv, db)
        props = [dict(p) for _, p, *_ in lists_imported]
        assert any("" in p.get("categories", ()) for p in props)  # a category missing between two
        assert any(p.get("nominal_id") == "LST-NOM-2" and p["named_keys"] == () for p in props)  # lists given back
        assert any(p.get("nominal_id") == "LST-NOM-1" and p["harmed_hsb"] == ("hsb:LST-HSB-1",) for p in props)
        labels = {labels for labels, *_ in counts_imported}
        assert labels == {
            (n,) for n in ("GovernanceCount", "BoroughCount", "SourceCount", "SourceTotal", "CategoryCount")
        }
        imported = summary_signature(drv, db)
        cypher_build(drv, db)
        built = summary_signature(drv, db)
        # Gang overlap, imported (summary_files.py), equals the Cypher build of the imported graph.
        overlap_imported = overlap_summary(drv, db)
        cypher_full_build(drv, db)
        assert overlap_imported == overlap_summary(drv, db) and overlap_imported[0] and overlap_imported[1]
    assert imported == built
    assert imported[0].total() > 0 and imported[1].total() > 0
