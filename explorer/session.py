"""Who is using the explorer and why: asked once per session, attached to every query.

No person data is shown until the user has given a case or meeting reference; every
catalogue query a page runs is written to the audit trail with that reference.
"""

from __future__ import annotations

import re

import streamlit as st

from jigsaw.config import get_settings

PURPOSE_KEY = "purpose"
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /._:-]{2,63}$")


def user() -> str:
    return get_settings().acting_user()


def purpose() -> str | None:
    return st.session_state.get(PURPOSE_KEY)


def purpose_sidebar() -> None:
    """The sidebar box for the case or meeting reference, shown on every page."""
    with st.sidebar:
        st.caption(f"Signed in as **{user()}**")
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
        st.info("Enter a case or meeting reference in the sidebar to see information about children and young people. "
                "It is recorded with what you look at, so every view can be accounted for.")  # fmt: skip
        st.stop()
    return reference
