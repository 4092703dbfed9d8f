"""Time from request to a drawn, interactive network in headless Chromium, at 300, 1,000 and 3,000 people;
and (--expand) the time to expand a person in the running explorer, click to redrawn network.

    .venv/bin/python -m bench.drawing                 # needs Debian's chromium (JIGSAW_WITH_BROWSER=1 setup.sh)
    .venv/bin/python -m bench.drawing --sizes 300 1000
    .venv/bin/python -m bench.drawing --expand --scale M   # loads M into the benchmark server (bench_server.py)

For each size: the layout and page built in Python (the explorer's own ego_graph and
render_html), then the page drawn in Chromium until vis-network reports it has drawn
(`body[data-drawn=yes]`), with physics off (the explorer's choice above 150 people) and on
(stabilised in the browser), to show why. The reference in the same run is the same page
with one person: what loading vis-network and drawing anything costs.
"""

from __future__ import annotations

import argparse
import shutil
import time

from bench.output import print_figures
from explorer.graph_html import render_html
from explorer.graph_model import ego_graph

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def rows_for(size: int) -> list[dict]:
    """A centre with 40 direct ties, each with its own ring of further ties: `size` people in all."""
    return [
        {
            "source_person": "C" if i < 40 else f"N{i % 40}",
            "target_person": f"N{i}",
            "record_key": f"mash:R{i}",
            "agency": "MASH",
            "date": None,
            "claim": "recorded_fact",
            "hop": 1 if i < 40 else 2,
        }
        for i in range(size - 1)
    ]


def draw_seconds(page, html: str, timeout_ms: int = 120_000) -> float:
    began = time.perf_counter()
    page.set_content(html)
    page.locator("body[data-drawn=yes]").wait_for(timeout=timeout_ms)
    return time.perf_counter() - began


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1000, 3000])
    parser.add_argument("--physics-up-to", type=int, default=1000, help="Also time physics on up to this size.")
    parser.add_argument(
        "--expand", action="store_true", help="Time expanding people in the explorer instead (bench/drawing_expand.py)."
    )
    parser.add_argument("--scale", choices=["demo", "S", "M", "L"], default="M", help="demo: fixtures/demo.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--people", type=int, default=8, help="How many people to expand (--expand).")
    args = parser.parse_args()
    if args.expand:
        from bench.drawing_expand import measure

        print_figures(measure(args.scale, args.seed, args.people))
        return
    figures: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        one = ego_graph("C", [], {})
        draw_seconds(page, render_html(one, title="one"))  # warm the browser
        figures["reference_one_person_seconds"] = round(draw_seconds(page, render_html(one, title="one")), 2)
        for size in args.sizes:
            began = time.perf_counter()
            graph = ego_graph("C", rows_for(size), {}, max_neighbours=size, hard_cap=size + 1)
            html = render_html(graph, title=f"{size} people", physics=False)
            figures[f"n{size}_nodes"] = len(graph.nodes)
            figures[f"n{size}_layout_and_page_seconds"] = round(time.perf_counter() - began, 2)
            figures[f"n{size}_drawn_physics_off_seconds"] = round(draw_seconds(page, html), 2)
            figures[f"n{size}_ratio_to_reference"] = round(
                figures[f"n{size}_drawn_physics_off_seconds"] / figures["reference_one_person_seconds"], 1
            )
            if size <= args.physics_up_to:
                figures[f"n{size}_drawn_physics_on_seconds"] = round(
                    draw_seconds(page, render_html(graph, title="x", physics=True)), 2
                )
        browser.close()
    print_figures(figures)


if __name__ == "__main__":
    main()
