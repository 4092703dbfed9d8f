"""The interactive network as a person uses it, in Debian's headless Chromium.

Click a person (their card appears), double-click (their links are added), hide, pin, undo,
select two (the chain between them is drawn with its records); nothing is fetched from
another host; hostile names stay text; the MASE screen sends no person id to the browser,
and a chair's reveal is audited. The time to expand a person is printed (never asserted:
bench/drawing.py measures it at M scale). Screenshots go to the test artifacts folder (tests/run_folders.py).
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser_explorer import HOSTILE_SUSPECT, open_page, search_person, sign_purpose
from tests.run_folders import ARTIFACTS

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

FRAME = 'iframe[title="explorer.graph_component.jigsaw_network"]'
PERSON_ID = re.compile(rb"(?<![A-Za-z0-9])P-[0-9a-f]{12}")


def _network(page):
    """The network's frame, once drawn."""
    page.locator(FRAME).first.wait_for(timeout=30_000)
    frame = page.locator(FRAME).first.element_handle().content_frame()
    frame.locator("body[data-drawn=yes]").wait_for(timeout=30_000)
    return frame


def _nodes(frame) -> list[dict]:
    return frame.evaluate(
        "() => window.jigsawNetwork.body.data.nodes.get().map(n => ({id: n.id, label: n.label, fixed: !!n.fixed, "
        "border: n.borderWidth}))"
    )


def _edges(frame) -> list[dict]:
    return frame.evaluate(
        "() => window.jigsawNetwork.body.data.edges.get().map(e => ({from: e.from, to: e.to, width: e.width}))"
    )


def _point(page, frame, node: str) -> tuple[float, float]:
    """Where a node is on the screen, so the mouse can click it as a person would."""
    frame.evaluate("id => { const n = window.jigsawNetwork; n.focus(id, {scale: 1.2, animation: false}); }", node)
    x, y = frame.evaluate(
        """id => { const n = window.jigsawNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
        node,
    )
    box = page.locator(FRAME).first.bounding_box()
    return box["x"] + x, box["y"] + y


def _click(page, frame, node: str, *, modifiers: str | None = None, double: bool = False) -> None:
    page.locator(FRAME).first.scroll_into_view_if_needed()
    x, y = _point(page, frame, node)
    if modifiers:
        page.keyboard.down(modifiers)
    if double:
        page.mouse.dblclick(x, y)
    else:
        page.mouse.click(x, y)
    if modifiers:
        page.keyboard.up(modifiers)


def _version(frame) -> int:
    return int(frame.evaluate("() => document.body.dataset.version"))


def _wait_version(frame, after: int, timeout: float = 30.0) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if _version(frame) > after:
            return time.monotonic() - began
        time.sleep(0.02)
    raise AssertionError("the network did not change")


def _people(frame) -> list[dict]:
    return [n for n in _nodes(frame) if not n["id"].startswith("more:") and not n["label"].startswith("and ")]


def _open_profile(page, name: str) -> None:
    search_person(page, name)
    page.get_by_role("button", name="Open profile").first.click()
    page.get_by_text("Timeline across agencies").wait_for(timeout=30_000)


def _idle(page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=30_000)


def test_an_analyst_works_in_the_network(explorer_url, browser_page):
    from jigsaw import audit

    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)
    _open_profile(page, "Cameron Knight")
    frame = _network(page)
    start = _people(frame)
    centre = next(n for n in start if n["border"] == 3)
    others = [n for n in start if n is not centre]
    assert others, "the demo person has nobody around them"

    # Click: the card shows the person, with the records behind their ties.
    someone = others[0]
    _click(page, frame, someone["id"])
    page.get_by_role("button", name="Open full profile").wait_for(timeout=30_000)
    assert page.get_by_text(someone["label"], exact=True).count() >= 1
    assert page.get_by_text("The records behind each tie on screen").count() == 1
    page.screenshot(path=str(ARTIFACTS / "network_card.png"), full_page=True)

    # Double-click: the person's links join the network; timed from the click to the redraw.
    _idle(page)
    before, version = len(_nodes(frame)), _version(frame)
    began = time.monotonic()
    _click(page, frame, centre["id"] if len(others) == 1 else someone["id"], double=True)
    _wait_version(frame, version)
    expand_seconds = time.monotonic() - began
    print(f"Expanding a person at demo scale, click to redrawn network: {expand_seconds:.2f}s")
    grown = list(_nodes(frame))
    assert len(grown) >= before
    expanded = [
        e
        for e in audit.events(explorer_url.home)
        if e["details"].get("action") == "expand network" or e.get("action") == "expand network"
    ]
    assert expanded and expanded[-1]["purpose"] == "CASE-2024-001" and expanded[-1]["user"] == "browser.analyst"
    page.screenshot(path=str(ARTIFACTS / "network_expanded.png"), full_page=True)

    # Hide, then undo.
    _idle(page)
    target = _people(frame)[-1]
    _click(page, frame, target["id"])
    _idle(page)
    version = _version(frame)
    frame.get_by_role("button", name="Hide").click()
    _wait_version(frame, version)
    assert target["id"] not in {n["id"] for n in _nodes(frame)}
    page.screenshot(path=str(ARTIFACTS / "network_hidden.png"), full_page=True)
    _idle(page)
    version = _version(frame)
    frame.get_by_role("button", name="Undo").click()
    _wait_version(frame, version)
    assert target["id"] in {n["id"] for n in _nodes(frame)}

    # Pin.
    _idle(page)
    _click(page, frame, target["id"])
    _idle(page)
    version = _version(frame)
    frame.get_by_role("button", name="Pin / unpin").click()
    _wait_version(frame, version)
    assert next(n for n in _nodes(frame) if n["id"] == target["id"])["fixed"]
    page.screenshot(path=str(ARTIFACTS / "network_pinned.png"), full_page=True)

    # Select two (Ctrl+click the second) and ask how they connect: the chain is drawn with its records.
    _idle(page)
    people = _people(frame)
    far = max(people, key=lambda n: n["id"] != centre["id"] and n["id"] != someone["id"] and n["id"] != target["id"])
    _click(page, frame, centre["id"])
    _idle(page)
    _click(page, frame, far["id"], modifiers="Control")
    assert frame.get_by_role("button", name="How do these two connect?").is_enabled()
    version = _version(frame)
    frame.get_by_role("button", name="How do these two connect?").click()
    _wait_version(frame, version)
    page.get_by_text(re.compile(r"How .* connect: \d+ chain")).wait_for(timeout=30_000)
    assert any(e["width"] == 5 for e in _edges(frame))
    page.screenshot(path=str(ARTIFACTS / "network_path.png"), full_page=True)

    # The downloads carry what is on screen.
    _idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as SVG").click()
    svg = open(download.value.path(), encoding="utf-8").read()
    assert svg.count("<text") >= len(_people(frame))
    assert outside == [], f"the page asked for outside hosts: {outside}"
    assert not errors, errors


def test_hostile_names_stay_text_in_the_network_and_its_card(explorer_url, browser_page):
    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)
    _open_profile(page, "Smith onerror")
    frame = _network(page)
    suspect = next(n for n in _nodes(frame) if HOSTILE_SUSPECT in n["label"])
    _click(page, frame, suspect["id"])
    page.get_by_role("button", name="Open full profile").wait_for(timeout=30_000)
    assert page.get_by_text(HOSTILE_SUSPECT, exact=True).count() >= 1  # the name, literally
    assert frame.locator("img").count() == 0 and frame.locator("a").count() == 0
    assert frame.locator("#status").text_content().count(HOSTILE_SUSPECT) == 1
    page.screenshot(path=str(ARTIFACTS / "network_hostile_card.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None and frame.evaluate("() => window.__xss") is None
    assert not errors and outside == []


def test_mase_network_sends_no_person_id_and_a_reveal_is_audited(explorer_url, browser_page, driver, neo4j_server):
    from jigsaw import audit

    page, outside, errors = browser_page
    received: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda payload: received.append(payload if isinstance(payload, bytes) else payload.encode()),
        ),
    )
    sign_purpose(page, explorer_url, reference="MASE-2026-04")
    _open_profile(page, "Cameron Knight")  # the analyst opened them: offered on the MASE screen
    _idle(page)
    received.clear()  # from here on, everything the MASE screen is sent
    open_page(page, "MASE presentation")
    page.get_by_role("combobox", name=re.compile("Or someone the analyst opened")).click()
    page.get_by_role("option").first.click()
    frame = _network(page)
    nodes = _nodes(frame)
    assert nodes and all(re.fullmatch(r"n-[0-9a-f]{16}", n["id"]) for n in nodes)
    child = nodes[0]
    _click(page, frame, child["id"])
    page.get_by_role("button", name="Reveal for this meeting").wait_for(timeout=30_000)
    _idle(page)
    version = _version(frame)
    _click(page, frame, child["id"], double=True)
    _wait_version(frame, version)
    assert all(re.fullmatch(r"n-[0-9a-f]{16}", n["id"]) for n in _nodes(frame))
    page.screenshot(path=str(ARTIFACTS / "mase_network.png"), full_page=True)
    _idle(page)
    page.get_by_role("textbox", name=re.compile("Why the meeting needs this name")).fill(
        "Chair: to agree the lead agency"
    )
    version, before_reveal = _version(frame), b"".join(received)
    page.get_by_role("button", name="Reveal for this meeting").click()
    page.get_by_text(re.compile("^Revealed for this meeting")).wait_for(timeout=30_000)
    revealed = page.get_by_text(re.compile("^Revealed for this meeting")).inner_text().split(": ", 1)[1].strip()
    # The drawing shows the revealed name too, beside that child's pseudonym, and only on that child.
    _wait_version(frame, version)
    labelled = [n for n in _nodes(frame) if revealed in n["label"]]
    assert [n["id"] for n in labelled] == [child["id"]] and labelled[0]["label"].startswith(child["label"])
    assert revealed.encode() not in before_reveal, "the name reached the screen before the reveal"
    page.screenshot(path=str(ARTIFACTS / "mase_reveal.png"), full_page=True)
    reveals = [
        e
        for e in audit.events(explorer_url.home)
        if e["details"].get("action") == "reveal for meeting" or e.get("action") == "reveal for meeting"
    ]
    assert reveals and reveals[-1]["purpose"] == "MASE-2026-04" and reveals[-1]["details"]["people"]
    sent = b"".join(received) + page.content().encode() + frame.content().encode()
    assert received and PERSON_ID.findall(sent) == [], "a person id reached the MASE screen"
    names = driver.execute_query(
        "MATCH (m:Mention) WHERE m.name IS NOT NULL RETURN DISTINCT m.name AS name",
        database_=neo4j_server.neo4j_database,
    ).records
    # Full names only: a one-word street name ("Trigger") also spells words of Streamlit's own messages.
    others = [r["name"] for r in names if " " in r["name"].strip() and r["name"] not in revealed]
    assert others and [n for n in others if n.encode() in sent] == [], "another person's name reached the MASE screen"
    assert not errors and outside == []


FIRST = ["Aled", "Bodhi", "Cyrus", "Dmitri", "Eamon", "Fionn", "Gideon", "Hamza", "Idris", "Jarrah", "Kwame", "Lorcan"]
LAST = ["Achterberg", "Brathwaite", "Czerny", "Dunleavy", "Ekwueme"]


def _suspects(i: int) -> list[dict]:
    return [
        {
            "person_ref": "P1",
            "role": "suspected_perpetrator",
            "name": f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST)]}",
            "dob": f"19{80 + i // 12}-{1 + i % 12:02d}-{1 + i % 27:02d}",
        }
    ]


def _load_busy_and_filtered(driver, neo4j_server, tmp_path) -> None:
    """Hana is named with 60 people (one record each): 25 drawn, "and 35 more". Amira's suspect Kyle is
    named with Ian in a Hackney record and with Olu in a Camden one."""
    from tests.builders import folder_with, load, referral

    busy = [referral(f"MORE-{i:02d}", "Hana Whitfield", "2010-06-06", people=_suspects(i)) for i in range(60)]
    filtered = [
        referral("FLT-A", "Amira Cole", "2010-03-03", suspect="Kyle Brennan"),
        referral("FLT-C", "Ian Marsh", "2009-09-09", suspect="Kyle Brennan"),
        referral("FLT-B", "Olu Adebayo", "2009-08-08", suspect="Kyle Brennan", borough="Camden"),
    ]
    load(driver, neo4j_server.neo4j_database, folder_with(tmp_path / "more", mash=busy + filtered), tmp_path)


def _more_node(frame) -> dict | None:
    return next((n for n in _nodes(frame) if n["label"].startswith("and ")), None)


def test_and_n_more_adds_the_next_page_and_an_expansion_keeps_the_pages_filters(
    explorer_url, browser_page, driver, neo4j_server, tmp_path
):
    from jigsaw import audit

    _load_busy_and_filtered(driver, neo4j_server, tmp_path)
    page, outside, errors = browser_page
    sign_purpose(page, explorer_url)

    # "and N more": each click adds the next 25 of that person's links not yet on screen, until none is left.
    _open_profile(page, "Hana Whitfield")
    frame = _network(page)
    assert len(_people(frame)) == 26 and _more_node(frame)["label"] == "and 35 more"
    for people, left in ((51, "and 10 more"), (61, None)):
        _idle(page)
        version = _version(frame)
        _click(page, frame, _more_node(frame)["id"])
        print(f"'and N more' at demo scale, click to redrawn network: {_wait_version(frame, version):.2f}s")
        assert len(_people(frame)) == people and len({n["id"] for n in _people(frame)}) == people
        assert (_more_node(frame) or {}).get("label") == left
    page.screenshot(path=str(ARTIFACTS / "network_and_n_more.png"), full_page=True)
    pages = [e for e in audit.events(explorer_url.home) if e["details"].get("next_page")]
    assert len(pages) == 2 and all(e["purpose"] == "CASE-2024-001" for e in pages)

    # The page's filters hold for an expansion: Kyle's Camden tie (to Olu) stays off a Hackney network.
    _open_profile(page, "Amira Cole")
    frame = _network(page)
    # Each filter is a new first drawing in the same frame: wait for it to be drawn, not only for an idle app
    # (idle can be read before the change's run has begun).
    version = _version(frame)
    page.locator('[data-testid="stRadio"]').filter(has_text="Steps out").get_by_text("1", exact=True).click()
    _wait_version(frame, version)
    _idle(page)
    version = _version(frame)
    page.get_by_role("combobox", name="Borough").click()
    page.keyboard.type("Hackney")  # the list is long and drawn only in part: type to find it
    page.get_by_role("option", name="Hackney", exact=True).click()
    _wait_version(frame, version)
    _idle(page)
    kyle = next(n for n in _people(frame) if n["label"] == "Kyle Brennan")
    assert {n["label"] for n in _people(frame)} == {"Amira Cole", "Kyle Brennan"}
    version = _version(frame)
    _click(page, frame, kyle["id"], double=True)
    _wait_version(frame, version)
    assert {n["label"] for n in _people(frame)} == {"Amira Cole", "Kyle Brennan", "Ian Marsh"}  # not Olu Adebayo
    page.screenshot(path=str(ARTIFACTS / "network_expanded_with_filters.png"), full_page=True)
    assert outside == [] and not errors, (outside, errors)
