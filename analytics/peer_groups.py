"""Peer groups (community detection), brokers (with a score), betweenness, components and bridges.

Peer groups come from the map equation by default (no resolution limit: small groups stay
small among 500,000 people), or Louvain. NetworkX is the interface; every algorithm is seeded
so a run is reproducible. On a graph
larger than `LARGE_GRAPH_NODES` the whole analysis (communities, brokers, components, bridges,
modularity) runs through networkit (`networkit_backend.py`) on one conversion of the graph, which is two
orders of magnitude faster at pan-London size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from . import brokers, networkit_backend, tie_weights, ties

EXACT_BETWEENNESS_MAX_NODES = 2000  # above this, betweenness is estimated from a sample
BETWEENNESS_SAMPLE = 500
MIN_GROUP_SIZE = 3
LARGE_GRAPH_NODES = 5000  # above this, the heavy steps run through networkit (backend "auto")
BACKENDS = ("auto", "networkx", "networkit")
METHODS = ("map-equation", "louvain")  # map equation: no resolution limit (docs/analytics.md)
DEFAULT_METHOD = "map-equation"
ALGORITHM_NAMES = {"map-equation": "map equation", "louvain": "louvain"}
BROKER_RULE = (
    f"share of the weight of the group's ties to groups it reaches (ties resting on >= {brokers.MIN_RECORDS:g} "
    f"records) >= {brokers.MIN_SHARE:g}, own ties into one of them resting on >= {brokers.MIN_RECORDS:g} records"
)


@dataclass
class PeerGroupResult:
    groups: list[set[str]]
    betweenness: dict[str, float]
    brokers: set[str]
    components: list[set[str]]
    bridges: list[tuple[str, str]]
    modularity: float
    parameters: dict = field(default_factory=dict)
    broker_scores: dict[str, float] = field(default_factory=dict)  # member -> share of the group's outside ties


def choose_backend(graph: nx.Graph, backend: str = "auto") -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}")
    if backend == "auto":
        return (
            "networkit" if graph.number_of_nodes() > LARGE_GRAPH_NODES and networkit_backend.available() else "networkx"
        )
    return backend


def communities(graph: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities (a partition of every node), deterministic for a seed."""
    return [set(c) for c in nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)]


def peer_groups(partition: list[set[str]]) -> list[set[str]]:
    """The communities big enough to call a peer group, largest first."""
    return sorted((c for c in partition if len(c) >= MIN_GROUP_SIZE), key=lambda g: (-len(g), min(g)))


def betweenness(graph: nx.Graph, *, seed: int = 42) -> dict[str, float]:
    """Exact betweenness for small graphs; a seeded sample of pivots above the threshold."""
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_MAX_NODES:
        return nx.betweenness_centrality(graph, normalized=True)
    return nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, normalized=True, seed=seed)


def brokers_of(group: set[str], scores: dict[str, float], graph: nx.Graph) -> set[str]:
    """People who tie their group to others: highest betweenness in the group, with a tie outside it."""
    outside = {n for n in group if any(m not in group for m in graph.neighbors(n))}
    if not outside:
        return set()
    top = max(scores.get(n, 0.0) for n in outside)
    return {n for n in outside if top > 0 and scores.get(n, 0.0) == top}


def analyse(
    graph: nx.Graph, *, seed: int = 42, resolution: float = 1.0, backend: str = "auto", method: str = DEFAULT_METHOD
) -> PeerGroupResult:
    """Peer groups by `method` ("map-equation", the default, or "louvain" at `resolution`), brokers
    by their share of the group's outside ties (`brokers.py`), betweenness, components, bridges."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    if graph.number_of_nodes() == 0:
        return PeerGroupResult(
            [], {}, set(), [], [], 0.0, {"seed": seed, "resolution": resolution, "algorithm": method}
        )
    if choose_backend(graph, backend) == "networkit":
        return _analyse_with_networkit(graph, seed=seed, resolution=resolution, method=method)
    if method == "map-equation":
        converted = networkit_backend.convert(graph)
        partition = networkit_backend.groups_of(
            converted, networkit_backend.labels_of(networkit_backend.map_equation(converted, seed=seed))
        )
    else:
        partition = communities(graph, seed=seed, resolution=resolution)
    groups = peer_groups(partition)
    chosen, shares = _brokers(graph, partition)
    return PeerGroupResult(
        groups=groups,
        betweenness=betweenness(graph, seed=seed),
        brokers=chosen,
        components=sorted((set(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), min(c))),
        bridges=sorted(tuple(sorted(e)) for e in nx.bridges(graph)),
        modularity=nx.community.modularity(graph, partition, weight="weight") if graph.number_of_edges() else 0.0,
        parameters={
            "algorithm": ALGORITHM_NAMES[method],
            "backend": "networkx",
            "seed": seed,
            "resolution": resolution,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "betweenness": "exact"
            if graph.number_of_nodes() <= EXACT_BETWEENNESS_MAX_NODES
            else f"sampled k={BETWEENNESS_SAMPLE}",
            "brokers": BROKER_RULE,
            "tie_weights": graph.graph.get(tie_weights.RULE_KEY, "as given"),
        },
        broker_scores=shares,
    )


def _brokers(
    graph: nx.Graph, partition: list[set[str]], found: ties.Ties | None = None
) -> tuple[set[str], dict[str, float]]:
    """Brokers of the peer groups and the broker score of every member with ties out of their group."""
    found = found or ties.current(graph)
    group_of = {n: i for i, c in enumerate(partition) for n in c}
    labels = np.fromiter((group_of[n] for n in found.nodes), dtype=np.int64, count=len(found.nodes))
    sizes = np.bincount(labels)
    chosen, share = brokers.brokers(
        labels, found.sources, found.targets, found.weights, sizes[labels] >= MIN_GROUP_SIZE, ties.evidence_of(found)
    )
    nodes = found.nodes
    scored = np.flatnonzero((share > 0) & (sizes[labels] >= MIN_GROUP_SIZE))
    return {nodes[i] for i in chosen}, {nodes[i]: round(float(share[i]), 4) for i in scored}


def _analyse_with_networkit(graph: nx.Graph, *, seed: int, resolution: float, method: str) -> PeerGroupResult:
    converted = networkit_backend.convert(graph)
    if method == "map-equation":
        found = networkit_backend.map_equation(converted, seed=seed)
    else:
        found = networkit_backend.partition(converted, seed=seed, resolution=resolution)
    labels = networkit_backend.labels_of(found)
    partition = networkit_backend.groups_of(converted, labels)
    groups = peer_groups(partition)
    tied = ties.Ties(converted.nodes, converted.sources, converted.targets, converted.weights, converted.evidence)
    chosen, shares = _brokers(graph, partition, tied)
    if graph.number_of_nodes() > networkit_backend.LOCAL_BROKERS_NODES:
        scores: dict[str, float] = {}
        method_used = "not computed above 100,000 people"
    else:
        scores = networkit_backend.betweenness(converted, seed=seed)
        samples = min(networkit_backend.BETWEENNESS_SAMPLES, graph.number_of_nodes())
        method_used = f"estimated from {samples} sampled sources (networkit)"
    return PeerGroupResult(
        groups=groups,
        betweenness=scores,
        brokers=chosen,
        components=sorted(networkit_backend.components(converted), key=lambda c: (-len(c), min(c))),
        bridges=sorted(networkit_backend.bridges(converted)),
        modularity=networkit_backend.modularity(converted, found),
        parameters={
            "algorithm": ALGORITHM_NAMES[method] + " (networkit)",
            "backend": "networkit",
            "seed": seed,
            "resolution": resolution,
            "nodes": graph.number_of_nodes(),
            "edges": converted.graph.numberOfEdges(),
            "betweenness": method_used,
            "brokers": BROKER_RULE,
            "tie_weights": graph.graph.get(tie_weights.RULE_KEY, "as given"),
        },
        broker_scores=shares,
    )
