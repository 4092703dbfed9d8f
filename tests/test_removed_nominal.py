"""A nominal removed from the gangs matrix is never presented as a current one (issue #15; ICO,
2018: people "never truly removed" from the matrix): not on the Search page, the Person page's
timeline and graph, nor in any query a report, a MASE pack or a graph takes roles from.

Ryan Cole's matrix entry GM-9 is marked removed; Dean Reid's active entry GM-10 (flagged harmed)
still names Ryan as an associate, which must not make him a nominal again. Ryan is also a
suspect in a Hackney referral (R-7, about Mia Stone) and a Haringey one.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from explorer.graph_style import CATEGORIES, category
from graph_loader.models.vocab import MatrixStatus
from jigsaw import catalogue
from tests.builders import folder_with, load, nominal, referral
from tests.explorer_app import ANALYST, APP, register

pytestmark = pytest.mark.neo4j


@pytest.fixture
def removed(graph, db, tmp_path) -> dict[str, str]:
    ryan = nominal("GM-9", "Ryan Cole", "2001-05-05", ["GM-10"]).model_copy(update={"status": MatrixStatus.removed})
    dean = nominal("GM-10", "Dean Reid", "2002-02-02", ["GM-9"]).model_copy(update={"harmed_or_exploited": True})
    mash = [
        referral("R-7", "Mia Stone", "2009-09-09", suspect="Ryan Cole", place="Chicken Spot"),
        referral("R-8", "Zara Lane", "2009-08-08", suspect="Ryan Cole", borough="Haringey", date_received="2024-06-01"),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=mash, matrix=[ryan, dean]), tmp_path)
    rows = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE m.name IS NOT NULL "
        "RETURN DISTINCT m.name AS name, p.person_id AS id",
        database_=db,
    ).records
    return {r["name"].split()[0]: r["id"] for r in rows}


def run(graph, db, name, **params) -> list[dict]:
    return catalogue.run(graph, db, name, params).rows


def test_every_query_that_presents_roles_says_removed_not_gang_nominal(graph, db, removed):
    ryan, dean, mia = removed["Ryan"], removed["Dean"], removed["Mia"]
    wide = {"date_from": date(2000, 1, 1), "date_to": date(2030, 12, 31)}
    presented: dict[str, list] = {
        "person_search": [
            r["roles"] for r in run(graph, db, "person_search", text="Ryan Cole") if r["person_id"] == ryan
        ],
        "person_search by record id": [
            r["roles"] for r in run(graph, db, "person_search", record_id="GM-9") if r["person_id"] == ryan
        ],
        "person_cards": [r["roles"] for r in run(graph, db, "person_cards", person_ids=[ryan])],
        "person_profile": [[r["role"] for r in run(graph, db, "person_profile", person_id=ryan)]],
        "ego_network": [
            [
                r["source_role"]
                for r in run(graph, db, "ego_network", person_id=ryan, hops=1)
                if r["source_person"] == ryan
            ]
            + [
                r["target_role"]
                for r in run(graph, db, "ego_network", person_id=dean, hops=1)
                if r["target_person"] == ryan
            ]
        ],
        "connection_paths": [
            [
                r["from_role"]
                for r in run(graph, db, "connection_paths", from_person=ryan, to_person=dean)
                if r["from_person"] == ryan
            ]
        ],
        "cross_borough_people": [r["roles"] for r in run(graph, db, "cross_borough_people") if r["person_id"] == ryan],
        "mase_new_links": [
            r["roles"]
            for r in run(
                graph, db, "mase_new_links", borough="Hackney", since=date(2000, 1, 1), until=date(2030, 12, 31)
            )
            if r["person_id"] == ryan
        ],
        "mase_new_cross_borough": [
            r["roles"]
            for r in run(
                graph, db, "mase_new_cross_borough", borough="Hackney", since=date(2000, 1, 1), until=date(2030, 12, 31)
            )
            if r["person_id"] == ryan
        ],
    }
    for where, role_lists in presented.items():
        assert role_lists and all(role_lists), f"{where}: Ryan is not presented at all, so the check proves nothing"
        for roles in role_lists:
            assert "gang_nominal" not in roles, f"{where} presents a removed nominal as a gang nominal: {roles}"
    for where in (
        "person_search",
        "person_search by record id",
        "person_cards",
        "person_profile",
        "ego_network",
        "connection_paths",
        "cross_borough_people",
    ):
        assert any("removed_from_matrix" in roles for roles in presented[where]), where
    # Dean is still a nominal; Ryan's removal does not hide him.
    assert "gang_nominal" in run(graph, db, "person_cards", person_ids=[dean])[0]["roles"]
    # Lists and counts of nominals leave Ryan out, though Dean's active entry still names him as
    # an associate: gang overlap, harmed nominals and the problem profile's gang section.
    assert ryan not in {r["person_id"] for r in run(graph, db, "gang_overlap", hops=0)}
    assert {r["person_id"] for r in run(graph, db, "harmed_nominals")} == {dean}
    any_gang = next(
        r for r in run(graph, db, "report_gang_overlap", borough="Hackney", **wide) if r["gang"] == "any gang"
    )
    assert any_gang["children_named_with_a_nominal"] == 0  # Mia is named only with Ryan, who is no longer a nominal
    assert mia  # (Mia's referral is in the data)


def test_graph_style_never_draws_a_removed_nominal_as_one():
    assert category(["removed_from_matrix"]) != "nominal"
    assert category(["removed_from_matrix", "suspected_perpetrator"]) == "suspect"
    assert "nominal" not in CATEGORIES[category(["removed_from_matrix"])].label.lower()


def signed_in() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    register(ANALYST)  # every run checks the session's account against the store
    at.session_state["account"] = ANALYST
    at.session_state["purpose"] = "CASE-2024-001"
    return at.run()


def test_the_search_and_person_pages_present_a_removed_nominal_as_removed(explorer_env, removed):
    at = signed_in()
    at.switch_page("views/search.py").run()
    at.text_input[0].input("Ryan Cole")
    at.button[0].click().run()
    assert not at.exception
    results = at.dataframe[0].value
    roles = results.set_index("Person")["Roles given by records"][removed["Ryan"]]
    assert "removed from matrix" in roles and "gang nominal" not in roles
    next(b for b in at.button if b.label == "Open profile").click().run()
    at.switch_page("views/person.py").run()
    assert not at.exception
    assert "gang nominal" not in set(at.dataframe[0].value["Role"])
    assert "removed from matrix" in set(at.dataframe[0].value["Role"])
    data = json.loads(at.get("component_instance")[0].proto.json_args)["graph"]  # the interactive network's data
    ryan = next(n for n in data["nodes"] if n["id"] == removed["Ryan"])
    dean = next(n for n in data["nodes"] if n["id"] == removed["Dean"])
    assert ryan["shape"] != CATEGORIES["nominal"].shape and dean["shape"] == CATEGORIES["nominal"].shape
    assert "removed from matrix" in ryan["title"] and "gang nominal" not in ryan["title"]
