"""Peer groups, brokers, components and bridges on a planted network, against the real Neo4j."""

from __future__ import annotations

import pytest
from sklearn.metrics import adjusted_rand_score

from analytics.peer_groups import analyse
from analytics.projection import Scope, project
from analytics.write_back import write_peer_groups
from jigsaw import catalogue
from graph_loader.models import MashReferral
from tests.builders import folder_with, load

pytestmark = pytest.mark.neo4j

GROUP_A = [f"Ava Group{i}" for i in range(5)]
GROUP_B = [f"Ben Crew{i}" for i in range(5)]
BROKER = "Xavier Bridge"


def _referral(rid: str, child: str, associates: list[str], borough: str = "Hackney") -> MashReferral:
    dob = lambda name: f"2008-01-{1 + sum(map(ord, name)) % 28:02d}"  # noqa: E731 - stable per name
    return MashReferral.model_validate(
        {
            "referral_id": rid, "date_received": "2024-02-14", "borough": borough, "referring_agency": "school",
            "cse_category": "1", "concern_types": ["cse"], "child_name": child, "child_dob": dob(child),
            "people": [{"person_ref": f"P{i}", "role": "associate", "name": a, "dob": dob(a)} for i, a in enumerate(associates)],
        }
    )  # fmt: skip


@pytest.fixture
def planted(graph, db, tmp_path):
    records = []
    for prefix, members, borough in (("A", GROUP_A, "Hackney"), ("B", GROUP_B, "Haringey")):
        n = len(members)
        for i, child in enumerate(members):
            records.append(_referral(f"{prefix}{i}", child, [members[(i + 1) % n], members[(i + 2) % n]], borough))
    records.append(_referral("X1", BROKER, [GROUP_A[0]]))
    records.append(_referral("X2", BROKER, [GROUP_B[0]], "Haringey"))
    load(graph, db, folder_with(tmp_path / "in", mash=records), tmp_path)
    rows = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT m.name AS name, p.person_id AS id", database_=db
    ).records
    return {r["name"]: r["id"] for r in rows}


def test_peer_groups_match_the_planted_groups(graph, db, planted):
    result = analyse(project(graph, db, Scope()), seed=7)
    truth = {planted[n]: 0 for n in GROUP_A} | {planted[n]: 1 for n in GROUP_B}
    found = {person: i for i, group in enumerate(result.groups) for person in group}
    people = sorted(truth)
    ari = adjusted_rand_score([truth[p] for p in people], [found.get(p, -1) for p in people])
    print(f"adjusted Rand index against planted peer groups: {ari:.3f}")
    assert ari == pytest.approx(1.0)
    assert planted[BROKER] in result.betweenness and max(result.betweenness, key=result.betweenness.get) == planted[BROKER]
    assert len(result.components) == 1
    assert {tuple(sorted((planted[BROKER], planted[GROUP_A[0]]))), tuple(sorted((planted[BROKER], planted[GROUP_B[0]])))} <= set(result.bridges)


def test_the_same_seed_gives_the_same_groups(graph, db, planted):
    projection = project(graph, db, Scope())
    assert analyse(projection, seed=3).groups == analyse(projection, seed=3).groups


def test_peer_groups_are_written_back_and_replaced_on_rerun(graph, db, planted):
    scope = Scope()
    projection = project(graph, db, scope)
    first = write_peer_groups(graph, db, scope, analyse(projection, seed=7), "analyst")
    second = write_peer_groups(graph, db, scope, analyse(projection, seed=7), "analyst")
    rows = catalogue.run(graph, db, "peer_groups", {}).rows
    assert len(rows) == 2 and {r["run_id"] for r in rows} == {second} and first != second
    # The broker has records in both boroughs, so the group he joins spans them.
    for row in rows:
        spans = planted[BROKER] in row["members"]
        assert row["spans_boroughs"] is spans and (row["boroughs"] == ["Hackney", "Haringey"]) is spans
    assert all(r["algorithm"] == "louvain" and r["seed"] == 7 for r in rows)
    brokers = {b for r in rows for b in r["brokers"]}
    assert brokers <= {planted[GROUP_A[0]], planted[GROUP_B[0]], planted[BROKER]} and brokers


def test_a_borough_scope_projects_only_that_borough(graph, db, planted):
    projection = project(graph, db, Scope(borough="Haringey"))
    assert {planted[n] for n in GROUP_B} <= set(projection.nodes)
    assert not {planted[n] for n in GROUP_A[1:]} & set(projection.nodes)


def test_the_networkit_path_finds_groups_as_good_as_networkx_and_repeats_itself():
    from bench.analytics_speed import adjusted_rand, planted

    graph, truth = planted(6000, 24000, 20, seed=3)
    fast_result = analyse(graph, seed=3)  # above LARGE_GRAPH_NODES: networkit
    reference = analyse(graph, seed=3, backend="networkx")
    assert fast_result.parameters["backend"] == "networkit" and reference.parameters["backend"] == "networkx"
    assert abs(fast_result.modularity - reference.modularity) < 0.02

    def ari(result):
        grouped = set().union(*result.groups)
        return adjusted_rand(result.groups + [{n} for n in graph if n not in grouped], truth)

    assert abs(ari(fast_result) - ari(reference)) < 0.05  # the same agreement with the planted groups
    assert analyse(graph, seed=3).groups == fast_result.groups  # a seed gives one answer
    top = sorted(reference.betweenness, key=reference.betweenness.get, reverse=True)[:50]
    assert len(set(top) & set(sorted(fast_result.betweenness, key=fast_result.betweenness.get, reverse=True)[:50])) >= 25
