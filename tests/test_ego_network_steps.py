"""ego_network read one way in per number of steps (issue #22) answers exactly as its text before.

The text before walked every path of up to three steps and kept those of `hops` or fewer, so a
busy person's two-step network read a three-step one first. Both texts run on the same graph,
parameters and reader: the same columns and rows in the same order. The data is generated from a
seed neither text was written against, then linked across agencies; the people are the busiest
(most records) and a spread of others, with every number of steps from none to more than three
and each filter, for four readers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.generator import generate
from identity.graph_run import run as identity_run
from jigsaw import catalogue
from jigsaw.access import Scope
from tests.builders import load
from tests.four_readers import busiest_boroughs, four_readers

pytestmark = pytest.mark.neo4j

SEED = 52711  # neither text was written against it
BEFORE = Path(__file__).parent / "queries_before_issue22_p" / "ego_network.cypher"


def rows(graph, db, query: catalogue.CatalogueQuery, given: dict, scope: Scope) -> tuple[list, list]:
    params = query.bind(given) | query.vocabulary | scope.params()
    records, _, keys = graph.execute_query(query.text, params, database_=db, routing_="r")
    return keys, [record.data() for record in records]


def test_ego_network_by_steps_answers_as_the_whole_three_step_walk_did(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=1500)
    load(graph, db, tmp_path / "gen", tmp_path)
    identity_run(graph, db)
    people = graph.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record) "
        "WITH p, count(r) AS n ORDER BY n DESC, p.person_id "
        "WITH collect(p.person_id) AS ids RETURN ids[0..4] + ids[40..44] + ids[400..403] AS ids",
        database_=db,
    ).records[0]["ids"]
    boroughs = busiest_boroughs(graph, db)
    latest = graph.execute_query("MATCH (r:Record) RETURN max(r.record_date) AS d", database_=db).records[0]["d"]
    readers = four_readers(boroughs)
    filters = [
        {},
        {"roles": ["child_at_risk", "suspected_perpetrator"]},
        {"borough": boroughs[0]},
        {"date_from": str(latest.to_native().replace(year=latest.year - 2)), "date_to": str(latest.to_native())},
    ]
    new, old = catalogue.get("ego_network"), catalogue.parse("ego_network", BEFORE.read_text())
    assert new.text != old.text, "the catalogue's text is the old one"
    differ, compared, seen = [], 0, {}
    for person in people:
        for hops in (0, 1, 2, 3, 4):
            for extra in filters if hops == 2 else filters[:1]:
                given = {"person_id": person, "hops": hops} | extra
                for label, scope in readers.items():
                    was, now = rows(graph, db, old, given, scope), rows(graph, db, new, given, scope)
                    compared += 1
                    if not extra:
                        seen[hops] = seen.get(hops, 0) + len(was[1])
                    if was != now:
                        differ.append(f"{label} | {given}: before {len(was[1])} rows, now {len(now[1])}")
    assert not differ, "\n".join(differ[:20])
    assert compared >= 200
    # each number of steps held something to compare, and more steps reached more people
    assert seen[0] == 0 and 0 < seen[1] < seen[2] < seen[3] <= seen[4], seen
