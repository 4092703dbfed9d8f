"""Turn catalogue rows into a drawable graph: nodes, edges, a layout, and caps.

Pure Python (no Streamlit), so it is unit-tested directly. Layouts are computed here,
server-side, because a browser settling physics on 1,000 nodes takes tens of seconds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graph_loader.models import SOURCES

from .graph_style import category, is_dashed

MAX_NEIGHBOURS = 25  # per person expanded; the rest become one "and N more" node
HARD_CAP = 1500  # above this many nodes we draw the first HARD_CAP and ask for a filter
SPRING_MAX_NODES = 300  # force-directed up to here (reads best); rings by steps out above (linear time)


@dataclass
class Node:
    id: str
    label: str
    category: str
    tooltip: str
    size: int = 1
    hop: int = 0


@dataclass
class Edge:
    source: str
    target: str
    label: str
    tooltip: str
    dashed: bool
    first_date: date | None = None
    records: tuple[str, ...] = ()  # the record keys behind the tie (for the person card; never in MASE mode)


@dataclass
class DrawnGraph:
    nodes: list[Node]
    edges: list[Edge]
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    hidden: int = 0  # people left out by the caps

    @property
    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}


AGENCY_SHORT = {key: spec.short_name for key, spec in SOURCES.items()}


def short_agency(agency: str) -> str:
    for key, short in (("MASH", "MASH"), ("gangs", "Matrix"), ("matrix", "Matrix"), ("HSB", "HSB"), ("harmful", "HSB")):
        if key in agency:
            return short
    return agency


def ego_graph(
    centre: str,
    rows: list[dict],
    cards: dict[str, dict],
    *,
    label=None,
    max_neighbours: int = MAX_NEIGHBOURS,
    hard_cap: int = HARD_CAP,
) -> DrawnGraph:
    """Build the drawable ego network from `ego_network` rows and `person_cards` rows.

    `label(card)` gives a node's label (names for analysts, pseudonyms in MASE mode).
    """
    label = label or (lambda card: card.get("name") or card["person_id"])
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    hop_of: dict[str, int] = {centre: 0}
    for row in rows:
        a, b = row["source_person"], row["target_person"]
        pairs[tuple(sorted((a, b)))].append(row)
        for person in (a, b):
            hop_of[person] = min(hop_of.get(person, row["hop"]), row["hop"])
    # Expand breadth-first, keeping each person's strongest ties when there are too many.
    neighbours: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), links in pairs.items():
        weight = len({r["record_key"] for r in links})
        neighbours[a].append((weight, b))
        neighbours[b].append((weight, a))
    kept, hidden_of, frontier = {centre}, {}, [centre]
    while frontier:
        following = []
        for person in frontier:
            onward = sorted(
                (n for n in neighbours[person] if hop_of.get(n[1], 0) > hop_of[person]), key=lambda n: (-n[0], n[1])
            )
            fresh = [n for _, n in onward if n not in kept]
            shown, rest = fresh[:max_neighbours], fresh[max_neighbours:]
            if rest:
                hidden_of[person] = len(rest)
            for n in shown:
                if len(kept) >= hard_cap:
                    hidden_of[person] = hidden_of.get(person, 0) + 1
                    continue
                kept.add(n)
                following.append(n)
        frontier = following
    nodes = []
    for person in sorted(kept, key=lambda p: (hop_of.get(p, 0), p)):
        card = cards.get(person, {"person_id": person})
        roles = card.get("roles") or []
        nodes.append(
            Node(
                id=person,
                label=label(card),
                category=category(roles),
                hop=hop_of.get(person, 0),
                size=int(card.get("records") or 1),
                tooltip=_person_tooltip(card, label(card)),
            )
        )
    edges = []
    for (a, b), links in sorted(pairs.items()):
        if a in kept and b in kept:
            agencies = sorted({short_agency(r["agency"]) for r in links})
            records = sorted({r["record_key"] for r in links})
            dates = [r["date"] for r in links if r.get("date")]
            edges.append(
                Edge(
                    source=a,
                    target=b,
                    label=" + ".join(agencies),
                    dashed=is_dashed({r.get("claim") or "" for r in links}),
                    tooltip=f"{len(records)} record(s): "
                    + ", ".join(records[:6])
                    + (" ..." if len(records) > 6 else ""),
                    first_date=min(dates) if dates else None,
                    records=tuple(records),
                )
            )
    for person, count in sorted(hidden_of.items()):
        more = f"more:{person}"
        nodes.append(
            Node(
                more,
                f"and {count} more",
                "more",
                (
                    f"{count} more people tied to this person are not drawn. Click to add the next "
                    f"{max_neighbours}, or narrow the date window, roles or borough."
                ),
                1,
                hop_of.get(person, 0) + 1,
            )
        )
        edges.append(Edge(person, more, "", "", True))
    graph = DrawnGraph(nodes, edges, hidden=sum(hidden_of.values()))
    graph.positions = layout(graph) if len(nodes) <= SPRING_MAX_NODES else radial_layout(graph, centre)
    return graph


def _person_tooltip(card: dict, shown_as: str) -> str:
    lines = [shown_as]
    roles = ", ".join(r.replace("_", " ") for r in card.get("roles") or [])
    if roles:
        lines.append(f"Roles in records: {roles}")
    if card.get("agencies"):
        lines.append("Agencies: " + ", ".join(card["agencies"]))
    if card.get("gangs"):
        lines.append("Gang(s) on the matrix: " + ", ".join(card["gangs"]))
    lines.append(f"Records: {card.get('records') or 0}")
    return "\n".join(lines)


def layout(graph: DrawnGraph, *, seed: int = 7, scale: float = 600.0) -> dict[str, tuple[float, float]]:
    """Seeded force-directed layout in vis-network pixels; separate groups are packed side by side.

    Laying out disconnected parts together pushes them to the edges and shrinks each to a
    blob, so each connected part is laid out alone and placed on a grid, largest first.
    """
    g = nx.Graph()
    g.add_nodes_from(n.id for n in graph.nodes)
    g.add_edges_from((e.source, e.target) for e in graph.edges)
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    if not parts:
        return {}
    if len(parts) == 1:
        return _spring(g, seed, scale)
    positions: dict[str, tuple[float, float]] = {}
    cell = scale * 0.9
    columns = max(1, math.ceil(math.sqrt(len(parts))))
    for index, part in enumerate(parts):
        radius = cell * 0.4 * min(1.0, math.sqrt(len(part) / max(len(parts[0]), 1)) + 0.2)
        local = _spring(g.subgraph(part), seed, radius) if len(part) > 1 else {part[0]: (0.0, 0.0)}
        ox, oy = (index % columns) * cell, (index // columns) * cell
        positions.update({n: (round(x + ox, 1), round(y + oy, 1)) for n, (x, y) in local.items()})
    return positions


def radial_layout(
    graph: DrawnGraph, centre: str, *, ring_gap: float = 220.0, spacing: float = 36.0
) -> dict[str, tuple[float, float]]:
    """Rings by steps from the centre, each person placed near the one who brought them in.

    Linear in the size of the graph: a 1,500-person network is laid out in milliseconds,
    where a force-directed layout takes seconds.
    """
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    hop = {n.id: n.hop for n in graph.nodes}
    rings: dict[int, list[str]] = defaultdict(list)
    for n in graph.nodes:
        rings[n.hop].append(n.id)
    angle: dict[str, float] = {centre: 0.0}
    positions: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    levels = sorted(k for k in rings if k > 0)
    # Evenly spaced rings, far enough apart that the most crowded one has room.
    step = max([ring_gap] + [len(rings[k]) * spacing / (2 * math.pi) / k for k in levels])
    for level in levels:

        def parent_angle(person: str) -> float:
            parents = [angle[p] for p in neighbours[person] if hop.get(p) == level - 1 and p in angle]
            return min(parents) if parents else 0.0

        members = sorted(rings[level], key=lambda p: (parent_angle(p), p))
        radius = step * level
        for index, person in enumerate(members):
            theta = 2 * math.pi * index / len(members)
            angle[person] = theta
            positions[person] = (round(radius * math.cos(theta), 1), round(radius * math.sin(theta), 1))
    for n in graph.nodes:  # anyone not reached (should not happen) sits at the centre rather than vanishing
        positions.setdefault(n.id, (0.0, 0.0))
    return positions


def _spring(g: nx.Graph, seed: int, scale: float) -> dict[str, tuple[float, float]]:
    k = 1.5 / max(g.number_of_nodes(), 1) ** 0.5
    iterations = 50 if g.number_of_nodes() <= 2000 else 25
    positions = nx.spring_layout(g, seed=seed, k=k, iterations=iterations, scale=scale)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in positions.items()}


def ties_graph(
    links: list[dict],
    cards: dict[str, dict],
    *,
    centre: set[str] = frozenset(),
    label=None,
    highlight: set[str] = frozenset(),
) -> DrawnGraph:
    """A graph from explicit person-to-person links, each {a, b, label, tooltip, claim, date}.

    Used for connection paths, peer groups and gang overlap, where the rows already say
    which tie to draw. `highlight` people (brokers) get a thick border like the centre.
    """
    label = label or (lambda card: card.get("name") or card["person_id"])
    people = sorted({link["a"] for link in links} | {link["b"] for link in links} | set(centre))
    nodes = []
    for person in people:
        card = cards.get(person, {"person_id": person})
        shown = label(card)
        nodes.append(
            Node(
                person,
                shown,
                category(card.get("roles") or []),
                _person_tooltip(card, shown),
                int(card.get("records") or 1),
                0 if person in centre or person in highlight else 1,
            )
        )
    merged: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for link in links:
        merged[tuple(sorted((link["a"], link["b"])))].append(link)
    edges = []
    for (a, b), group in sorted(merged.items()):
        dates = [g["date"] for g in group if g.get("date")]
        edges.append(
            Edge(
                a,
                b,
                " / ".join(sorted({g["label"] for g in group if g.get("label")})),
                "\n".join(sorted({g.get("tooltip") or "" for g in group})),
                is_dashed({g.get("claim") or "" for g in group}),
                min(dates) if dates else None,
                tuple(sorted({g["record"] for g in group if g.get("record")})),
            )
        )
    graph = DrawnGraph(nodes, edges)
    graph.positions = layout(graph)
    return graph
