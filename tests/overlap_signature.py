"""Shared by tests/test_summaries.py and tests/test_first_load.py: the gang overlap summary as it
stands, comparable between builds (a test file may not import another, tests/test_suite_rules.py)."""

from __future__ import annotations

from graph_loader.summaries import delete_in_batches
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary


def overlap_summary(graph, db) -> tuple[list, list]:
    """The gang overlap summary as it stands: every fact and every way, in order, lists sorted."""
    facts = graph.execute_query(
        "MATCH (p:Person)-[:SUMMARISED_IN]->(f:GangOverlapFact) OPTIONAL MATCH (f)-[:IN_BOROUGH]->(b:Borough) "
        "RETURN p.person_id AS p, f.person_id AS id, f.source AS source, b.name AS borough, f.roles AS roles, "
        "f.steps AS steps, f.nominal_of AS nominal_of, f.harmed_nominal AS harmed, f.nearest_nominal AS nearest, "
        "f.nearest_gangs AS gangs, COLLECT { UNWIND f.depends AS k RETURN k ORDER BY k } AS depends, "
        "f.lead AS lead, f.all_roles AS all_roles, f.borough_lead AS borough_lead, f.borough_roles AS borough_roles",
        database_=db,
    ).records
    ways = graph.execute_query(
        "MATCH (p:Person)-[:SUMMARISED_IN]->(w:GangReach) "
        "RETURN p.person_id AS p, w.steps AS steps, w.nominal AS nominal, "
        "COLLECT { UNWIND w.via AS k RETURN k ORDER BY k } AS via, "
        "COLLECT { UNWIND coalesce(w.next, []) AS k RETURN k ORDER BY k } AS next, "
        "w.via_sources AS via_sources, w.next_sources AS next_sources",
        database_=db,
    ).records
    orphans = graph.execute_query(
        "MATCH (f:GangOverlapFact|GangReach) WHERE NOT EXISTS { (f)<-[:SUMMARISED_IN]-() } RETURN count(f) AS n",
        database_=db,
    ).records[0]["n"]
    assert orphans == 0
    return sorted(repr(sorted(r.data().items())) for r in facts), sorted(repr(sorted(r.data().items())) for r in ways)


def cypher_full_build(graph, db) -> None:
    """The whole summary through cypher/summary/overlap_build.cypher (graph_loader/overlap_build.py
    replaced it for full builds; upkeep still uses it)."""
    nominals = graph.execute_query(cypher("summary/overlap_nominals"), database_=db).records[0]["nominals"]
    delete_in_batches(graph, db, "overlap_delete_all")
    params = {"people": None, "nominals": nominals} | vocabulary(cypher("summary/overlap_build"))
    with graph.session(database=db) as session:
        session.run(cypher("summary/overlap_build"), params).consume()
