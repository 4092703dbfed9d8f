"""The interactive network's state, without a browser: expand, hide, pin, undo, caps, hostile events."""

from __future__ import annotations

from datetime import date

from explorer import graph_workspace
from explorer.graph_component import clean_event, page_html
from explorer.graph_model import ego_graph, ties_graph
from explorer.graph_workspace import Workspace
from explorer.pseudonymous_graph import pseudonymous


def _row(a, b, record, hop=1):
    return {
        "source_person": a,
        "target_person": b,
        "record_key": record,
        "agency": "Multi-Agency Safeguarding Hub (MASH)",
        "date": date(2024, 1, 1),
        "claim": "recorded_fact",
        "hop": hop,
    }


def _start() -> Workspace:
    return Workspace.from_graph(ego_graph("C", [_row("C", "A", "mash:1"), _row("C", "B", "mash:2")], {}), page="person")


def test_expanding_adds_the_persons_links_around_them_and_keeps_the_rest_in_place():
    ws = _start()
    before = dict(ws.positions)
    piece = ego_graph(
        "A",
        [_row("A", f"X{i:02d}", f"mash:A{i}") for i in range(30)] + [_row("A", "C", "mash:1")],
        {},
        max_neighbours=25,
    )
    added = ws.add(piece, around="A")
    assert added == 24 and "more:A" in ws.nodes and ws.nodes["more:A"].label == "and 6 more"  # C was on screen already
    assert all(ws.positions[p] == xy for p, xy in before.items())
    assert set(ws.people()) >= {"C", "A", "B", "X00"} and ws.version == 1
    assert ws.edges[("A", "C")].records == ("mash:1",)  # the same tie found again is one line


def test_hide_pin_and_undo_step_back_one_change_at_a_time():
    ws = _start()
    ws.hide(["B"])
    assert "B" not in ws.people() and ws.view()["hidden"] == ["B"]
    assert all("B" not in (e.source, e.target) for e in ws.visible().edges)
    ws.toggle_pin(["A"])
    assert ws.view()["pinned"] == ["A"]
    ws.undo()
    assert ws.view()["pinned"] == [] and ws.view()["hidden"] == ["B"]
    ws.undo()
    assert ws.view()["hidden"] == [] and "B" in ws.people()
    assert ws.undo() is False  # nothing left to undo
    ws.hide(["not-on-screen"])  # an id the screen does not hold changes nothing
    assert ws.history == []


def test_the_screen_never_holds_more_than_its_cap(monkeypatch):
    monkeypatch.setattr(graph_workspace, "MAX_ON_SCREEN", 10)
    ws = _start()
    piece = ego_graph("A", [_row("A", f"X{i:02d}", f"mash:A{i}") for i in range(20)], {}, max_neighbours=25)
    ws.add(piece, around="A")
    assert len(ws.people()) == 10 and ws.nodes["more:A"].label == "and 13 more"


def test_the_published_view_names_people_positions_hidden_pinned_and_page():
    ws = _start()
    ws.moved({"A": [12.5, -3], "ghost": [1, 1], "B": ["x", 1], "C": [float("inf"), 0]})
    view = ws.view()
    assert set(view) == {"people", "positions", "hidden", "pinned", "page"} and view["page"] == "person"
    assert view["people"] == ["A", "B", "C"] and view["positions"]["A"] == [12.5, -3.0]
    assert "ghost" not in view["positions"] and all(abs(x) < 1e7 for x, _ in view["positions"].values())


def test_a_connection_is_marked_as_the_path():
    ws = _start()
    piece = ties_graph(
        [
            {
                "a": "B",
                "b": "Z",
                "label": "HSB",
                "tooltip": "hsb: hsb:9",
                "claim": "allegation",
                "date": None,
                "record": "hsb:9",
            }
        ],
        {},
        centre={"B", "Z"},
    )
    ws.add(piece, around="B", path=True)
    assert ws.path == {("B", "Z")} and ws.edges[("B", "Z")].records == ("hsb:9",)


def test_events_from_the_browser_are_checked_as_hostile_input():
    assert clean_event({"event": "eval", "nodes": ["A"], "seq": "1"}) is None
    assert clean_event({"event": "expand", "nodes": "A", "seq": "1"}) is None
    assert clean_event({"event": "expand", "nodes": ["A"], "seq": 5}) is None
    event = clean_event({"event": "hide", "nodes": ["A"] * 500 + [{"x": 1}, "B" * 1000], "seq": "9", "positions": [1]})
    assert event["nodes"] == ["A"] * 50 and event["positions"] == {}


def test_the_component_page_fetches_nothing_and_parses_no_data_as_html():
    page = page_html()
    assert (
        "default-src 'none'" in page and "vis.Network" in page and "toDataURL" not in page
    )  # no image saved unaudited
    head = page.split("<script>")[0]
    assert " src=" not in head and "http:" not in head.split("<style>")[0] and "https:" not in head.split("<style>")[0]
    behaviour = page.rsplit("<script>", 1)[1]
    assert "innerHTML" not in behaviour and "textContent" in behaviour and "event.source !== window.parent" in behaviour


def test_mase_pieces_carry_no_record_ids():
    piece = pseudonymous(_start().visible(), b"k" * 32, "MASE-1")
    assert all(e.records == () and "mash:" not in e.tooltip for e in piece.edges)
    assert all(n.id.startswith("n-") for n in piece.nodes)


def test_and_n_more_adds_the_next_page_and_its_count_replaces_the_old_one():
    rows = [_row("C", f"X{i:02d}", f"mash:C{i}") for i in range(60)]
    ws = Workspace.from_graph(ego_graph("C", rows, {}, max_neighbours=25), page="person")
    assert len(ws.people()) == 26 and ws.nodes["more:C"].label == "and 35 more"
    for left, expected in ((10, 51), (0, 61)):
        # What graph_panel does on a click on "and N more": C's links to people not yet on screen, one page.
        page = [r for r in rows if r["target_person"] not in ws.nodes]
        added = ws.add(ego_graph("C", page, {}, max_neighbours=25), around="C", next_page=True)
        assert added == min(25, len(page)) and len(ws.people()) == expected
        more = [n for n in ws.nodes.values() if n.category == "more"]
        assert [n.label for n in more] == ([f"and {left} more"] if left else [])  # one count, never added up
    assert ("C", "more:C") not in ws.edges and ws.undo() and ws.nodes["more:C"].label == "and 10 more"


def test_a_new_set_of_filters_starts_a_new_workspace_that_keeps_them():
    ws = Workspace.from_graph(
        ego_graph("C", [_row("C", "A", "mash:1")], {}), page="person", filters={"borough": "Hackney"}
    )
    assert ws.filters == {"borough": "Hackney"}
    from explorer.graph_panel import _signature

    graph = ego_graph("C", [_row("C", "A", "mash:1")], {})
    assert _signature(graph, "t", {}) != _signature(graph, "t", {"borough": "Hackney"})
