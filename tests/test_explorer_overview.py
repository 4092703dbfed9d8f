"""The explorer's Overview page, through Streamlit's AppTest, against the real Neo4j."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.builders import folder_with, load, nominal, referral
from tests.explorer_app import ANALYST
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.neo4j

OVERVIEW = REPO_ROOT / "explorer" / "views" / "overview.py"


def test_overview_counts_what_was_loaded_and_names_no_child(graph, db, tmp_path, explorer_env):
    folder = folder_with(
        tmp_path / "in",
        mash=[
            referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson"),
            referral("R2", "Bella Jones", "2009-01-01"),
        ],
        matrix=[nominal("GM-1", "Kyle Johnson", "2001-05-05")],
    )
    load(graph, db, folder, tmp_path)
    at = AppTest.from_file(str(OVERVIEW), default_timeout=30)
    at.session_state["account"] = ANALYST
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Multi-Agency Safeguarding Hub (MASH)"] == "2 records"
    assert metrics["Police gangs unit (gangs matrix)"] == "1 record"
    boroughs = at.dataframe[0].value
    assert boroughs.loc[boroughs["Borough"] == "Hackney", "Referrals"].item() == 2
    page_text = " ".join(str(e.value) for e in at.markdown) + " ".join(df.value.to_string() for df in at.dataframe)
    for name in ("Amelia", "Bella", "Kyle"):
        assert name not in page_text


def test_overview_on_an_empty_graph_says_how_to_load(graph, explorer_env):
    at = AppTest.from_file(str(OVERVIEW), default_timeout=30)
    at.session_state["account"] = ANALYST
    at.run()
    assert not at.exception
    assert any("jigsaw load" in i.value for i in at.info)
