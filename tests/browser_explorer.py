"""The explorer in Debian's headless Chromium through Playwright: a page that may only talk to this
machine, an explorer started on the demo data for it, and the steps every browser test takes
(a pytest plugin, loaded by conftest.py, for the fixtures)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.builders import folder_with, load, referral
from tests.neo4j_servers import explorer_variables
from tests.paths import REPO_ROOT
from tests.run_folders import ARTIFACTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


PASSWORD = "a browser test passphrase"


HOSTILE_CHILD = "<img src=x onerror=window.__xss=1> Smith"


HOSTILE_SUSPECT = '<script>window.__xss=2</script> <a href="javascript:window.__xss=3">Jones</a>'


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
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


def require_chromium() -> None:
    """Skip a browser test when Debian's chromium is missing; under CI=true fail instead."""
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@contextmanager
def running_explorer(settings, home: Path) -> Iterator[Explorer]:
    """`jigsaw explore` on a free port against the test server, its home `home`, where browser.analyst
    (an administrator) signs in with PASSWORD; stopped afterwards."""
    from jigsaw import accounts
    from jigsaw.access import UserRole

    one_time = accounts.add(home, "browser.analyst", UserRole.admin)
    accounts.change_password(home, "browser.analyst", one_time, PASSWORD)
    variables = explorer_variables(settings) | {"JIGSAW_HOME": str(home), "JIGSAW_USER": "browser.analyst"}
    with launched_explorer(variables) as url:
        yield Explorer(url, home)


@contextmanager
def launched_explorer(variables: dict[str, str], cwd: Path | None = None) -> Iterator[str]:
    """`jigsaw explore` on a free port with `variables` added to the environment; yields its URL once
    its health check answers, and stops it afterwards."""
    port = free_port()
    app = subprocess.Popen(
        [sys.executable, "-c", "from jigsaw_cli import app; app()", "explore", "--port", str(port)],
        env=dict(os.environ) | variables,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=cwd,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(app, url)
        yield url
    finally:
        app.terminate()
        app.wait(timeout=20)


@pytest.fixture(scope="module")
def explorer_url(driver, neo4j_server, explorer_user, tmp_path_factory):
    """The explorer on the demo data, a hostile referral and its peer groups, for a module's browser tests."""
    require_chromium()
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    work = tmp_path_factory.mktemp("browser")
    load(driver, db, REPO_ROOT / "fixtures" / "demo", work)
    # A referral whose names are markup: the pages must show them as text and run nothing.
    hostile = folder_with(
        work / "hostile", mash=[referral("XSS-1", HOSTILE_CHILD, "2009-02-02", suspect=HOSTILE_SUSPECT)]
    )
    load(driver, db, hostile, work)
    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from analytics.write_back import write_peer_groups
    from identity.graph_run import run as resolve

    resolve(driver, db)
    write_peer_groups(driver, db, Scope(), analyse(project(driver, db, Scope()), seed=7), "browser-test")
    with running_explorer(neo4j_server, work / "home") as explorer:
        yield explorer
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

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        context.route("**/*", guard)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        yield page, outside, errors
        browser.close()


def sign_in(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("textbox", name="Username").fill("browser.analyst")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Latest loads").wait_for(timeout=30_000)


def sign_purpose(page, url: str, reference: str = "CASE-2024-001") -> None:
    sign_in(page, url)
    page.get_by_role("textbox", name="Case or meeting reference").fill(reference)
    page.keyboard.press("Enter")
    page.get_by_text("Case or meeting reference").wait_for()
    page.wait_for_timeout(500)


def search_person(page, name: str) -> None:
    """The Search page, `name` typed and searched (the results not yet waited for)."""
    open_page(page, "Search")
    page.get_by_role("textbox", name="Name, alias or street name").fill(name)
    # The form's own button: a results table already on the page has a "Search" button in its toolbar.
    page.get_by_test_id("stForm").get_by_role("button", name="Search").click()


def graph_frame(page):
    frame = page.frame_locator("iframe").first
    frame.locator("body[data-drawn=yes]").wait_for(timeout=30_000)
    return frame


def open_page(page, name: str):
    link = page.get_by_role("link", name=name, exact=True)
    more = page.get_by_text(re.compile(r"^View \d+ more$"))
    if not link.count() and more.count():  # the sidebar folds long sections
        more.first.evaluate("button => button.click()")
    link.evaluate("a => a.click()")  # a long sidebar puts some links below its fold, out of Playwright's reach
    page.get_by_role("heading", name=name if name != "MASE presentation" else "MASE meeting").first.wait_for(
        timeout=30_000
    )
