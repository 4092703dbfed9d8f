"""The network an analyst is working on: who is on screen, where, hidden, pinned, and undo.

Pure Python (no Streamlit, no queries): the interactive panel (graph_panel) runs the
catalogue queries and hands their rows here. Every change keeps a snapshot so it can be
undone, and every change is bounded: an expansion adds at most MAX_NEIGHBOURS people (the
rest become "and N more", as on the first drawing) and the screen never holds more than
MAX_ON_SCREEN people.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

from .graph_model import HARD_CAP, DrawnGraph, Edge, Node

MAX_ON_SCREEN = HARD_CAP  # people on screen, whatever the clicks (the first drawing is capped the same)
UNDO_DEPTH = 30  # snapshots kept; older steps cannot be undone
PATH_COLOUR = "#0072B2"  # Okabe-Ito blue: the ties of a drawn connection (also drawn thicker: not colour alone)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass
class Workspace:
    page: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    pinned: set[str] = field(default_factory=set)
    path: set[tuple[str, str]] = field(default_factory=set)  # ties of the last connection drawn
    version: int = 0  # bumped on every change: the browser redraws only when it moves
    history: list[dict] = field(default_factory=list)
    signature: str = ""  # what the page drew first; a new first drawing starts a new workspace
    filters: dict = field(default_factory=dict)  # the page's filters (roles, dates, borough): expansions keep to them

    @classmethod
    def from_graph(cls, graph: DrawnGraph, *, page: str, signature: str = "", filters: dict | None = None) -> Workspace:
        ws = cls(page=page, signature=signature, filters=dict(filters or {}))
        ws._merge(graph, around=None)
        return ws

    # -- reading -------------------------------------------------------------------------
    def people(self) -> list[str]:
        """Person ids on screen (not hidden, not "and N more" markers)."""
        return sorted(n for n, node in self.nodes.items() if node.category != "more" and n not in self.hidden)

    def visible(self) -> DrawnGraph:
        shown = {n: node for n, node in self.nodes.items() if n not in self.hidden}
        edges = [e for key, e in sorted(self.edges.items()) if key[0] in shown and key[1] in shown]
        hidden_more = sum(_more_count(node) for node in shown.values() if node.category == "more")
        return DrawnGraph(
            list(shown.values()), edges, {n: self.positions.get(n, (0.0, 0.0)) for n in shown}, hidden_more
        )

    def ties_of(self, person: str) -> list[Edge]:
        return [
            e
            for key, e in sorted(self.edges.items())
            if person in key and key[0] not in self.hidden and key[1] not in self.hidden
        ]

    def view(self) -> dict:
        """What is on screen, for st.session_state["network_view"] (see graph_panel)."""
        people = self.people()
        return {
            "people": people,
            "positions": {
                p: [float(x), float(y)] for p, (x, y) in ((p, self.positions.get(p, (0.0, 0.0))) for p in people)
            },
            "hidden": sorted(n for n in self.hidden if n in self.nodes and self.nodes[n].category != "more"),
            "pinned": sorted(n for n in self.pinned if n in self.nodes and n not in self.hidden),
            "page": self.page,
        }

    # -- changing ------------------------------------------------------------------------
    def _snapshot(self) -> None:
        state = {
            k: copy.deepcopy(getattr(self, k)) for k in ("nodes", "edges", "positions", "hidden", "pinned", "path")
        }
        self.history = (self.history + [state])[-UNDO_DEPTH:]

    def _changed(self) -> None:
        self.version += 1

    def relabelled(self) -> None:
        """Labels drawn differently (a MASE reveal): the browser must redraw, nothing to undo."""
        self._changed()

    def undo(self) -> bool:
        if not self.history:
            return False
        for name, value in self.history.pop().items():
            setattr(self, name, value)
        self._changed()
        return True

    def moved(self, positions: dict) -> None:
        """Positions reported by the browser after a drag (no snapshot: moving is not undone)."""
        for person, xy in _clean_positions(positions, self.nodes).items():
            self.positions[person] = xy

    def hide(self, people: list[str]) -> None:
        targets = [p for p in people if p in self.nodes and p not in self.hidden]
        if not targets:
            return
        self._snapshot()
        self.hidden.update(targets)
        self.pinned.difference_update(targets)
        self._changed()

    def toggle_pin(self, people: list[str]) -> None:
        targets = [p for p in people if p in self.nodes and p not in self.hidden]
        if not targets:
            return
        self._snapshot()
        for p in targets:
            self.pinned.symmetric_difference_update({p})
        self._changed()

    def add(self, piece: DrawnGraph, *, around: str | None, path: bool = False, next_page: bool = False) -> int:
        """Merge a piece (an expansion or a connection) into the screen; returns people added.
        `next_page`: the piece is the next page of `around`'s links, so its "and N more" (or none, when
        nobody is left) replaces the one on screen instead of adding to it."""
        self._snapshot()
        if next_page and around is not None:
            self.nodes.pop(f"more:{around}", None)
            self.edges.pop(_pair(around, f"more:{around}"), None)
        added = self._merge(piece, around=around)
        if path:
            self.path = {
                _pair(e.source, e.target) for e in piece.edges if e.source in self.nodes and e.target in self.nodes
            }
        self._changed()
        return added

    def _merge(self, piece: DrawnGraph, *, around: str | None) -> int:
        room = MAX_ON_SCREEN - sum(1 for n in self.nodes.values() if n.category != "more")
        fresh, left_out = [], 0
        for node in piece.nodes:
            if node.id in self.nodes:
                if node.category == "more":  # the newest count of who is not drawn replaces the old one
                    self.nodes[node.id] = node
                continue
            if node.category != "more":
                if room <= 0:
                    left_out += 1
                    continue
                room -= 1
            fresh.append(node)
        for node in fresh:
            self.nodes[node.id] = node
        for e in piece.edges:
            if e.source in self.nodes and e.target in self.nodes:
                key = _pair(e.source, e.target)
                old = self.edges.get(key)
                self.edges[key] = e if old is None else _merged_edge(old, e)
        if left_out and around is not None:
            more = f"more:{around}"
            count = left_out + (_more_count(self.nodes[more]) if more in self.nodes else 0)
            self.nodes[more] = Node(
                more,
                f"and {count} more",
                "more",
                f"{count} more people tied to this person are not "
                f"drawn: the screen holds at most {MAX_ON_SCREEN:,}. Hide some to make room.",
                1,
                1,
            )
            self.edges[_pair(around, more)] = Edge(around, more, "", "", True)
        self._place([n.id for n in fresh] + ([f"more:{around}"] if left_out and around else []), piece, around)
        return sum(1 for n in fresh if n.category != "more")

    def _place(self, newcomers: list[str], piece: DrawnGraph, around: str | None) -> None:
        """New people go on a ring around the person they came from; the rest of the picture stays put."""
        newcomers = [n for n in newcomers if n not in self.positions]
        if not newcomers:
            return
        if around is None or around not in self.positions:
            for n in newcomers:  # a first drawing: the server-side layout of graph_model
                self.positions[n] = tuple(piece.positions.get(n, (0.0, 0.0)))
            return
        cx, cy = self.positions[around]
        radius = 160.0 + 6.0 * len(newcomers)
        for index, n in enumerate(newcomers):
            theta = 2 * math.pi * index / len(newcomers)
            self.positions[n] = (round(cx + radius * math.cos(theta), 1), round(cy + radius * math.sin(theta), 1))


def _more_count(node: Node) -> int:
    digits = "".join(ch for ch in node.label.split(" more")[0] if ch.isdigit())
    return int(digits) if digits else 0


def _merged_edge(old: Edge, new: Edge) -> Edge:
    """The same tie found again (by an expansion or a connection): one line, every record behind it."""
    labels = sorted({part for e in (old, new) for part in e.label.split(" + ") if part})
    records = tuple(sorted(set(old.records) | set(new.records)))
    dates = [d for d in (old.first_date, new.first_date) if d is not None]
    tooltip = old.tooltip if new.tooltip in old.tooltip else "\n".join(t for t in (old.tooltip, new.tooltip) if t)
    return Edge(
        old.source,
        old.target,
        " + ".join(labels),
        tooltip,
        old.dashed and new.dashed,
        min(dates) if dates else None,
        records,
    )


def _clean_positions(positions, nodes: dict) -> dict[str, tuple[float, float]]:
    """Positions from the browser, taken only for people on screen and only as finite numbers."""
    clean: dict[str, tuple[float, float]] = {}
    if not isinstance(positions, dict):
        return clean
    for person, xy in list(positions.items())[: MAX_ON_SCREEN + 50]:
        if person not in nodes or not isinstance(xy, (list, tuple)) or len(xy) != 2:
            continue
        try:
            x, y = float(xy[0]), float(xy[1])
        except (TypeError, ValueError):
            continue
        if math.isfinite(x) and math.isfinite(y) and abs(x) < 1e7 and abs(y) < 1e7:
            clean[person] = (round(x, 1), round(y, 1))
    return clean
