"""Free Cypher: checked before it runs, run read-only; the server itself refuses a write."""

from __future__ import annotations

import re

import pytest
from neo4j import READ_ACCESS
from neo4j.exceptions import ClientError

from jigsaw import free_cypher
from jigsaw.free_cypher import Refused
from tests.builders import folder_with, load, referral

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loaded(graph, db, tmp_path):
    load(
        graph,
        db,
        folder_with(tmp_path / "in", mash=[referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson")]),
        tmp_path,
    )


def _people(graph, db) -> int:
    return graph.execute_query("MATCH (p:Person) RETURN count(p) AS c", database_=db).records[0]["c"]


def test_a_read_query_runs_with_parameters_and_a_row_cap(graph, db, loaded):
    result = free_cypher.run(
        graph, db, "MATCH (m:Mention) WHERE m.name STARTS WITH $start RETURN m.name AS name", {"start": "Amel"}
    )
    assert result.rows == [{"name": "Amelia Hughes"}] and not result.truncated
    big = free_cypher.run(graph, db, "UNWIND range(1, 5000) AS n RETURN n")
    assert len(big.rows) == free_cypher.ROW_CAP and big.truncated
    assert free_cypher.run(graph, db, "CALL db.labels() YIELD label RETURN label").rows


@pytest.mark.parametrize(
    ("text", "reason"),
    [
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
        ("MATCH (n) " * 3000 + "RETURN 1", "longer than"),
    ],
)
def test_writes_schema_changes_files_and_procedures_are_refused(graph, db, loaded, text, reason):
    before = _people(graph, db)
    with pytest.raises(Refused, match=reason):
        free_cypher.run(graph, db, text)
    assert _people(graph, db) == before


def test_even_past_the_check_the_server_refuses_a_write_in_a_read_transaction(graph, db, loaded):
    before = _people(graph, db)
    with graph.session(database=db, default_access_mode=READ_ACCESS) as session:
        with pytest.raises(ClientError, match=r"(?i)write|read access"):
            session.execute_read(lambda tx: tx.run("MATCH (p:Person) DETACH DELETE p").consume())
    assert _people(graph, db) == before


ADMIN = "SHOW, TERMINATE and administration commands are not available here"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("SHOW TRANSACTIONS YIELD *", ADMIN),
        ("SHOW TRANSACTIONS YIELD transactionId, parameters RETURN transactionId, parameters", ADMIN),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", ADMIN),
        ("SHOW SETTINGS YIELD name, value", ADMIN),
        ("SHOW PROCEDURES", ADMIN),
        ("SHOW FUNCTIONS", ADMIN),
        ("SHOW INDEXES", ADMIN),
        ("SHOW USERS", ADMIN),
        ("SHOW CURRENT USER", ADMIN),
        ("SHOW DATABASES", ADMIN),
        ("ALTER USER neo4j SET PASSWORD 'hijacked-password'", ADMIN),
        (
            "CALL dbms.listConfig() YIELD name, value RETURN name, value",
            "procedure dbms.listConfig is not on the allowlist",
        ),
        ("CALL dbms.listConnections()", "procedure dbms.listConnections is not on the allowlist"),
        ("CALL dbms.killConnections(['bolt-1'])", "procedure dbms.killConnections is not on the allowlist"),
        ("CALL tx.getMetaData()", "procedure tx.getMetaData is not on the allowlist"),
        ("USE system CALL db.labels() YIELD label RETURN label", "would run on the database 'system'"),
        ("USE system MATCH (n) RETURN n", "cannot plan"),
        ("MATCH (p:Person) CALL (p) { RETURN p.person_id AS id } IN TRANSACTIONS RETURN id", "IN TRANSACTIONS"),
    ],
)
def test_commands_that_watch_or_stop_other_peoples_work_are_refused(graph, db, loaded, text, reason):
    with pytest.raises(Refused, match=re.escape(reason) if reason == ADMIN else reason):
        free_cypher.run(graph, db, text)


def test_a_running_load_can_be_neither_watched_nor_stopped(graph, db, loaded):
    """Issue #15 item 6: SHOW TRANSACTIONS returned a load's parameters and TERMINATE TRANSACTIONS made it fail."""
    with graph.session(database=db) as session, session.begin_transaction() as load_tx:
        load_tx.run("CREATE (:Probe {name: $name})", name="Child Named In A Load").consume()
        ids = [
            r["transactionId"]
            for r in graph.execute_query(
                "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                "WHERE currentQuery CONTAINS 'Probe' RETURN transactionId",
                database_=db,
            ).records
        ]
        for text in ("SHOW TRANSACTIONS YIELD *", "TERMINATE TRANSACTIONS $ids"):
            with pytest.raises(Refused, match=re.escape(ADMIN)):
                free_cypher.run(graph, db, text, {"ids": ids})
        load_tx.commit()  # the load finishes: nothing stopped it
    assert graph.execute_query("MATCH (p:Probe) RETURN count(p) AS c", database_=db).records[0]["c"] == 1


@pytest.mark.parametrize(
    "text",
    [
        (
            "MATCH (p:Person)-[:REFERS_TO|MENTIONS*1..2]-(x) RETURN p.person_id AS p, count(x) AS n "
            "ORDER BY n DESC LIMIT 5"
        ),
        "MATCH (m:Mention) WHERE EXISTS { (m)<-[:MENTIONS]-(:Record) } RETURN DISTINCT m.name AS name",
        "MATCH (m:Mention) RETURN COLLECT { MATCH (m)<-[:MENTIONS]-(r) RETURN r.record_key } AS records",
        (
            "MATCH (a:Mention) OPTIONAL MATCH (a)--(b) WITH a, count(b) AS k RETURN a.name AS name, k UNION "
            "MATCH (a:Mention) RETURN a.name AS name, 0 AS k"
        ),
        "MATCH path = shortestPath((a:Mention)-[*..4]-(b:Mention)) WHERE a <> b RETURN length(path) AS hops LIMIT 3",
        "UNWIND range(1, 10) AS i RETURN i, [x IN range(1, 10) | x * i] AS multiples",
        "USE neo4j MATCH (n:Mention) RETURN count(n) AS n",
        "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    ],
)
def test_an_analysts_ordinary_reads_still_run(graph, db, loaded, text):
    free_cypher.run(graph, db, text)
