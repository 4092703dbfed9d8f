"""The heavy algorithms on a large projection, run by networkit behind the NetworkX interface.

Callers hand in and get back NetworkX graphs and plain Python sets and dicts; only here does
the graph become a networkit graph. NetworkX stays the reference (exact, and what small
graphs use); `bench/analytics_speed.py` checks this path gives partitions of the same
quality (modularity, agreement with planted groups) and measures both.
"""

from __future__ import annotations

import networkx as nx

BETWEENNESS_SAMPLES = 200  # source nodes sampled for the betweenness estimate on a large graph


def _to_networkit(graph: nx.Graph):
    import networkit as nk

    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    g = nk.Graph(len(nodes), weighted=True, directed=False)
    for u, v, data in graph.edges(data=True):
        g.addEdge(index[u], index[v], float(data.get("weight", 1.0)))
    return g, nodes


def communities(graph: nx.Graph, *, seed: int, resolution: float) -> list[set[str]]:
    """Parallel Louvain (PLM, with refinement), seeded and single-threaded so a seed gives one answer."""
    import networkit as nk

    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)  # the order of parallel moves would otherwise vary between runs
    g, nodes = _to_networkit(graph)
    plm = nk.community.PLM(g, refine=True, gamma=resolution)
    plm.run()
    partition = plm.getPartition()
    groups: dict[int, set[str]] = {}
    for i, node in enumerate(nodes):
        groups.setdefault(partition.subsetOf(i), set()).add(node)
    return list(groups.values())


def betweenness(graph: nx.Graph, *, seed: int) -> dict[str, float]:
    """Betweenness estimated from a seeded sample of source nodes (Geisberger et al.), normalised."""
    import networkit as nk

    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)
    g, nodes = _to_networkit(graph)
    estimate = nk.centrality.EstimateBetweenness(g, min(BETWEENNESS_SAMPLES, len(nodes)), True, False)
    estimate.run()
    return dict(zip(nodes, estimate.scores()))


def available() -> bool:
    try:
        import networkit  # noqa: F401
    except ImportError:
        return False
    return True
