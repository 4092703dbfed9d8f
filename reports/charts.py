"""Charts for reports, drawn offline with matplotlib: SVG for HTML (text drawn as paths, so
no data string reaches the markup) and PNG for PDF."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit
import matplotlib.pyplot as plt

from jigsaw.geo.boroughs import boroughs

from .model import Chart
from .picture import month_words
from .printable import chart_label

# Colour-blind-safe palette (Okabe-Ito); category 3 darkest.
PALETTE = ["#BBBBBB", "#56B4E9", "#E69F00", "#D55E00", "#0072B2", "#009E73", "#CC79A7"]


def _figure(chart: Chart):
    chart = _safe(chart)
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
            ax.scatter(
                p["longitude"],
                p["latitude"],
                s=30 + 25 * p["size"],
                marker="^" if p["highlighted"] else "o",
                facecolors="none" if p.get("approximate") else colour,
                alpha=0.75,
                edgecolors=colour if p.get("approximate") else "#222222",
                linewidths=1.2 if p.get("approximate") else 0.5,
            )
            ax.annotate(
                str(p["number"]), (p["longitude"], p["latitude"]), fontsize=7, xytext=(5, 3), textcoords="offset points"
            )
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(1.6)  # a degree of longitude is about 0.62 of a degree of latitude in London
        ax.set_axis_off()
        ax.set_title(
            "Numbers as in the table. Triangles: suspects seen there; circles: children only. Size: records.\n"
            "Hollow: placed approximately (centre of the postcode area or borough).",
            fontsize=7,
        )
        return fig
    if chart.kind == "line":
        return _line(chart)
    if chart.kind == "share":
        return _share(chart)
    return _bars(chart)


def _safe(chart: Chart) -> Chart:
    """A copy whose text matplotlib draws as written (reports/printable.py)."""
    from dataclasses import replace

    return replace(
        chart,
        labels=[chart_label(x) for x in chart.labels],
        series={chart_label(k): v for k, v in chart.series.items()},
        points=[p | {"label": chart_label(p.get("label", ""))} for p in chart.points],
        x_title=chart_label(chart.x_title),
        y_title=chart_label(chart.y_title),
    )


def _tidy(fig, ax) -> None:
    ax.tick_params(labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()


def _line(chart: Chart):
    """A trend: one line per series over the months; the previous period's months drawn as a
    shaded area behind, month for month, so the eye compares like with like."""
    labels = chart.labels
    fig, ax = plt.subplots(figsize=(7.0, 2.8))
    x = list(range(len(labels)))
    if chart.previous:
        ax.fill_between(
            x[: len(chart.previous)], chart.previous, color="#DDDDDD", step="mid", label="previous period", linewidth=0
        )
    for i, (name, values) in enumerate(chart.series.items()):
        first = i == 0 and len(chart.series) > 1
        ax.plot(
            x,
            values,
            label=name,
            color="#1b1b1b" if first else PALETTE[(i + 1) % len(PALETTE)],
            linewidth=2.0 if first else 1.2,
            marker="o" if len(x) <= 12 else None,
            markersize=3,
        )
    step = max(1, len(labels) // 12)
    ax.set_xticks(x[::step], [month_words(labels[i]) for i in x[::step]], rotation=45, ha="right", fontsize=7)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(chart.y_title, fontsize=8)
    ax.legend(
        fontsize=7,
        frameon=False,
        ncols=min(3, len(chart.series) + bool(chart.previous)),
        loc="upper left",
        bbox_to_anchor=(0, 1.25),
    )
    _tidy(fig, ax)
    return fig


def _share(chart: Chart):
    """Parts of one whole as one stacked bar, each part labelled with its count and share."""
    fig, ax = plt.subplots(figsize=(7.0, 0.9))
    total = sum(chart.values) or 1
    left = 0.0
    for i, (label, value) in enumerate(zip(chart.labels, chart.values)):
        colour = PALETTE[(i + 1) % len(PALETTE)]
        ax.barh(
            [0],
            [value],
            left=left,
            color=colour,
            label=f"{label}: {value:g} ({round(100 * value / total)}%)",
            height=0.6,
        )
        if value / total >= 0.08:  # room for the number inside the bar
            ax.text(
                left + value / 2,
                0,
                f"{value:g}",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if colour in ("#0072B2", "#D55E00") else "black",
            )
        left += value
    ax.set_xlim(0, total)
    ax.set_axis_off()  # the parts say their numbers; an axis would only repeat them
    ax.legend(fontsize=7, frameon=False, ncols=min(2, len(chart.labels)), loc="upper left", bbox_to_anchor=(0, 0.05))
    return fig


def _bars(chart: Chart):
    labels = chart.labels
    fig, ax = plt.subplots(figsize=(7.0, max(1.4, 0.3 * len(labels) + 0.6)))
    ax.barh(range(len(labels)), chart.values, color=PALETTE[4])
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(chart.y_title, fontsize=8)
    for i, v in enumerate(chart.values):
        ax.text(v, i, f" {v:g}", va="center", fontsize=7)
    _tidy(fig, ax)
    return fig


def svg(chart: Chart) -> str:
    fig = _figure(chart)
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "jigsaw"}):  # deterministic ids, no <text>
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    # Drop the XML prolog, the metadata, and the comments matplotlib writes with each label's text.
    return re.sub(r"<!--.*?-->|<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)


def png(chart: Chart, dpi: int = 150) -> bytes:
    fig = _figure(chart)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")  # cropped to what is drawn
    plt.close(fig)
    return buffer.getvalue()
