"""Staying signed in across a reload and across tabs (issue 19, item 3), as AppTests.

AppTest cannot send cookies (Streamlit seeds st.context.cookies from a real browser only), so
each "tab" here presents its cookie through explorer.session_keeper.presented_token, the one
function that reads it; the browser test (test_explorer_session_browser.py) drives the real
cookie. Everything else is real: the sign-in form, the account store, the session store, the
CLI an administrator uses, and the audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from explorer import session_keeper, session_store
from jigsaw import accounts, audit
from jigsaw.access import UserRole
from tests.explorer_app import APP, PASSPHRASE, sign_in, signed_out, users_command

pytestmark = pytest.mark.neo4j


@pytest.fixture
def cookie(monkeypatch):
    """The cookie the next tab presents (None: no cookie)."""
    held = {"token": None}
    monkeypatch.setattr(session_keeper, "presented_token", lambda: held["token"])
    return held


def _first_tab(home, cookie) -> tuple[AppTest, str]:
    """Sign in through the form, give a case reference, and claim the cookie as the page does."""
    accounts.change_password(home, "amira.k", accounts.add(home, "amira.k", UserRole.cse_analyst), PASSPHRASE)
    at = sign_in(AppTest.from_file(APP, default_timeout=60).run(), "amira.k", PASSPHRASE)
    assert not at.exception and not signed_out(at)
    code = at.session_state[session_keeper.CLAIM_KEY]
    assert any(session_keeper.CLAIM_PATH in h.proto.body and code in h.proto.body for h in at.get("html"))
    token = session_store.claim(home, code)  # what the page's fetch to the claim route does
    at.text_input(key="purpose_input").input("CASE-2024-001").run()
    cookie["token"] = token
    return at, token


def _tab() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_new_tab_with_the_cookie_is_signed_in_with_the_same_case_reference(explorer_env, small_network, cookie):
    _first, _ = _first_tab(explorer_env, cookie)
    second = _tab()
    assert not second.exception and not signed_out(second)
    assert second.session_state["account"].username == "amira.k"
    assert second.session_state["purpose"] == "CASE-2024-001"
    assert second.text_input(key="purpose_input").value == "CASE-2024-001"
    assert "session resumed" in [e["action"] for e in audit.events(explorer_env)]
    # A direct link to a page (the URL's page) opens that page, not the sign-in form.
    direct = AppTest.from_file(APP, default_timeout=60)
    direct.switch_page("views/search.py").run()
    assert not direct.exception and direct.title[0].value == "Search"


def test_sign_out_in_one_tab_signs_the_other_out_at_its_next_click(explorer_env, small_network, cookie):
    first, token = _first_tab(explorer_env, cookie)
    second = _tab()
    next(b for b in first.button if b.label == "Sign out").click().run()
    assert signed_out(first) and session_store.by_token(explorer_env, token) is None
    second.run()
    assert signed_out(second) and any("signed out in another tab" in i.value for i in second.info)
    assert signed_out(_tab())  # and a reload with the old cookie is refused


def test_disabling_the_account_signs_every_tab_out_and_refuses_the_cookie(explorer_env, small_network, cookie):
    first, _ = _first_tab(explorer_env, cookie)
    second = _tab()
    users_command("disable", "amira.k")
    for tab in (first, second):
        tab.run()
        assert not tab.exception and signed_out(tab)
    assert signed_out(_tab())


def test_a_reset_password_refuses_the_cookie(explorer_env, small_network, cookie):
    _first_tab(explorer_env, cookie)
    users_command("reset", "amira.k")
    reloaded = _tab()
    assert signed_out(reloaded) and any("your password was reset" in i.value for i in reloaded.info)


def test_the_idle_timeout_still_applies_to_every_tab(explorer_env, small_network, cookie):
    first, token = _first_tab(explorer_env, cookie)
    sid = first.session_state[session_keeper.SID_KEY]
    long_ago = datetime.now(UTC) - session_store.IDLE_TIMEOUT - timedelta(minutes=1)
    path = session_store.store_path(explorer_env)
    import json

    stored = json.loads(path.read_text())
    stored[sid]["last_seen"] = long_ago.isoformat()
    path.write_text(json.dumps(stored))
    first.session_state["last_seen"] = long_ago
    first.run()
    assert signed_out(first) and any("period without activity" in i.value for i in first.info)
    assert signed_out(_tab()) and session_store.by_token(explorer_env, token) is None


def test_activity_in_another_tab_keeps_the_session_alive(explorer_env, small_network, cookie):
    first, _ = _first_tab(explorer_env, cookie)
    second = _tab()
    first.session_state["last_seen"] = datetime.now(UTC) - session_store.IDLE_TIMEOUT - timedelta(minutes=1)
    second.run()  # used here a moment ago
    first.run()
    assert not signed_out(first)


@pytest.mark.parametrize("forged", ["A" * 43, "", "<script>", "x" * 5000])
def test_a_forged_or_stale_cookie_is_refused(explorer_env, small_network, cookie, forged):
    _first_tab(explorer_env, cookie)
    cookie["token"] = forged
    assert signed_out(_tab())


def test_signing_in_again_ends_the_session_the_cookie_held(explorer_env, small_network, cookie):
    first, old = _first_tab(explorer_env, cookie)
    next(b for b in first.button if b.label == "Sign out").click().run()
    again = sign_in(_tab(), "amira.k", PASSPHRASE)  # this tab still presents the old cookie
    assert not signed_out(again)
    assert session_store.by_token(explorer_env, old) is None
    assert again.session_state[session_keeper.CLAIM_KEY]  # a fresh token for the browser to claim


def test_sessions_per_account_are_bounded(explorer_env, small_network, cookie):
    _first_tab(explorer_env, cookie)
    cookie["token"] = None
    for _ in range(session_store.MAX_PER_ACCOUNT + 2):
        sign_in(_tab(), "amira.k", PASSPHRASE)
    assert len(session_store.of_account(explorer_env, "amira.k")) == session_store.MAX_PER_ACCOUNT
