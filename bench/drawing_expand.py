"""Expanding a person in the running explorer: double-click to redrawn network, in headless Chromium.

Run through bench/drawing.py (`--expand --scale M`). Loads the generated data set into the
benchmark server (bench_server.py; kept when it already holds exactly that set), picks the
person with the most direct ties among a seeded sample, starts the explorer on a free port
with an account of its own, opens that person's profile and double-clicks the people at the
rim of their network (farthest out, whose links are not drawn yet) one after another. Each expansion is timed from the
double-click until the frame reports the new network drawn. The reference measured in the
same run is a click that changes the screen without a query (hide, then undo): what a
round trip through Streamlit costs on this machine.
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
from bench.load_rate import DATA, generate, holds_only
from graph_loader.load import LoadOptions, run_load
from jigsaw import accounts, catalogue
from jigsaw.access import Scope, UserRole
from jigsaw.bounded_read import QueryTooCostly
from jigsaw.cypher_files import load as cypher
from jigsaw.graph_admin import wipe_data

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FRAME = 'iframe[title="explorer.graph_component.jigsaw_network"]'
PASSWORD = "a benchmark passphrase"
SAMPLE = 60  # people whose direct ties are counted to find a busy one


def _run(driver, database: str, name: str, params: dict) -> list[dict]:
    try:
        return catalogue.run(driver, database, name, params, scope=Scope()).rows
    except QueryTooCostly:  # a cold server on a busy machine: the plan is made now, the next run is quick
        return catalogue.run(driver, database, name, params, scope=Scope()).rows


def _busiest(driver, database: str, seed: int) -> tuple[str, str]:
    people = [
        r["id"] for r in driver.execute_query(cypher("bench/sample_people"), database_=database, routing_="r").records
    ]
    random.Random(seed).shuffle(people)
    counts = {p: len(_run(driver, database, "person_links", {"person_id": p})) for p in people[:SAMPLE]}
    person = max(counts, key=lambda p: (counts[p], p))
    return person, _run(driver, database, "person_cards", {"person_ids": [person]})[0]["name"]


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


def _wait_version(frame, after: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if int(frame.evaluate("() => document.body.dataset.version")) > after:
            return
        time.sleep(0.01)
    raise SystemExit("the network did not change")


def _point(page, frame, node: str) -> tuple[float, float]:
    frame.evaluate("id => window.jigsawNetwork.focus(id, {scale: 1.2, animation: false})", node)
    x, y = frame.evaluate(
        """id => { const n = window.jigsawNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
        node,
    )
    box = page.locator(FRAME).first.bounding_box()
    return box["x"] + x, box["y"] + y


def _timed(page, frame, act) -> float:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=180_000)
    version = int(frame.evaluate("() => document.body.dataset.version"))
    began = time.perf_counter()
    act()
    _wait_version(frame, version)
    return time.perf_counter() - began


def measure(scale: str, seed: int, expansions: int) -> dict:
    from playwright.sync_api import sync_playwright

    folder = generate(scale, None, seed)
    figures: dict = {"data": folder.name}
    with bench_driver() as (driver, database, settings):
        if not holds_only(driver, database, folder):
            wipe_data(driver, database)
            run_load(driver, database, None, folder, LoadOptions(user="bench", quarantine_root=DATA / "quarantine"))
        person, name = _busiest(driver, database, seed)
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
                # The rim first (farthest from the centre): their links are the ones not drawn yet.
                nodes = frame.evaluate(
                    """centre => { const n = window.jigsawNetwork, at = n.getPositions(), c = at[centre];
                    return n.body.data.nodes.get().filter(x => !x.id.startsWith('more:')).map(x => x.id)
                      .sort((a, b) => Math.hypot(at[b].x - c.x, at[b].y - c.y)
                                    - Math.hypot(at[a].x - c.x, at[a].y - c.y)); }""",
                    person,
                )
                figures["people_on_first_drawing"] = len(nodes)
                times = []
                for node in nodes[:expansions]:
                    times.append(_timed(page, frame, lambda node=node: page.mouse.dblclick(*_point(page, frame, node))))
                figures["people_on_screen_after"] = int(frame.evaluate("() => document.body.dataset.people"))
                reference = []
                for _ in range(3):
                    target = nodes[0]
                    page.mouse.click(*_point(page, frame, target))
                    reference.append(_timed(page, frame, lambda: frame.get_by_role("button", name="Hide").click()))
                    _timed(page, frame, lambda: frame.get_by_role("button", name="Undo").click())
                browser.close()
        finally:
            app.terminate()
            app.wait(timeout=20)
            shutil.rmtree(home, ignore_errors=True)
    figures |= {
        "expansions": len(times),
        "expand_median_seconds": round(statistics.median(times), 3),
        "expand_max_seconds": round(max(times), 3),
        "reference_hide_seconds": round(statistics.median(reference), 3),
    }
    figures["expand_ratio_to_reference"] = round(
        figures["expand_median_seconds"] / figures["reference_hide_seconds"], 1
    )
    return figures
