"""Sign-in before any data: local accounts (Argon2id, lockout) or the organisation's
identity provider through Streamlit's built-in OpenID Connect login when it is configured."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from jigsaw import accounts, audit
from jigsaw.config import get_settings

from . import session_keeper
from .session import ACCOUNT_KEY, PURPOSE_KEY
from .session_store import ABSOLUTE_TIMEOUT, IDLE_TIMEOUT


def _home():
    return get_settings().jigsaw_home


def _log(action: str, username: str, **details) -> None:
    audit.record(_home(), "access", user=username, purpose=None, action=action, **details)


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def sign_in_page() -> None:
    st.title("Jigsaw")
    st.caption("Multi-agency safeguarding network explorer. Sign in to continue.")
    if st.session_state.pop("expired", False):
        st.info("You were signed out after a period without activity. Sign in again to continue.")
    ended = st.session_state.pop("ended", None)
    if ended:
        st.info(ENDED[ended])
    session_keeper.clear_stale_cookie()
    if oidc_configured():
        _identity_provider()
    pending = st.session_state.get("password_change_for")
    if pending:
        _change_password(pending)
        return
    with st.form("sign-in"):
        username = st.text_input("Username", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        try:
            account = accounts.sign_in(_home(), username, password)
        except accounts.SignInError as problem:
            _log("sign-in refused", username.strip().lower()[:64] or "(blank)")
            st.error(str(problem).capitalize() + ".")
            return
        if account.must_change_password:
            st.session_state["password_change_for"] = account.username
            st.session_state["one_time_password"] = password
            st.rerun()
        _signed_in(account)


def _change_password(username: str) -> None:
    st.subheader("Choose your own password")
    st.caption(f"The password you were given can only be used once. At least {accounts.MIN_PASSWORD} characters.")
    with st.form("change-password"):
        new = st.text_input("New password", type="password", autocomplete="new-password")
        again = st.text_input("New password again", type="password", autocomplete="new-password")
        submitted = st.form_submit_button("Save and sign in", type="primary")
    if submitted:
        if new != again:
            st.error("The two passwords differ.")
            return
        try:
            accounts.change_password(_home(), username, st.session_state.get("one_time_password", ""), new)
            account = accounts.sign_in(_home(), username, new)
        except accounts.SignInError as problem:
            st.error(str(problem).capitalize() + ".")
            return
        _log("password changed", username)
        for key in ("password_change_for", "one_time_password"):
            st.session_state.pop(key, None)
        _signed_in(account)


def _identity_provider() -> None:
    if not st.user.is_logged_in:
        st.button("Sign in with your organisation", on_click=st.login, type="primary")
        st.divider()
        st.caption("Or with a Jigsaw account:")
        return
    # Only an address the provider vouches for: an unverified one is whatever the user typed.
    email = str(st.user.get("email") or "").strip().lower()
    verified = st.user.get("email_verified") in (True, "true")
    account = accounts.by_email(_home(), email) if verified else None
    if account is None:
        if not st.session_state.get("refusal_logged"):  # once, not on every rerun of this page
            st.session_state["refusal_logged"] = True
            _log("sign-in refused", email[:64] or "(blank)", via="identity provider", email_verified=verified)
        st.error("Your organisation account is not registered for Jigsaw. Ask an administrator to add it.")
        st.button("Sign out", on_click=st.logout)
        st.stop()
    _signed_in(account)


def resume_session() -> None:
    """A reload, a second tab or a direct link carrying a live session cookie is signed in again."""
    refused = session_keeper.restore()
    if refused:
        st.session_state["ended"] = refused


def enforce_timeouts(now: datetime | None = None) -> None:
    """Sign out after 30 idle minutes or 12 hours in all, whatever any login cookie says.

    Activity in any tab of a stored session counts: its last use is the later of this tab's and the store's.
    """
    now = now or datetime.now(UTC)
    started, last = st.session_state.get("signed_in_at"), st.session_state.get("last_seen")
    if st.session_state.get(ACCOUNT_KEY) is None or started is None:
        return
    stored = session_keeper.stored_session()
    if stored:
        last = max(last, stored.last_seen)
    if now - last > IDLE_TIMEOUT or now - started > ABSOLUTE_TIMEOUT:
        username = st.session_state[ACCOUNT_KEY].username
        sign_out()
        _log("session expired", username)
        st.session_state["expired"] = True
        return
    st.session_state["last_seen"] = now


# Why an administrator's change ended a session, in words for the person whose session it was.
ENDED = {
    "disabled": "You were signed out: your account has been disabled. Ask an administrator if you think this is wrong.",
    "reset": "You were signed out: your password was reset. Sign in with the one-time password you were given.",
    "removed": "You were signed out: your account no longer exists.",
    "email changed": "You were signed out: the organisation email on your account was changed. Sign in again.",
    "elsewhere": (
        "You were signed out: you signed out in another tab or window, or the session was ended. Sign in again."
    ),
}


def keep_account_current() -> None:
    """Disable, reset or re-scope by an administrator takes effect at the session's next interaction.

    The session holds a copy of the account; it is compared with the store on every run
    (a small file read under a shared lock, no password hashing) and replaced by it.
    """
    held = st.session_state.get(ACCOUNT_KEY)
    if held is None:
        return
    stored = accounts.current(_home(), held.username)
    ended = (
        "removed"
        if stored is None
        else "disabled"
        if stored.disabled
        else "reset"
        if stored.password_hash != held.password_hash
        else "email changed"
        if stored.email != held.email
        else "elsewhere"
        if session_keeper.stored_session() is None
        else None
    )
    if ended:
        sign_out()
        _log("session ended", held.username, reason=ended)
        st.session_state["ended"] = ended
        return
    if (stored.role, stored.sources, stored.boroughs) != (held.role, held.sources, held.boroughs):
        _log(
            "session re-scoped", held.username, role=stored.role.value, sources=stored.sources, boroughs=stored.boroughs
        )
    st.session_state[ACCOUNT_KEY] = stored


def _signed_in(account) -> None:
    st.session_state[ACCOUNT_KEY] = account
    st.session_state["signed_in_at"] = st.session_state["last_seen"] = datetime.now(UTC)
    session_keeper.start(account)  # a new server-side session and cookie token at every sign-in
    _log("signed in", account.username, role=account.role.value)
    st.rerun()


def sign_out() -> None:
    account = st.session_state.pop(ACCOUNT_KEY, None)
    session_keeper.end()  # revoked server-side: every tab and every copy of the cookie, from the next click
    for key in (PURPOSE_KEY, "signed_in_at", "last_seen", "person_id", "recent_people", "search_args", "query_run"):
        st.session_state.pop(key, None)
    if account:
        _log("signed out", account.username)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()
