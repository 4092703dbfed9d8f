"""The Connections and Places pages after the query fixes of issue 17, through AppTest against the
real Neo4j: a chain's steps are numbered from 1 and meet at a shared place; a borough's places are
the places located in it, or, on request, those named in the records it holds."""

from __future__ import annotations

import pytest

from tests.builders import folder_with, load, referral
from tests.explorer_app import app, graph_labels, graph_page

pytestmark = pytest.mark.neo4j


def person_ids(graph, db) -> dict[str, str]:
    return {
        r["n"].split()[0]: r["p"]
        for r in graph.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE m.name IS NOT NULL RETURN m.name AS n, p.person_id AS p",
            database_=db,
        ).records
    }


def test_connections_page_shows_each_step_with_its_own_ends(explorer_env, small_network, graph, db):
    ids = person_ids(graph, db)
    at = app()
    at.switch_page("views/connections.py").run()
    next(t for t in at.text_input if t.key == "from-id").input(ids["Amelia"])
    next(t for t in at.text_input if t.key == "to-id").input(ids["Bella"]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    steps = at.dataframe[0].value  # read by the headers people see (jigsaw/column_labels.py)
    through_place = steps[steps["To"] == "place: Chicken Spot"]
    assert not through_place.empty, steps.to_dict("records")
    for _, chain in steps.groupby("Path"):
        assert list(chain.Step) == list(range(1, len(chain) + 1))
    assert "place: Chicken Spot" in graph_labels(graph_page(at))


def test_places_page_reads_a_borough_as_where_the_place_is(explorer_env, graph, db, tmp_path):
    place = {
        "place_name": "Corner Cafe",
        "place_type": "cafe",
        "postcode": "E13 9AA",
        "borough": "Newham",
        "date_seen": "2024-03-01",
    }
    visits = [
        referral("N-1", "Ava Cole", "2009-01-01", borough="Newham", date_received="2024-03-02", places=[place]),
        referral("T-1", "Cat Pike", "2009-03-03", borough="Tower Hamlets", date_received="2024-03-02", places=[place]),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=visits), tmp_path)
    at = app()
    at.switch_page("views/places.py").run()
    at.selectbox[0].select("Newham").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [row] = at.dataframe[0].value.to_dict("records")
    assert (row["Place"], row["Children at risk"], row["Records"]) == ("Corner Cafe", 2, 2)
    at.radio[0].set_value("named in records the borough holds").run()
    [row] = at.dataframe[0].value.to_dict("records")
    assert (row["Children at risk"], row["Records"]) == (1, 1)
