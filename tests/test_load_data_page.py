"""The explorer's Load data page (administrators) through Streamlit's AppTest, against the real
Neo4j: upload a foreign export, pick a committed mapping, dry run, load, report and audit."""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from explorer import loading
from fixtures.foreign import police_nominals
from graph_loader.mapping.model import read_mapping
from jigsaw import audit
from jigsaw.access import ALL_SOURCES, UserRole
from jigsaw.accounts import Account
from tests.explorer_app import ANALYST, app
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j

ADMIN = Account(
    username="admin.one", role=UserRole.admin, sources=list(ALL_SOURCES), password_hash=None, must_change_password=False
)


def page(account: Account) -> AppTest:
    return app(purpose="LOAD-2026-11", account=account, timeout=120).switch_page("views/load_data.py").run()


def police_export(tmp_path) -> bytes:
    path, _ = police_nominals(REPO_ROOT / "fixtures" / "demo", tmp_path / "in", seed=7)
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["Harm Band"] = "<b>Purple</b>"  # one bad code, which also tries to be markup
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path.read_bytes()


def test_an_administrator_previews_then_loads_a_foreign_export(graph, db, explorer_env, tmp_path):
    at = page(ADMIN)
    assert not at.exception, at.exception
    at.file_uploader(key="export_file").set_value(
        ("../../Police export.csv", police_export(tmp_path), "text/csv")
    ).run()
    at.selectbox(key="mapping_example").select("police_nominals.toml").run()
    at.button(key="dry_run").click().run()
    assert not at.exception, at.exception
    columns, doubtful = (df.value for df in at.dataframe)  # no row is rejected: a bad code is doubted
    assert {"Column in the file": "Date of Birth", "Goes to": "main.dob"}.items() <= columns[
        columns["Column in the file"] == "Date of Birth"
    ].iloc[0].to_dict().items()
    (doubt,) = [d for d in doubtful.to_dict("records") if d["Column"] == "Harm Band"]
    assert doubt["Row"] == 3 and doubt["As recorded"] == "<b>Purple</b>"  # shown as data in a table, never as markup
    assert (
        graph.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=db).records[0]["n"] == 0
    )  # a dry run writes nothing

    at.button(key="load").click().run()
    assert not at.exception, at.exception
    assert at.get("progress") and "51 new" in at.success[0].value
    load = graph.execute_query("MATCH (l:Load) RETURN l", database_=db).records[0]["l"]
    mapping = read_mapping(REPO_ROOT / "graph_loader" / "mapping" / "examples" / "police_nominals.toml")
    assert load["files"] == ["Police_export.csv"] and load["user"] == "admin.one"  # a safe name, who loaded it
    assert load["mapping_checksum"] == mapping.checksum
    (viewed,) = [e for e in audit.events(explorer_env) if e["action"] == "load dry run"]
    assert (
        viewed["purpose"] == "LOAD-2026-11"
        and viewed["details"]["rows_rejected"] == 0
        and viewed["details"]["values_doubtful"] >= 1
    )
    (event,) = [e for e in audit.events(explorer_env) if e["action"] == "load"]
    assert event["kind"] == "collection" and event["user"] == "admin.one" and event["purpose"] == "LOAD-2026-11"
    assert event["details"]["mapping_checksum"] == mapping.checksum and "Purple" not in str(
        event
    )  # no row data in the log


def test_the_page_is_for_administrators_only(explorer_env):
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in an analyst's navigation
        page(ANALYST)
    direct = AppTest.from_file(str(REPO_ROOT / "explorer" / "views" / "load_data.py"), default_timeout=60)
    direct.session_state["account"] = ANALYST  # and the page itself refuses, should a path reach it
    direct.session_state["purpose"] = "LOAD-2026-11"
    direct.run()
    assert any("administrators only" in e.value for e in direct.error) and not direct.file_uploader


def test_an_oversized_upload_or_a_broken_mapping_is_refused_with_a_reason(explorer_env, monkeypatch):
    monkeypatch.setattr(loading, "MAX_UPLOAD_BYTES", 1000)
    at = page(ADMIN)
    at.file_uploader(key="export_file").set_value(("big.csv", b"Nominal Ref\n" + b"GM-1\n" * 400, "text/csv")).run()
    assert any("not loaded" in e.value for e in at.error) and "at most 1,000" in at.code[0].value
    assert all(b.key != "dry_run" for b in at.button)  # nothing to dry-run
    at.file_uploader(key="export_file").set_value(("small.csv", b"Nominal Ref\nGM-1\n", "text/csv")).run()
    area = next(t for t in at.text_area)
    area.input('source = "matrix"\nname = "x"\n[[columns]]\nfrom = "Nominal Ref"\nto = "shoe_size"\n').run()
    assert any("cannot be used" in e.value for e in at.error) and "shoe_size" in at.code[0].value
