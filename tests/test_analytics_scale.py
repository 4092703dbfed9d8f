"""The large-graph path of the analytics (networkit, local brokers): pure logic, no database."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from analytics import networkit_backend
from analytics.peer_groups import analyse
from bench.analytics_speed import planted

pytestmark = pytest.mark.skipif(
    not networkit_backend.available(), reason="networkit is a core dependency; this guards odd installs"
)


def _cliques(*names: str) -> tuple[nx.Graph, dict[str, int]]:
    graph = nx.Graph()
    group = {}
    for number, prefix in enumerate(names):
        members = [f"{prefix}{i}" for i in range(5)]
        graph.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
        group |= dict.fromkeys(members, number)
    return graph, group


def test_the_local_broker_is_the_member_tied_to_most_other_groups():
    graph, group = _cliques("a", "b", "c")
    graph.add_edges_from([("a1", "b0"), ("a1", "c0"), ("a2", "b1"), ("a3", "b1"), ("a3", "b2")])
    converted = networkit_backend.convert(graph)
    labels = np.array([group[n] for n in converted.nodes])
    brokers, reach = networkit_backend.local_brokers(converted, labels, min_size=3)
    # a1 reaches two other groups; a3 has as many ties out but reaches one group only.
    assert {b for b in brokers if b.startswith("a")} == {"a1"}
    assert reach["a1"] == 2 and reach["a3"] == 1 and "a0" not in reach
    # In c only c0 is tied out; in b, b1 has two ties out to a (b0 and b2 one each).
    assert {b for b in brokers if b.startswith("c")} == {"c0"}
    assert {b for b in brokers if b.startswith("b")} == {"b1"}


def test_a_group_tied_to_nobody_has_no_broker():
    graph, group = _cliques("a", "b")
    converted = networkit_backend.convert(graph)
    brokers, reach = networkit_backend.local_brokers(
        converted, np.array([group[n] for n in converted.nodes]), min_size=3
    )
    assert brokers == set() and reach == {}


def test_above_the_local_threshold_the_whole_analysis_agrees_with_networkx(monkeypatch):
    monkeypatch.setattr(networkit_backend, "LOCAL_BROKERS_NODES", 1000)
    graph, _ = planted(6000, 24000, 20, seed=5)
    graph.add_edges_from(
        [("P0", "leaf-1"), ("leaf-1", "leaf-2"), ("island-1", "island-2")]
    )  # two bridges, a new component
    result = analyse(graph, seed=5)  # above LARGE_GRAPH_NODES and LOCAL_BROKERS_NODES
    assert result.parameters["backend"] == "networkit" and result.betweenness == {}
    assert "not computed" in result.parameters["betweenness"]
    assert sorted(map(sorted, result.components)) == sorted(map(sorted, nx.connected_components(graph)))
    assert set(result.bridges) == {tuple(sorted(e)) for e in nx.bridges(graph)}
    assert {("P0", "leaf-1"), ("leaf-1", "leaf-2"), ("island-1", "island-2")} <= set(result.bridges)
    for members in result.groups:
        tied_out = {m for m in members if any(n not in members for n in graph.neighbors(m))}
        assert (result.brokers & members) <= tied_out  # a broker always has ties out; not everyone with one is a broker
    # The modularity networkit reports is NetworkX's for the same partition.
    converted = networkit_backend.convert(graph)
    found = networkit_backend.partition(converted, seed=5, resolution=1.0)
    partition = networkit_backend.groups_of(converted, networkit_backend.labels_of(found))
    assert networkit_backend.modularity(converted, found) == pytest.approx(
        nx.community.modularity(graph, partition, weight="weight"), abs=1e-6
    )
    assert analyse(graph, seed=5).brokers == result.brokers  # a seed gives one answer
