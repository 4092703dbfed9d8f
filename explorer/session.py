"""Who is using the explorer and why: the signed-in account, and a case or meeting reference.

No person data is shown until the user has signed in and given a reference; every
catalogue query a page runs is written to the audit trail with both, and runs under the
account's information-sharing scope.
"""

from __future__ import annotations

import streamlit as st

from jigsaw import audit
from jigsaw.access import ROLE_LABELS, Scope
from jigsaw.accounts import Account
from jigsaw.config import get_settings
from jigsaw.purpose import REFERENCE as _REFERENCE

PURPOSE_KEY = "purpose"
ACCOUNT_KEY = "account"


def account() -> Account | None:
    return st.session_state.get(ACCOUNT_KEY)


def user() -> str:
    signed_in = account()
    return signed_in.username if signed_in else "not signed in"


def scope() -> Scope:
    signed_in = account()
    return signed_in.scope if signed_in else Scope(sources=(), boroughs=())


def purpose() -> str | None:
    return st.session_state.get(PURPOSE_KEY)


def log(kind: str, action: str, **details) -> None:
    """An audit event from the explorer, with the signed-in user and their purpose."""
    audit.record(get_settings().jigsaw_home, kind, user=user(), purpose=purpose(), action=action, **details)


def purpose_sidebar() -> None:
    """The sidebar: who is signed in, and the case or meeting reference, on every page."""
    signed_in = account()
    with st.sidebar:
        st.caption(f"Signed in as **{signed_in.username}** ({ROLE_LABELS[signed_in.role]})")
        given = st.text_input(
            "Case or meeting reference",
            value=purpose() or "",
            placeholder="e.g. MASE-2024-11 or CASE-12345",
            help="Why you are looking. Recorded with every search and view in the audit trail.",
            key="purpose_input",
        ).strip()
        if given and _REFERENCE.match(given):
            st.session_state[PURPOSE_KEY] = given
        elif given:
            st.error("Use 3 to 64 letters, digits, spaces or / . _ : -")


def require_purpose() -> str:
    """Stop the page, politely, until a reference has been given."""
    reference = purpose()
    if not reference:
        st.info(
            "Enter a case or meeting reference in the sidebar to see information about children and young people. "
            "It is recorded with what you look at, so every view can be accounted for."
        )
        st.stop()
    return reference
