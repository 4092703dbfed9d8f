"""The graph panel shared by the Person, Connections, Peer groups, Gang overlap and MASE pages:
the drawing, a date slider that replays how the network grew, and exports (each one audited)."""

from __future__ import annotations

import re
from functools import partial

import streamlit as st

from . import downloads
from .graph_html import render_html, render_svg
from .graph_png import render_png
from .graph_model import HARD_CAP, DrawnGraph


def _file_stem(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "jigsaw"


def show(graph: DrawnGraph, *, title: str, key: str, height: int = 600, large_type: bool = False,
         people: list[str] | None = None) -> None:  # fmt: skip
    """`people`: the person ids the audit trail names for a download, when the drawing's node ids
    are not person ids (the MASE screen's are opaque)."""
    if not graph.nodes:
        st.info("Nothing to draw with these filters.")
        return
    if graph.hidden:
        st.caption(f"{graph.hidden} more people are not drawn (shown as 'and N more'). Narrow the filters to see them.")
    if len(graph.nodes) >= HARD_CAP:
        st.warning(f"This network has more than {HARD_CAP:,} people; only the closest are drawn. Filter by date, role or borough.")
    dates = sorted({e.first_date for e in graph.edges if e.first_date is not None})
    until = None
    if len(dates) > 1:
        until = st.select_slider("Replay: links recorded up to", options=dates, value=dates[-1], key=f"{key}-until",
                                 format_func=lambda d: d.strftime("%d %b %Y"))  # fmt: skip
    physics = False
    if len(graph.nodes) <= 150:
        physics = st.toggle("Let the layout move (physics)", value=False, key=f"{key}-physics")
    page = render_html(graph, title=title, height=height, physics=physics, until=until, large_type=large_type)
    st.iframe(page, height=height + 110)  # our own page: data enters it only as escaped JSON (graph_html)
    left, middle, right = st.columns(3)
    stem = _file_stem(title)
    # Every saved file is made only on a click, which is first recorded as a disclosure.
    if people is None:
        people = sorted(n.id for n in graph.nodes if n.category != "more")
    with left:
        downloads.offer("Download as HTML", lambda: page.encode(), file_name=f"{stem}.html", mime="text/html",
                        key=f"{key}-html", action="export graph", title=title, format="html", people=people)  # fmt: skip
    with middle:
        downloads.offer("Download as SVG", lambda: render_svg(graph, title=title, until=until).encode(),
                        file_name=f"{stem}.svg", mime="image/svg+xml", key=f"{key}-svg", action="export graph",
                        title=title, format="svg", people=people)  # fmt: skip
    with right:
        # Drawn only when asked for (a large network takes a second or two).
        downloads.offer("Download as PNG", partial(render_png, graph, title=title, until=until), file_name=f"{stem}.png",
                        mime="image/png", key=f"{key}-png", action="export graph", title=title, format="png", people=people)  # fmt: skip
