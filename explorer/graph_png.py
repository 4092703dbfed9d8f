"""The drawing as a PNG, made on the server so that saving an image is an audited download.

The same positions, shapes, colours, dashes and labels as the SVG (graph_html.render_svg),
drawn with matplotlib's Agg canvas. A PNG made in the browser (canvas toDataURL) would leave
the page without passing the audit trail, so the graph page has no such button.
"""

from __future__ import annotations

import io
from collections import defaultdict

from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .graph_html import visible_edges
from .graph_model import DrawnGraph
from .graph_style import CATEGORIES, EDGE_DASHED, EDGE_SOLID

# matplotlib markers for the SVG export's shapes.
_MARKERS = {"circle": "o", "square": "s", "box": "s", "triangle": "^", "diamond": "D", "star": "*"}
_WHITE_HALO = [patheffects.withStroke(linewidth=3, foreground="#ffffff")]
_PLAIN = {"parse_math": False, "usetex": False}  # a name with $ signs is text, never mathtext or TeX


def render_png(graph: DrawnGraph, *, title: str, until=None, dpi: int = 150) -> bytes:
    """PNG bytes of the drawing; `until` hides edges first recorded after it, as on the page."""
    figure = Figure(figsize=(12, 9), dpi=dpi, facecolor="#ffffff")  # no pyplot: safe in Streamlit's threads
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.02, 0.1, 0.96, 0.82))
    axes.set_axis_off()
    axes.invert_yaxis()  # positions are screen coordinates, y pointing down (as in the SVG)
    figure.suptitle(title, fontsize=14, fontweight="bold", x=0.02, ha="left", **_PLAIN)
    if not graph.nodes:
        axes.text(0.5, 0.5, "nothing to draw", ha="center", va="center", transform=axes.transAxes)
    edges = visible_edges(graph, until)
    for dashed in (False, True):  # one collection per line style: a thousand edges draw in one call
        segments = [(graph.positions[e.source], graph.positions[e.target]) for e in edges if e.dashed == dashed]
        axes.add_collection(
            LineCollection(segments, colors="#555555", linewidths=1.0, linestyles="--" if dashed else "-", zorder=1)
        )
    for e in edges:
        if e.label:
            (x1, y1), (x2, y2) = graph.positions[e.source], graph.positions[e.target]
            axes.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                e.label,
                fontsize=6,
                color="#333333",
                ha="center",
                va="center",
                path_effects=_WHITE_HALO,
                zorder=2,
                **_PLAIN,
            )
    for (marker, colour, centre), nodes in _groups(graph).items():
        xs, ys = zip(*(graph.positions[n.id] for n in nodes))
        axes.scatter(
            xs,
            ys,
            s=[(_radius(n) * 1.2) ** 2 for n in nodes],
            marker=marker,
            c=colour,
            edgecolors="#222222",
            linewidths=2.5 if centre else 0.8,
            zorder=3,
        )
    for n in graph.nodes:
        axes.annotate(
            n.label,
            graph.positions[n.id],
            xytext=(0, -_radius(n) - 4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7,
            path_effects=_WHITE_HALO,
            zorder=4,
            **_PLAIN,
        )
    axes.margins(0.08)
    figure.legend(handles=_legend(graph), loc="lower left", ncols=3, fontsize=7, frameon=False)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="#ffffff", metadata={"Software": None})  # no tool name in the file
    return out.getvalue()


def _radius(node) -> int:
    return min(8 + 2 * node.size, 22)


def _groups(graph: DrawnGraph) -> dict[tuple[str, str, bool], list]:
    """Nodes by (marker, colour, is the centre): one scatter call each."""
    groups: dict[tuple[str, str, bool], list] = defaultdict(list)
    for n in graph.nodes:
        style = CATEGORIES[n.category]
        groups[(_MARKERS[style.svg], style.colour, n.hop == 0)].append(n)
    return groups


def _legend(graph: DrawnGraph) -> list[Line2D]:
    used = {n.category for n in graph.nodes}
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=_MARKERS[s.svg],
            markerfacecolor=s.colour,
            markeredgecolor="#222222",
            markersize=7,
            label=s.label,
        )
        for key, s in CATEGORIES.items()
        if key in used
    ]
    handles.append(Line2D([], [], color="#555555", linestyle="-", label=EDGE_SOLID))
    handles.append(Line2D([], [], color="#555555", linestyle="--", label=EDGE_DASHED))
    return handles
