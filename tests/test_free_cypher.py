"""Free Cypher: checked before it runs, run read-only; the server itself refuses a write."""

from __future__ import annotations

import pytest
from neo4j import READ_ACCESS
from neo4j.exceptions import ClientError

from jigsaw import free_cypher
from jigsaw.free_cypher import Refused
from tests.builders import folder_with, load, referral

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loaded(graph, db, tmp_path):
    load(graph, db, folder_with(tmp_path / "in", mash=[referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson")]), tmp_path)


def _people(graph, db) -> int:
    return graph.execute_query("MATCH (p:Person) RETURN count(p) AS c", database_=db).records[0]["c"]


def test_a_read_query_runs_with_parameters_and_a_row_cap(graph, db, loaded):
    result = free_cypher.run(graph, db, "MATCH (m:Mention) WHERE m.name STARTS WITH $start RETURN m.name AS name", {"start": "Amel"})
    assert result.rows == [{"name": "Amelia Hughes"}] and not result.truncated
    big = free_cypher.run(graph, db, "UNWIND range(1, 5000) AS n RETURN n")
    assert len(big.rows) == free_cypher.ROW_CAP and big.truncated
    assert free_cypher.run(graph, db, "CALL db.labels() YIELD label RETURN label").rows


@pytest.mark.parametrize("text, reason", [
    ("MATCH (p:Person) DETACH DELETE p", "read-only"),
    ("CREATE (:Person {person_id: 'x'})", "read-only"),
    ("MATCH (p:Person) SET p.flag = true", "read-only"),
    ("MERGE (x:Thing {id: 1}) RETURN x", "read-only"),
    ("CREATE INDEX evil IF NOT EXISTS FOR (n:Person) ON (n.flag)", "read-only|cannot plan"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
    ("load  csv from 'https://example.org/x.csv' as l return l", "LOAD CSV"),
    ("CALL dbms.components() YIELD name RETURN name", "read-only|allowlist"),
    ("CALL db.indexes()", "allowlist|cannot plan|read-only"),
    ("CALL db.info() YIELD name RETURN name", "allowlist"),
    ("CALL db.createLabel('Evil')", "read-only|allowlist"),
    ("MATCH (n) RETURN n; MATCH (n) DETACH DELETE n", "cannot plan"),
    ("", "empty"),
])  # fmt: skip
def test_writes_schema_changes_files_and_procedures_are_refused(graph, db, loaded, text, reason):
    before = _people(graph, db)
    with pytest.raises(Refused, match=reason):
        free_cypher.run(graph, db, text)
    assert _people(graph, db) == before


def test_even_past_the_check_the_server_refuses_a_write_in_a_read_transaction(graph, db, loaded):
    before = _people(graph, db)
    with graph.session(database=db, default_access_mode=READ_ACCESS) as session:
        with pytest.raises(ClientError, match="(?i)write|read access"):
            session.execute_read(lambda tx: tx.run("MATCH (p:Person) DETACH DELETE p").consume())
    assert _people(graph, db) == before
