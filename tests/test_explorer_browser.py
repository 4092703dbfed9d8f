"""The explorer as a person sees it: Debian's headless Chromium, driven by Playwright.

The app runs against the test Neo4j with the demo data loaded. Every request the page
makes to a host other than this machine is recorded and blocked: the explorer must work
on a closed network. Screenshots are saved in the test artifacts folder (tests/run_folders.py).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.browser_explorer import (
    HOSTILE_CHILD,
    HOSTILE_SUSPECT,
    graph_frame,
    open_page,
    search_person,
    sign_in,
    sign_purpose,
)
from tests.run_folders import ARTIFACTS

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


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
    sign_in(page, explorer_url)
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


def test_an_analyst_clicks_through_every_page(explorer_url, browser_page):
    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)
    search_person(page, "Cameron Knight")
    page.get_by_role("button", name="Open profile").click()
    began = time.monotonic()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)
    frame = graph_frame(page)
    person_render = time.monotonic() - began
    assert frame.locator("canvas").count() == 1
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "person.png"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as SVG").click()
    assert download.value.suggested_filename.endswith(".svg")
    # The graph's frame offers no way to save an image; the page's PNG download is audited.
    assert frame.locator("#save-png").count() == 0
    assert not [
        b for b in frame.locator("button").all_text_contents() if re.search(r"save|png|image|download", b, re.I)
    ]
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
        "Connections": "Choose two people",
        "Places": "Who else is tied to this place",
        "Gang overlap": "Nominals believed to be harmed or exploited themselves",
        "Peer groups": "Brokers:",
        "Identity review": "Field by field",
        "Queries": "Returns:",
        "MASE presentation": "pseudonym and age only",
        "Reports and actions": "Produce the problem profile",
    }
    shots = {}
    for name, text in expected.items():
        open_page(page, name)
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
    sign_purpose(page, explorer_url)
    search_person(page, "Smith onerror")
    page.get_by_text(HOSTILE_CHILD).first.wait_for(state="attached", timeout=30_000)  # literally, in the results grid
    page.get_by_role("button", name="Open profile").click()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)
    frame = graph_frame(page)
    assert page.get_by_role("heading", name=HOSTILE_CHILD).count() == 1
    assert frame.locator("img").count() == 0 and frame.locator("script:not([type])").count() == 2
    labels = (
        page.locator("iframe")
        .first.element_handle()
        .content_frame()
        .evaluate("() => window.jigsawNetwork.body.data.nodes.get().map(n => n.label).join('\\n')")
    )  # the network's own data
    assert HOSTILE_SUSPECT in labels
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "hostile_names.png"))
    executed = page.evaluate("() => window.__xss") or page.frame_locator("iframe").first.locator("body").evaluate(
        "() => window.__xss"
    )
    assert executed is None
    assert not errors and outside == []


def test_an_identified_profile_shows_markup_in_names_as_text_and_fetches_nothing(
    explorer_url, browser_page, driver, neo4j_server
):
    from datetime import date

    from reports import produce

    page, outside, errors = browser_page
    report, _ = produce.profile(
        driver,
        neo4j_server.neo4j_database,
        "Hackney",
        date(2023, 3, 1),
        date(2025, 2, 28),
        user="browser.analyst",
        purpose="XSS-CHECK",
        identified=True,
    )
    page.set_content(produce.render(report, "html").decode())
    page.get_by_text("Children in the period").wait_for()
    # The name, literally, as text: in a table cell, or in a list item when the table has 1 to 3 rows (issue #21).
    assert (
        page.get_by_role("cell", name=HOSTILE_CHILD).count()
        + page.get_by_role("listitem").filter(has_text=HOSTILE_CHILD).count()
        == 1
    )
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "profile.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None
    assert not errors and outside == []


def test_a_1000_node_network_draws_quickly_without_physics(browser_page):
    from explorer.graph_html import render_html
    from explorer.graph_model import ego_graph

    page, outside, errors = browser_page
    rows = [
        {
            "source_person": "C" if i < 40 else f"N{i % 40}",
            "target_person": f"N{i}",
            "record_key": f"mash:R{i}",
            "agency": "MASH",
            "date": None,
            "claim": "recorded_fact",
            "hop": 1 if i < 40 else 2,
        }
        for i in range(1000)
    ]
    began = time.monotonic()
    graph = ego_graph("C", rows, {}, max_neighbours=100)
    html = render_html(graph, title="1,000 people")
    layout_seconds = time.monotonic() - began
    began = time.monotonic()
    page.set_content(html)
    page.locator("body[data-drawn=yes]").wait_for(timeout=60_000)
    draw_seconds = time.monotonic() - began
    page.screenshot(path=str(ARTIFACTS / "network_1000.png"))
    print(
        f"1,000-node network: layout and HTML in Python {layout_seconds:.2f}s, "
        f"drawn in the browser in {draw_seconds:.2f}s"
    )
    assert len(graph.nodes) >= 1000 and not errors and outside == []
