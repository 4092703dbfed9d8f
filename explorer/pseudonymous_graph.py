"""A drawn graph with nothing that leads back to a person: for the MASE screen and its downloads.

Node ids become opaque ids keyed by the deployment secret and the meeting (vis-network puts
ids in the page, and so in every HTML download); record ids leave the edge tooltips.
Labels are made by the caller (pseudonym and age).
"""

from __future__ import annotations

from dataclasses import replace

from jigsaw.pseudonyms import opaque

from .graph_model import DrawnGraph

MASE_CONTEXT = "mase-node\x00{meeting}"  # the interactive panel maps clicks back with the same ids


def pseudonymous(graph: DrawnGraph, secret: bytes, meeting: str) -> DrawnGraph:
    context = MASE_CONTEXT.format(meeting=meeting)
    ids = {n.id: opaque(secret, context, n.id, prefix="n-") for n in graph.nodes}
    nodes = [replace(n, id=ids[n.id]) for n in graph.nodes]
    # An edge shows its agencies and nothing else: its tooltip listed record ids.
    edges = [replace(e, source=ids[e.source], target=ids[e.target], tooltip=e.label, records=()) for e in graph.edges]
    positions = {ids[k]: v for k, v in graph.positions.items() if k in ids}
    return DrawnGraph(nodes, edges, positions, graph.hidden)
