"""The Streamlit side of server-side sessions (explorer/session_store.py): a reload or a second
tab carrying the session cookie is signed in again with the same case reference; every
run checks that the session still exists, so a sign-out anywhere ends every tab.

A Streamlit session that holds an account but no stored session (the AppTests that put an
account in session_state) keeps the old per-tab behaviour.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import streamlit as st

from jigsaw import accounts, audit
from jigsaw.config import get_settings
from jigsaw.purpose import REFERENCE

from . import session_store
from .session import ACCOUNT_KEY, PURPOSE_KEY
from .session_cookie import CLAIM_PATH, COOKIE, END_PATH, MAX_BODY

SID_KEY = "session_id"
CLAIM_KEY = "session_claim"


def _home():
    return get_settings().jigsaw_home


def presented_token() -> str | None:
    """The cookie's token as the browser sent it when this tab connected (bounded: it is input)."""
    token = st.context.cookies.get(COOKIE)
    return token if isinstance(token, str) and 0 < len(token) <= MAX_BODY else None


def stamp(account: accounts.Account) -> str:
    return session_store.account_stamp(account.password_hash, account.email)


def restore() -> str | None:
    """Sign this tab in from a live session cookie; returns why a stored session was refused, if it was."""
    if st.session_state.get(ACCOUNT_KEY) is not None:
        return None
    token = presented_token()
    stored = session_store.by_token(_home(), token) if token else None
    if stored is None:
        return None
    account = accounts.current(_home(), stored.username)
    ended = (
        "removed"
        if account is None
        else "disabled"
        if account.disabled
        else "reset"
        if stamp(account) != stored.account_stamp
        else None
    )
    if ended:
        session_store.revoke(_home(), stored.sid)
        audit.record(_home(), "access", user=stored.username, purpose=None, action="session ended", reason=ended)
        return ended
    st.session_state[ACCOUNT_KEY] = account
    st.session_state[SID_KEY] = stored.sid
    st.session_state["signed_in_at"], st.session_state["last_seen"] = stored.signed_in_at, stored.last_seen
    if stored.purpose and REFERENCE.match(stored.purpose):
        st.session_state[PURPOSE_KEY] = stored.purpose
    audit.record(_home(), "access", user=stored.username, purpose=stored.purpose, action="session resumed")
    return None


def stored_session() -> session_store.Session | bool | None:
    """This tab's stored session; None if it has ended; False if the tab has none (signed in without a store)."""
    sid = st.session_state.get(SID_KEY)
    return session_store.current(_home(), sid) if sid else False


def start(account: accounts.Account) -> None:
    """A new stored session for a sign-in: whatever session the browser's cookie held is ended (rotation)."""
    token = presented_token()
    if token:
        session_store.revoke_token(_home(), token)
    if st.session_state.get(SID_KEY):
        session_store.revoke(_home(), st.session_state[SID_KEY])
    made, code = session_store.open_session(
        _home(), account.username, stamp(account), st.session_state.get(PURPOSE_KEY)
    )
    st.session_state[SID_KEY], st.session_state[CLAIM_KEY] = made.sid, code


def end() -> None:
    sid = st.session_state.pop(SID_KEY, None)
    st.session_state.pop(CLAIM_KEY, None)
    if sid:
        session_store.revoke(_home(), sid)


def keep() -> None:
    """After the sidebar: record activity and the case reference; hand the new cookie to the browser once."""
    sid = st.session_state.get(SID_KEY)
    if not sid:
        return
    kept = session_store.touch(_home(), sid, purpose=st.session_state.get(PURPOSE_KEY))
    code = st.session_state.get(CLAIM_KEY)
    if not code:
        return
    if kept is None or kept.token_hash or kept.claim_expires is None or kept.claim_expires < datetime.now(UTC):
        st.session_state.pop(CLAIM_KEY, None)
        return
    # The code is URL-safe base64 (no markup); json.dumps makes it a JavaScript string all the same.
    st.sidebar.html(
        f"<script>fetch({json.dumps(CLAIM_PATH)}, {{method: 'POST', credentials: 'same-origin', "
        f"body: {json.dumps(code)}}});</script>",
        unsafe_allow_javascript=True,
    )


def clear_stale_cookie() -> None:
    """On the sign-in page: a cookie whose session has ended is removed from the browser.

    The route clears the cookie only if it is still the one this tab was opened with (its
    digest is sent, never the token), so a newer sign-in in another tab is left alone.
    """
    token = presented_token()
    if not token or session_store.by_token(_home(), token) is not None:
        return
    st.html(
        f"<script>fetch({json.dumps(END_PATH)}, {{method: 'POST', credentials: 'same-origin', "
        f"body: {json.dumps(session_store.digest(token))}}});</script>",
        unsafe_allow_javascript=True,
    )
