"""Catalogue queries against the real Neo4j, on a small network whose answers are known.

Amelia (child, R1) --R1-- Kyle (suspect in R1 and R2; gang nominal GM-1) --R2-- Bella (child, R2)
Bella (harmed, HSB-1) --HSB-1-- Jayden (displaying HSB)
Amelia and Bella were both seen at Chicken Spot (R1, R2).
Kyle's matrix entry GM-1 names Dean (GM-2) as an associate, and GM-2 names Kyle.
"""

from __future__ import annotations

from datetime import date

import pytest

from jigsaw import catalogue
from tests.builders import folder_with, load, nominal, small_network

pytestmark = pytest.mark.neo4j


@pytest.fixture
def network(graph, db, tmp_path):
    load(graph, db, small_network(tmp_path / "in"), tmp_path)
    ids = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE m.name IS NOT NULL "
        "RETURN DISTINCT split(m.name, ' ')[0] AS first, p.person_id AS id",
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
    assert {name[p] for p in reached(2)} == {"Amelia", "Kyle", "Bella", "Dean"}
    assert {name[p] for p in reached(3)} == {"Amelia", "Kyle", "Bella", "Dean", "Jayden"}
    # Filters: HSB roles excluded, or records after R1's date only.
    assert {name[p] for p in reached(3, roles="child_at_risk,suspected_perpetrator")} == {"Amelia", "Kyle", "Bella"}
    assert reached(3, date_from="2024-03-01") == set()


def test_ego_network_rows_carry_the_record_and_agency(graph, db, network):
    rows = run(graph, db, "ego_network", person_id=network["Amelia"], hops=1)
    assert len(rows) == 1
    link = rows[0]
    assert link["record_key"] == "mash:R1" and link["agency"].startswith("Multi-Agency")
    assert (link["source_role"], link["target_role"], link["claim"]) == (
        "child_at_risk",
        "suspected_perpetrator",
        "allegation",
    )


def test_connection_paths_name_the_record_behind_each_step(graph, db, network):
    rows = run(graph, db, "connection_paths", from_person=network["Amelia"], to_person=network["Jayden"])
    assert rows, "Amelia and Jayden are connected"
    first = [r for r in rows if r["path"] == 1]
    assert first[0]["from_person"] == network["Amelia"] and first[-1]["to_person"] == network["Jayden"]
    assert first[-1]["via"] == "hsb:HSB-1" and first[-1]["to_role"] == "child_displaying_hsb"
    vias = {r["via"] for r in rows}
    assert {"mash:R1", "hsb:HSB-1"} <= vias
    # Through Chicken Spot: R1 ends at the place, where R2 begins (tests/test_query_fixes.py checks every chain).
    assert any(r["to_place"] == "Chicken Spot" for r in rows) and any(r["from_place"] == "Chicken Spot" for r in rows)
    assert all(
        [r["step"] for r in rows if r["path"] == p] == list(range(1, len([r for r in rows if r["path"] == p]) + 1))
        for p in {r["path"] for r in rows}
    )


def test_connection_paths_respects_the_record_limit(graph, db, network):
    assert (
        run(graph, db, "connection_paths", from_person=network["Amelia"], to_person=network["Jayden"], max_records=1)
        == []
    )


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


def names(network, ids):
    by_id = {v: k for k, v in network.items()}
    return sorted(by_id[i] for i in ids)


def test_co_location_finds_children_and_suspects_sharing_a_place(graph, db, network):
    rows = run(graph, db, "co_location", both_roles_only=True)
    assert [r["place"] for r in rows] == ["Chicken Spot"]
    assert names(network, rows[0]["children_at_risk"]) == ["Amelia", "Bella"]
    assert names(network, rows[0]["suspects"]) == ["Kyle"]
    # Both sightings were on 2024-02-10: a window ending before it finds nothing.
    assert run(graph, db, "co_location", date_to="2024-02-09") == []
    same_day = run(graph, db, "co_location", date_from="2024-02-10", date_to="2024-02-10")
    assert sorted(same_day[0]["records"]) == ["mash:R1", "mash:R2"]


def test_hotspots_rank_places_and_compare_with_the_previous_period(graph, db, network):
    rows = run(graph, db, "hotspots", date_from="2024-01-01", date_to="2024-12-31")
    top = rows[0]
    assert (top["place"], top["children_at_risk"], top["suspects"], top["records"]) == ("Chicken Spot", 2, 1, 2)
    assert top["previous_records"] == 0 and top["change_in_records"] == 2
    assert run(graph, db, "hotspots", date_from="2025-01-01", date_to="2025-12-31") == []


def test_gang_overlap_measures_steps_from_a_nominal(graph, db, network):
    rows = {names(network, [r["person_id"]])[0]: r for r in run(graph, db, "gang_overlap", hops=2)}
    assert rows["Kyle"]["steps"] == 0 and rows["Kyle"]["nominal_of"] == ["Clapton Boys"]
    assert rows["Amelia"]["steps"] == 1 and rows["Amelia"]["nearest_nominal"] == network["Kyle"]
    assert rows["Jayden"]["steps"] == 2
    assert "Jayden" not in {names(network, [r["person_id"]])[0] for r in run(graph, db, "gang_overlap", hops=1)}


def test_jigsaw_links_exist_only_across_agencies(graph, db, network):
    rows = run(graph, db, "jigsaw_links")
    pairs = {(tuple(names(network, [r["person_a"], r["person_b"]])), r["bridge_kind"]) for r in rows}
    # Jayden (HSB) and Kyle (MASH) meet only through Bella, who is in both agencies' records.
    assert (("Jayden", "Kyle"), "person") in pairs
    jayden_kyle = next(r for r in rows if set(names(network, [r["person_a"], r["person_b"]])) == {"Jayden", "Kyle"})
    assert {jayden_kyle["agency_a"], jayden_kyle["agency_b"]} == {"hsb", "mash"}
    # Amelia and Bella share a MASH-only place and a MASH-only suspect: no jigsaw link between them.
    assert not any(set(names(network, [r["person_a"], r["person_b"]])) == {"Amelia", "Bella"} for r in rows)


def test_peer_on_peer_hsb_joins_hsb_and_mash(graph, db, network):
    rows = run(graph, db, "peer_on_peer_hsb")
    assert len(rows) == 1 and rows[0]["school"] == "Clapton Park Academy"
    assert names(network, rows[0]["displaying"]) == ["Jayden"] and names(network, rows[0]["in_mash"]) == ["Bella"]


def test_person_search_is_forgiving_and_says_which_agencies_hold_records(graph, db, network):
    def found(**params):
        return [r["person_id"] for r in run(graph, db, "person_search", **params)]

    assert found(text="Kyle Jonson")[0] == network["Kyle"]  # one letter out
    assert found(text="kyle") == [network["Kyle"]]
    assert set(found(text="JJ")) == {network["Kyle"], network["Dean"]}  # a street name
    assert found(dob=date(2009, 1, 1)) == [network["Bella"]]
    assert set(found(record_id="HSB-1")) == {network["Jayden"], network["Bella"]}
    assert found(text="Bella", record_id="R1") == []  # both must hold
    kyle = run(graph, db, "person_search", text="Kyle Johnson")[0]
    assert set(kyle["agencies"]) == {"Multi-Agency Safeguarding Hub (MASH)", "Police gangs unit (gangs matrix)"}
    assert set(kyle["roles"]) == {"suspected_perpetrator", "gang_nominal", "associate"}


@pytest.mark.parametrize(
    "text", ['Kyle" OR name:*', "*:*", "kyle~~~^99 AND (", "\\", "   ", "Robert'); MATCH (n) DETACH DELETE n //"]
)
def test_person_search_text_cannot_change_the_search_syntax(graph, db, network, text):
    rows = run(graph, db, "person_search", text=text)
    assert len(rows) <= 1 and all(r["person_id"] == network["Kyle"] for r in rows)
    assert graph.execute_query("MATCH (p:Person) RETURN count(p) AS c", database_=db).records[0]["c"] == len(
        set(network.values())
    )


def test_person_cards_label_people_by_the_name_most_agencies_used(graph, db, network):
    cards = {r["person_id"]: r for r in run(graph, db, "person_cards", person_ids=[network["Kyle"], network["Bella"]])}
    assert cards[network["Kyle"]]["name"] == "Kyle Johnson" and cards[network["Kyle"]]["gangs"] == ["Clapton Boys"]
    assert set(cards[network["Bella"]]["roles"]) == {"child_at_risk", "child_harmed"}


def test_ties_among_follow_the_subject_rule(graph, db, network):
    people = [network[n] for n in ("Amelia", "Kyle", "Bella", "Dean")]
    pairs = {(r["a"], r["b"], r["record_key"]) for r in run(graph, db, "ties_among", person_ids=people)}
    tied = {frozenset((a, b)) for a, b, _ in pairs}
    assert (
        frozenset((network["Amelia"], network["Kyle"])) in tied
        and frozenset((network["Kyle"], network["Dean"])) in tied
    )
    assert frozenset((network["Amelia"], network["Bella"])) not in tied  # a shared place is not a record tie


def test_a_nominal_removed_from_the_matrix_is_no_longer_presented_as_one(graph, db, tmp_path):
    from graph_loader.models.vocab import MatrixStatus

    removed = nominal("GM-9", "Ryan Cole", "2003-03-03").model_copy(update={"status": MatrixStatus.removed})
    load(graph, db, folder_with(tmp_path / "in", matrix=[removed]), tmp_path)
    person = graph.execute_query(
        "MATCH (:Mention {name: 'Ryan Cole'})-[:REFERS_TO]->(p) RETURN p.person_id AS p", database_=db
    ).records[0]["p"]
    card = run(graph, db, "person_cards", person_ids=[person])[0]
    assert card["roles"] == ["removed_from_matrix"] and card["gangs"] == []
    assert [r["role"] for r in run(graph, db, "person_profile", person_id=person)] == ["removed_from_matrix"]
    assert person not in {r["person_id"] for r in run(graph, db, "gang_overlap", hops=0)}


def test_the_latency_benchmark_can_draw_parameters_for_every_catalogue_query():
    """bench/query_latency times every catalogue query; each must get the parameters it requires."""
    import random

    from bench.query_latency import draw

    pools = {
        "person": ["P-1", "P-2"],
        "place": ["x|E8 1AB"],
        "borough": ["Hackney"],
        "name": ["Amelia Hughes"],
        "latest": date(2025, 1, 31),
    }
    rng = random.Random(1)
    for name, query in catalogue.catalogue().items():
        query.bind(draw(name, pools, rng))  # raises when a required parameter is missing
