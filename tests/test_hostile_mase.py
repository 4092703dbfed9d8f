"""Issue 15, item 9 (MASE part): the MASE screen and the MASE pack carry nothing that leads back
to a person without the deployment's secret.

The attack: take every person id, record id and mention key of the demo data (person ids can be
recomputed from record ids, and a meeting name is guessable) and look for them in what the
screen and the pack show, then try each against the pseudonyms shown, keyed by the meeting
name as the old scheme was. Neither may find anyone.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw.access import ALL_SOURCES, UserRole
from jigsaw.accounts import Account
from jigsaw.pseudonyms import SECRET_FILE, deployment_secret, meeting_key, pseudonym
from reports import produce
from tests.builders import load
from tests.downloads import click
from tests.explorer_app import APP, register
from tests.paths import REPO_ROOT
from tests.report_text import docx_text, pdf_text

pytestmark = pytest.mark.neo4j

MEETING = "MASE-2024-11"
CHAIR = Account(
    username="mase.chair",
    role=UserRole.mase_viewer,
    sources=list(ALL_SOURCES),
    password_hash=None,
    must_change_password=False,
)
PSEUDONYM = re.compile(r"YP-[A-Z]{2}\d{2}")


@pytest.fixture(scope="module")
def demo(driver, neo4j_server, tmp_path_factory):
    """The demo data, resolved into people, with peer groups; yields (driver, db, candidate ids)."""
    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from analytics.write_back import write_peer_groups
    from identity.graph_run import run as resolve
    from jigsaw.graph_admin import wipe_data

    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    load(driver, db, REPO_ROOT / "fixtures" / "demo", tmp_path_factory.mktemp("demo"))
    resolve(driver, db)
    write_peer_groups(driver, db, Scope(), analyse(project(driver, db, Scope()), seed=7), "mase-test")
    ids = driver.execute_query(
        "MATCH (p:Person) RETURN collect(DISTINCT p.person_id) AS ids "
        "UNION ALL MATCH (r:Record) RETURN collect(DISTINCT r.record_key) + collect(DISTINCT r.source_id) "
        "  + collect(DISTINCT r.source_record_id) AS ids "
        "UNION ALL MATCH (m:Mention) RETURN collect(DISTINCT m.mention_key) AS ids",
        database_=db,
    ).records
    people = [
        r["p"]
        for r in driver.execute_query("MATCH (p:Person) RETURN p.person_id AS p ORDER BY p", database_=db).records
    ]
    candidates = {i for r in ids for i in r["ids"] if i}
    yield driver, db, candidates, people
    wipe_data(driver, db)


def _found(text: str, candidates: set[str]) -> list[str]:
    """Candidate ids in the text (as whole ids: R1 must not match inside R12)."""
    hits = [c for c in candidates if c in text]  # a fast first pass; the pattern confirms the few hits
    return sorted(c for c in hits if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))


def _recovered(text: str, shown_people: list[str]) -> list[str]:
    """The people shown that an attacker without the secret finds: their pseudonym, keyed by the
    meeting name (as written, lower or upper case), is among the pseudonyms in the output."""
    shown = set(PSEUDONYM.findall(text))
    assert shown, "no pseudonyms in the output"
    guesses = (MEETING, MEETING.lower(), MEETING.upper())
    return [p for p in shown_people if any(pseudonym(p, g) in shown for g in guesses)]


def _fixed_secret(home: Path) -> bytes:
    """A known deployment secret, so that a chance collision of four-character pseudonyms cannot
    make the attack test pass one run and fail the next (the attacker still does not know it)."""
    path = home / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("5e" * 32 + "\n")
    return deployment_secret(home)


def _everything(at: AppTest) -> str:
    """Every element the page sent to the browser, as text."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def test_the_mase_screen_shows_no_id_and_its_pseudonyms_cannot_be_recomputed(explorer_env, demo, deferred):
    driver, db, candidates, _people = demo
    busiest = driver.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record)"
        "-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(o:Person) "
        "WHERE o <> p RETURN p.person_id AS p, count(DISTINCT o) AS n ORDER BY n DESC, p LIMIT 5",
        database_=db,
    ).records
    five = [r["p"] for r in busiest]
    key = meeting_key(_fixed_secret(explorer_env), MEETING)
    at = AppTest.from_file(APP, default_timeout=90)
    register(CHAIR)  # every run checks the session's account against the store
    at.session_state["account"] = CHAIR
    at.session_state["purpose"] = MEETING
    at.session_state["recent_people"] = {p: p for p in five}
    at.run()
    assert not at.exception, at.exception
    shown: list[str] = []
    assert set(at.selectbox[0].options) == {pseudonym(p, key) for p in five}  # the analyst's recent people
    for index in range(len(five)):
        at.text_input[0].input(five[index]).run()  # typed, as the chair would (a password field: not projected)
        assert not at.exception and at.get("component_instance"), at.exception
        buttons = {b.label: b for b in at.download_button}
        page = _everything(at)
        page += (
            click(deferred, buttons["Download as HTML"]).decode() + click(deferred, buttons["Download as SVG"]).decode()
        )
        assert pseudonym(five[index], key) in page
        shown.append(page)
    at.radio[0].set_value("A peer group").run()
    assert not at.exception and at.get("component_instance")
    shown.append(
        _everything(at) + click(deferred, next(b for b in at.download_button if b.label == "Download as HTML")).decode()
    )
    text = "\n".join(shown)
    assert _found(text, candidates) == []
    assert re.findall(r'"id": "([^"]+)"', text) and all(
        re.fullmatch(r"n-[0-9a-f]{16}", i) for i in re.findall(r'"id": "([^"]+)"', text)
    )
    assert _recovered(text, five) == []


def test_the_mase_pack_carries_no_id_and_its_pseudonyms_cannot_be_recomputed(demo, tmp_path):
    driver, db, candidates, people = demo
    key = meeting_key(_fixed_secret(tmp_path), MEETING)
    listed = people[:5]  # listed by the chair, as the five people of the hostile pass were
    report, _ = produce.mase_pack(
        driver,
        db,
        "Bexley",
        MEETING,
        date(2025, 6, 1),
        date(2022, 1, 1),
        user="chair",
        purpose=MEETING,
        cases=listed,
        home=tmp_path,
    )
    html = produce.render(report, "html").decode()
    pdf = pdf_text(produce.render(report, "pdf"))
    docx = docx_text(produce.render(report, "docx"))
    assert all(pseudonym(p, key) in html for p in listed)  # the five are in it, by pseudonym
    for text in (html, pdf, docx):
        assert _found(text, candidates) == []
        assert _recovered(text, listed) == []
