"""Peer groups (community detection), brokers (betweenness), components and bridges.

NetworkX is the interface; every algorithm is seeded so a run is reproducible. On a graph
larger than `LARGE_GRAPH_NODES` the whole analysis (communities, brokers, components, bridges,
modularity) runs through networkit (`fast.py`) on one conversion of the graph, which is two
orders of magnitude faster at pan-London size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from . import fast

EXACT_BETWEENNESS_MAX_NODES = 2000  # above this, betweenness is estimated from a sample
BETWEENNESS_SAMPLE = 500
MIN_GROUP_SIZE = 3
LARGE_GRAPH_NODES = 5000  # above this, the heavy steps run through networkit (backend "auto")
BACKENDS = ("auto", "networkx", "networkit")


@dataclass
class PeerGroupResult:
    groups: list[set[str]]
    betweenness: dict[str, float]
    brokers: set[str]
    components: list[set[str]]
    bridges: list[tuple[str, str]]
    modularity: float
    parameters: dict = field(default_factory=dict)


def choose_backend(graph: nx.Graph, backend: str = "auto") -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}")
    if backend == "auto":
        return "networkit" if graph.number_of_nodes() > LARGE_GRAPH_NODES and fast.available() else "networkx"
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


def analyse(graph: nx.Graph, *, seed: int = 42, resolution: float = 1.0, backend: str = "auto") -> PeerGroupResult:
    if graph.number_of_nodes() == 0:
        return PeerGroupResult([], {}, set(), [], [], 0.0, {"seed": seed, "resolution": resolution})
    if choose_backend(graph, backend) == "networkit":
        return _analyse_with_networkit(graph, seed=seed, resolution=resolution)
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
            "algorithm": "louvain", "backend": "networkx",
            "seed": seed, "resolution": resolution, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "betweenness": "exact" if graph.number_of_nodes() <= EXACT_BETWEENNESS_MAX_NODES else f"sampled k={BETWEENNESS_SAMPLE}",
        },
    )  # fmt: skip


def _analyse_with_networkit(graph: nx.Graph, *, seed: int, resolution: float) -> PeerGroupResult:
    converted = fast.convert(graph)
    found = fast.partition(converted, seed=seed, resolution=resolution)
    labels = fast.labels_of(found)
    groups = peer_groups(fast.groups_of(converted, labels))
    if graph.number_of_nodes() > fast.LOCAL_BROKERS_NODES:
        scores: dict[str, float] = {}
        brokers, _ = fast.local_brokers(converted, labels, MIN_GROUP_SIZE)
        method = "not computed: brokers are the members tied to the most other peer groups"
    else:
        scores = fast.betweenness(converted, seed=seed)
        brokers = set().union(*(brokers_of(g, scores, graph) for g in groups)) if groups else set()
        method = f"estimated from {min(fast.BETWEENNESS_SAMPLES, graph.number_of_nodes())} sampled sources (networkit)"
    return PeerGroupResult(
        groups=groups,
        betweenness=scores,
        brokers=brokers,
        components=sorted(fast.components(converted), key=lambda c: (-len(c), min(c))),
        bridges=sorted(fast.bridges(converted)),
        modularity=fast.modularity(converted, found),
        parameters={
            "algorithm": "louvain (networkit PLM)", "backend": "networkit", "seed": seed, "resolution": resolution,
            "nodes": graph.number_of_nodes(), "edges": converted.graph.numberOfEdges(), "betweenness": method,
        },
    )  # fmt: skip
