"""Explorer pages through Streamlit's AppTest, against the real Neo4j: the flows an analyst and a MASE chair use."""

from __future__ import annotations

import json
import re
from datetime import UTC

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import audit, catalogue
from jigsaw.access import ANALYST_PAGES, UserRole
from tests.builders import folder_with, load, referral
from tests.downloads import click
from tests.explorer_app import ANALYST, APP, app, graph_labels, graph_page, hackney_reports_page, open_profile
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j


def test_no_person_data_without_a_case_or_meeting_reference(explorer_env, small_network):
    at = app(purpose=None)
    at.switch_page("views/search.py").run()
    # no search box yet: only the sidebar's box for the reference (app.py runs on every page now)
    assert not at.exception and [t.key for t in at.text_input] == ["purpose_input"]
    assert any("case or meeting reference" in i.value for i in at.info)
    at.switch_page("views/person.py").run()
    assert not at.get("component_instance") and not at.get("iframe") and not at.dataframe


def test_search_opens_a_cross_agency_profile_with_its_network(explorer_env, small_network):
    at = open_profile(app(), "Kyle Jonson")
    assert not at.exception
    assert at.header[0].value == "Kyle Johnson"
    timeline = at.dataframe[0].value
    assert set(timeline["Role"]) == {"suspected perpetrator", "gang nominal", "associate"}
    assert set(timeline["Agency"]) == {"Multi-Agency Safeguarding Hub (MASH)", "Police gangs unit (gangs matrix)"}
    assert {"Amelia Hughes", "Bella Jones", "Dean Reid"} <= set(graph_labels(graph_page(at)))
    # Re-centre on a neighbour.
    recentre = next(s for s in at.selectbox if s.label == "Re-centre on")
    recentre.select_index(next(i for i, label in enumerate(recentre.options) if "Bella" in label))
    next(b for b in at.button if b.label == "Re-centre").click().run()
    assert not at.exception, at.exception
    assert at.header, ([e.value for e in at.error], [e.value for e in at.info], at.title)
    assert at.header[0].value == "Bella Jones"
    events = list(audit.events(explorer_env))
    looked = [e for e in events if e["kind"] == "consultation"]
    assert looked and all(e["user"] == "analyst.one" and e["purpose"] == "CASE-2024-001" for e in looked)
    assert {"person_search", "person_profile", "ego_network"} <= {e["details"].get("query") for e in events}
    graph_event = next(e for e in looked if e["details"].get("query") == "ego_network")
    assert len(graph_event["details"]["people"]) >= 3 and all(
        p.startswith("P-") for p in graph_event["details"]["people"]
    )
    assert all(r.startswith(("mash:", "matrix:", "hsb:")) for r in graph_event["details"]["records"])
    assert "Amelia" not in json.dumps(events)  # results are logged as ids and counts; names only as typed into a search
    assert audit.verify(explorer_env).ok


def test_every_page_renders_without_error(explorer_env, small_network):
    at = app()
    for page in ANALYST_PAGES:  # the role's own list, so a page added there is rendered here too
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, page
        assert not at.error, (page, [e.value for e in at.error])


def test_queries_page_runs_any_catalogue_query_from_its_header(explorer_env, small_network):
    at = app()
    at.switch_page("views/queries.py").run()
    chooser = at.selectbox[0]
    chooser.select("gang_overlap").run()
    labels = [t.label for t in at.text_input]
    assert labels[:2] == ["hops (int)", "borough (string)"]
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception
    result = at.dataframe[0].value
    assert len(result) >= 2 and "Nominal of gang(s)" in result.columns
    chooser = at.selectbox[0]
    chooser.select("person_profile").run()
    next(b for b in at.button if b.label == "Run").click().run()
    assert any("person_id" in e.value for e in at.error)  # a required parameter is asked for, not guessed


def test_a_list_shows_its_first_page_then_the_rest_when_asked(explorer_env, small_network, monkeypatch):
    """A click reads the first page only; the whole list (to the query's limit) is read when the reader asks,
    for those parameters: new parameters start again at the first page. Each read is audited."""
    monkeypatch.setattr(catalogue, "FIRST_PAGE", 1)  # the small network's lists are a few rows long
    at = app()
    at.switch_page("views/queries.py").run()
    at.selectbox[0].select("gang_overlap").run()
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) == 1
    assert any("The first 1 rows" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Show up to 1,000 rows").click().run()
    assert not at.exception, at.exception
    whole = at.dataframe[0].value
    assert len(whole) >= 2 and not [b for b in at.button if b.label.startswith("Show up to")]
    read = [
        e["details"]["rows"]
        for e in audit.events(explorer_env)
        if e["kind"] == "consultation" and e["details"].get("query") == "gang_overlap"
    ]
    assert read[0] == 1 and read[-1] == len(whole)
    at.text_input(key="gang_overlap-hops").input("2")
    next(b for b in at.button if b.label == "Run").click().run()
    assert len(at.dataframe[0].value) == 1  # other parameters: the first page again
    assert any("The first 1 rows" in c.value for c in at.caption)


def test_mase_screen_shows_pseudonyms_and_ages_never_names(explorer_env, small_network, graph, db):
    kyle = graph.execute_query(
        "MATCH (m:Mention {name: 'Kyle Johnson'})-[:REFERS_TO]->(p) RETURN p.person_id AS p LIMIT 1", database_=db
    ).records[0]["p"]
    at = app(purpose="MASE-2024-11")
    at.switch_page("views/mase.py").run()
    at.text_input[0].input(kyle).run()
    assert not at.exception
    page = graph_page(at)
    labels = graph_labels(page)
    assert len(labels) >= 4 and all(re.fullmatch(r"YP-[A-Z]{2}\d\d(, \d+)?", label) for label in labels)
    for name in ("Kyle", "Amelia", "Bella", "Dean", "Johnson", "Hughes", "2008-03-01"):
        assert name not in page
    first = labels
    again = app(purpose="MASE-2024-11")
    again.switch_page("views/mase.py").run()
    again.text_input[0].input(kyle).run()
    assert graph_labels(graph_page(again)) == first  # the same pseudonyms all meeting


def test_a_reader_without_the_gangs_matrix_never_sees_its_facts(explorer_env, small_network):
    """The sharing agreement is enforced in the query layer: the same pages, fewer facts."""
    reader = ANALYST.model_copy(update={"username": "mash.only", "sources": ["mash", "hsb"]})
    at = open_profile(app(account=reader), "Kyle Johnson")
    assert not at.exception
    timeline = at.dataframe[0].value
    assert set(timeline["Source"]) == {"mash"} and "gang nominal" not in set(timeline["Role"])
    page = graph_page(at)
    assert "Dean Reid" not in graph_labels(page)  # known only from the matrix
    assert "Clapton Boys" not in page and "Police gangs unit" not in page
    at.switch_page("views/gang_overlap.py").run()
    assert any("information-sharing agreement" in i.value for i in at.info) and not at.dataframe


def test_a_borough_reader_sees_only_that_borough(explorer_env, graph, db, tmp_path):
    folder = folder_with(
        tmp_path / "in",
        mash=[
            referral("H1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson"),
            referral("L1", "Lola Grant", "2008-05-05", suspect="Kyle Johnson", borough="Lambeth"),
        ],
    )
    load(graph, db, folder, tmp_path)
    reader = ANALYST.model_copy(update={"username": "hackney.only", "boroughs": ["Hackney"]})
    at = open_profile(app(account=reader), "Kyle Johnson")
    assert set(at.dataframe[0].value["Borough"]) == {"Hackney"}
    assert "Lola Grant" not in graph_labels(graph_page(at))


@pytest.mark.parametrize(
    ("role", "title"), [(UserRole.mase_viewer, "MASE meeting CASE-2024-001"), (UserRole.auditor, "Audit trail")]
)
def test_each_role_sees_only_its_pages(explorer_env, small_network, role, title):
    at = app(account=ANALYST.model_copy(update={"username": "someone", "role": role}))
    assert not at.exception and at.title[0].value == title
    for forbidden in ("search", "person", "queries"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"views/{forbidden}.py")


def test_nothing_but_sign_in_before_signing_in(explorer_env, small_network):
    at = app(account=None)
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # no such page before signing in
        at.switch_page("views/overview.py")


def test_identity_review_records_a_verdict_and_splits_a_person(explorer_env, graph, db, tmp_path):
    from identity.graph_run import run as resolve

    load(graph, db, REPO_ROOT / "fixtures" / "demo", tmp_path)
    resolve(graph, db)
    at = app()
    at.switch_page("views/identity_review.py").run()
    pair = at.selectbox[0].value
    at.radio[0].set_value("not_same")
    why = next(t for t in at.text_input if t.label == "Why (required)")
    why.input("different schools")
    next(b for b in at.button if b.label == "Record verdict").click().run()
    assert not at.exception
    status = graph.execute_query(
        "MATCH (c:IdentityCandidate {pair_key: $k}) RETURN c.status AS s", k=pair, database_=db
    ).records
    assert status[0]["s"] == "not_same"
    # Split the person that two of the demo's records were joined into.
    person = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p) WITH p, count(m) AS n WHERE n >= 3 RETURN p.person_id AS p "
        "ORDER BY p LIMIT 1",
        database_=db,
    ).records[0]["p"]
    next(t for t in at.text_input if t.label == "Person id to split").input(person).run()
    chooser = next(m for m in at.multiselect if m.label == "Records that belong to someone else")
    moved = chooser.options[0]
    chooser.select(moved)
    next(t for t in at.text_input if t.label == "Why (required)" and t.key == "split-why").input(
        "another child's record"
    )
    next(b for b in at.button if b.label == "Split").click().run()
    assert not at.exception and at.success, [e.value for e in at.error]
    actions = [e["action"] for e in audit.events(explorer_env) if e["kind"] == "alteration"]
    assert actions == ["identity verdict", "identity split"]


def test_free_queries_run_read_only_and_are_audited(explorer_env, small_network, graph, db):
    at = app()
    at.switch_page("views/queries.py").run()
    box = at.text_area[0]
    box.input("MATCH (p:Person) DETACH DELETE p")
    next(b for b in at.button if b.label == "Check and run").click().run()
    assert any("read-only" in e.value for e in at.error)
    assert graph.execute_query("MATCH (p:Person) RETURN count(p) AS c", database_=db).records[0]["c"] > 0
    at.text_area[0].input("MATCH (m:Mention) WHERE m.name = $name RETURN DISTINCT m.name AS name")
    next(t for t in at.text_input if t.label.startswith("Parameters as JSON")).input('{"name": "Bella Jones"}')
    next(b for b in at.button if b.label == "Check and run").click().run()
    assert not at.exception and at.dataframe[-1].value["Name"].tolist() == ["Bella Jones"]
    actions = [e["action"] for e in audit.events(explorer_env)]
    assert "free query refused" in actions and "free query" in actions


def test_governance_shows_aggregates_only(explorer_env, small_network):
    at = app()
    at.switch_page("views/governance.py").run()
    assert not at.exception
    text = " ".join(df.value.to_string() for df in at.dataframe)
    assert "child at risk" in text and "not recorded" in text
    for name in ("Amelia", "Bella", "Kyle", "Dean", "Jayden"):
        assert name not in text


def test_sessions_end_after_idle_time(explorer_env, small_network):
    from datetime import datetime, timedelta

    at = AppTest.from_file(APP, default_timeout=60)
    long_ago = datetime.now(UTC) - timedelta(minutes=31)
    at.session_state["account"] = ANALYST
    at.session_state["signed_in_at"] = at.session_state["last_seen"] = long_ago
    at.run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert any("signed out after a period without activity" in i.value for i in at.info)
    assert "session expired" in [e["action"] for e in audit.events(explorer_env)]


def test_reports_page_produces_a_profile_records_an_action_and_the_person_page_shows_it(
    explorer_env, small_network, graph, db
):
    at = hackney_reports_page("MASE-HACKNEY-7")
    next(b for b in at.button if b.label == "Produce the problem profile").click().run()
    assert not at.exception and any("ready (pseudonymised)" in s.value for s in at.success)
    (event,) = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert (
        event["purpose"] == "MASE-HACKNEY-7"
        and event["details"]["page"] == "reports"
        and not event["details"]["identified"]
    )

    person = graph.execute_query(
        "MATCH (:Mention {name: 'Amelia Hughes'})-[:REFERS_TO]->(p:Person) RETURN p.person_id AS p", database_=db
    ).records[0]["p"]
    at.selectbox(key="actions_borough").set_value("Hackney").run()
    form_inputs = [t for t in at.text_input if t.label == "Its id or key"]
    form_inputs[0].input(person)
    next(t for t in at.text_input if t.label == "Owner (role or team)").input("Hackney social care")
    next(t for t in at.text_area if t.label.startswith("What will be done")).input("Return home interview")
    next(b for b in at.button if b.label == "Record the action").click().run()
    assert not at.exception and any(s.value.startswith("Action ACT-") for s in at.success), [e.value for e in at.error]
    assert "casework action add" in [e["action"] for e in audit.events(explorer_env)]

    at.session_state["person_id"] = person
    at.switch_page("views/person.py").run()
    casework = next(df.value for df in at.dataframe if "What" in df.value.columns)
    assert "Return home interview" in casework["Detail"].tolist() and casework["Through"].tolist() == ["this child"]


def test_saving_the_graph_as_png_is_an_audited_disclosure(explorer_env, small_network, deferred):
    """The image is made on the server and handed over as a download, never saved from the page unseen."""
    at = open_profile(app(), "Kyle Johnson")
    assert 'id="save-png"' not in graph_page(at) and "toDataURL" not in graph_page(at)
    shown = next(e for e in audit.events(explorer_env) if e["details"].get("query") == "ego_network")["details"][
        "people"
    ]
    assert not [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert click(deferred, next(b for b in at.download_button if b.label == "Download as PNG")).startswith(b"\x89PNG")
    saved = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert len(saved) == 1 and saved[0]["details"]["format"] == "png" and saved[0]["action"] == "export graph"
    assert saved[0]["user"] == "analyst.one" and saved[0]["purpose"] == "CASE-2024-001"
    assert set(shown) <= set(saved[0]["details"]["people"]) and all(p.startswith("P-") for p in shown)
    assert audit.verify(explorer_env).ok
