"""Render a DrawnGraph as self-contained HTML (vis-network, as vendored by pyvis) and as SVG.

Nothing is fetched from another host: the vis-network script and stylesheet that pyvis
ships are inlined, and a Content-Security-Policy forbids any other source. Every string
from the data reaches the page as JSON data (with <, > and & escaped) and is shown with
textContent or drawn on the canvas, never parsed as HTML; the legend and title are
escaped with html.escape.
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from importlib.resources import files
from xml.sax.saxutils import escape as xml_escape

from .graph_model import DrawnGraph
from .graph_style import CATEGORIES, EDGE_DASHED, EDGE_SOLID

VIS_DIR = files("pyvis") / "templates" / "lib" / "vis-9.1.2"  # vis-network as pyvis ships it
PHYSICS_MAX_NODES = 150  # above this, physics stays off: the browser cannot settle it quickly

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:"


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    return (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"), (VIS_DIR / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _json_for_script(value) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def visible_edges(graph: DrawnGraph, until=None) -> list:
    """The edges the date slider shows: those first recorded on or before `until` (all when None)."""
    return [e for e in graph.edges if until is None or e.first_date is None or e.first_date <= until]


def vis_data(graph: DrawnGraph, *, physics: bool = False, until=None, large_type: bool = False) -> dict:
    """Nodes, edges and options in vis-network's format. `until` hides edges first recorded after it."""
    font = 22 if large_type else 14
    nodes = []
    for n in graph.nodes:
        style = CATEGORIES[n.category]
        x, y = graph.positions.get(n.id, (0.0, 0.0))
        nodes.append(
            {
                "id": n.id,
                "label": n.label,
                "title": n.tooltip,
                "shape": style.shape,
                "x": x,
                "y": y,
                "value": n.size,
                "color": {"background": style.colour, "border": "#222222"},
                "borderWidth": 3 if n.hop == 0 else 1,
                "font": {"size": font, "color": "#111111", "strokeWidth": 3, "strokeColor": "#ffffff"},
                "physics": physics,
            }
        )
    edges = []
    for e in visible_edges(graph, until):
        edges.append(
            {
                "from": e.source,
                "to": e.target,
                "label": e.label,
                "title": e.tooltip,
                "dashes": e.dashed,
                "color": {"color": "#555555"},
                "font": {"size": font - 3, "align": "middle"},
                "width": 2 if not e.dashed else 1.5,
            }
        )
    options = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 200}},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False},
        "nodes": {"scaling": {"min": 12, "max": 40}},
        "edges": {"smooth": False},
        "layout": {"improvedLayout": False},
    }
    return {"nodes": nodes, "edges": edges, "options": options}


def legend_html(graph: DrawnGraph, large_type: bool = False) -> str:
    used = {n.category for n in graph.nodes}
    size = "20px" if large_type else "13px"
    items = [
        f'<span class="key"><span class="swatch" style="background:{style.colour}"></span>{html.escape(style.label)} '
        f"<small>({html.escape(style.shape)})</small></span>"
        for key, style in CATEGORIES.items()
        if key in used
    ]
    items.append(f'<span class="key"><span class="line solid"></span>{EDGE_SOLID}</span>')
    items.append(f'<span class="key"><span class="line dashed"></span>{EDGE_DASHED}</span>')
    return f'<div class="legend" style="font-size:{size}" aria-label="Legend">{"".join(items)}</div>'


def render_html(
    graph: DrawnGraph,
    *,
    title: str,
    height: int = 640,
    physics: bool | None = None,
    until=None,
    large_type: bool = False,
    caption: str = "",
) -> str:
    """A standalone page: opens the same inside Streamlit and saved to disk for the minutes."""
    physics = (len(graph.nodes) <= PHYSICS_MAX_NODES) if physics is None else physics
    script, css = _vis_assets()
    data = _json_for_script(vis_data(graph, physics=physics, until=until, large_type=large_type))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html.escape(title)}</title>
<style>{css}</style>
<style>
body {{ margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; }}
html, body {{ overflow: hidden; }}
#graph {{ width: 100%; height: {int(height)}px; border: 1px solid #ccc; background: #fff; box-sizing: border-box; }}
.bar {{ display: flex; gap: .5rem; align-items: center; padding: 4px 0; font-size: 13px; }}
.legend {{ display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 6px 2px; }}
.key {{ display: inline-flex; align-items: center; gap: .35rem; }}
.swatch {{ width: 14px; height: 14px; border: 1px solid #222; display: inline-block; }}
.line {{ width: 28px; height: 0; border-top: 2px solid #555; display: inline-block; }}
.line.dashed {{ border-top-style: dashed; }}
div.vis-tooltip {{ white-space: pre-line; font-family: inherit; }}
</style></head>
<body>
<div class="bar"><strong>{html.escape(title)}</strong><span>{html.escape(caption)}</span></div>
<div id="graph" role="img" aria-label="{html.escape(title)}"></div>
{legend_html(graph, large_type)}
<script type="application/json" id="graph-data">{data}</script>
<script>{script}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  // Tooltips become text nodes: nothing recorded by an agency is ever parsed as HTML.
  for (const item of data.nodes.concat(data.edges)) {{
    if (item.title) {{ const div = document.createElement("div"); div.textContent = item.title; item.title = div; }}
  }}
  const network = new vis.Network(document.getElementById("graph"),
    {{ nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }}, data.options);
  network.on("beforeDrawing", function (ctx) {{
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  }});
  network.fit({{ animation: false }});
  network.moveTo({{ scale: Math.min(network.getScale() * 0.8, 1.5) }});  // room for labels at the edges
  network.once("afterDrawing", function () {{ document.body.dataset.drawn = "yes"; }});
  window.jigsawNetwork = network;
  // No "save as PNG" here: an image made in the browser would leave unaudited. The page's
  // own "Download as PNG" (graph_png, server-side) is logged as a disclosure.
}})();
</script>
</body></html>"""


def _star_points(x: float, y: float, r: float) -> list[str]:
    radii = [r if i % 2 == 0 else r / 2.2 for i in range(10)]
    return [
        f"{x + q * math.sin(i * math.pi / 5):.1f},{y - q * math.cos(i * math.pi / 5):.1f}" for i, q in enumerate(radii)
    ]


_SVG_SHAPES = {
    "circle": lambda x, y, r: f'<circle cx="{x}" cy="{y}" r="{r}"',
    "square": lambda x, y, r: f'<rect x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}"',
    "box": lambda x, y, r: f'<rect x="{x - 1.6 * r}" y="{y - r}" width="{3.2 * r}" height="{2 * r}" rx="3"',
    "triangle": lambda x, y, r: f'<polygon points="{x},{y - r} {x - r},{y + r} {x + r},{y + r}"',
    "diamond": lambda x, y, r: f'<polygon points="{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"',
    "star": lambda x, y, r: '<polygon points="' + " ".join(_star_points(x, y, r)) + '"',
}


def render_svg(graph: DrawnGraph, *, title: str, until=None) -> str:
    """The same drawing as a standalone SVG (pyvis has no export of its own)."""
    if not graph.nodes:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="30">{xml_escape(title)}: '
            "nothing to draw</text></svg>"
        )
    xs = [p[0] for p in graph.positions.values()] or [0.0]
    ys = [p[1] for p in graph.positions.values()] or [0.0]
    pad = 80
    left, top = min(xs) - pad, min(ys) - pad
    width, height = max(xs) - left + pad, max(ys) - top + pad + 40
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="{left:.0f} {top - 40:.0f} {width:.0f} {height + 40:.0f}" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">'
        ),
        (
            f'<title>{xml_escape(title)}</title><rect x="{left:.0f}" y="{top - 40:.0f}" width="{width:.0f}" '
            f'height="{height + 40:.0f}" fill="#ffffff"/>'
        ),
        f'<text x="{left + 10:.0f}" y="{top - 15:.0f}" font-size="16" font-weight="bold">{xml_escape(title)}</text>',
    ]
    for e in visible_edges(graph, until):
        (x1, y1), (x2, y2) = graph.positions[e.source], graph.positions[e.target]
        dash = ' stroke-dasharray="6,4"' if e.dashed else ""
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555555" stroke-width="1.5"{dash}/>')
        if e.label:
            out.append(
                f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" fill="#333333" font-size="10" '
                f'text-anchor="middle">{xml_escape(e.label)}</text>'
            )
    for n in graph.nodes:
        style = CATEGORIES[n.category]
        x, y = graph.positions[n.id]
        r = min(8 + 2 * n.size, 22)
        width = 3 if n.hop == 0 else 1
        out.append(
            _SVG_SHAPES[style.svg](x, y, r) + f' fill="{style.colour}" stroke="#222222" stroke-width="{width}"/>'
        )
        out.append(
            f'<text x="{x}" y="{y + r + 14}" text-anchor="middle" paint-order="stroke" stroke="#ffffff" '
            f'stroke-width="3">{xml_escape(n.label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
