"""Staying signed in, as a person in Chromium sees it (issue 19, item 3): the real cookie, the
real routes, a reload, a second tab on a direct link, sign-out in one tab, an account disabled
with the CLI, an idle session, and a forged cookie."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from explorer import session_store
from explorer.session_cookie import COOKIE
from tests.browser_explorer import sign_purpose
from tests.run_folders import ARTIFACTS

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


def _cookie(page) -> dict | None:
    found = [c for c in page.context.cookies() if c["name"] == COOKIE]
    return found[0] if found else None


def _wait_for_cookie(page, seconds: float = 15) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cookie := _cookie(page):
            return cookie
        page.wait_for_timeout(200)
    raise AssertionError("the page never received its session cookie")


def _signed_in(page) -> bool:
    # Waits for one of the two outcomes: a page just (re)loaded also reports "notRunning" before
    # its first run has started, so the script state alone does not say the page is drawn.
    sign_out = page.get_by_role("button", name="Sign out")
    sign_out.or_(page.get_by_role("textbox", name="Password")).first.wait_for(timeout=30_000)
    return sign_out.count() == 1


def _shown_reference(page, expected: str, seconds: float = 30) -> str:
    """The case reference the sidebar shows once it shows `expected` (or what it shows at the deadline).
    CI once read the box empty in the moment after the Sign out button was drawn on a reloaded page; a
    page that never shows the reference still fails."""
    box = page.get_by_role("textbox", name="Case or meeting reference")
    deadline = time.monotonic() + seconds
    while (value := box.input_value()) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return value


def _sign_in_form(page) -> None:
    page.get_by_role("textbox", name="Password").wait_for(timeout=30_000)


def _click(page, link: str) -> None:
    page.get_by_role("link", name=link, exact=True).evaluate("a => a.click()")


def _users(home, *args: str) -> None:
    env = dict(os.environ) | {"JIGSAW_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", "from jigsaw_cli import app; app()", "users", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_reload_and_a_second_tab_stay_signed_in_and_sign_out_reaches_both(explorer_url, browser_page):
    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)
    cookie = _wait_for_cookie(page)
    # The cookie's flags: script cannot read it, no other site sends it, only this host, for 12 hours at most.
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["domain"] == "127.0.0.1" and not cookie["secure"]  # plain http on loopback; Secure over https
    assert 0 < cookie["expires"] - time.time() <= 12 * 3600 + 5
    assert page.evaluate("document.cookie").find(COOKIE) == -1
    token = cookie["value"]
    assert session_store.by_token(explorer_url.home, token).purpose == "CASE-2024-001"
    assert token not in session_store.store_path(explorer_url.home).read_text()

    page.reload()
    assert _signed_in(page)
    assert _shown_reference(page, "CASE-2024-001") == "CASE-2024-001"
    page.screenshot(path=str(ARTIFACTS / "session_after_reload.png"))

    second = page.context.new_page()
    second.goto(f"{explorer_url}/search")  # a direct link to a page
    second.get_by_role("textbox", name="Name, alias or street name").wait_for(timeout=30_000)
    assert _signed_in(second)
    assert _shown_reference(second, "CASE-2024-001") == "CASE-2024-001"
    second.screenshot(path=str(ARTIFACTS / "session_second_tab.png"))

    second.get_by_role("button", name="Sign out").click()
    _sign_in_form(second)
    _click(page, "Search")  # the first tab's next click
    _sign_in_form(page)
    assert "signed out in another tab" in page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "session_signed_out_elsewhere.png"))
    assert session_store.by_token(explorer_url.home, token) is None
    page.reload()
    _sign_in_form(page)  # the old cookie opens nothing
    assert outside == [] and not errors, (outside, errors)


def test_an_account_disabled_with_the_cli_is_signed_out_at_its_next_click(explorer_url, browser_page):
    page, _, errors = browser_page
    sign_purpose(page, explorer_url)
    _wait_for_cookie(page)
    _users(explorer_url.home, "disable", "browser.analyst")
    try:
        _click(page, "Search")
        _sign_in_form(page)
        assert "your account has been disabled" in page.inner_text("body")
        page.reload()
        _sign_in_form(page)
    finally:
        _users(explorer_url.home, "enable", "browser.analyst")
    assert not errors, errors


def test_an_idle_session_is_not_resumed(explorer_url, browser_page):
    page, _, _ = browser_page
    sign_purpose(page, explorer_url)
    token = _wait_for_cookie(page)["value"]
    sid = session_store.by_token(explorer_url.home, token).sid
    path = session_store.store_path(explorer_url.home)
    stored = json.loads(path.read_text())
    stored[sid]["last_seen"] = (datetime.now(UTC) - session_store.IDLE_TIMEOUT - timedelta(minutes=1)).isoformat()
    path.write_text(json.dumps(stored))
    page.reload()
    _sign_in_form(page)


def test_a_forged_cookie_is_refused_and_cleared(explorer_url, browser_page):
    page, _, errors = browser_page
    page.context.add_cookies([{"name": COOKIE, "value": "A" * 43, "url": explorer_url}])
    page.goto(f"{explorer_url}/search")
    _sign_in_form(page)
    deadline = time.monotonic() + 10
    while _cookie(page) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert _cookie(page) is None  # the sign-in page had the browser drop it
    assert not errors, errors
