"""Each planted scenario in the demo data is found by the query meant for it; controls are not."""

from __future__ import annotations

import json

import pytest

from jigsaw import catalogue
from tests.builders import load
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j
DEMO = REPO_ROOT / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo(driver, neo4j_server, tmp_path_factory):
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    report = load(driver, db, DEMO, tmp_path_factory.mktemp("demo"))
    assert report.rows_rejected == 0
    truth = json.loads((DEMO / "ground_truth.json").read_text())
    mention_person = {
        r["k"]: r["p"]
        for r in driver.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    persons = {p["person_id"]: {mention_person[k] for k in p["mention_keys"]} for p in truth["persons"]}
    scenarios = {s["name"]: s for s in truth["scenarios"]}
    yield driver, db, scenarios, persons
    wipe_data(driver, db)


def run(demo, name, **params):
    driver, db, _, _ = demo
    return catalogue.run(driver, db, name, params).rows


def test_takeaway_and_park_are_places_where_children_and_suspects_meet(demo):
    _, _, scenarios, _ = demo
    places = {r["place"] for r in run(demo, "co_location", both_roles_only=True)}
    assert set(scenarios["takeaway_and_park"]["place_names"]) <= places
    assert scenarios["control_place_no_suspect"]["place_names"][0] not in places


def test_the_looked_after_girl_placed_out_of_borough(demo):
    _, _, scenarios, persons = demo
    girl = persons[scenarios["placed_out_of_borough_missing"]["person_ids"][0]]
    rows = [r for r in run(demo, "placed_out_of_borough") if r["person_id"] in girl]
    assert rows and {r["placed_from"] for r in rows} != {r["placed_in"] for r in rows}
    assert max(r["max_missing_episodes"] for r in rows) == 6
    assert any(r["places_in_home_borough"] for r in rows)


def test_hsb_case_in_a_school_links_peers_in_mash(demo):
    _, _, scenarios, _ = demo
    case_id = scenarios["hsb_school_peers"]["record_ids"][0]
    assert case_id in {r["hsb_case"] for r in run(demo, "peer_on_peer_hsb")}


def test_cross_borough_peer_group_spans_two_boroughs(demo):
    driver, db, scenarios, _ = demo
    # The six children the group's referrals are about (peers named as associates may be
    # recorded without a date of birth, so exact matching keeps those apart until review).
    keys = [f"mash:{rid}:child" for rid in scenarios["cross_borough_peer_group"]["record_ids"]]
    members = {
        r["p"]
        for r in driver.execute_query(
            "UNWIND $keys AS k MATCH (:Mention {mention_key: k})-[:REFERS_TO]->(p) RETURN p.person_id AS p",
            keys=keys,
            database_=db,
        ).records
    }
    assert len(members) == 6
    park = scenarios["cross_borough_peer_group"]["place_names"][0]
    rows = [r for r in run(demo, "co_location") if r["place"] == park]
    assert rows and members <= set(rows[0]["children_at_risk"])
    boroughs = {
        b for r in run(demo, "cross_borough_people", min_boroughs=1) if r["person_id"] in members for b in r["boroughs"]
    }
    assert len(boroughs) == 2


def test_jigsaw_links_join_hsb_and_mash_pieces(demo):
    driver, db, scenarios, _ = demo
    case_id, referral_id = scenarios["hsb_school_peers"]["record_ids"]
    harmed = driver.execute_query(
        "MATCH (:Mention {mention_key: $k})-[:REFERS_TO]->(p) RETURN p.person_id AS p",
        k=f"mash:{referral_id}:child",
        database_=db,
    ).records[0]["p"]
    case_key = f"hsb:{case_id}"
    rows = [r for r in run(demo, "jigsaw_links", person_id=harmed) if case_key in (r["record_a"], r["record_b"])]
    assert rows and all({r["agency_a"], r["agency_b"]} == {"hsb", "mash"} for r in rows)


def test_controls_twins_and_namesakes_stay_different_people(demo):
    _, _, scenarios, persons = demo
    for control in ("control_twins_same_dob", "control_common_name"):
        first, second = scenarios[control]["person_ids"]
        assert not persons[first] & persons[second], control


def test_peer_groups_recover_the_planted_groups(demo):
    """Louvain on the demo graph, after identity resolution, against the generator's planted groups."""
    from sklearn.metrics import adjusted_rand_score

    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from identity.graph_run import run as resolve

    driver, db, _, _persons = demo
    resolve(driver, db)
    truth = json.loads((DEMO / "ground_truth.json").read_text())
    mention_person = {
        r["k"]: r["p"]
        for r in driver.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    keys = {p["person_id"]: p["mention_keys"] for p in truth["persons"]}
    projection = project(driver, db, Scope())  # ties weighed by the shipped rule: the default
    scores = {}
    for backend in ("networkx", "networkit"):  # the large-graph path must find the same quality of groups
        result = analyse(projection, seed=7, backend=backend)
        found = {person: i for i, group in enumerate(result.groups) for person in group}
        planted, detected = [], []
        for number, group in enumerate(truth["peer_groups"]):
            for true_person in group["person_ids"]:
                for key in keys[true_person]:
                    planted.append(number)
                    detected.append(found.get(mention_person[key], -1 - len(detected)))  # unplaced: a group of its own
        scores[backend] = adjusted_rand_score(planted, detected)
        print(
            f"demo ({backend}): {len(truth['peer_groups'])} planted groups, {len(result.groups)} found, "
            f"adjusted Rand index over {len(planted)} mentions = {scores[backend]:.3f}, "
            f"modularity {result.modularity:.3f}"
        )
    assert scores["networkx"] > 0.95 and scores["networkit"] > scores["networkx"] - 0.05


def test_the_demo_bridges_are_brokers_and_few_others_are(demo):
    """The generator ties a few peer groups through one young person each (fixtures/generator/bridges.py)."""
    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from identity.graph_run import run as resolve

    driver, db, _, _ = demo
    resolve(driver, db)
    truth = json.loads((DEMO / "ground_truth.json").read_text())
    mention_person = {
        r["k"]: r["p"]
        for r in driver.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    keys = {p["person_id"]: p["mention_keys"] for p in truth["persons"]}
    bridges = {mention_person[keys[b["person_id"]][0]] for b in truth["bridges"]}
    from analytics.tie_weights import COUNTING

    for rule in (None, COUNTING):  # weighed ties (the default), and records counted for comparison
        result = analyse(project(driver, db, Scope(), rule), seed=7)
        print(
            f"demo ({result.parameters['tie_weights']}): {len(truth['bridges'])} planted bridges, "
            f"brokers {sorted(result.brokers)}, scores {[result.broker_scores[b] for b in sorted(result.brokers)]}"
        )
        assert bridges and bridges == result.brokers  # exactly the planted bridges: brokers mean something
