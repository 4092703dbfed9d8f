"""A projection's ties as compact arrays, kept beside the NetworkX graph callers see.

Reading millions of ties back out of NetworkX's dict-of-dicts costs more than networkit's
whole analysis, so the projection builds the arrays first (pairing people in numpy) and the
NetworkX graph from them, and keeps the arrays in `graph.graph[TIES]` for `networkit_backend.convert`.

The rule that keeps them honest: the arrays are used only on the `Projection` they were
built for, never on a view of it (views are frozen graphs, read like any other; `copy()` and
`nx.Graph(graph)` build new graphs without them), and only until the graph changes. Every
NetworkX method that changes a `Projection` (adding or removing people or ties, `update`,
`clear`) drops them; NetworkX offers no other way to change which people and ties it has.
Changing a tie's attributes in place (`graph[a][b]["weight"] = ...`,
`nx.set_edge_attributes`) is not seen: call `forget(graph)` after doing that. (Counting the
ties to check would walk every person, about half a second at pan-London size, and
still miss a changed weight.)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import numpy as np

TIES = "jigsaw_ties"  # the key in graph.graph


@dataclass(frozen=True)
class Ties:
    """Node i is `nodes[i]`; tie k joins `sources[k]` and `targets[k]` with `weights[k]`, on the
    evidence of `evidence[k]` records counted (each record 1, each shared place `PLACE_EVIDENCE`;
    None: the weights are counts), which the brokers' thresholds are in."""

    nodes: list
    sources: np.ndarray  # int64, each tie once
    targets: np.ndarray
    weights: np.ndarray  # float64
    evidence: np.ndarray | None = None  # float64


PLACE_EVIDENCE = 0.5  # a shared place counts half a record as evidence of a tie


def evidence_of(found: Ties) -> np.ndarray:
    """How many records (and half places) each tie rests on, however they are weighed."""
    return found.weights if found.evidence is None else found.evidence


class Projection(nx.Graph):
    """A NetworkX graph that drops its ties arrays whenever a NetworkX method changes it."""


def _forgetting(name: str):
    method = getattr(nx.Graph, name)

    def changed(self, *args, **kwargs):
        self.graph.pop(TIES, None)
        return method(self, *args, **kwargs)

    changed.__name__ = name
    changed.__doc__ = method.__doc__
    return changed


for _name in (
    "add_node",
    "add_nodes_from",
    "remove_node",
    "remove_nodes_from",
    "add_edge",
    "add_edges_from",
    "add_weighted_edges_from",
    "remove_edge",
    "remove_edges_from",
    "update",
    "clear",
    "clear_edges",
):
    setattr(Projection, _name, _forgetting(_name))


def forget(graph: nx.Graph) -> None:
    """Drop the arrays, e.g. after changing tie weights in place."""
    graph.graph.pop(TIES, None)


def current(graph: nx.Graph) -> Ties:
    """The graph's ties: the projection's arrays while they are valid, else read from NetworkX."""
    kept = graph.graph.get(TIES)
    if (
        isinstance(graph, Projection)
        and not nx.is_frozen(graph)
        and isinstance(kept, Ties)
        and len(kept.nodes) == len(graph)
    ):
        return kept
    return read(graph)


def read(graph: nx.Graph) -> Ties:
    """One pass over NetworkX's nodes and edges (the slow part at millions of ties)."""
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    m = graph.number_of_edges()
    flat = np.fromiter(
        itertools.chain.from_iterable(
            (index[u], index[v], d.get("weight", 1.0), _evidence(d)) for u, v, d in graph.edges(data=True)
        ),
        dtype=np.float64,
        count=4 * m,
    )
    evidence = flat[3::4].copy()
    weights = flat[2::4].copy()
    return Ties(
        nodes,
        flat[0::4].astype(np.int64),
        flat[1::4].astype(np.int64),
        weights,
        None if np.isnan(evidence).all() else np.where(np.isnan(evidence), weights, evidence),
    )


def _evidence(data: dict) -> float:
    """A projection's tie says how many records and places it rests on; another graph's does not (NaN)."""
    if "records" in data:
        return data["records"] + PLACE_EVIDENCE * data.get("places", 0)
    return np.nan
