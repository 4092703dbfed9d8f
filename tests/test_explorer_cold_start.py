"""No page before sign-in, even as the first request a freshly started explorer receives.

Streamlit serves every script in a folder called `pages/` beside the main script directly
(its first multipage scheme) until some session has called `st.navigation`. With the pages
in `explorer/pages/`, the first visitor after a start or restart who asked for `/audit`
was shown the audit trail without signing in, and `app.py` (sign-in, role pages, the
session checks) never ran. The pages now live in `explorer/views/`.
"""

from __future__ import annotations

import pytest

from jigsaw import audit
from tests.browser_explorer import launched_explorer
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.browser


def test_no_folder_streamlit_would_serve_on_its_own():
    assert not (REPO_ROOT / "explorer" / "pages").exists()


def test_the_first_request_to_a_fresh_explorer_gets_only_the_sign_in_form(tmp_path, browser_page):
    page, outside, _errors = browser_page
    home = tmp_path / "home"
    audit.record(
        home,
        "consultation",
        user="analyst.one",
        purpose="CASE-9",
        action="query",
        query="person_profile",
        params={"person_id": "P-0123456789ab"},
    )
    with launched_explorer({"JIGSAW_HOME": str(home), "JIGSAW_USER": "cold.start"}, cwd=REPO_ROOT) as url:
        page.goto(f"{url}/audit")  # nobody has opened the main page yet
        page.get_by_text("Sign in to continue").wait_for(timeout=30_000)
        body = page.inner_text("body")
        assert "Audit trail" not in body and "Intact" not in body
    assert [e["action"] for e in audit.events(home)] == ["query"]  # no page ran, so nothing was viewed
    assert not outside
