"""The explorer as a person sees it: Debian's headless Chromium, driven by Playwright.

The app runs against the test Neo4j with the demo data loaded. Every request the page
makes to a host other than this machine is recorded and blocked: the explorer must work
on a closed network. Screenshots are saved under test-artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.paths import REPO_ROOT
from tests.builders import folder_with, load, referral
from tests.conftest import explorer_variables

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO_ROOT / "test-artifacts"
PASSWORD = "a browser test passphrase"
HOSTILE_CHILD = "<img src=x onerror=window.__xss=1> Smith"
HOSTILE_SUSPECT = '<script>window.__xss=2</script> <a href="javascript:window.__xss=3">Jones</a>'
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Explorer(str):
    """The explorer's URL, knowing its home (where its audit trail is)."""

    def __new__(cls, url: str, home: Path):
        made = super().__new__(cls, url)
        made.home = home
        return made


def wait_until_up(app: subprocess.Popen, url: str, seconds: float = 60) -> None:
    """Wait for a launched explorer's health check; stop it and fail the test if it never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.3)
    app.kill()
    pytest.fail(f"the explorer did not start within {seconds:.0f} s")


@pytest.fixture(scope="module")
def explorer_url(driver, neo4j_server, explorer_user, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    work = tmp_path_factory.mktemp("browser")
    load(driver, db, REPO_ROOT / "fixtures" / "demo", work)
    # A referral whose names are markup: the pages must show them as text and run nothing.
    hostile = folder_with(work / "hostile", mash=[referral("XSS-1", HOSTILE_CHILD, "2009-02-02", suspect=HOSTILE_SUSPECT)])
    load(driver, db, hostile, work)
    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from analytics.write_back import write_peer_groups
    from identity.graph_run import run as resolve

    resolve(driver, db)
    write_peer_groups(driver, db, Scope(), analyse(project(driver, db, Scope()), seed=7), "browser-test")
    from jigsaw import accounts
    from jigsaw.access import UserRole

    one_time = accounts.add(work / "home", "browser.analyst", UserRole.admin)
    accounts.change_password(work / "home", "browser.analyst", one_time, PASSWORD)
    port = _free_port()
    env = dict(os.environ) | explorer_variables(neo4j_server) | {
        "JIGSAW_HOME": str(work / "home"), "JIGSAW_USER": "browser.analyst",
    }  # fmt: skip
    app = subprocess.Popen(
        [sys.executable, "-c", "from jigsaw_cli import app; app()", "explore", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_until_up(app, url)
    yield Explorer(url, work / "home")
    app.terminate()
    app.wait(timeout=20)
    wipe_data(driver, db)


@pytest.fixture
def browser_page():
    """A Chromium page that may only talk to this machine; yields (page, outside requests, page errors)."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in {"127.0.0.1", "localhost"} or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        context.route("**/*", guard)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        yield page, outside, errors
        browser.close()


def _sign_in(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill("browser.analyst")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Latest loads").wait_for(timeout=30_000)


def _sign_purpose(page, url: str, reference: str = "CASE-2024-001") -> None:
    _sign_in(page, url)
    page.get_by_role("textbox", name="Case or meeting reference").fill(reference)
    page.keyboard.press("Enter")
    page.get_by_text("Case or meeting reference").wait_for()
    page.wait_for_timeout(500)


def _graph_frame(page):
    frame = page.frame_locator("iframe").first
    frame.locator("body[data-drawn=yes]").wait_for(timeout=30_000)
    return frame


def _disclosed(home: Path, fmt: str, wait: float = 30.0) -> dict:
    """The audit event of a graph download in this format, once the click's rerun has written it."""
    from jigsaw import audit

    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        found = [e for e in audit.events(home) if e["kind"] == "disclosure" and e["details"].get("format") == fmt]
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no {fmt} download in the audit trail")


def test_sign_in_then_overview_on_a_closed_network(explorer_url, browser_page):
    page, outside, errors = browser_page
    page.goto(explorer_url)
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    assert "Records by borough" not in page.inner_text("body")  # nothing before signing in
    page.screenshot(path=str(ARTIFACTS / "sign_in.png"))
    began = time.monotonic()
    _sign_in(page, explorer_url)
    page.get_by_text("Multi-Agency Safeguarding Hub (MASH)").wait_for(timeout=30_000)
    first_render = time.monotonic() - began
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    text = page.inner_text("body")
    print(f"Overview first render in the browser: {first_render:.2f}s")
    assert outside == [], f"the page asked for outside hosts: {outside}"
    assert not errors, errors
    assert "Records by borough" in text and "Data quality" in text
    assert "Traceback" not in text


def _open(page, name: str):
    link = page.get_by_role("link", name=name, exact=True)
    more = page.get_by_text(re.compile(r"^View \d+ more$"))
    if not link.count() and more.count():  # the sidebar folds long sections
        more.first.evaluate("button => button.click()")
    link.evaluate("a => a.click()")  # a long sidebar puts some links below its fold, out of Playwright's reach
    page.get_by_role("heading", name=name if name != "MASE presentation" else "MASE meeting").first.wait_for(timeout=30_000)


def test_an_analyst_clicks_through_every_page(explorer_url, browser_page):
    page, outside, errors = browser_page
    _sign_purpose(page, explorer_url)
    _open(page, "Search")
    page.get_by_role("textbox", name="Name, alias or street name").fill("Cameron Knight")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Open profile").click()
    began = time.monotonic()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)
    frame = _graph_frame(page)
    person_render = time.monotonic() - began
    assert frame.locator("canvas").count() == 1
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "person.png"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as SVG").click()
    assert download.value.suggested_filename.endswith(".svg")
    # The graph's frame offers no way to save an image; the page's PNG download is audited.
    assert frame.locator("#save-png").count() == 0
    assert not [b for b in frame.locator("button").all_text_contents() if re.search(r"save|png|image|download", b, re.I)]
    _disclosed(explorer_url.home, "svg")
    # Wait until the SVG click's rerun is over: a download button from the run before is gone.
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download as PNG").click()
    assert download.value.suggested_filename.endswith(".png")
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG")
    saved = _disclosed(explorer_url.home, "png")
    assert saved["user"] == "browser.analyst" and saved["purpose"] == "CASE-2024-001" and saved["details"]["people"]
    # Each page, and text that shows it has finished (tables are drawn on a canvas, so text around them).
    expected = {
        "Connections": "Choose two people", "Places": "Who else is tied to this place",
        "Gang overlap": "Nominals believed to be harmed or exploited themselves", "Peer groups": "Brokers:",
        "Identity review": "Field by field", "Queries": "Returns:", "MASE presentation": "pseudonym and age only",
        "Reports and actions": "Produce the problem profile",
    }  # fmt: skip
    shots = {}
    for name, text in expected.items():
        _open(page, name)
        page.get_by_text(text).first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"{name.lower().replace(' ', '_')}.png"), full_page=True)
        shots[name] = page.inner_text("body")
    print(f"Person page: first render with its network drawn in {person_render:.2f}s")
    assert outside == [], f"the explorer asked for outside hosts: {outside}"
    assert not errors, errors
    assert not any("Traceback" in text for text in shots.values())


def test_markup_in_names_is_shown_as_text_and_never_runs(explorer_url, browser_page):
    page, outside, errors = browser_page
    _sign_purpose(page, explorer_url)
    _open(page, "Search")
    page.get_by_role("textbox", name="Name, alias or street name").fill("Smith onerror")
    page.get_by_role("button", name="Search").click()
    page.get_by_text(HOSTILE_CHILD).first.wait_for(state="attached", timeout=30_000)  # literally, in the results grid
    page.get_by_role("button", name="Open profile").click()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)
    frame = _graph_frame(page)
    assert page.get_by_role("heading", name=HOSTILE_CHILD).count() == 1
    assert frame.locator("img").count() == 0 and frame.locator("script:not([type])").count() == 2
    labels = page.locator("iframe").first.element_handle().content_frame().evaluate(
        "() => window.jigsawNetwork.body.data.nodes.get().map(n => n.label).join('\\n')")  # the network's own data
    assert HOSTILE_SUSPECT in labels
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "hostile_names.png"))
    executed = page.evaluate("() => window.__xss") or page.frame_locator("iframe").first.locator("body").evaluate("() => window.__xss")
    assert executed is None
    assert not errors and outside == []


def test_an_identified_profile_shows_markup_in_names_as_text_and_fetches_nothing(explorer_url, browser_page, driver, neo4j_server):
    from datetime import date

    from reports import produce

    page, outside, errors = browser_page
    report, _ = produce.profile(driver, neo4j_server.neo4j_database, "Hackney", date(2023, 3, 1), date(2025, 2, 28),
                                user="browser.analyst", purpose="XSS-CHECK", identified=True)  # fmt: skip
    page.set_content(produce.render(report, "html").decode())
    page.get_by_text("Children in the period").wait_for()
    # The name, literally, as text: in a table cell, or in a list item when the table has 1 to 3 rows (issue #21).
    assert page.get_by_role("cell", name=HOSTILE_CHILD).count() + page.get_by_role("listitem").filter(has_text=HOSTILE_CHILD).count() == 1
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "profile.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None
    assert not errors and outside == []


def test_a_1000_node_network_draws_quickly_without_physics(browser_page):
    from explorer.graph_html import render_html
    from explorer.graph_model import ego_graph

    page, outside, errors = browser_page
    rows = [{"source_person": "C" if i < 40 else f"N{i % 40}", "target_person": f"N{i}", "record_key": f"mash:R{i}",
             "agency": "MASH", "date": None, "claim": "recorded_fact", "hop": 1 if i < 40 else 2} for i in range(1000)]  # fmt: skip
    began = time.monotonic()
    graph = ego_graph("C", rows, {}, max_neighbours=100)
    html = render_html(graph, title="1,000 people")
    layout_seconds = time.monotonic() - began
    began = time.monotonic()
    page.set_content(html)
    page.locator("body[data-drawn=yes]").wait_for(timeout=60_000)
    draw_seconds = time.monotonic() - began
    page.screenshot(path=str(ARTIFACTS / "network_1000.png"))
    print(f"1,000-node network: layout and HTML in Python {layout_seconds:.2f}s, drawn in the browser in {draw_seconds:.2f}s")
    assert len(graph.nodes) >= 1000 and not errors and outside == []
