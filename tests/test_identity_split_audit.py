"""Identity review's "Person id to split" is a consultation of that person (issue #15 item 8):
typing an id sends every record on the person to the browser, so it is audited naming them,
and it is open only to readers of every source and borough. Through Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import audit
from jigsaw.access import ALL_SOURCES, UserRole
from jigsaw.accounts import Account
from tests.builders import folder_with, load, referral
from tests.explorer_app import app

pytestmark = pytest.mark.neo4j


def account(**scope) -> Account:
    given = {"sources": list(ALL_SOURCES)} | scope
    return Account(
        username="analyst.one", role=UserRole.cse_analyst, password_hash=None, must_change_password=False, **given
    )


@pytest.fixture
def joined(graph, db, tmp_path) -> str:
    """One child named in two referrals (so a person of two records), and another child."""
    load(
        graph,
        db,
        folder_with(
            tmp_path / "in",
            mash=[
                referral("R-1", "Amelia Hughes", "2008-03-01"),
                referral("R-2", "Amelia Hughes", "2008-03-01", date_received="2024-05-01"),
                referral("R-3", "Bella Jones", "2009-01-01"),
            ],
        ),
        tmp_path,
    )
    return graph.execute_query(
        "MATCH (:Mention {name: 'Amelia Hughes'})-[:REFERS_TO]->(p) RETURN DISTINCT p.person_id AS p", database_=db
    ).records[0]["p"]


def split_page(who: Account) -> AppTest:
    return app(account=who).switch_page("views/identity_review.py").run()


def test_typing_a_person_id_to_split_is_audited_as_a_consultation_naming_them(explorer_env, joined):
    at = split_page(account())
    next(t for t in at.text_input if t.label == "Person id to split").input(joined).run()
    assert not at.exception
    chooser = next(m for m in at.multiselect if m.label == "Records that belong to someone else")
    assert len(chooser.options) == 2  # the person's records reached the browser...
    views = [e for e in audit.events(explorer_env) if e.get("action") == "identity split view"]
    assert len(views) == 1  # ...and that is on the trail, with who, why and whom
    view, details = views[0], views[0]["details"]
    assert view["kind"] == "consultation" and view["user"] == "analyst.one" and view["purpose"] == "CASE-2024-001"
    assert (
        details["person"] == joined and details["people"] == [joined] and details["records"] == ["mash:R-1", "mash:R-2"]
    )
    assert "Amelia" not in str(view)  # ids, never names, in the trail


def test_a_reader_short_of_every_source_sees_no_records_to_split(explorer_env, joined):
    for scope in ({"sources": ["mash", "hsb"]}, {"boroughs": ["Hackney"]}):
        at = split_page(account(**scope))
        box = [t for t in at.text_input if t.label == "Person id to split"]
        if box:  # a borough-restricted reader is stopped before the split form
            box[0].input(joined).run()
        assert not at.exception and not [m for m in at.multiselect if m.label == "Records that belong to someone else"]
        assert "Amelia Hughes" not in str([e.value for e in at.markdown] + [t.value for t in at.text])
