"""Peer groups (community detection), brokers (betweenness), components and bridges.

NetworkX is the interface; every algorithm is seeded so a run is reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

EXACT_BETWEENNESS_MAX_NODES = 2000  # above this, betweenness is estimated from a sample
BETWEENNESS_SAMPLE = 500
MIN_GROUP_SIZE = 3


@dataclass
class PeerGroupResult:
    groups: list[set[str]]
    betweenness: dict[str, float]
    brokers: set[str]
    components: list[set[str]]
    bridges: list[tuple[str, str]]
    modularity: float
    parameters: dict = field(default_factory=dict)


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


def analyse(graph: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> PeerGroupResult:
    if graph.number_of_nodes() == 0:
        return PeerGroupResult([], {}, set(), [], [], 0.0, {"seed": seed, "resolution": resolution})
    partition = communities(graph, seed=seed, resolution=resolution)
    groups = peer_groups(partition)
    scores = betweenness(graph, seed=seed)
    brokers = set().union(*(brokers_of(g, scores, graph) for g in groups)) if groups else set()
    return PeerGroupResult(
        groups=groups,
        betweenness=scores,
        brokers=brokers,
        components=sorted((set(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), min(c))),
        bridges=sorted(tuple(sorted(e)) for e in nx.bridges(graph)),
        modularity=nx.community.modularity(graph, partition, weight="weight"),
        parameters={
            "algorithm": "louvain", "seed": seed, "resolution": resolution, "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "betweenness": "exact" if graph.number_of_nodes() <= EXACT_BETWEENNESS_MAX_NODES else f"sampled k={BETWEENNESS_SAMPLE}",
        },
    )  # fmt: skip
