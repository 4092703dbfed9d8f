"""A published real-world gang network, loaded through the matrix loader, against its published analysis.

The London Gang network (Grund and Densley 2012, 2015; fixtures/published/london_gang):
54 members, 315 ties, one component. The published analysis finds a hierarchical gang
whose senior members are its most connected, and ties that are ethnically homophilous.
Jigsaw must reproduce that after the data has gone through its own loader, identity
linking and projection, not only on the raw matrix.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from scipy.stats import spearmanr
from sklearn.metrics import adjusted_rand_score

from analytics.peer_groups import analyse
from analytics.projection import Scope, project
from fixtures.published.adjacency import nominal_id, read_adjacency, write_matrix_folder
from tests.builders import load

pytestmark = pytest.mark.neo4j

DATA = Path(__file__).parent.parent / "fixtures" / "published" / "london_gang"


@pytest.fixture(scope="module")
def network():
    return read_adjacency(DATA / "LONDON_GANG.csv", DATA / "LONDON_GANG_ATTR.csv")


def test_the_published_matrix_reads_as_published(network):
    assert len(network.members) == 54 and len(network.ties) == 315
    assert set(network.ties.values()) == {1, 2, 3, 4}


@pytest.fixture
def loaded(graph, db, tmp_path, network):
    """The network through the matrix loader; returns (projection, member of each person id)."""
    folder = tmp_path / "london-gang"
    # its values code kinds of tie (1 hang out .. 4 co-offending kin), not strengths: each tie counts once
    write_matrix_folder(network, folder, gang="London Gang", borough="Lambeth", strengths=False)
    report = load(graph, db, folder, tmp_path)
    assert report.rows_rejected == 0
    rows = graph.execute_query(
        "MATCH (:MatrixEntry)-[:MENTIONS {role: 'gang_nominal'}]->(m:Mention)-[:REFERS_TO]->(p:Person) "
        "RETURN m.mention_key AS key, p.person_id AS person",
        database_=db,
    ).records
    by_nominal = {r["key"].removeprefix("matrix:"): r["person"] for r in rows}
    member_of = {by_nominal[nominal_id("LG", m)]: m for m in network.members}
    return project(graph, db, Scope()), member_of


def test_every_tie_survives_loading_and_projection(loaded, network):
    projection, member_of = loaded
    found = {tuple(sorted((member_of[a], member_of[b]), key=int)) for a, b in projection.edges}
    assert projection.number_of_nodes() == 54 and found == set(network.ties)
    assert nx.number_connected_components(projection) == 1


def test_senior_members_are_the_most_central(loaded, network):
    projection, member_of = loaded
    result = analyse(projection, seed=7)
    rank = {p: int(network.attributes[m]["Ranking"]) for p, m in member_of.items()}
    people = sorted(rank)
    degree = dict(projection.degree())
    by_degree = spearmanr([degree[p] for p in people], [rank[p] for p in people]).statistic
    by_betweenness = spearmanr([result.betweenness[p] for p in people], [rank[p] for p in people]).statistic
    print(f"London Gang: Spearman(rank, degree) = {by_degree:.2f}, Spearman(rank, betweenness) = {by_betweenness:.2f}")
    # Rank 1 is the most senior, so centrality falls as the rank number rises.
    assert by_degree < -0.6 and by_betweenness < -0.6
    top = max(result.betweenness, key=result.betweenness.get)
    assert member_of[top] == "1", "the gang's single most senior member is its chief broker"


@pytest.mark.parametrize("method", ["louvain", "map-equation"])
def test_peer_groups_follow_the_published_structure(loaded, network, method):
    projection, member_of = loaded
    result = analyse(projection, seed=7, method=method)
    group_of = {p: i for i, g in enumerate(result.groups) for p in g}
    birthplace = {p: network.attributes[m]["Birthplace"] for p, m in member_of.items()}
    people = sorted(birthplace)
    ari = adjusted_rand_score([birthplace[p] for p in people], [group_of.get(p, -1) for p in people])
    sizes = sorted((len(g) for g in result.groups), reverse=True)
    print(
        f"London Gang ({method}): {len(result.groups)} peer groups {sizes}, modularity {result.modularity:.3f}, "
        f"ARI against birthplace {ari:.3f}, brokers {len(result.brokers)}"
    )
    if method == "louvain":  # modularity's subgroups of the core
        assert 3 <= len(result.groups) <= 6 and result.modularity > 0.2
    else:  # the map equation keeps the dense core as one group, with its small subgroups apart
        assert 3 <= len(result.groups) <= 6 and sizes[0] >= 0.6 * len(people)
        core = next(g for g in result.groups if len(g) == sizes[0])
        assert {p for p, m in member_of.items() if network.attributes[m].get("Ranking") == "1"} <= core
    nx.set_node_attributes(projection, birthplace, "birthplace")
    assert nx.attribute_assortativity_coefficient(projection, "birthplace") > 0.05, "ties are ethnically homophilous"
    # Members 23-26 are kin who co-offend in serious crime with each other: one group.
    kin = {p for p, m in member_of.items() if m in {"23", "24", "25", "26"}}
    assert len({group_of.get(p) for p in kin}) == 1
