"""Issue 15, items 7 and 12, in Debian's headless Chromium against `jigsaw explore`: tables offer
no browser-built download, a download's file exists only after an audited click and is gone
soon after, and no other origin can frame the explorer."""

from __future__ import annotations

import http.server
import re
import threading
import time
import urllib.error
import urllib.request
from functools import partial

import pytest

from explorer.download_sweeper import SWEEP_SECONDS
from jigsaw import audit
from tests.browser_explorer import open_page, sign_in, sign_purpose

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
MEDIA = re.compile(r"(?<!static)/media/[0-9a-f]{16,}\.")  # a stored file's URL, not the app's own fonts
FRAME_HEADERS = {"content-security-policy": "frame-ancestors 'self'", "x-frame-options": "SAMEORIGIN"}


def _headers(url: str) -> dict[str, list[str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return {k.lower(): response.headers.get_all(k) for k in response.headers.keys()}


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # no cookie: a stranger's request
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_table_toolbar_offers_no_download(explorer_url, browser_page):
    page, _, errors = browser_page
    sign_in(page, explorer_url)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for(timeout=30_000)
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.get_by_role("button", name="Search").wait_for(timeout=10_000)  # the toolbar is up
    assert page.get_by_role("button", name="Download as CSV").count() == 0
    assert not errors, errors


def test_a_download_exists_only_after_an_audited_click_and_not_for_long(explorer_url, browser_page):
    page, _, errors = browser_page
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        ),
    )
    media: list[str] = []
    page.on("request", lambda request: media.append(request.url) if MEDIA.search(request.url) else None)
    sign_purpose(page, explorer_url)
    open_page(page, "Queries")
    page.get_by_role("button", name="Run", exact=True).click()
    button = page.get_by_role("button", name="Download CSV")
    button.wait_for(timeout=30_000)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)
    # Before the click nothing names a file: not the page, not anything the server sent, no request.
    assert not MEDIA.search(page.content()) and media == []
    assert not any(MEDIA.search(f.decode("latin-1")) for f in frames)
    before = sum(1 for e in audit.events(explorer_url.home) if e["kind"] == "disclosure")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    url = download.value.url
    assert re.search(r"/media/[0-9a-f]+\.csv$", url), url
    # The click was recorded before the file existed: the event is there by the time the URL is.
    disclosed = [e for e in audit.events(explorer_url.home) if e["kind"] == "disclosure"][before:]
    assert [e["action"] for e in disclosed] == ["export csv"] and disclosed[0]["user"] == "browser.analyst"
    # The file is swept soon after, even though nobody's page reruns.
    made = time.monotonic()
    deadline = made + 2 * SWEEP_SECONDS + 20
    while _status(url) == 200 and time.monotonic() < deadline:
        time.sleep(1)
    assert _status(url) == 404
    print(f"the prepared CSV was fetchable for {time.monotonic() - made:.0f} s after the click")
    assert not errors, errors


def test_every_response_forbids_framing_by_another_origin(explorer_url, browser_page, tmp_path):
    page, _, errors = browser_page
    script = re.search(
        r'src="\./(static/js/[^"]+\.js)"', urllib.request.urlopen(explorer_url, timeout=10).read().decode()
    )
    for path in ("/", f"/{script.group(1)}", "/_stcore/health"):
        headers = _headers(explorer_url + path)
        for name, value in FRAME_HEADERS.items():
            assert value in (headers.get(name) or []), (path, name, headers.get(name))
    # A page on another origin (another port) that frames the explorer gets nothing drawn.
    (tmp_path / "frame.html").write_text(
        f'<iframe id="victim" src="{explorer_url}/" width="800" height="600"></iframe>'
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/frame.html")
        page.wait_for_timeout(4000)
        framed = [f.url for f in page.frames if f != page.main_frame]
        assert framed == ["chrome-error://chromewebdata/"], framed  # Chromium refused to draw it
    finally:
        other.shutdown()
    assert not errors, errors
