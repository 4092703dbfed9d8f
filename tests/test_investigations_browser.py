"""An investigation saved and reopened through the explorer in Debian's headless Chromium: save the
network from the Person page, change the data, reopen it with the change marked. Nothing may be
fetched from another host; screenshots go to the test artifacts folder (tests/run_folders.py)."""

from __future__ import annotations

import pytest

from tests.browser_explorer import (
    graph_frame,
    open_page,
    require_chromium,
    running_explorer,
    search_person,
    sign_purpose,
)
from tests.builders import folder_with, load, referral
from tests.builders import small_network as small_network_folder
from tests.run_folders import ARTIFACTS

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]
NAME = "<b>School-gate</b> group"  # markup in a name the analyst typed: shown as text


@pytest.fixture(scope="module")
def explorer_url(driver, neo4j_server, explorer_user, tmp_path_factory):
    require_chromium()
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    work = tmp_path_factory.mktemp("investigations-browser")
    load(driver, db, small_network_folder(work / "in"), work)
    with running_explorer(neo4j_server, work / "home") as explorer:
        yield explorer
    wipe_data(driver, db)


# Reopening clicks "Open and compare" while the last open's heading is on screen and the app is idle:
# waiting for the heading and for "notRunning" alone returned before the click's own run had begun, and
# read the previous open ("Nothing new"), which made this test pass or fail with the machine's timing.
# So a watch on the app's script state is set before the click, and the page is read only once the
# state has left "notRunning" (the click's run began) and come back to it (that run finished).
WATCH_RUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__jigsawRan = false;
  new MutationObserver(() => { if (app.dataset.testScriptState !== "notRunning") window.__jigsawRan = true; })
    .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""
RAN_AND_IDLE = """() => window.__jigsawRan === true
  && document.querySelector('[data-testid="stApp"]').dataset.testScriptState === "notRunning" """


IDLE = """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === "notRunning" """


def _reopen(page) -> str:
    # The page's own run (opening it) must have finished first: a click during it joins that run, the state
    # never leaves "running" for the click, and the watch below never sees the click's run begin (a CI run
    # on a loaded machine timed out so).
    page.wait_for_function(IDLE, timeout=60_000)
    page.evaluate(WATCH_RUN)
    page.get_by_role("button", name="Open and compare").click()
    page.wait_for_function(RAN_AND_IDLE, timeout=30_000)
    page.get_by_role("heading", name=NAME).wait_for(timeout=30_000)
    return page.inner_text("body")


def test_save_an_investigation_then_reopen_it_with_the_change_marked(
    explorer_url, browser_page, driver, neo4j_server, tmp_path
):
    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)
    search_person(page, "Kyle Johnson")
    page.get_by_role("button", name="Open profile").click()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)
    page.get_by_text("Save as investigation").click()
    page.get_by_role("textbox", name="Investigation name").fill(NAME)
    page.get_by_role("button", name="Save investigation").click()
    page.get_by_text("Saved as investigation").wait_for(timeout=30_000)

    open_page(page, "Investigations")
    text = _reopen(page)
    assert "Nothing new since it was saved" in text
    graph_frame(page)
    page.screenshot(path=str(ARTIFACTS / "investigation_saved.png"), full_page=True)

    load(
        driver,
        neo4j_server.neo4j_database,
        folder_with(
            tmp_path / "new",
            mash=[referral("R8", "Amelia Hughes", "2008-03-01", suspect="Zane Okafor", date_received="2024-10-01")],
        ),
        tmp_path,
    )
    text = _reopen(page)
    assert "1 new record" in text and "1 new person within reach" in text, text[:2000]
    graph_frame(page)  # the drawing is on screen before the screenshot
    page.screenshot(path=str(ARTIFACTS / "investigation_changed.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None and not page.locator("b", has_text="School-gate").count()
    assert outside == [], f"the page asked for outside hosts: {outside}"
    assert not errors, errors
