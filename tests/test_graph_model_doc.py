"""docs/graph-model.md's generated part says what the schema and the models say, and what a loaded graph holds.

`jigsaw schema export` writes it; test_schema_export's check fails when it is stale. Here: an
edit to the generated part is caught while the hand-written prose is kept, and a graph loaded
from generated data (a seed the code was not written against) holds no label, relationship
type, constraint, index or record and mention property that the document does not name.
"""

from __future__ import annotations

import re
import shutil

import pytest
from typer.testing import CliRunner

from fixtures.generator import generate
from graph_loader.graph_model_doc import END, START, generated_part, labels_and_types, migrations
from jigsaw_cli import app
from tests.paths import REPO_ROOT

DOCS = REPO_ROOT / "docs"
SEED = 4111  # not the demo's 7


def test_an_edit_to_the_generated_part_fails_the_check_and_prose_is_kept(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    runner = CliRunner()
    doc = copy / "graph-model.md"
    text = doc.read_text(encoding="utf-8")
    assert (
        START in text
        and END in text
        and text.split(START)[1].split(END)[0] == generated_part().split(START)[1].split(END)[0]
    )
    doc.write_text(text.replace("| `mention_key` | constraint (unique)", "| `mention_key` | index"), encoding="utf-8")
    result = runner.invoke(app, ["schema", "export", "--check", "--docs", str(copy)])
    assert result.exit_code == 1 and "graph-model.md" in result.output
    prose = "A sentence an engineer added by hand."
    doc.write_text(text.replace("## Queries", f"## Queries\n\n{prose}"), encoding="utf-8")
    assert (
        runner.invoke(app, ["schema", "export", "--check", "--docs", str(copy)]).exit_code == 0
    )  # prose is the engineer's
    assert runner.invoke(app, ["schema", "export", "--docs", str(copy)]).exit_code == 0
    assert prose in doc.read_text(encoding="utf-8")


def test_every_migration_statement_is_in_the_document():
    lines = [
        line
        for path in sorted((REPO_ROOT / "cypher" / "migrations").glob("*.cypher"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    dropped = {line.split()[2] for line in lines if line.startswith("DROP INDEX ")}
    created = [line for line in lines if line.startswith("CREATE ")]
    kept = [line for line in created if not any(f" {name} IF NOT EXISTS" in line for name in dropped)]
    assert dropped and len(kept) == len(created) - len(dropped)  # each drop takes one creation out
    assert len(migrations()) == len(kept)
    assert not {m["name"] for m in migrations()} & dropped


@pytest.mark.neo4j
def test_a_loaded_graph_holds_nothing_the_document_does_not_name(graph, db, tmp_path):
    from identity.graph_run import run as run_identity
    from tests.builders import load

    generate(SEED, "S", tmp_path / "gen", rows=400)
    load(graph, db, tmp_path / "gen", tmp_path)
    run_identity(graph, db)
    labels, types = labels_and_types()
    found_labels = {
        r["l"] for r in graph.execute_query("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l", database_=db).records
    }
    found_types = {
        r["t"] for r in graph.execute_query("MATCH ()-[r]->() RETURN DISTINCT type(r) AS t", database_=db).records
    }
    assert found_labels >= {"Record", "Mention", "Person", "Place"} and found_labels <= set(labels)
    assert found_types >= {"MENTIONS", "REFERS_TO"} and found_types <= set(types)

    named = {m["name"] for m in migrations()}
    constraints = {r["name"] for r in graph.execute_query("SHOW CONSTRAINTS YIELD name", database_=db).records}
    indexes = {
        r["name"]
        for r in graph.execute_query(
            "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL",
            database_=db,
        ).records
    }
    assert constraints | indexes == named

    doc = (DOCS / "graph-model.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc.split(START)[1]))
    for label in ("Record", "Mention"):
        keys = {
            r["k"]
            for r in graph.execute_query(
                "MATCH (n) WHERE $label IN labels(n) UNWIND keys(n) AS k RETURN DISTINCT k", label=label, database_=db
            ).records
        }
        undocumented = {k for k in keys if k not in documented and not k.endswith("_as_recorded")}
        assert not undocumented, f"{label} properties not in docs/graph-model.md: {sorted(undocumented)}"
