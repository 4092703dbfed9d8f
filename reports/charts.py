"""Charts for reports, drawn offline with matplotlib: SVG for HTML (text drawn as paths, so
no data string reaches the markup) and PNG for PDF."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402

from jigsaw.geo.boroughs import boroughs  # noqa: E402

from .model import Chart  # noqa: E402

# Colour-blind-safe palette (Okabe-Ito); category 3 darkest.
PALETTE = ["#BBBBBB", "#56B4E9", "#E69F00", "#D55E00", "#0072B2", "#009E73", "#CC79A7"]


def _figure(chart: Chart):
    if chart.kind == "map":
        fig, ax = plt.subplots(figsize=(7.0, 4.6))
        lats = [p["latitude"] for p in chart.points]
        lons = [p["longitude"] for p in chart.points]
        # Zoom to the places, with room around them; London's whole extent at most.
        pad = 0.03
        south, north = max(51.28, min(lats) - pad), min(51.70, max(lats) + pad)
        west, east = max(-0.52, min(lons) - 1.6 * pad), min(0.34, max(lons) + 1.6 * pad)
        for b in boroughs().values():
            if south <= b.latitude <= north and west <= b.longitude <= east:
                ax.text(b.longitude, b.latitude, b.name, fontsize=7, color="#9a9a9a", ha="center", va="center")
        for p in chart.points:
            colour = "#D55E00" if p["highlighted"] else "#0072B2"
            # Hollow where the place is only approximately placed (an area's centre).
            ax.scatter(p["longitude"], p["latitude"], s=30 + 25 * p["size"], marker="^" if p["highlighted"] else "o",
                       facecolors="none" if p.get("approximate") else colour, alpha=0.75,
                       edgecolors=colour if p.get("approximate") else "#222222", linewidths=1.2 if p.get("approximate") else 0.5)
            ax.annotate(str(p["number"]), (p["longitude"], p["latitude"]), fontsize=7, xytext=(5, 3), textcoords="offset points")
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(1.6)  # a degree of longitude is about 0.62 of a degree of latitude in London
        ax.set_axis_off()
        ax.set_title("Numbers as in the table. Triangles: suspects seen there; circles: children only. Size: records.\n"
                     "Hollow: placed approximately (centre of the postcode area or borough).", fontsize=7)
        return fig
    labels = chart.labels
    fig, ax = plt.subplots(figsize=(7.0, 2.8 if chart.kind == "stacked" else max(1.4, 0.3 * len(labels) + 0.6)))
    if chart.kind == "stacked":
        bottom = [0.0] * len(labels)
        for i, (name, values) in enumerate(chart.series.items()):
            ax.bar(range(len(labels)), values, bottom=bottom, label=name, color=PALETTE[i % len(PALETTE)], width=0.8)
            bottom = [b + v for b, v in zip(bottom, values)]
        step = max(1, len(labels) // 12)
        ax.set_xticks(range(0, len(labels), step), [labels[i] for i in range(0, len(labels), step)], rotation=45,
                      ha="right", fontsize=7)  # fmt: skip
        ax.legend(fontsize=7, frameon=False, ncols=len(chart.series))
        ax.set_ylabel(chart.y_title, fontsize=8)
    else:
        ax.barh(range(len(labels)), chart.values, color=PALETTE[4])
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(chart.y_title, fontsize=8)
        for i, v in enumerate(chart.values):
            ax.text(v, i, f" {v:g}", va="center", fontsize=7)
    ax.tick_params(labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def svg(chart: Chart) -> str:
    fig = _figure(chart)
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "jigsaw"}):  # deterministic ids, no <text>
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    # Drop the XML prolog, the metadata, and the comments matplotlib writes with each label's text.
    return re.sub(r"<!--.*?-->|<metadata>.*?</metadata>", "", text[text.index("<svg"):], flags=re.S)


def png(chart: Chart, dpi: int = 150) -> bytes:
    fig = _figure(chart)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()
