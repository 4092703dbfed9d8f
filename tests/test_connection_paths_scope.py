"""connection_paths for a reader of some boroughs: the shortest chains they may read, not the
shortest chains of all London filtered afterwards (which could leave them none)."""

from __future__ import annotations

import pytest

from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import folder_with, load, referral

pytestmark = pytest.mark.neo4j


def test_a_reader_of_one_borough_gets_the_chain_held_there_behind_shorter_ones_held_elsewhere(graph, db, tmp_path):
    # Six one-record chains held in Camden, shorter than the two-record chain held in Hackney.
    elsewhere = [referral(f"CAM-{k}", "Ava Cole", "2010-03-03", "Cat Pike", borough="Camden") for k in range(6)]
    here = [
        referral("HAC-1", "Ava Cole", "2010-03-03", place="Corner Cafe"),
        referral("HAC-2", "Dee Fox", "2011-04-04", "Cat Pike", place="Corner Cafe"),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=elsewhere + here), tmp_path)
    ids = {
        r["n"]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT m.name AS n, p.person_id AS p", database_=db
        ).records
    }
    ask = {"from_person": ids["Ava Cole"], "to_person": ids["Cat Pike"], "max_records": 4}
    everyone = {r["via"] for r in catalogue.run(graph, db, "connection_paths", ask).rows}
    assert len(everyone) == 5 and everyone <= {f"mash:CAM-{k}" for k in range(6)}  # the five shortest, all Camden's
    hackney = Scope(sources=ALL_SOURCES, boroughs=("Hackney",))
    rows = catalogue.run(graph, db, "connection_paths", ask, scope=hackney).rows
    assert [(r["step"], r["via"]) for r in rows] == [(1, "mash:HAC-1"), (2, "mash:HAC-2")]
