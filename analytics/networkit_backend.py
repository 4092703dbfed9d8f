"""The heavy algorithms on a large projection, run by networkit behind the NetworkX interface.

Callers hand in and get back NetworkX graphs and plain Python sets and dicts; only here does
the graph become a networkit graph, once per analysis. NetworkX stays the reference (exact,
and what small graphs use); `bench/analytics_speed.py` checks this path gives partitions of
the same quality (modularity, agreement with planted groups) and measures both.

Brokers: up to `LOCAL_BROKERS_NODES` people, betweenness is estimated from sampled sources,
as NetworkX does for mid-sized graphs. Each sample is a search of the whole graph (about half
a second at 500,000 people on this machine), so above that size a broker is chosen by a local
measure instead: the member with ties to the most *other* peer groups (then the most ties
outside the group). That is what the explorer means by a broker, a young person who ties
their group to others; `bench/analytics_speed.py --broker-agreement` measures how often it
picks the same person as betweenness where both can be computed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import numpy as np

from . import ties

BETWEENNESS_SAMPLES = 200  # source nodes sampled for the betweenness estimate on a large graph
LOCAL_BROKERS_NODES = 100_000  # above this, brokers come from the local measure


@dataclass
class Converted:
    """A NetworkX graph as networkit sees it: node i of `graph` is `nodes[i]`."""

    graph: object  # networkit.Graph
    nodes: list
    sources: np.ndarray  # each tie once, as node indices
    targets: np.ndarray
    weights: np.ndarray
    evidence: np.ndarray  # records each tie rests on (the brokers' thresholds count them)


def convert(graph: nx.Graph) -> Converted:
    """Build the networkit graph from the ties as arrays: the projection's own while valid
    (`ties.current`), else read from NetworkX's edges in one pass."""
    import networkit as nk

    found = ties.current(graph)
    g = nk.GraphFromCoo(
        (found.weights, (found.sources, found.targets)), n=len(found.nodes), weighted=True, directed=False
    )
    return Converted(g, found.nodes, found.sources, found.targets, found.weights, ties.evidence_of(found))


def _single_threaded(seed: int) -> None:
    import networkit as nk

    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)  # the order of parallel moves would otherwise vary between runs


def partition(converted: Converted, *, seed: int, resolution: float):
    """Louvain (PLM, with refinement), seeded: a networkit Partition of every node."""
    import networkit as nk

    _single_threaded(seed)
    plm = nk.community.PLM(converted.graph, refine=True, gamma=resolution)
    plm.run()
    return plm.getPartition()


def map_equation(converted: Converted, *, seed: int):
    """Peer groups by the map equation (Rosvall and Bergstrom's Infomap objective), seeded.

    Parameter-free, and without modularity's resolution limit at the sizes Jigsaw sees: it
    finds groups of 3 to 40 among 500,000 people where Louvain merges them into blobs
    (docs/analytics.md). Tie weights are the flow between people. Sequential, so a seed gives
    one answer."""
    import networkit as nk

    _single_threaded(seed)
    found = nk.community.LouvainMapEquation(
        converted.graph, hierarchical=True, maxIterations=32, parallelizationStrategy="none"
    )
    found.run()
    return found.getPartition()


def labels_of(found) -> np.ndarray:
    """The community number of every node."""
    return np.asarray(found.getVector(), dtype=np.int64)


def groups_of(converted: Converted, labels: np.ndarray) -> list[set]:
    """The nodes of each label, as sets (people in label order, then sliced: no per-node lookups)."""
    order = np.argsort(labels, kind="stable")
    bounds = [0, *(np.flatnonzero(np.diff(labels[order])) + 1).tolist(), len(order)]
    names = np.asarray(converted.nodes, dtype=object)[order].tolist()
    return [set(names[start:stop]) for start, stop in itertools.pairwise(bounds)]


def modularity(converted: Converted, found) -> float:
    import networkit as nk

    if converted.graph.numberOfEdges() == 0:
        return 0.0  # undefined without ties; NetworkX's path says 0 too
    return nk.community.Modularity().getQuality(found, converted.graph)


def components(converted: Converted) -> list[set]:
    import networkit as nk

    found = nk.components.ConnectedComponents(converted.graph)
    found.run()
    return groups_of(converted, np.asarray(found.getPartition().getVector(), dtype=np.int64))


def bridges(converted: Converted) -> list[tuple]:
    """Ties whose removal disconnects: exactly the biconnected components of two people."""
    import networkit as nk

    found = nk.components.BiconnectedComponents(converted.graph)
    found.run()
    nodes = converted.nodes
    return [tuple(sorted((nodes[a], nodes[b]))) for a, b in (c for c in found.getComponents() if len(c) == 2)]


def betweenness(converted: Converted, *, seed: int) -> dict:
    """Hop-count betweenness (as NetworkX computes it) estimated from seeded sample sources, normalised."""
    import networkit as nk

    _single_threaded(seed)
    hops = nk.graphtools.toUnweighted(converted.graph)
    estimate = nk.centrality.EstimateBetweenness(hops, min(BETWEENNESS_SAMPLES, hops.numberOfNodes()), True, False)
    estimate.run()
    return dict(zip(converted.nodes, estimate.scores()))


def local_broker_scores(converted: Converted, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every node: how many other communities it has ties to, its ties leaving its own, its ties inside."""
    both_ways_from = np.concatenate([converted.sources, converted.targets])
    both_ways_to = np.concatenate([converted.targets, converted.sources])
    leaving = labels[both_ways_from] != labels[both_ways_to]
    n = len(converted.nodes)
    outside = np.bincount(both_ways_from[leaving], minlength=n)
    inside = np.bincount(both_ways_from[~leaving], minlength=n)
    reached = np.unique(both_ways_from[leaving] * (labels.max() + 1) + labels[both_ways_to[leaving]])
    other_groups = np.bincount(reached // (labels.max() + 1), minlength=n)
    return other_groups, outside, inside


def local_brokers(converted: Converted, labels: np.ndarray, min_size: int) -> tuple[set, dict]:
    """Per peer group, the members tied to the most other groups; then most ties out; then most in.

    Returns the brokers and, for everyone tied to another group, how many groups they reach.
    """
    sizes = np.bincount(labels)
    grouped = sizes[labels] >= min_size
    other_groups, outside, inside = local_broker_scores(converted, labels)
    score = (other_groups * (outside.max() + 1) + outside) * (inside.max() + 1) + inside  # lexicographic
    best = np.zeros(len(sizes), dtype=np.int64)
    np.maximum.at(best, labels, score)
    chosen = np.flatnonzero(grouped & (other_groups > 0) & (score == best[labels]))
    nodes = converted.nodes
    scores = {nodes[i]: int(other_groups[i]) for i in np.flatnonzero(other_groups)}
    return {nodes[i] for i in chosen}, scores


def available() -> bool:
    try:
        import networkit  # noqa: F401
    except ImportError:
        return False
    return True
