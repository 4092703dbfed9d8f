"""The explorer as a person sees it: Debian's headless Chromium, driven by Playwright.

The app runs against the test Neo4j with the demo data loaded. Every request the page
makes to a host other than this machine is recorded and blocked: the explorer must work
on a closed network. Screenshots are saved under test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from jigsaw.config import REPO_ROOT
from tests.builders import load

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def explorer_url(driver, neo4j_server, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    load(driver, db, REPO_ROOT / "fixtures" / "demo", tmp_path_factory.mktemp("browser"))
    port = _free_port()
    env = dict(os.environ) | {
        "NEO4J_URI": neo4j_server.bolt_uri, "NEO4J_PASSWORD": neo4j_server.password(), "NEO4J_DATABASE": db,
    }  # fmt: skip
    app = subprocess.Popen(
        [sys.executable, "-c", "from jigsaw.cli import app; app()", "explore", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        app.kill()
        pytest.fail("the explorer did not start within 60 s")
    yield url
    app.terminate()
    app.wait(timeout=20)
    wipe_data(driver, db)


def test_overview_renders_on_a_closed_network(explorer_url):
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", guard)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        began = time.monotonic()
        page.goto(explorer_url)
        page.get_by_text("Latest loads").wait_for(timeout=30_000)
        page.get_by_text("Multi-Agency Safeguarding Hub (MASH)").wait_for(timeout=30_000)
        first_render = time.monotonic() - began
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
        text = page.inner_text("body")
        browser.close()
    print(f"Overview first render in the browser: {first_render:.2f}s")
    assert outside == [], f"the page asked for outside hosts: {outside}"
    assert not errors, errors
    assert "Records by borough" in text and "Data quality" in text
    assert "Traceback" not in text
