"""The interactive network shared by the Person, Connections, Peer groups, Gang overlap, Queries
and MASE pages: the drawing (explorer/graph_component), what a click does, a date slider that
replays how the network grew, and exports of what is on screen (each one audited).

What a click does: a click opens the person's card (graph_card); a double-click (or "Expand
links") runs `ego_network` one step out for that person and adds their links, capped as the
first drawing is ("and N more") and keeps to the page's filters (roles, dates, borough); a
click on "and N more" adds that person's next 25 links not yet on screen (the same query and
filters); "Hide", "Pin / unpin" and "Undo" change only the screen;
selecting two people and "How do these two connect?" runs `connection_paths` and draws the
chain, with the record behind each step listed under the network. Every query is a
catalogue query through explorer.data (scoped to the reader, audited with the session's
purpose); an expansion is also an audit event of its own naming the person expanded. Only
people on screen can be clicked: an id the screen does not hold is ignored.

The network on screen is published for other parts of the explorer (investigations save it):

    st.session_state["network_view"] = {
        "people": [person ids on screen, sorted],
        "positions": {person id: [x, y]},     # vis-network coordinates, as last reported by the browser
        "hidden": [person ids hidden],
        "pinned": [person ids pinned],
        "page": "person" | "connections" | "peer_groups" | "gang_overlap" | "queries" | "mase",
    }

It always holds real person ids (it never leaves the server). In MASE mode the browser sees
only opaque ids (explorer/pseudonymous_graph) and the panel maps them back itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import partial

import streamlit as st

from jigsaw.pseudonyms import opaque
from jigsaw.text import day

from . import downloads, graph_card, session
from .data import person_cards, run_rows
from .graph_component import clean_event, network
from .graph_html import render_html, render_svg, vis_data
from .graph_model import HARD_CAP, MAX_NEIGHBOURS, DrawnGraph, ego_graph, short_agency, ties_graph
from .graph_png import render_png
from .graph_style import CATEGORIES, EDGE_DASHED, EDGE_SOLID
from .graph_workspace import MAX_ON_SCREEN, PATH_COLOUR, Workspace
from .pseudonymous_graph import MASE_CONTEXT, pseudonymous

PATH_MAX_RECORDS = 4  # records in a chain drawn from the network (the Connections page lets you choose up to 8)
LINK_FILTERS = ("roles", "date_from", "date_to", "borough")  # person_links' optional filters, as ego_network's


@dataclass(frozen=True)
class Mase:
    """MASE mode: opaque ids in the browser, pseudonym labels, the reveal step on the card."""

    secret: bytes
    meeting: str


def _file_stem(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "jigsaw"


def _signature(graph: DrawnGraph, title: str, filters: dict) -> str:
    """What the page drew first: when it changes (new person, new filters), the work starts afresh."""
    text = title + "\x00" + "\x00".join(sorted(graph.node_ids)) + "\x00" + str(len(graph.edges))
    text += "\x00" + repr(sorted(filters.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def show(
    graph: DrawnGraph,
    *,
    title: str,
    key: str,
    height: int = 600,
    large_type: bool = False,
    people: list[str] | None = None,
    page: str | None = None,
    label=None,
    mase: Mase | None = None,
    filters: dict | None = None,
) -> None:
    """Draw `graph` as an interactive network. `label(card)` labels people added by a click (names
    by default; pseudonyms in MASE mode). `filters` are the page's filters as `person_links`
    parameters (roles, date_from, date_to, borough): every expansion applies them, so nobody the
    page filtered out comes back through a click. `people` is accepted for callers of the old
    panel: the audit trail now always names the real people on screen."""
    if not graph.nodes:
        st.info("Nothing to draw with these filters.")
        return
    if graph.hidden:
        st.caption(
            f"{graph.hidden} more people are not drawn (shown as 'and N more'). Click one to add the next "
            f"{MAX_NEIGHBOURS}, or narrow the filters."
        )
    if len(graph.nodes) >= HARD_CAP:
        st.warning(
            f"This network has more than {HARD_CAP:,} people; only the closest are drawn. Filter by date, "
            "role or borough."
        )
    page = page or key
    filters = {k: v for k, v in (filters or {}).items() if k in LINK_FILTERS and v not in (None, [], "")}
    signature = _signature(graph, title, filters)
    held = st.session_state.get(f"{key}-workspace")
    if not isinstance(held, Workspace) or held.signature != signature:
        fresh = Workspace.from_graph(graph, page=page, signature=signature, filters=filters)
        if isinstance(held, Workspace):  # the same frame is still on screen: a new number makes it redraw
            fresh.version = held.version + 1
        st.session_state[f"{key}-workspace"] = fresh
        st.session_state.pop(f"{key}-card", None)
        st.session_state.pop(f"{key}-steps", None)
        st.session_state.pop(f"{key}-card-data", None)
    _panel(key=key, title=title, height=height, large_type=large_type, label=label, mase=mase)


@st.fragment
def _panel(*, key: str, title: str, height: int, large_type: bool, label, mase: Mase | None) -> None:
    """Only this part reruns on a click: the page's own queries are not run again."""
    ws: Workspace = st.session_state[f"{key}-workspace"]
    label = label or (lambda card: card.get("name") or card["person_id"])
    outward, inward = _ids(ws, mase)
    event = clean_event(st.session_state.get(f"{key}-network"))
    if event and event["seq"] != st.session_state.get(f"{key}-seq"):
        st.session_state[f"{key}-seq"] = event["seq"]
        _handle(event, ws, key=key, label=label, inward=inward)
        outward, inward = _ids(ws, mase)
    st.session_state["network_view"] = ws.view()

    shown = ws.visible()
    dates = sorted({e.first_date for e in shown.edges if e.first_date is not None})
    until = None
    if len(dates) > 1:
        until = st.select_slider(
            "Replay: links recorded up to",
            options=dates,
            value=dates[-1],
            key=f"{key}-until",
            format_func=day,
        )
    physics = False
    if len(shown.nodes) <= 150:
        physics = st.toggle("Let the layout move (physics)", value=False, key=f"{key}-physics")
    drawn = pseudonymous(_revealed(shown, mase.meeting), mase.secret, mase.meeting) if mase else shown
    args = _args(ws, drawn, outward, title=title, height=height, large_type=large_type, physics=physics, until=until)
    network(args, key=f"{key}-network")
    if len(ws.people()) >= MAX_ON_SCREEN:
        st.caption(f"The screen holds at most {MAX_ON_SCREEN:,} people: hide some before expanding more.")

    person = st.session_state.get(f"{key}-card")
    if person in ws.nodes and person not in ws.hidden:
        if mase:
            graph_card.show_mase(person, ws, meeting=mase.meeting, key=key, label=label)
        else:
            graph_card.show(person, ws, page=ws.page, key=key, label=label)
    _steps(key, ws, mase)
    _downloads(drawn, ws, title=title, key=key, until=until, large_type=large_type, height=height, physics=physics)


def _revealed(shown: DrawnGraph, meeting: str) -> DrawnGraph:
    """MASE: the names the chair revealed for this meeting (graph_card.REVEALED, server-side) beside
    their pseudonyms; nobody else's. Another meeting's reveals are not this one's."""
    names = st.session_state.get(graph_card.REVEALED, {}).get(meeting, {})
    if not names:
        return shown
    nodes = [replace(n, label=f"{n.label} ({names[n.id]})") if n.id in names else n for n in shown.nodes]
    return DrawnGraph(nodes, shown.edges, shown.positions, shown.hidden)


def _ids(ws: Workspace, mase: Mase | None):
    """Ids as the browser sees them (opaque in MASE mode) and the way back, for people on screen only."""
    if mase is None:
        return (lambda i: i), {i: i for i in ws.nodes}
    context = MASE_CONTEXT.format(meeting=mase.meeting)
    out = {i: opaque(mase.secret, context, i, prefix="n-") for i in ws.nodes}
    return out.__getitem__, {v: k for k, v in out.items()}


def _handle(event: dict, ws: Workspace, *, key: str, label, inward: dict) -> None:
    people = [inward[i] for i in event["nodes"] if i in inward and not inward[i].startswith("more:")]
    more = [inward[i][len("more:") :] for i in event["nodes"] if i in inward and inward[i].startswith("more:")]
    positions = {inward[i]: xy for i, xy in event["positions"].items() if i in inward} if event["positions"] else {}
    ws.moved(positions)
    kind = event["event"]
    if kind == "card" and people:
        st.session_state[f"{key}-card"] = people[0]
    elif kind == "expand" and people:
        _expand(ws, people[0], label=label)
    elif kind == "more" and more and more[0] in ws.nodes and more[0] not in ws.hidden:
        _expand(ws, more[0], label=label, next_page=True)
    elif kind == "hide":
        ws.hide(people)
    elif kind == "pin":
        ws.toggle_pin(people)
    elif kind == "undo":
        ws.undo()
    elif kind == "path" and len(people) == 2:
        _connect(ws, people[0], people[1], key=key, label=label)


def _expand(ws: Workspace, person: str, *, label, next_page: bool = False) -> None:
    """Add `person`'s links (one step, the page's filters). `next_page` ("and N more" clicked): only
    links to people not yet on screen (nor hidden), the strongest MAX_NEIGHBOURS of them."""
    if len(ws.people()) >= MAX_ON_SCREEN:
        return
    session.log("consultation", "expand network", page=ws.page, people=[person], next_page=next_page)
    rows = run_rows("person_links", page=ws.page, person_id=person, **ws.filters)
    if next_page:
        rows = [r for r in rows if r["target_person"] not in ws.nodes]
    others = sorted({r["source_person"] for r in rows} | {r["target_person"] for r in rows} | {person})
    piece = ego_graph(person, rows, person_cards(others, page=ws.page), label=label, max_neighbours=MAX_NEIGHBOURS)
    ws.add(piece, around=person, next_page=next_page)


def _connect(ws: Workspace, first: str, second: str, *, key: str, label) -> None:
    steps = run_rows(
        "connection_paths", page=ws.page, from_person=first, to_person=second, max_records=PATH_MAX_RECORDS
    )
    st.session_state[f"{key}-steps"] = (first, second, steps)
    if not steps:
        return
    ends = {p for s in steps for p in (s["from_person"], s["to_person"]) if p}
    cards = person_cards(sorted(ends | {first, second}), page=ws.page)
    links = [
        {
            "a": a,
            "b": b,
            "label": short_agency(s["agency"] or s["via_kind"] or ""),
            "claim": s["claim"],
            "tooltip": f"{s['via_kind']}: {s['via']}" + (f" (at {place})" if place else ""),
            "date": s["date"],
            "record": s["via"] if s["agency"] else None,
        }
        for a, b, place, s in _person_steps(steps)
        if a != b
    ]
    piece = ties_graph(links, cards, centre={first, second}, label=label)
    ws.add(piece, around=first, path=True)


def _person_steps(steps: list[dict]):
    """(from person, to person, shared place, step) for drawing: two records that meet at a place
    (connection_paths gives each its own step, ending or starting at the place) become one tie
    between the people they name, through that place; the network draws people only."""
    waiting: dict = {}  # chain -> (person, place) left at a place by the step before
    for s in sorted(steps, key=lambda s: (s["path"], s["step"])):
        start, place = s["from_person"], None
        if not start and s.get("from_place") and s["path"] in waiting:
            start, place = waiting.pop(s["path"])
        if start and s["to_person"]:
            yield start, s["to_person"], place, s
        elif start and s.get("to_place"):
            waiting[s["path"]] = (start, s["to_place"])


def _steps(key: str, ws: Workspace, mase: Mase | None) -> None:
    """The chain last drawn, one row per step with the record (or shared place) behind it."""
    held = st.session_state.get(f"{key}-steps")
    if not held:
        return
    first, second, steps = held
    name = lambda p: ws.nodes[p].label if p in ws.nodes else "someone not on screen"
    if not steps:
        st.info(
            f"No chain of up to {PATH_MAX_RECORDS} records joins {name(first)} and {name(second)} in what you may see."
        )
        return
    import pandas as pd

    from . import tables

    end = lambda person, place: name(person) if person else ("a place" if mase else f"place: {place}")
    rows = [
        {
            "chain": s["path"],
            "step": s["step"],
            "from": end(s["from_person"], s.get("from_place")),
            "through": s["via_kind"] if mase else s["via"],
            "agency": s["agency"],
            "date": s["date"],
            "to": end(s["to_person"], s.get("to_place")),
            "recorded as": s["claim"],
        }
        for s in steps
    ]
    st.caption(
        f"How {name(first)} and {name(second)} connect: {len({s['path'] for s in steps})} chain(s), shortest first "
        "(drawn in thick blue)."
    )
    tables.show(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "chain": "Chain",
            "step": "Step",
            "from": "From",
            "through": "Through (record or place)",
            "agency": "Agency",
            "date": "Date",
            "to": "To",
            "recorded as": "Recorded as",
        },
    )


def _args(
    ws: Workspace, drawn: DrawnGraph, outward, *, title: str, height: int, large_type: bool, physics: bool, until
) -> dict:
    """The component's data: vis-network's nodes and edges, with pins and the connection marked."""
    data = vis_data(drawn, physics=physics, until=until, large_type=large_type)
    pinned = {outward(p) for p in ws.pinned if p in ws.nodes}
    path = {tuple(sorted((outward(a), outward(b)))) for a, b in ws.path if a in ws.nodes and b in ws.nodes}
    more = {outward(n) for n, node in ws.nodes.items() if node.category == "more"}
    for node in data["nodes"]:
        if node["id"] in more:
            node["more"] = True  # clickable for the next page of links (ids are opaque in MASE mode)
        if node["id"] in pinned:
            node["fixed"] = True
            node["borderWidth"] = 4
            node["shapeProperties"] = {"borderDashes": [5, 3]}
            node["label"] = node["label"] + " (pinned)"
    for edge in data["edges"]:
        edge["id"] = edge["from"] + "|" + edge["to"]
        if tuple(sorted((edge["from"], edge["to"]))) in path:
            edge["color"] = {"color": PATH_COLOUR, "highlight": PATH_COLOUR, "hover": PATH_COLOUR}
            edge["width"] = 5
    data["options"]["interaction"]["multiselect"] = True
    used = {n.category for n in drawn.nodes}
    legend = [
        {"label": style.label, "colour": style.colour, "shape": style.shape}
        for k, style in CATEGORIES.items()
        if k in used
    ]
    legend += [{"label": EDGE_SOLID, "line": "solid"}, {"label": EDGE_DASHED, "line": "dashed"}]
    if path:
        legend.append({"label": "how the two selected connect", "line": "path"})
    tools = {"expand": len(ws.people()) < MAX_ON_SCREEN, "connect": True, "undo": bool(ws.history)}
    return {
        "graph": data,
        "version": ws.version,
        "title": title,
        "height": height,
        "large": large_type,
        "legend": legend,
        "tools": tools,
    }


def _downloads(
    drawn: DrawnGraph, ws: Workspace, *, title: str, key: str, until, large_type: bool, height: int, physics: bool
) -> None:
    """HTML, SVG and PNG of what is on screen (hidden people left out, positions as the analyst left them)."""
    left, middle, right = st.columns(3)
    stem = _file_stem(title)
    people = ws.people()  # the audit trail names the real people; MASE files carry opaque ids only
    # Every saved file is made only on a click, which is first recorded as a disclosure.
    with left:
        downloads.offer(
            "Download as HTML",
            lambda: render_html(
                drawn, title=title, height=height, physics=physics, until=until, large_type=large_type
            ).encode(),
            file_name=f"{stem}.html",
            mime="text/html",
            key=f"{key}-html",
            action="export graph",
            title=title,
            format="html",
            people=people,
        )
    with middle:
        downloads.offer(
            "Download as SVG",
            lambda: render_svg(drawn, title=title, until=until).encode(),
            file_name=f"{stem}.svg",
            mime="image/svg+xml",
            key=f"{key}-svg",
            action="export graph",
            title=title,
            format="svg",
            people=people,
        )
    with right:
        # Drawn only when asked for (a large network takes a second or two).
        downloads.offer(
            "Download as PNG",
            partial(render_png, drawn, title=title, until=until),
            file_name=f"{stem}.png",
            mime="image/png",
            key=f"{key}-png",
            action="export graph",
            title=title,
            format="png",
            people=people,
        )
