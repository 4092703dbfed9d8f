"""Problem profiles and MASE packs against an independently generated data set: figures checked
against what the source files say, and no name, date of birth or postcode in the pseudonymised
HTML or PDF."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta

import pytest

from casework import store
from casework.models import NewAction, NewAssessment, NewSafetyEntry, Subject
from graph_loader.graph_rows import TO_ROWS
from graph_loader.load import validate_paths
from identity.graph_run import run as run_identity
from jigsaw import audit, catalogue
from jigsaw.graph_admin import wipe_data
from reports import produce
from reports.labels import word
from tests.report_text import pdf_text

from .builders import leaks, load, personal_strings

SEED = 5  # not the demo's seed: data the code was not written against

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def held_back(tmp_path_factory):
    from fixtures.generator import generate

    folder = tmp_path_factory.mktemp("held-back")
    generate(SEED, "S", folder)
    records = {v.source.key: [r.record for r in v.records] for v in validate_paths(None, folder)}
    return folder, records


@pytest.fixture(scope="module")
def loaded(driver, neo4j_server, held_back, tmp_path_factory):
    folder, records = held_back
    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    assert load(driver, db, folder, tmp_path_factory.mktemp("q")).rows_rejected == 0
    run_identity(driver, db)
    mention_person = {
        r["k"]: r["p"]
        for r in driver.execute_query(
            "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS k, p.person_id AS p", database_=db
        ).records
    }
    yield driver, db, records, mention_person
    wipe_data(driver, db)


def busiest(records) -> tuple[str, date, date]:
    """The borough with the most referrals, and the last two years of its data."""
    borough = Counter(r.borough for r in records["mash"]).most_common(1)[0][0]
    latest = max(r.date_received for r in records["mash"] if r.borough == borough)
    return borough, latest - timedelta(days=730), latest


def test_profile_figures_match_the_source_files(loaded):
    driver, db, records, mention_person = loaded
    borough, start, end = busiest(records)
    report, ask = produce.profile(driver, db, borough, start, end, user="test-analyst", purpose="PP-TEST")

    in_period = [r for r in records["mash"] if r.borough == borough and start <= r.date_received <= end]
    expected = Counter((f"{r.date_received:%Y-%m}", r.cse_category.value) for r in in_period)
    referrals = next(s for s in report.sections if s.title == "Referrals to the MASH").figures[0]
    # The months are the line chart's; each category's line is named in words (reports/labels.py).
    code = {word(c): c for c in ["none", "1", "2", "3"]}
    trend = referrals.chart
    got = Counter(
        {
            (month, code[name]): n
            for name, values in trend.series.items()
            if name in code
            for month, n in zip(trend.labels, values)
            if n
        }
    )
    assert got == expected and referrals.query == "report_referrals_by_month" and trend.kind == "line"
    assert sum(row[1] for row in referrals.rows) == len(in_period)  # the table: each category against the period before
    assert f"{len(in_period)} referrals in the period" in " ".join(s for sec in report.sections for s in sec.sentences)

    # Children at risk: the graph's persons for the child mentions of these records (identity is tested elsewhere).
    hsb = [r for r in records["hsb"] if r.borough == borough and start <= r.date_opened <= end]
    child_keys = [
        m["mention_key"] for r in in_period for m in TO_ROWS["mash"](r)["mentions"] if m["role"] == "child_at_risk"
    ]
    child_keys += [m["mention_key"] for r in hsb for m in TO_ROWS["hsb"](r)["mentions"] if m["role"] == "child_harmed"]
    children = {mention_person[k] for k in child_keys}
    by_dimension = next(s for s in report.sections if s.title == "Children at risk or harmed").figures
    for figure in by_dimension[:4]:
        assert sum(row[1] for row in figure.rows) == len(children), figure.title
    listed = by_dimension[4]
    assert len(listed.rows) == len(children) and set(report.people) == children

    hsb_section = next(s for s in report.sections if s.title == "Harmful sexual behaviour")
    assert hsb_section.sentences[0].startswith(f"{len(hsb)} HSB cases opened")
    suspects = next(s for s in report.sections if s.title == "Suspected perpetrators")
    suspect_people = {
        mention_person[m["mention_key"]]
        for r in in_period
        for m in TO_ROWS["mash"](r)["mentions"]
        if m["role"] == "suspected_perpetrator"
    }
    assert suspects.sentences[0].startswith(f"{len(suspect_people)} people named as suspected perpetrators")
    assert all(f.source.startswith("query ") for s in report.sections for f in s.figures)
    assert {u["query"] for u in ask.used} >= {
        "report_referrals_by_month",
        "hotspots",
        "report_hsb",
        "report_gang_overlap",
    }


def test_pseudonymised_profile_has_no_names_dates_of_birth_or_postcodes(loaded):
    driver, db, records, _ = loaded
    borough, start, end = busiest(records)
    strings = personal_strings(records)
    report, _ = produce.profile(driver, db, borough, start, end, user="test-analyst", purpose="PP-TEST")
    html_text = produce.render(report, "html").decode()
    assert leaks(html_text, strings) == []
    assert "<script" not in html_text.lower() and "Content-Security-Policy" in html_text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html_text)  # nothing fetched from anywhere
    assert leaks(pdf_text(produce.render(report, "pdf")), strings) == []

    identified, _ = produce.profile(
        driver, db, borough, start, end, user="test-analyst", purpose="PP-TEST", identified=True
    )
    assert leaks(produce.render(identified, "html").decode(), strings)  # names are there when asked for


def test_producing_a_report_is_logged_as_a_disclosure(loaded, explorer_env, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jigsaw_cli import app

    _driver, _db, records, _ = loaded
    borough, start, end = busiest(records)
    monkeypatch.setenv("JIGSAW_USER", "analyst-7")
    out = tmp_path / "profile.pdf"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "profile",
            "--borough",
            borough,
            "--from",
            str(start),
            "--to",
            str(end),
            "--format",
            "pdf",
            "--out",
            str(out),
            "--purpose",
            "BOARD-2025-03",
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF") and (out.stat().st_mode & 0o077) == 0
    (event,) = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert event["user"] == "analyst-7" and event["purpose"] == "BOARD-2025-03" and event["details"]["format"] == "pdf"
    assert event["details"]["people_count"] > 0 and any(q["query"] == "hotspots" for q in event["details"]["queries"])
    bad = CliRunner().invoke(
        app,
        ["report", "profile", "--borough", "Hackny", "--from", "2024-01-01", "--to", "2024-12-31", "--purpose", "X"],
    )
    assert bad.exit_code == 2 and "Hackney" in bad.output


def _rising_from_source(records, mention_person, borough, since, until) -> set[str]:
    """Children whose category rose or missing episodes increased, computed from the files."""
    referrals = []
    for r in records["mash"]:
        child = next(m for m in TO_ROWS["mash"](r)["mentions"] if m["role"] == "child_at_risk")
        referrals.append((mention_person[child["mention_key"]], r))
    level = {"none": 0, "1": 1, "2": 2, "3": 3}
    out = set()
    for person in {p for p, r in referrals if r.borough == borough and since < r.date_received <= until}:
        now = max(
            (r for p, r in referrals if p == person and r.borough == borough and since < r.date_received <= until),
            key=lambda r: r.date_received,
        )
        before = [r for p, r in referrals if p == person and r.date_received <= since]
        if before:
            was = max(before, key=lambda r: r.date_received)
            if (
                level[now.cse_category.value] > level[was.cse_category.value]
                or now.missing_episodes > was.missing_episodes
            ):
                out.add(person)
    return out


def test_mase_pack_reports_changes_and_actions_overdue_first_without_names(loaded, tmp_path):
    driver, db, records, mention_person = loaded
    borough, _, until = busiest(records)
    since = until - timedelta(days=120)
    child = next(iter(_rising_from_source(records, mention_person, borough, date(2000, 1, 1), until)), None) or next(
        mention_person[m["mention_key"]]
        for r in records["mash"]
        if r.borough == borough
        for m in TO_ROWS["mash"](r)["mentions"]
        if m["role"] == "child_at_risk"
    )
    name = next(
        m["props"]["name"]
        for src, rs in records.items()
        for r in rs
        for m in TO_ROWS[src](r)["mentions"]
        if mention_person.get(m["mention_key"]) == child and m["props"].get("name")
    )
    hotspot = catalogue.run(driver, db, "hotspots", {"borough": borough}).rows[0]["place_key"]
    overdue = store.add_action(
        driver,
        db,
        NewAction(
            subject=Subject(kind="place", key=hotspot),
            kind="disruption_visit",
            description="Licensing and police visit to the premises",
            owner="Licensing team",
            due=since + timedelta(days=10),
            borough=borough,
            meeting="MASE-1",
        ),
        user="chair",
        purpose="MASE-1",
    )
    later = store.add_action(
        driver,
        db,
        NewAction(
            subject=Subject(kind="person", key=child),
            kind="return_home_interview",
            description=f"Return home interview with {name} after the last missing episode",
            owner="Children's social care",
            due=until + timedelta(days=20),
            borough=borough,
        ),
        user="chair",
        purpose="MASE-1",
    )

    report, _ = produce.mase_pack(
        driver, db, borough, "MASE-2", until, since, user="chair", purpose="MASE-2", home=tmp_path
    )  # its deployment secret, never the checkout's .jigsaw
    changed = report.sections[0]
    rising = next(f for f in changed.figures if f.query == "mase_rising")
    assert len(rising.rows) == len(_rising_from_source(records, mention_person, borough, since, until))
    actions = report.sections[2].figures[0]
    assert [row[0] for row in actions.rows][:2] == [overdue, later] and actions.rows[0][5].startswith("OVERDUE")
    cases = report.sections[1].figures[0]
    assert any(f"open action {later}" in row[1] for row in cases.rows)

    strings = personal_strings(records)
    rendered = produce.render(report, "html").decode()
    assert leaks(rendered, strings) == [] and name not in rendered  # the typed name was replaced by a pseudonym
    assert leaks(pdf_text(produce.render(report, "pdf")), strings) == []
    assert "Return home interview with YP-" in rendered


def test_contexts_are_cases_and_show_on_every_tied_childs_profile(loaded):
    driver, db, _records, _mention_person = loaded
    hotspot = catalogue.run(driver, db, "hotspots", {}).rows[0]
    tied = driver.execute_query(
        "MATCH (:Place {place_key: $k})<-[:NAMES_PLACE]-(:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) "
        "RETURN DISTINCT p.person_id AS person_id",
        k=hotspot["place_key"],
        database_=db,
    ).records
    assessment = store.add_assessment(
        driver,
        db,
        NewAssessment(
            subject=Subject(kind="place", key=hotspot["place_key"]),
            kind="assessment",
            summary="Premises used to meet children after school",
            owner="Contextual safeguarding lead",
            borough="Hackney",
        ),
        user="lead",
        purpose="CS-1",
    )
    people = {r["person_id"] for r in tied if r.get("person_id")}
    assert people
    for person in people:
        rows = catalogue.run(driver, db, "person_casework", {"person_id": person}).rows
        assert any(r["item"] == "assessment" and r["via"].startswith("place: ") for r in rows), person

    from analytics.peer_groups import analyse
    from analytics.projection import Scope, project
    from analytics.write_back import write_peer_groups

    write_peer_groups(driver, db, Scope(), analyse(project(driver, db, Scope())), "test-analyst")
    group = catalogue.run(driver, db, "peer_groups", {}).rows
    context, members = store.pin_peer_group(
        driver, db, group[0]["group_id"], "School-gate group", "Hackney", user="lead", purpose="CS-1"
    )
    store.add_assessment(
        driver,
        db,
        NewAssessment(
            subject=Subject(kind="context", key=context),
            kind="plan",
            summary="Detached youth work at the school gate",
            owner="Youth service",
            borough="Hackney",
        ),
        user="lead",
        purpose="CS-1",
    )
    member = driver.execute_query(
        "MATCH (:Context {context_id: $c})-[:INCLUDES]->(p:Person) RETURN p.person_id AS p LIMIT 1",
        c=context,
        database_=db,
    ).records[0]["p"]
    rows = catalogue.run(driver, db, "person_casework", {"person_id": member}).rows
    assert any(r["item"] == "plan" and r["via"] == "peer group: School-gate group" for r in rows) and members >= 2

    store.add_safety(
        driver,
        db,
        NewSafetyEntry(
            person_id=member,
            kind="protective_adult",
            description="Grandmother",
            note="Child stays with her at weekends",
        ),
        user="lead",
        purpose="CS-1",
    )
    store.add_safety(
        driver,
        db,
        NewSafetyEntry(person_id=member, kind="safe_place", target_key=hotspot["place_key"]),
        user="lead",
        purpose="CS-1",
    )
    items = {r["item"] for r in catalogue.run(driver, db, "person_casework", {"person_id": member}).rows}
    assert {"protective adult", "safe place", "plan"} <= items
    with pytest.raises(store.NotFound):
        store.add_action(
            driver,
            db,
            NewAction(
                subject=Subject(kind="place", key="no such place"),
                kind="other",
                description="nothing",
                owner="x",
                due=date(2025, 1, 1),
                borough="Hackney",
            ),
            user="u",
            purpose="p",
        )
    assert assessment.startswith("ASM-")


def test_an_action_update_is_added_to_its_history(loaded):
    driver, db, _, mention_person = loaded
    person = next(iter(mention_person.values()))
    action = store.add_action(
        driver,
        db,
        NewAction(
            subject=Subject(kind="person", key=person),
            kind="outreach",
            description="Outreach session",
            owner="Youth service",
            due=date(2025, 6, 1),
            borough="Hackney",
        ),
        user="worker",
        purpose="CASE-9",
    )
    assert store.update_action(driver, db, action, "done", user="worker", note="Seen at youth club") == "done"
    history = driver.execute_query(
        "MATCH (a:Action {action_id: $a}) RETURN a.history AS h", a=action, database_=db
    ).records[0]["h"]
    assert len(history) == 2 and history[0].endswith("worker: open") and "done (Seen at youth club)" in history[1]
    with pytest.raises(ValueError, match="say why"):
        store.update_action(driver, db, action, "open", user="worker", note=" ")
    json.dumps(history)
