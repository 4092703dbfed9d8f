"""Expanding a person in the running explorer: double-click to the new people drawn, in headless Chromium.

Run through bench/drawing.py (`--expand --scale demo|S|M`). Loads the data set (the demo fixtures,
or a generated one) into the benchmark server (bench_server.py; kept when it already holds exactly
that set), then picks, among a seeded sample, a person whose first drawing (ego_network two steps
out, capped as the explorer caps it: explorer.graph_model.ego_graph) has people at its rim with
links not yet drawn: an expansion that adds nobody times nothing. It starts the explorer on a free
port with an account of its own, opens that person's profile and double-clicks those rim people one
after another. Each expansion is timed from the double-click until the frame holds more people than
before and has painted them (the next animation frame). The reference measured in the same run is a
click that changes the screen without a query (hide, then undo): what a round trip through
Streamlit costs on this machine.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.bench_server import bench_driver
from bench.load_rate import generate, load_once
from explorer.graph_model import ego_graph
from jigsaw import accounts, catalogue
from jigsaw.access import Scope, UserRole
from jigsaw.bounded_read import QueryTooCostly
from jigsaw.cypher_files import load as cypher
from tests.paths import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FRAME = 'iframe[title="explorer.graph_component.jigsaw_network"]'
PASSWORD = "a benchmark passphrase"
SAMPLE = 80  # people tried, in a seeded order, for a first drawing whose rim still has links to draw
DEMO = REPO_ROOT / "fixtures" / "demo"
MISSED: list[int] = []  # clicks the frame never answered (a double-click that missed its person)


def _run(driver, database: str, name: str, params: dict) -> list[dict]:
    try:
        return catalogue.run(driver, database, name, params, scope=Scope()).rows
    except QueryTooCostly:  # a cold server on a busy machine: the plan is made now, the next run is quick
        return catalogue.run(driver, database, name, params, scope=Scope()).rows


def _with_undrawn_rim(driver, database: str, seed: int, wanted: int) -> tuple[str, str, dict[str, set], dict]:
    """A person whose first drawing has at least `wanted` rim people with links not drawn yet (or the most
    such people found), those rim people (most undrawn links first) with the people they are tied to, and
    what was tried."""
    people = [
        r["id"] for r in driver.execute_query(cypher("bench/sample_people"), database_=database, routing_="r").records
    ]
    random.Random(seed).shuffle(people)
    best: tuple[int, str, dict[str, set]] = (-1, "", {})
    tried = 0
    for person in people[:SAMPLE]:
        tried += 1
        graph = ego_graph(person, _run(driver, database, "ego_network", {"person_id": person, "hops": 2}), {})
        drawn = {n.id for n in graph.nodes if n.category != "more"}
        farthest = max((n.hop for n in graph.nodes if n.category != "more"), default=0)
        if farthest == 0:
            continue
        rim = [n.id for n in graph.nodes if n.category != "more" and n.hop == farthest]
        ties = {p: {r["target_person"] for r in _run(driver, database, "person_links", {"person_id": p})} for p in rim}
        ready = sorted((p for p in rim if ties[p] - drawn), key=lambda p: (-len(ties[p] - drawn), p))
        if len(ready) > best[0]:
            best = (len(ready), person, {p: ties[p] for p in ready})
        if len(ready) >= wanted:
            break
    _, person, ready = best
    name = _run(driver, database, "person_cards", {"person_ids": [person]})[0]["name"]
    return person, name, ready, {"centres_tried": tried, "rim_people_with_undrawn_links": len(ready)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_explorer(settings, home: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ) | {
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": settings.password(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "JIGSAW_HOME": str(home),
        "JIGSAW_USER": "bench.analyst",
    }
    app = subprocess.Popen(
        [sys.executable, "-c", "from jigsaw_cli import app; app()", "explore", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return app, url
        except OSError:
            time.sleep(0.3)
    app.kill()
    raise SystemExit("the explorer did not start")


def _wait_grown(frame, version: int, people: int, timeout: float = 30.0) -> bool | None:
    """Until the frame has redrawn with more people than `people` (any redraw when `people` < 0), then one
    animation frame (painted). False when it redrew without anyone new (an expansion whose strongest 25
    links were all on screen already)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = frame.evaluate("() => [Number(document.body.dataset.version), Number(document.body.dataset.people)]")
        if now[0] > version and (people < 0 or now[1] > people):
            frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            return True
        if now[0] > version:  # redrawn (version and people are set together), nobody new
            return False
        time.sleep(0.005)
    return None  # never redrawn: the click missed (counted, not timed)


def _point(page, frame, node: str) -> tuple[float, float]:
    frame.evaluate("id => window.jigsawNetwork.focus(id, {scale: 1.2, animation: false})", node)
    x, y = frame.evaluate(
        """id => { const n = window.jigsawNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
        node,
    )
    box = page.locator(FRAME).first.bounding_box()
    return box["x"] + x, box["y"] + y


def _timed(page, frame, act, *, grows: bool) -> tuple[float, int]:
    """Seconds from `act` to the redrawn (and, if `grows`, larger) network; people added."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=180_000)
    version, people = frame.evaluate(
        "() => [Number(document.body.dataset.version), Number(document.body.dataset.people)]"
    )
    began = time.perf_counter()
    act()
    grew = _wait_grown(frame, version, people if grows else -1)
    seconds = time.perf_counter() - began
    if grew is None:
        MISSED.append(1)
    return (seconds if grew else None), int(frame.evaluate("() => Number(document.body.dataset.people)")) - people


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def measure(scale: str, seed: int, expansions: int) -> dict:
    from playwright.sync_api import sync_playwright

    folder = DEMO if scale == "demo" else generate(scale, None, seed)
    figures: dict = {"data": folder.name if scale != "demo" else "demo fixtures"}
    with bench_driver() as (driver, database, settings):
        load_once(driver, database, folder)
        _centre, name, rim, chosen = _with_undrawn_rim(driver, database, seed, expansions)
        figures |= chosen
        home = Path(tempfile.mkdtemp(prefix="jigsaw-bench-expand-"))
        accounts.change_password(home, "bench.analyst", accounts.add(home, "bench.analyst", UserRole.admin), PASSWORD)
        app, url = _start_explorer(settings, home)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(180_000)  # a busy shared machine: slow, not wrong
                page.goto(url)
                page.get_by_role("textbox", name="Username").fill("bench.analyst")
                page.get_by_role("textbox", name="Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.get_by_role("textbox", name="Case or meeting reference").fill("BENCH-EXPAND")
                page.keyboard.press("Enter")
                page.get_by_role("link", name="Search", exact=True).evaluate("a => a.click()")
                page.get_by_role("textbox", name="Name, alias or street name").fill(name)
                page.get_by_role("button", name="Search").click()
                page.get_by_role("button", name="Open profile").first.click()
                page.locator(FRAME).first.wait_for(timeout=180_000)
                frame = page.locator(FRAME).first.element_handle().content_frame()
                frame.locator("body[data-drawn=yes]").wait_for(timeout=180_000)
                page.locator(FRAME).first.scroll_into_view_if_needed()
                # The rim of what the explorer drew, farthest from the centre first: the people whose links
                # are the likeliest not to be drawn yet. Each expansion takes the next one with someone not
                # on screen now (person_links read here, as the explorer reads it); one that would add
                # nobody is skipped, so every expansion timed adds people.
                farthest_first = """() => { const n = window.jigsawNetwork, at = n.getPositions();
                    const all = n.body.data.nodes.get(), c = all.find(x => x.borderWidth === 3) || all[0];
                    return all.filter(x => !String(x.id).startsWith('more:')).map(x => x.id)
                      .sort((a, b) => Math.hypot(at[b].x - at[c.id].x, at[b].y - at[c.id].y)
                                    - Math.hypot(at[a].x - at[c.id].x, at[a].y - at[c.id].y)); }"""
                figures["people_on_first_drawing"] = int(frame.evaluate("() => Number(document.body.dataset.people)"))
                times, added, expanded, ties = [], [], set(), dict(rim)
                while len(times) < expansions:
                    order = frame.evaluate(farthest_first)
                    on_screen = set(order)
                    node = None
                    for p in order:
                        if p in expanded:
                            continue
                        if p not in ties:
                            ties[p] = {
                                r["target_person"] for r in _run(driver, database, "person_links", {"person_id": p})
                            }
                        if ties[p] - on_screen:
                            node = p
                            break
                    if node is None:
                        break
                    expanded.add(node)
                    seconds, grew = _timed(
                        page, frame, lambda node=node: page.mouse.dblclick(*_point(page, frame, node)), grows=True
                    )
                    if seconds is None:
                        figures["expansions_that_added_nobody"] = figures.get("expansions_that_added_nobody", 0) + 1
                        continue
                    times.append(seconds)
                    added.append(grew)
                figures["people_on_screen_after"] = int(frame.evaluate("() => document.body.dataset.people"))
                reference = []
                for _ in range(5):
                    target = next(iter(expanded))
                    page.mouse.click(*_point(page, frame, target))
                    hide = lambda: frame.get_by_role("button", name="Hide").click()
                    seconds = _timed(page, frame, hide, grows=False)[0]
                    if seconds is not None:
                        reference.append(seconds)
                    _timed(page, frame, lambda: frame.get_by_role("button", name="Undo").click(), grows=False)
                browser.close()
        finally:
            app.terminate()
            app.wait(timeout=20)
            shutil.rmtree(home, ignore_errors=True)
    if not times:
        raise SystemExit("no rim person with undrawn links was found: nothing to time")
    figures |= {
        "clicks_never_answered": len(MISSED),
        "expansions": len(times),
        "people_added_each": added,
        "expand_median_seconds": round(statistics.median(times), 3),
        "expand_p95_seconds": round(_p95(times), 3),
        "expand_max_seconds": round(max(times), 3),
        "reference_hide_median_seconds": round(statistics.median(reference), 3),
        "reference_hide_p95_seconds": round(_p95(reference), 3),
    }
    figures["expand_median_ratio_to_reference"] = round(
        figures["expand_median_seconds"] / figures["reference_hide_median_seconds"], 1
    )
    return figures
