"""Issue #15 item 2: one query must not stop Neo4j for everyone, nor flood the client.

The attacks run against a small local server of this module's own (512 MiB heap), so a
query that fills the heap cannot disturb the other tests' server: the heap query is
refused with a memory message, sent once, and the server still reads and writes after;
a collect() past the per-transaction limit is stopped by the server itself; 300 rows of
1 MiB stop at the byte cap; a catalogue query goes through the same caps.
"""

from __future__ import annotations

import tracemalloc

import pytest
from neo4j._sync.work.transaction import TransactionBase
from neo4j.exceptions import Neo4jError

from jigsaw import bounded_read, catalogue, free_cypher, schema
from jigsaw.bounded_read import QueryTooCostly, ResultTooLarge
from jigsaw.connection import open_driver, open_explorer_driver
from jigsaw.db_users import ensure_explorer_user
from jigsaw.graph_admin import wipe_data
from jigsaw.neo4j_server.memory_limits import size_in_bytes, transaction_limits
from jigsaw.neo4j_server.server import RELATIONSHIP_GROUPING_THRESHOLD
from tests.builders import load, small_network
from tests.explorer_app import ANALYST, APP, register

pytestmark = pytest.mark.neo4j

HEAP_QUERY = "RETURN size([x IN range(1,100000000) | toString(x)]) AS n"  # the query, verbatim
# Past every check (its range is tiny) yet its string doubles to past the heap: the memory of a
# value built inside an expression is not counted by Neo4j, so only the JVM's own limit stops it.
DOUBLING = "RETURN size(reduce(s = 'xxxxxxxxxxxxxxxx', k IN range(1, 40) | s + s)) AS n"
# A million rows of fresh 200-character strings, collected: memory Neo4j does count.
HOARD = "UNWIND range(1, 1000) AS a UNWIND range(1, 1000) AS b RETURN size(collect(toString(b) + $pad)) AS n"
BIG_ROWS = "UNWIND range(1, 300) AS i RETURN i, reduce(s = 'x', k IN range(1, 20) | s + s) AS blob"  # 300 x 1 MiB


@pytest.fixture(scope="module")
def server(local_server):
    with local_server(
        "test-query-limits", "JIGSAW_TEST_SECOND_BOLT_PORT", 7699, "the memory attacks run on a server of their own"
    ) as settings:
        admin = open_driver(settings)
        schema.apply(admin, settings.neo4j_database)
        ensure_explorer_user(admin, settings)
        yield settings, admin
        admin.close()


@pytest.fixture(scope="module")
def analyst(server):
    """The explorer's own database user: the driver an analyst's free query runs on."""
    settings, _ = server
    drv = open_explorer_driver(settings)
    yield drv
    drv.close()


@pytest.fixture
def sent(monkeypatch) -> list[str]:
    """Every query text a transaction sends to the server (a counter on the driver, not a mock)."""
    texts: list[str] = []
    original = TransactionBase.run

    def counting(self, query, parameters=None, **kw):
        texts.append(str(query))
        return original(self, query, parameters, **kw)

    monkeypatch.setattr(TransactionBase, "run", counting)
    return texts


def test_limits_are_sized_from_the_heap():
    assert (
        size_in_bytes("512m") == 512 * 1024**2
        and size_in_bytes("1g") == 1024**3
        and size_in_bytes("768M") == 768 * 1024**2
    )
    assert transaction_limits("512m") == {
        "db.memory.transaction.max": "128m",
        "dbms.memory.transaction.total.max": "307m",
    }
    assert transaction_limits("4g") == {
        "db.memory.transaction.max": "1024m",
        "dbms.memory.transaction.total.max": "2457m",
    }
    with pytest.raises(ValueError, match="memory size"):
        transaction_limits("lots")


def test_a_row_limit_below_one_is_refused_before_the_server_is_asked():
    """`jigsaw query --limit -1` read every row (the row cap was never reached), and a read that stops at
    the cap would have been sent a negative LIMIT: refused, with no driver needed to say so."""
    for bad in (0, -1, -1000):
        with pytest.raises(ValueError, match="at least 1"):
            catalogue.run(None, "neo4j", "gang_overlap", {}, limit=bad)


def test_the_local_server_runs_with_the_transaction_memory_limits_and_grouping(server):
    _settings, admin = server
    found = {
        r["name"]: r["value"]
        for r in admin.execute_query(
            "SHOW SETTINGS YIELD name, value "
            "WHERE name IN ['db.memory.transaction.max', 'dbms.memory.transaction.total.max', "
            "'db.relationship_grouping_threshold'] "
            "RETURN name, value",
            database_="system",
        ).records
    }
    assert found == {
        "db.memory.transaction.max": "128.00MiB",
        "dbms.memory.transaction.total.max": "307.00MiB",
        # (and a record of many jigsaw links keeps its relationships grouped by type: server.write_config)
        "db.relationship_grouping_threshold": str(RELATIONSHIP_GROUPING_THRESHOLD),
    }


def test_a_query_past_the_per_transaction_limit_is_stopped_by_the_server(server, analyst):
    settings, admin = server
    pad = {"pad": "x" * 200}
    with pytest.raises(Neo4jError) as raised, admin.session(database=settings.neo4j_database) as session:
        session.run(HOARD, pad).consume()  # the server's own refusal, before any client code (and with no retry)
    assert "db.memory.transaction.max" in raised.value.message
    with pytest.raises(QueryTooCostly, match="more memory than one query may use"):
        free_cypher.run(analyst, settings.neo4j_database, HOARD, pad)


def test_the_heap_query_is_refused_before_it_reaches_the_server(server, analyst, sent):
    settings, _ = server
    with pytest.raises(free_cypher.Refused, match="more than 1,000,000 values in the server's memory"):
        free_cypher.run(analyst, settings.neo4j_database, HEAP_QUERY)
    for unbounded in ("UNWIND range(1, $n) AS x RETURN x", "RETURN [x IN range(0, size($xs)) | x] AS xs"):
        with pytest.raises(free_cypher.Refused, match="whole-number bounds"):
            free_cypher.run(analyst, settings.neo4j_database, unbounded, {"n": 10**9, "xs": []})
    assert not any("range(1,100000000)" in text for text in sent)  # only EXPLAIN saw it, never a transaction


def test_a_query_that_fills_the_heap_is_stopped_once_and_the_server_still_answers(server, analyst, sent):
    settings, admin = server
    with pytest.raises(QueryTooCostly, match=r"more memory than one query may use.*not run again"):
        free_cypher.run(analyst, settings.neo4j_database, DOUBLING)
    assert sent.count(DOUBLING) == 1  # no retry sent it again
    assert free_cypher.run(analyst, settings.neo4j_database, "RETURN 1 AS one").rows == [{"one": 1}]
    admin.execute_query("CREATE (:Probe {n: 1})", database_=settings.neo4j_database)  # still writes, for the loader
    assert (
        admin.execute_query("MATCH (p:Probe) DELETE p RETURN count(*) AS c", database_=settings.neo4j_database).records[
            0
        ]["c"]
        == 1
    )


def test_300_rows_of_1_MiB_stop_at_the_byte_cap(server, analyst):
    settings, _ = server
    tracemalloc.start()
    try:
        with pytest.raises(ResultTooLarge, match="too large: it passed 16 MiB"):
            free_cypher.run(analyst, settings.neo4j_database, BIG_ROWS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 80 * 1024**2  # about the cap, not the 300 MiB read before
    small = free_cypher.run(analyst, settings.neo4j_database, "UNWIND range(1, 5) AS i RETURN i, 'x' AS s")
    assert len(small.rows) == 5 and not small.truncated


def test_a_catalogue_query_is_bounded_the_same_way(server, analyst, sent, monkeypatch, tmp_path):
    settings, admin = server
    wipe_data(admin, settings.neo4j_database)
    load(admin, settings.neo4j_database, small_network(tmp_path / "in"), tmp_path)
    # The live text (the load's summary would answer it otherwise), then its summary's read.
    whole = catalogue.run(analyst, settings.neo4j_database, "overview_by_source", summary=False)
    assert whole.rows and sent.count(catalogue.get("overview_by_source").text) == 1
    monkeypatch.setattr(bounded_read, "RESULT_BYTE_CAP", 40)  # smaller than the answer: the catalogue path stops too
    for summary in (False, True):
        with pytest.raises(ResultTooLarge, match="too large"):
            catalogue.run(analyst, settings.neo4j_database, "overview_by_source", summary=summary)


def test_the_queries_page_says_a_result_was_too_large_and_the_free_box_refuses_show_transactions(
    explorer_env, graph, db, tmp_path, monkeypatch
):
    """Through the page: a catalogue result past the byte cap is an error, not a traceback;
    SHOW TRANSACTIONS is refused."""
    from streamlit.testing.v1 import AppTest

    from jigsaw import audit

    load(graph, db, small_network(tmp_path / "in"), tmp_path)
    monkeypatch.setattr(bounded_read, "RESULT_BYTE_CAP", 40)
    at = AppTest.from_file(APP, default_timeout=60)
    register(ANALYST)  # every run checks the session's account against the store
    at.session_state["account"], at.session_state["purpose"] = ANALYST, "CASE-2024-001"
    at.run().switch_page("views/queries.py").run()
    next(s for s in at.selectbox if s.label == "Question").set_value("overview_by_source").run()
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception and any("the result is too large" in e.value for e in at.error)
    monkeypatch.setattr(bounded_read, "RESULT_BYTE_CAP", 16 * 1024**2)
    next(s for s in at.selectbox if s.label == "Question").set_value("overview_by_borough").run()  # the free box below
    at.text_area[0].input("SHOW TRANSACTIONS YIELD *")
    next(b for b in at.button if b.label == "Check and run").click().run()
    assert not at.exception and any("SHOW, TERMINATE and administration commands" in e.value for e in at.error)
    actions = [e["action"] for e in audit.events(explorer_env)]
    assert "query stopped" in actions and "free query refused" in actions


def test_docker_compose_passes_the_same_limits_for_its_heap():
    import yaml

    from tests.paths import REPO_ROOT

    env = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]["neo4j"]["environment"]
    heap = env["NEO4J_server_memory_heap_max__size"]
    assert env["NEO4J_server_memory_heap_initial__size"] == heap
    expected = transaction_limits(heap)
    assert env["NEO4J_db_memory_transaction_max"] == expected["db.memory.transaction.max"]
    assert env["NEO4J_dbms_memory_transaction_total_max"] == expected["dbms.memory.transaction.total.max"]
    assert not any("ExitOnOutOfMemoryError" in str(value) for value in env.values())
    # Records grouped by relationship type from the same count as `jigsaw db start` writes.
    assert env["NEO4J_db_relationship__grouping__threshold"] == str(RELATIONSHIP_GROUPING_THRESHOLD)


def test_a_query_past_its_timeout_is_stopped_once(server, analyst, sent):
    settings, _ = server
    slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(*) AS n"  # seconds of work, no memory
    with pytest.raises(QueryTooCostly, match=r"took longer than 1 s.*not run again"):
        bounded_read.read_capped(analyst, settings.neo4j_database, slow, {}, cap=10, timeout=1.0)
    assert sent.count(slow) == 1


PROBE = "CREATE (:LimitProbe {name: 'a', at: date('2024-01-02')})-[:PROBES {n: 1}]->(:LimitProbe {name: 'b'})"
PROBE_ROWS = (
    "MATCH p = (a:LimitProbe)-[r:PROBES]->(b) RETURN a, r, p, [a, {inner: b, n: 1}] AS nested,"
    " {when: a.at, list: [1, 'x', null]} AS plain, 'P-0123456789ab' AS text"
)


def test_rows_come_as_the_driver_gives_them_and_nodes_count_towards_the_cap(server):
    """read_capped skips Record.data()'s second walk for rows without nodes: rows with and without them
    must still come as data() gives them, and a node's properties must still count towards the byte cap."""
    settings, admin = server
    database = settings.neo4j_database
    admin.execute_query(PROBE, database_=database)
    try:
        expected = [r.data() for r in admin.execute_query(PROBE_ROWS, database_=database).records]
        _, rows, _ = bounded_read.read_capped(admin, database, PROBE_ROWS, {}, cap=10, timeout=10)
        assert rows == expected and rows[0]["a"] == {"name": "a", "at": rows[0]["plain"]["when"]}
        assert rows[0]["nested"][1]["inner"] == {"name": "b"}  # a node inside a map inside a list, as data() has it
        _, plain, _ = bounded_read.read_capped(
            admin, database, "RETURN [1, 'x'] AS l, {m: date('2024-01-02')} AS m", {}, cap=1, timeout=10
        )
        assert plain == [{"l": [1, "x"], "m": {"m": expected[0]["plain"]["when"]}}]
        admin.execute_query("MATCH (a:LimitProbe {name: 'a'}) SET a.blob = $blob", blob="x" * 1000, database_=database)
        with pytest.raises(ResultTooLarge):
            bounded_read.read_capped(
                admin, database, "MATCH (a:LimitProbe {name: 'a'}) RETURN [a] AS n", {}, cap=1, timeout=10, byte_cap=900
            )
    finally:
        admin.execute_query("MATCH (n:LimitProbe) DETACH DELETE n", database_=database)
