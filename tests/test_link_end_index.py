"""A jigsaw link's end A is sought by (kind, person_a), not by an index of its own (migration 028).

Every link was in two indexes made of or led by `person_a`; the one of its own is dropped, and every
seek of a person's links at end A names the link kinds so that the (kind, person_a) index serves it.
What could go wrong: a kind the seeks do not name (its links never found: a person's answer short, a
change's links left stale), a plan that scans millions of links instead, or a new store that builds
the dropped index only to drop it (tens of seconds of a first load at L).
"""

from __future__ import annotations

import re

import pytest

from fixtures.generator import generate
from jigsaw import cypher_files, schema
from jigsaw.cypher_files import statements
from tests.builders import load
from tests.paths import REPO_ROOT

SEED = 28028  # not the demo's 7, nor any other test's
KINDS_LIST = "l.kind IN ['person', 'place']"
END_A_SEEK = re.compile(r"l\.person_a = (\$person_id|id)\b")


def _kinds_written() -> set[str]:
    """Every kind a link is written with: by the loader's Python (first load) and its Cypher (later loads)."""
    python = (REPO_ROOT / "graph_loader" / "link_rows.py").read_text(encoding="utf-8")
    built = cypher_files.read("summary/links_build")
    return set(re.findall(r'made\("(\w+)"', python)) | set(re.findall(r"JigsawLink \{kind: '(\w+)'", built))


def test_an_index_a_later_migration_drops_is_never_created():
    dropped = {"jigsaw_link_person_a": 28}
    for migration in schema.migrations():
        every = statements(cypher_files.read(migration.file))
        kept = schema.to_run(migration)
        left_out = [s for s in every if s not in kept]
        names = [re.match(r"CREATE INDEX (\w+)", s) for s in left_out]
        assert all(n and dropped.get(n.group(1), 0) > migration.number for n in names), left_out
        assert (migration.number == 8) == bool(left_out)  # 008 made it; nothing else is left out
    assert schema.to_run(schema.migrations()[27]) == ["DROP INDEX jigsaw_link_person_a IF EXISTS"]


def test_every_seek_of_a_links_end_a_names_every_kind_a_link_is_written_with():
    assert _kinds_written() == {"person", "place"}
    seeking = []
    for name in cypher_files.names("summary"):
        text = cypher_files.read(f"summary/{name}")
        for line in text.splitlines():
            if END_A_SEEK.search(line) and "at.person_a" not in line:
                seeking.append(name)
                assert KINDS_LIST in line, f"{name}: {line.strip()}"
    assert len(seeking) == 7, seeking  # the three reads of a person's links, the delete and the three touches


@pytest.mark.neo4j
def test_a_persons_links_are_all_found_by_kind_and_end_a_on_a_loaded_graph(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    names = {r["name"] for r in graph.execute_query("SHOW INDEXES YIELD name", database_=db).records}
    assert "links_kind_person_a" in names and "jigsaw_link_person_a" not in names
    found = graph.execute_query("MATCH (l:JigsawLink) RETURN DISTINCT l.kind AS k", database_=db).records
    kinds = {r["k"] for r in found}
    assert kinds and kinds <= _kinds_written()
    # Each end A's links by the seek the queries make, against a scan that names no kind.
    ends = graph.execute_query(
        "MATCH (l:JigsawLink) RETURN l.person_a AS id, count(*) AS n ORDER BY n DESC, id LIMIT 25", database_=db
    ).records
    assert ends and ends[0]["n"] > 1
    for end in ends:
        sought = graph.execute_query(
            f"MATCH (l:JigsawLink) USING INDEX l:JigsawLink(kind, person_a) WHERE {KINDS_LIST} AND l.person_a = $id "
            "RETURN count(l) AS n",
            id=end["id"],
            database_=db,
        ).records[0]["n"]
        assert sought == end["n"]
    # The planner takes that index for the change's delete, without being told.
    plan = graph.execute_query(
        "EXPLAIN " + cypher_files.read("summary/links_delete"), people=["p"], database_=db
    ).summary.plan

    def details(p):
        yield str(p.get("args", {}).get("Details", ""))
        for child in p.get("children", []):
            yield from details(child)

    assert any("JigsawLink(kind, person_a)" in d for d in details(plan)), list(details(plan))
