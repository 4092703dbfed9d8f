"""Peer groups and brokers at scale: Jigsaw's analyse() against networkit on the same graph.

    .venv/bin/python -m bench.analytics_speed                          # 50,000 people, 200,000 ties, planted groups
    .venv/bin/python -m bench.analytics_speed --nodes 500000 --edges 2000000
    .venv/bin/python -m bench.analytics_speed --with-networkx          # also NetworkX alone (minutes at 50,000)
    .venv/bin/python -m bench.analytics_speed --projection             # the benchmark database's own projection

The synthetic graph plants groups of 20 (nine ties in ten inside a group, the rest at random),
so quality is measured as well as time: modularity, and the adjusted Rand index of the groups
found against the planted ones. The reference in the same run is networkit itself (Louvain
PLM and the sampled betweenness estimate on an already-built networkit graph), so the ratio
is what Jigsaw's NetworkX interface costs on top.
"""

from __future__ import annotations

import argparse
import random
import time

import networkx as nx

from analytics import fast
from analytics.peer_groups import analyse
from bench.output import print_figures


def planted(nodes: int, edges: int, size: int, seed: int) -> tuple[nx.Graph, dict[str, int]]:
    rng = random.Random(seed)
    group = {f"P{i}": i // size for i in range(nodes)}
    names = list(group)
    graph = nx.Graph()
    graph.add_nodes_from(names)
    inside = int(edges * 0.9)
    pairs: set[tuple[int, int]] = set()  # counted here: Graph.number_of_edges() walks every node
    while len(pairs) < inside:
        g = rng.randrange(nodes // size)
        a, b = sorted(rng.sample(range(g * size, min((g + 1) * size, nodes)), 2))
        pairs.add((a, b))
    while len(pairs) < edges:
        a, b = sorted(rng.sample(range(nodes), 2))
        pairs.add((a, b))
    graph.add_edges_from((names[a], names[b], {"weight": 1.0}) for a, b in pairs)
    return graph, group


def adjusted_rand(found: list[set[str]], truth: dict[str, int]) -> float:
    from sklearn.metrics import adjusted_rand_score

    label = {n: i for i, c in enumerate(found) for n in c}
    nodes = sorted(truth)
    return adjusted_rand_score([truth[n] for n in nodes], [label[n] for n in nodes])


def networkit_reference(graph: nx.Graph, seed: int) -> float:
    import networkit as nk

    g, _ = fast._to_networkit(graph)
    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)
    began = time.perf_counter()
    plm = nk.community.PLM(g, refine=True, gamma=1.0)
    plm.run()
    nk.centrality.EstimateBetweenness(g, min(fast.BETWEENNESS_SAMPLES, g.numberOfNodes()), True, False).run()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--with-networkx", action="store_true")
    parser.add_argument("--projection", action="store_true", help="Project the benchmark database instead.")
    args = parser.parse_args()
    truth = None
    if args.projection:
        from analytics.projection import Scope, project
        from bench.bench_server import bench_driver

        with bench_driver() as (driver, database, _):
            began = time.perf_counter()
            graph = project(driver, database, Scope())
            projection_seconds = time.perf_counter() - began
        figures: dict = {"graph": "benchmark database projection", "projection_seconds": round(projection_seconds, 2)}
    else:
        graph, truth = planted(args.nodes, args.edges, 20, args.seed)
        figures = {"graph": "planted groups of 20"}
    figures |= {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    figures["reference_networkit_seconds"] = round(networkit_reference(graph, args.seed), 2)
    runs = [("jigsaw", "auto")] + ([("networkx_only", "networkx")] if args.with_networkx else [])
    for label, backend in runs:
        began = time.perf_counter()
        result = analyse(graph, seed=args.seed, backend=backend)
        figures[f"{label}_seconds"] = round(time.perf_counter() - began, 2)
        figures[f"{label}_backend"] = result.parameters["backend"]
        figures[f"{label}_modularity"] = round(result.modularity, 4)
        figures[f"{label}_groups"] = len(result.groups)
        figures[f"{label}_brokers"] = len(result.brokers)
        if truth:
            grouped = set().union(*result.groups)
            partition = result.groups + [{n} for n in graph.nodes if n not in grouped]
            figures[f"{label}_ari_vs_planted"] = round(adjusted_rand(partition, truth), 4)
    figures["ratio_jigsaw_to_networkit"] = round(figures["jigsaw_seconds"] / figures["reference_networkit_seconds"], 2)
    if args.with_networkx:
        figures["ratio_networkx_to_jigsaw"] = round(figures["networkx_only_seconds"] / figures["jigsaw_seconds"], 1)
    print_figures(figures)


if __name__ == "__main__":
    main()
