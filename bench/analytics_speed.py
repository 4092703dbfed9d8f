"""Peer groups and brokers at scale: Jigsaw's analyse() against networkit on the same graph.

    .venv/bin/python -m bench.analytics_speed                          # 50,000 people in planted groups of 3 to 40
    .venv/bin/python -m bench.analytics_speed --nodes 5000
    .venv/bin/python -m bench.analytics_speed --nodes 5000 --unweighted     # ties counted, for comparison
    flock /tmp/jigsaw-heavy.lock .venv/bin/python -m bench.analytics_speed --nodes 500000
    .venv/bin/python -m bench.analytics_speed --with-networkx          # also NetworkX alone (minutes at 50,000)
    .venv/bin/python -m bench.analytics_speed --projection             # the benchmark database's own projection
    .venv/bin/python -m bench.analytics_speed --nodes 10000 --edges 40000 --broker-agreement

The synthetic graph (`fixtures/planted_network.py`) plants groups of unequal, heavy-tailed sizes
(3 to 40, most small), one tie in ten to a random person elsewhere and 1 % bridge people with
three ties into another group; its ties are weighed by the shipped tie rule (claim x recency of
records drawn at random, as the projection weighs them: the default), or with `--unweighted`
all 1 (records counted). Both methods run on it, Louvain (the old default) and the map
equation (the new), so quality is measured as well as time: modularity, and the adjusted Rand
index and normalised mutual information of the groups found (everyone else a group of one)
against the planted ones. The reference in the same run is networkit itself on an
already-built networkit graph, doing the same steps with the same method (PLM or
LouvainMapEquation, modularity, components,
biconnected components for bridges, and brokers: the sampled betweenness estimate, or above
`LOCAL_BROKERS_NODES` the local measure), so the ratio is what Jigsaw's NetworkX interface
costs on top. `--broker-agreement` compares the local broker measure with exact betweenness
on the same partition (exact betweenness takes minutes above 20,000 people).

What is timed where. `jigsaw_seconds` is `analyse()` on the NetworkX graph, from its ties to
the results as Python sets: it includes building the networkit graph from the ties' arrays
(`networkit_build_seconds`, reported on its own too; the reference starts after it). With
`--projection` the graph is the projection, which keeps its ties as arrays (`analytics/ties.py`):
`projection_seconds` is all of `project()`, split into reading Neo4j, pairing people into
those arrays, and filling the NetworkX graph; and `jigsaw_reading_networkx_seconds` is
`analyse()` on a plain copy of the graph, which has to read the ties out of NetworkX's dicts
as it did before the projection kept arrays (both must give the same results). The planted
graph is a plain NetworkX graph, so there `jigsaw_seconds` reads NetworkX's dicts.
"""

from __future__ import annotations

import argparse
import gc
import random
import time

import networkx as nx

from analytics import brokers as broker_scores
from analytics import networkit_backend, tie_weights, ties
from analytics.peer_groups import METHODS, MIN_GROUP_SIZE, analyse, brokers_of, peer_groups
from bench.output import print_figures
from fixtures.planted_network import planted_network


def planted(nodes: int, edges: int, size: int, seed: int) -> tuple[nx.Graph, dict[str, int]]:
    """Groups of equal `size`, nine ties in ten inside: what the tests compare the two backends on."""
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
    return agreement(found, truth)[0]


def agreement(found: list[set[str]], truth: dict[str, int]) -> tuple[float, float]:
    """Adjusted Rand index and normalised mutual information against the planted groups."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    label = {n: i for i, c in enumerate(found) for n in c}
    nodes = sorted(truth)
    planted, detected = [truth[n] for n in nodes], [label[n] for n in nodes]
    return adjusted_rand_score(planted, detected), normalized_mutual_info_score(planted, detected)


def networkit_reference(graph: nx.Graph, seed: int, method: str = "louvain") -> float:
    """networkit alone on an already-built graph: the same steps, no NetworkX in or out."""
    import networkit as nk

    converted = networkit_backend.convert(graph)  # not timed: the reference starts from a networkit graph
    g = converted.graph
    gc.collect()
    nk.setSeed(seed, False)
    nk.setNumberOfThreads(1)
    began = time.perf_counter()
    if method == "louvain":
        detect = nk.community.PLM(g, refine=True, gamma=1.0)
    else:
        detect = nk.community.LouvainMapEquation(g, hierarchical=True, maxIterations=32, parallelizationStrategy="none")
    detect.run()
    found = detect.getPartition()  # once: networkit hands the partition over
    nk.community.Modularity().getQuality(found, g)
    nk.components.ConnectedComponents(g).run()
    nk.components.BiconnectedComponents(g).run()
    # brokers: the same numpy scoring Jigsaw uses (networkit has none), on networkit's labels
    broker_scores.scores(networkit_backend.labels_of(found), converted.sources, converted.targets, converted.weights)
    if g.numberOfNodes() <= networkit_backend.LOCAL_BROKERS_NODES:
        nk.centrality.EstimateBetweenness(
            nk.graphtools.toUnweighted(g), min(networkit_backend.BETWEENNESS_SAMPLES, g.numberOfNodes()), True, False
        ).run()
    return time.perf_counter() - began


def projected() -> tuple[nx.Graph, dict]:
    """The benchmark database's projection of all London, each step of `project()` timed."""
    from analytics.projection import Scope, fetch, pair, to_networkx
    from bench.bench_server import bench_driver

    with bench_driver() as (driver, database, _):
        began = time.perf_counter()
        rows = fetch(driver, database, Scope())
        read = time.perf_counter()
        tied = pair(rows)
        paired = time.perf_counter()
        graph = to_networkx(tied)
        built = time.perf_counter()
    return graph, {
        "graph": "benchmark database projection",
        "projection_seconds": round(built - began, 2),
        "projection_read_neo4j_seconds": round(read - began, 2),
        "projection_pair_into_arrays_seconds": round(paired - read, 2),
        "projection_fill_networkx_seconds": round(built - paired, 2),
    }


def networkit_build(graph: nx.Graph) -> float:
    """Building the networkit graph from the ties' arrays: in jigsaw_seconds, not in the reference."""
    import networkit as nk

    found = ties.current(graph)
    began = time.perf_counter()
    nk.GraphFromCoo((found.weights, (found.sources, found.targets)), n=len(found.nodes), weighted=True, directed=False)
    return time.perf_counter() - began


def broker_agreement(graph: nx.Graph, seed: int) -> dict:
    """How often the local measure, and the sampled estimate, pick the broker exact betweenness picks.

    On one partition, so only the choice of broker differs: the share of groups whose choice
    includes a broker by exact betweenness, and the share whose choice is in the group's top three.
    """
    import networkit as nk

    converted = networkit_backend.convert(graph)
    labels = networkit_backend.labels_of(networkit_backend.partition(converted, seed=seed, resolution=1.0))
    groups = peer_groups(networkit_backend.groups_of(converted, labels))
    local, _ = networkit_backend.local_brokers(converted, labels, MIN_GROUP_SIZE)
    estimate = networkit_backend.betweenness(converted, seed=seed)
    began = time.perf_counter()
    exact = nk.centrality.Betweenness(nk.graphtools.toUnweighted(converted.graph), True)
    exact.run()
    exact_seconds = time.perf_counter() - began
    scores = dict(zip(converted.nodes, exact.scores()))
    figures = {"exact_betweenness_seconds": round(exact_seconds, 1)}
    for name, chosen in (("local", lambda g: local & g), ("estimate", lambda g: brokers_of(g, estimate, graph))):
        compared = same = top_three = 0
        for group in groups:
            by_exact = brokers_of(group, scores, graph)
            if not by_exact:
                continue
            compared += 1
            same += bool(by_exact & chosen(group))
            top_three += bool(set(sorted(group, key=scores.get, reverse=True)[:3]) & chosen(group))
        figures[f"{name}_broker_same_as_exact"] = round(same / max(compared, 1), 3)
        figures[f"{name}_broker_in_exact_top_three"] = round(top_three / max(compared, 1), 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--backend", default="networkit", help="analyse()'s backend for both methods (the reference is networkit)."
    )
    parser.add_argument("--with-networkx", action="store_true")
    parser.add_argument("--projection", action="store_true", help="Project the benchmark database instead.")
    parser.add_argument("--broker-agreement", action="store_true", help="Compare local brokers with exact betweenness.")
    parser.add_argument("--unweighted", action="store_true", help="Planted ties all weigh 1 (records counted).")
    args = parser.parse_args()
    truth = None
    if args.projection:
        graph, figures = projected()
    else:
        began = time.perf_counter()
        rule = None if args.unweighted else tie_weights.load()
        made = planted_network(args.nodes, seed=args.seed, weighed=rule)
        graph, truth = made.graph, made.group
        figures = {
            "graph": "planted groups of 3 to 40 (heavy-tailed), 10 % mixing, 1 % bridge people",
            "tie_weights": rule.describe() if rule else "counted (every tie 1)",
            "planted_groups": len(set(truth.values())),
            "generate_seconds": round(time.perf_counter() - began, 1),
        }
    figures |= {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    figures["jigsaw_ties_from"] = (
        "the projection's arrays" if ties.current(graph) is graph.graph.get(ties.TIES) else "NetworkX's dicts"
    )
    figures["networkit_build_seconds"] = round(networkit_build(graph), 2)
    runs = [(f"{method}", args.backend, graph, method) for method in METHODS]
    if args.projection:
        runs.append(("jigsaw_reading_networkx", "auto", nx.Graph(graph), "map-equation"))  # a plain copy: no arrays
    if args.with_networkx:
        runs.append(("networkx_only", "networkx", graph, "map-equation"))
    results = {}
    for label, backend, analysed, method in runs:
        if label in METHODS:
            figures[f"{label}_reference_networkit_seconds"] = round(networkit_reference(graph, args.seed, method), 2)
        gc.collect()  # start each run without a collection left over from building the graphs
        began = time.perf_counter()
        result = results[label] = analyse(analysed, seed=args.seed, backend=backend, method=method)
        figures[f"{label}_seconds"] = round(time.perf_counter() - began, 2)
        if label in METHODS:
            figures[f"{label}_ratio_to_networkit"] = round(
                figures[f"{label}_seconds"] / figures[f"{label}_reference_networkit_seconds"], 2
            )
        figures[f"{label}_backend"] = result.parameters["backend"]
        figures[f"{label}_modularity"] = round(result.modularity, 4)
        figures[f"{label}_groups"] = len(result.groups)
        figures[f"{label}_brokers"] = len(result.brokers)
        if truth:
            grouped = set().union(*result.groups)
            partition = result.groups + [{n} for n in graph.nodes if n not in grouped]
            ari, nmi = agreement(partition, truth)
            figures[f"{label}_ari_vs_planted"] = round(ari, 4)
            figures[f"{label}_nmi_vs_planted"] = round(nmi, 4)
            if label in METHODS:
                figures[f"{label}_brokers_that_are_planted_bridges"] = len(result.brokers & set(made.bridges))
                ends = {q for b, into in made.bridges.items() for q in graph[b] if truth[q] == into}
                figures[f"{label}_brokers_at_the_other_end_of_a_bridge"] = len(
                    result.brokers & (ends - set(made.bridges))
                )
    if "jigsaw_reading_networkx" in results:
        kept, read = results["map-equation"], results["jigsaw_reading_networkx"]
        fields = ("groups", "modularity", "brokers", "components", "bridges")
        figures["same_results_with_and_without_arrays"] = all(getattr(kept, f) == getattr(read, f) for f in fields)
    if args.broker_agreement:
        figures |= broker_agreement(graph, args.seed)
    if args.with_networkx:
        figures["ratio_networkx_to_jigsaw"] = round(
            figures["networkx_only_seconds"] / figures["map-equation_seconds"], 1
        )
    print_figures(figures)


if __name__ == "__main__":
    main()
