"""The Investigations page and the 'Save as investigation' control, through AppTest against the
real Neo4j; and `jigsaw investigations list|show|export`."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from investigations import store
from jigsaw import audit
from jigsaw.access import UserRole
from jigsaw.accounts import Account
from tests.builders import folder_with, load, referral
from tests.downloads import click
from tests.explorer_app import app, open_profile, register

pytestmark = pytest.mark.neo4j

COLLEAGUE = Account(
    username="colleague.two",
    role=UserRole.cse_analyst,
    sources=["mash", "hsb"],
    boroughs=["Hackney"],
    password_hash=None,
    must_change_password=False,
)


def save_from_profile(name: str = "Clapton peer group"):
    at = open_profile(app(), "Kyle Jonson")
    assert not at.exception, at.exception
    next(t for t in at.text_input if t.label == "Investigation name").input(name)
    next(b for b in at.button if b.label == "Save investigation").click().run()
    assert not at.exception, at.exception
    assert any("Saved as investigation" in s.value for s in at.success), [e.value for e in at.error]
    return at


def open_investigation(at):
    """Open the newest investigation (the list's first, chosen by default)."""
    at.switch_page("views/investigations.py").run()
    assert not at.exception, at.exception
    next(b for b in at.button if b.label == "Open and compare").click().run()
    assert not at.exception, at.exception
    return at


def test_save_from_the_person_page_then_reopen_with_the_change_marked(
    explorer_env, small_network, graph, db, tmp_path, deferred
):
    save_from_profile()
    [row] = store.listing(graph, db, "analyst.one")
    assert row["people"] >= 4 and row["case_ref"] == "CASE-2024-001"
    at = open_investigation(app())
    assert at.header[0].value == "Clapton peer group"
    assert any("Nothing new since it was saved" in s.value for s in at.success)

    # The data changes: a new referral names Amelia (already in it) with someone new.
    load(
        graph,
        db,
        folder_with(
            tmp_path / "new",
            mash=[referral("R7", "Amelia Hughes", "2008-03-01", suspect="Zane Okafor", date_received="2024-09-01")],
        ),
        tmp_path,
    )
    at = open_investigation(app())
    marked = " ".join(m.value for m in at.markdown)
    assert "1 new record" in marked and "1 new person within reach" in marked, marked
    tables = [t.value for t in at.dataframe]
    [new] = [t for t in tables if "mash:R7" in set(t.get("Record", []))]
    assert list(new["Dated"]) == ["01/09/2024"] and list(new["Child or young person"]) == ["Amelia Hughes"]
    assert any("Zane Okafor" in set(t.get("Now within one step", [])) for t in tables)
    # Exports parse, and each is a disclosure in the audit trail.
    graphml = click(deferred, next(b for b in at.download_button if b.label == "GraphML"))
    assert len(nx.read_graphml(io.BytesIO(graphml)).nodes) == row["people"]
    links = list(
        csv.reader(
            io.StringIO(
                click(deferred, next(b for b in at.download_button if b.label == "i2 links (CSV)")).decode("utf-8-sig")
            )
        )
    )
    assert links[0] == ["from", "to", "type", "date", "record"] and len(links) > 1
    events = list(audit.events(explorer_env))
    kinds = {(e["kind"], e["action"]) for e in events}
    assert {
        ("collection", "investigation saved"),
        ("consultation", "investigation opened"),
        ("disclosure", "export investigation"),
    } <= kinds
    assert all(e["purpose"] == "CASE-2024-001" for e in events if "investigation" in e["action"])
    assert "Amelia" not in json.dumps(events)


def test_shared_with_a_restricted_colleague_who_sees_only_their_scope(explorer_env, small_network, graph, db, tmp_path):
    load(
        graph,
        db,
        folder_with(
            tmp_path / "h",
            mash=[referral("R9", "Olivia Quarrington", "2008-07-07", borough="Haringey", suspect="Kyle Johnson")],
        ),
        tmp_path,
    )
    save_from_profile()
    register(COLLEAGUE)
    at = open_investigation(app())
    share = next(t for t in at.text_input if t.label == "Share with (account name)")
    share.input("nobody.here")
    next(b for b in at.button if b.label == "Share").click().run()
    assert any("No such colleague" in e.value for e in at.error)
    next(t for t in at.text_input if t.label == "Share with (account name)").input("colleague.two")
    next(b for b in at.button if b.label == "Share").click().run()
    assert not at.exception, at.exception
    assert store.listing(graph, db, "colleague.two")

    theirs = open_investigation(app(account=COLLEAGUE, purpose="CASE-2024-002"))
    outside = " ".join(i.value for i in theirs.info)
    assert "outside your information-sharing agreement" in outside, outside
    shown = json.dumps([t.value.to_dict() for t in theirs.dataframe], default=str)
    assert "Olivia" not in shown and "Dean Reid" not in shown  # Haringey MASH; Dean is known only to the matrix
    assert not [b for b in theirs.button if b.label in {"Delete", "Share"}]  # only the owner
    [opened] = [
        e for e in audit.events(explorer_env) if e["user"] == "colleague.two" and e["action"] == "investigation opened"
    ]
    assert opened["purpose"] == "CASE-2024-002" and opened["details"]["outside_scope"] >= 1


def test_the_cli_lists_shows_and_exports_as_the_named_user(
    explorer_env, small_network, graph, db, neo4j_server, tmp_path, monkeypatch
):
    from jigsaw_cli import app as cli

    save_from_profile("=HYPERLINK(1)")
    [row] = store.listing(graph, db, "analyst.one")
    cfg = neo4j_server.model_copy(update={"jigsaw_home": explorer_env})
    monkeypatch.setattr("jigsaw_cli.common.get_settings", lambda: cfg)
    runner = CliRunner()
    assert runner.invoke(cli, ["investigations", "list", "--user", "analyst.one"]).exit_code == 2  # no --purpose
    listed = runner.invoke(cli, ["investigations", "list", "--user", "analyst.one", "--purpose", "CASE-9", "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)[0]["investigation_id"] == row["investigation_id"]
    shown = runner.invoke(
        cli,
        ["investigations", "show", row["investigation_id"], "--user", "analyst.one", "--purpose", "CASE-9", "--json"],
    )
    assert shown.exit_code == 0 and len(json.loads(shown.stdout)["people"]) == row["people"]
    refused = runner.invoke(
        cli, ["investigations", "show", row["investigation_id"], "--user", "colleague.two", "--purpose", "CASE-9"]
    )
    assert refused.exit_code == 2  # not an account here, and not shared with them
    out = tmp_path / "i2"
    done = runner.invoke(
        cli,
        [
            "investigations",
            "export",
            row["investigation_id"],
            "--user",
            "analyst.one",
            "--purpose",
            "CASE-9",
            "--format",
            "i2",
            "--out",
            str(out),
        ],
    )
    assert done.exit_code == 0, done.output
    entities = list(
        csv.DictReader(io.StringIO((out / f"{row['investigation_id']}-entities.csv").read_text("utf-8-sig")))
    )
    assert len(entities) == row["people"] and (out / f"{row['investigation_id']}-links.csv").stat().st_mode & 0o077 == 0
    disclosures = [
        e for e in audit.events(explorer_env) if e["kind"] == "disclosure" and e["action"] == "export investigation"
    ]
    assert len(disclosures) == 2 and all(e["purpose"] == "CASE-9" and e["user"] == "analyst.one" for e in disclosures)


def test_the_network_on_screen_is_saved_with_its_positions_hidden_and_pinned_then_noted_and_deleted(
    explorer_env, small_network, graph, db
):
    ids = [
        r["id"]
        for r in graph.execute_query("MATCH (p:Person) RETURN p.person_id AS id ORDER BY id", database_=db).records
    ]
    at = app()
    at.session_state["network_view"] = {
        "people": ids,
        "positions": {ids[0]: [12.5, -40.0]},
        "hidden": [ids[1]],
        "pinned": [ids[2]],
        "page": "person",
    }  # what the interactive graph publishes
    at.switch_page("views/investigations.py").run()
    next(t for t in at.text_input if t.label == "Investigation name").input("Drawn on screen")
    next(b for b in at.button if b.label == "Save investigation").click().run()
    assert not at.exception, at.exception
    [row] = store.listing(graph, db, "analyst.one")
    saved = store.get(graph, db, row["investigation_id"], "analyst.one").drawing
    assert (
        saved.people == ids
        and saved.positions == {ids[0]: (12.5, -40.0)}
        and saved.hidden == [ids[1]]
        and saved.pinned == [ids[2]]
    )

    at = open_investigation(at)
    assert any("1 person is hidden" in c.value for c in at.caption)
    next(t for t in at.text_area if t.label == "Note").input("![x](http://x.example/p.png) =1+1 <script>x</script>")
    next(b for b in at.button if b.label == "Add note").click().run()
    assert not at.exception, at.exception
    notes = store.get(graph, db, row["investigation_id"], "analyst.one").drawing.person_notes
    assert list(notes.values()) == ["![x](http://x.example/p.png) =1+1 <script>x</script>"]
    assert not [m for m in at.markdown if "x.example" in m.value]  # shown in a table (text), never as Markdown
    next(c for c in at.checkbox if c.label.startswith("Yes, delete")).check()
    next(b for b in at.button if b.label == "Delete").click().run()
    assert store.listing(graph, db, "analyst.one") == []
    actions = [e["action"] for e in audit.events(explorer_env) if "investigation" in e["action"]]
    assert {"investigation saved", "investigation opened", "investigation note", "investigation deleted"} <= set(
        actions
    )
