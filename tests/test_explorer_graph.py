"""The explorer's drawing logic, without a browser: categories, caps, layout, escaping, exports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd

from explorer.graph_html import render_html, render_svg, vis_data
from explorer.graph_model import ego_graph, layout, ties_graph
from explorer.graph_style import category
from jigsaw.pseudonyms import age_on, mase_label, pseudonym
from jigsaw.spreadsheet_safe import neutralise, safe_csv

HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'


def _row(a, b, record, hop=1, claim="recorded_fact", when=date(2024, 1, 1)):
    return {
        "source_person": a,
        "target_person": b,
        "record_key": record,
        "agency": "Multi-Agency Safeguarding Hub (MASH)",
        "date": when,
        "claim": claim,
        "hop": hop,
        "source_role": "child_at_risk",
        "target_role": "associate",
    }


def test_a_child_harmed_and_named_as_harming_is_drawn_as_both():
    assert category(["child_at_risk", "suspected_perpetrator"]) == "both"
    assert category(["child_harmed", "child_displaying_hsb"]) == "both"
    assert category(["child_at_risk", "gang_nominal"]) == "child"
    assert category(["gang_nominal"]) == "nominal"
    assert category(["suspected_perpetrator", "gang_nominal"]) == "suspect"
    assert category(["associate"]) == "other"


def test_expansion_is_capped_with_an_and_n_more_node():
    rows = [_row("C", f"N{i:02d}", f"mash:R{i}") for i in range(40)]
    graph = ego_graph("C", rows, {}, max_neighbours=10)
    people = [n for n in graph.nodes if n.category != "more"]
    more = [n for n in graph.nodes if n.category == "more"]
    assert len(people) == 11 and len(more) == 1 and more[0].label == "and 30 more" and graph.hidden == 30


def test_hard_cap_limits_the_drawing():
    rows = [_row("C", f"N{i}", f"mash:R{i}") for i in range(100)]
    graph = ego_graph("C", rows, {}, max_neighbours=1000, hard_cap=20)
    assert len([n for n in graph.nodes if n.category != "more"]) == 20 and graph.hidden == 81


def test_edges_are_dashed_unless_a_record_states_a_fact():
    rows = [
        _row("A", "B", "mash:R1", claim="allegation"),
        _row("A", "C", "mash:R2"),
        _row("A", "C", "matrix:G1", claim="intelligence"),
    ]
    graph = ego_graph("A", rows, {})
    dashed = {(e.source, e.target): e.dashed for e in graph.edges}
    assert dashed == {("A", "B"): True, ("A", "C"): False}
    assert {e.label for e in graph.edges} == {"MASH"}


def test_layout_is_deterministic_and_packs_separate_groups():
    links = [
        {"a": "A", "b": "B", "label": "MASH"},
        {"a": "C", "b": "D", "label": "HSB"},
        {"a": "E", "b": "F", "label": "MASH"},
    ]
    first, second = ties_graph(links, {}), ties_graph(links, {})
    assert first.positions == second.positions
    assert len({(round(x), round(y)) for x, y in first.positions.values()}) == 6
    assert layout(ties_graph([], {})) == {}


def test_hostile_names_never_reach_the_page_as_markup():
    cards = {"A": {"person_id": "A", "name": HOSTILE, "roles": ["child_at_risk"], "records": 1, "agencies": [HOSTILE]}}
    graph = ego_graph("A", [_row("A", "B", "mash:R1")], cards)
    page = render_html(graph, title=f"Network around {HOSTILE}", caption=HOSTILE)
    assert "<img" not in page and "<script>alert" not in page
    assert page.count("</script>") == 3  # the data, vis-network and our script: nothing closes one early
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["nodes"][0]["label"] == HOSTILE  # the data survives intact, as data
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page), "no external script or stylesheet"


def test_svg_export_is_well_formed_and_escaped():
    cards = {"A": {"person_id": "A", "name": HOSTILE, "roles": ["both"], "records": 2}}
    graph = ego_graph("A", [_row("A", "B", "mash:R1", claim="allegation")], cards)
    svg = render_svg(graph, title=HOSTILE)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert HOSTILE in texts and "<img" not in svg
    assert 'stroke-dasharray="6,4"' in svg


def test_png_export_is_drawn_on_the_server_and_takes_names_literally():
    from io import BytesIO

    from matplotlib.image import imread

    from explorer.graph_png import render_png

    names = {"A": HOSTILE, "B": r"$\frac{1}{0}$ \undefined{x} $$ Smith"}  # mathtext or TeX would fail on these
    cards = {k: {"person_id": k, "name": v, "roles": ["child_at_risk"], "records": 1} for k, v in names.items()}
    rows = [_row("A", "B", "mash:R1", claim="allegation"), _row("A", "C", "mash:R2", when=date(2025, 1, 1))]
    graph = ego_graph("A", rows, cards)
    png = render_png(graph, title=names["B"], until=date(2024, 12, 31))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"matplotlib" not in png.lower()
    height, width, _ = imread(BytesIO(png)).shape
    assert (width, height) == (1800, 1350)
    assert render_png(ego_graph("A", [], {}), title="empty").startswith(b"\x89PNG")


def test_the_date_slider_hides_links_recorded_later():
    rows = [_row("A", "B", "mash:R1", when=date(2023, 1, 1)), _row("A", "C", "mash:R2", when=date(2024, 6, 1))]
    graph = ego_graph("A", rows, {})
    assert len(vis_data(graph, until=date(2023, 12, 31))["edges"]) == 1
    assert len(vis_data(graph)["edges"]) == 2


def test_pseudonyms_are_stable_within_a_meeting_and_differ_between_meetings():
    assert pseudonym("P-1", "MASE-11") == pseudonym("P-1", "MASE-11")
    assert pseudonym("P-1", "MASE-11") != pseudonym("P-1", "MASE-12")
    assert re.fullmatch(r"YP-[A-HJ-NP-Z]{2}\d\d", pseudonym("P-1", "MASE-11"))
    label = mase_label(
        {"person_id": "P-1", "name": "Amelia Hughes", "dob": date(2008, 3, 1)}, "MASE-11", date(2024, 2, 29)
    )
    assert "Amelia" not in label and label.endswith(", 15")
    assert age_on(date(2008, 3, 1), date(2024, 3, 1)) == 16


def test_csv_exports_cannot_run_as_spreadsheet_formulas():
    assert (
        neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
        and neutralise("+1") == "'+1"
        and neutralise("Amelia") == "Amelia"
    )
    text = safe_csv(pd.DataFrame([{"name": "@SUM(A1)", "names": ["-x", "ok"], "n": -3}])).decode("utf-8-sig")
    assert "'@SUM(A1)" in text and "'-x; ok" in text and ",-3" in text


def test_large_networks_are_laid_out_in_rings_quickly():
    import time

    rows = [_row("C" if i < 40 else f"N{i % 40}", f"N{i}", f"mash:R{i}", hop=1 if i < 40 else 2) for i in range(1200)]
    began = time.monotonic()
    graph = ego_graph("C", rows, {}, max_neighbours=100)
    elapsed = time.monotonic() - began
    print(f"1,200-person ego network laid out in {elapsed:.3f}s")
    assert len(graph.positions) == len(graph.nodes) > 1000 and graph.positions["C"] == (0.0, 0.0)
    radius = lambda n: round((graph.positions[n][0] ** 2 + graph.positions[n][1] ** 2) ** 0.5)
    assert radius("N0") < radius("N40")  # one step out sits inside two steps out


def test_agency_text_cannot_become_markdown_links_or_markup():
    from jigsaw.text import plain

    hostile = "[Amelia](https://example.org/x) **Hughes** <img src=x> # heading"
    escaped = plain(hostile)
    assert "](" not in escaped.replace("\\](", "").replace("\\(", "") and "\\[" in escaped and "\\<img" in escaped
    assert escaped.replace("\\", "") == hostile  # nothing lost, only escaped
