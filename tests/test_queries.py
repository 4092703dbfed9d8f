"""Catalogue queries against the real Neo4j, on a small network whose answers are known.

    Amelia (child, R1) --R1-- Kyle (suspect in R1 and R2; gang nominal GM-1) --R2-- Bella (child, R2)
    Bella (harmed, HSB-1) --HSB-1-- Jayden (displaying HSB)
    Amelia and Bella were both seen at Chicken Spot (R1, R2).
"""

from __future__ import annotations

import pytest

from jigsaw import catalogue
from tests.test_loader import folder_with, hsb_case, load, nominal, referral

pytestmark = pytest.mark.neo4j


@pytest.fixture
def network(graph, db, tmp_path):
    folder = folder_with(
        tmp_path / "in",
        mash=[
            referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson", place="Chicken Spot"),
            referral("R2", "Bella Jones", "2009-01-01", suspect="Kyle Johnson", place="Chicken Spot", date_received="2024-05-01"),
        ],
        matrix=[nominal("GM-1", "Kyle Johnson", "2001-05-05", ["GM-2"]), nominal("GM-2", "Dean Reid", "2002-02-02", ["GM-1"])],
        hsb=[hsb_case("HSB-1", "Jayden Smith", "Bella Jones")],
    )
    load(graph, db, folder, tmp_path)
    ids = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT split(m.name, ' ')[0] AS first, p.person_id AS id",
        database_=db,
    ).records
    return {r["first"]: r["id"] for r in ids}


def run(graph, db, name, **params):
    return catalogue.run(graph, db, name, params).rows


def test_every_catalogue_file_has_a_complete_header():
    for query in catalogue.catalogue().values():
        assert query.question and query.returns and query.limit > 0 and query.timeout > 0
        for param in query.params:
            assert param.doc, f"{query.name}.{param.name} has no description"


def test_person_profile_is_a_cross_agency_timeline(graph, db, network):
    rows = run(graph, db, "person_profile", person_id=network["Bella"])
    assert [(r["source"], r["role"]) for r in rows] == [("hsb", "child_harmed"), ("mash", "child_at_risk")]
    mash = rows[1]
    assert mash["places"] == ["Chicken Spot (takeaway)"]
    assert mash["others"] == [f"{network['Kyle']}: suspected_perpetrator"]
    assert mash["name_as_recorded"] == "Bella Jones" and mash["borough"] == "Hackney"


def test_ego_network_grows_with_hops(graph, db, network):
    def reached(hops, **filters):
        rows = run(graph, db, "ego_network", person_id=network["Amelia"], hops=hops, **filters)
        return {r["source_person"] for r in rows} | {r["target_person"] for r in rows}

    name = {v: k for k, v in network.items()}
    assert {name[p] for p in reached(1)} == {"Amelia", "Kyle"}
    assert {name[p] for p in reached(2)} == {"Amelia", "Kyle", "Bella"}
    assert {name[p] for p in reached(3)} == {"Amelia", "Kyle", "Bella", "Jayden"}
    # Filters: HSB roles excluded, or records after R1's date only.
    assert {name[p] for p in reached(3, roles="child_at_risk,suspected_perpetrator")} == {"Amelia", "Kyle", "Bella"}
    assert reached(3, date_from="2024-03-01") == set()


def test_ego_network_rows_carry_the_record_and_agency(graph, db, network):
    rows = run(graph, db, "ego_network", person_id=network["Amelia"], hops=1)
    assert len(rows) == 1
    link = rows[0]
    assert link["record_key"] == "mash:R1" and link["agency"].startswith("Multi-Agency")
    assert (link["source_role"], link["target_role"], link["claim"]) == ("child_at_risk", "suspected_perpetrator", "allegation")


def test_connection_paths_name_the_record_behind_each_step(graph, db, network):
    rows = run(graph, db, "connection_paths", from_person=network["Amelia"], to_person=network["Jayden"])
    assert rows, "Amelia and Jayden are connected"
    first = [r for r in rows if r["path"] == 1]
    assert first[0]["from_person"] == network["Amelia"] and first[-1]["to_person"] == network["Jayden"]
    assert first[-1]["via"] == "hsb:HSB-1" and first[-1]["to_role"] == "child_displaying_hsb"
    vias = {r["via"] for r in rows}
    assert {"mash:R1", "hsb:HSB-1"} <= vias and "Chicken Spot" in vias


def test_connection_paths_respects_the_record_limit(graph, db, network):
    assert run(graph, db, "connection_paths", from_person=network["Amelia"], to_person=network["Jayden"], max_records=1) == []


def test_user_text_is_only_ever_a_parameter(graph, db, network):
    hostile = "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"
    assert run(graph, db, "person_profile", person_id=hostile) == []
    assert graph.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=db).records[0]["n"] == 5


def test_unknown_or_badly_typed_parameters_are_refused():
    with pytest.raises(ValueError, match="no parameter"):
        catalogue.get("ego_network").bind({"person_id": "P-1", "depth": "2"})
    with pytest.raises(ValueError, match="must be a int"):
        catalogue.get("ego_network").bind({"person_id": "P-1", "hops": "two"})
    with pytest.raises(ValueError, match="needs person_id"):
        catalogue.get("person_profile").bind({})
