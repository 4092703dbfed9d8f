"""The one way a file leaves the explorer: made only when a signed-in user clicks, and the
disclosure is in the audit trail before the file exists.

Streamlit 1.67 calls a download button's data callable only when the button is clicked
(over the session's websocket); until then the page holds a placeholder id, never a
/media URL. The file it makes is swept within seconds (explorer/download_sweeper.py).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from jigsaw import audit
from jigsaw.config import get_settings

from . import session


def offer(
    label: str, make: Callable[[], bytes], *, file_name: str, mime: str, key: str, action: str | None, **details
) -> None:
    """A download button for `make()`. With `action`, the click is recorded as a disclosure
    first; `action=None` only when the caller recorded the disclosure already (e.g. a report
    is logged as it is produced)."""
    signed_in = session.account()
    if signed_in is None:
        raise PermissionError("downloads are offered to signed-in users only")
    # Captured now, in the page's run: the click is handled outside it, with no session state.
    home, user, purpose = get_settings().jigsaw_home, signed_in.username, session.purpose()

    def on_click() -> bytes:
        if action is not None:
            audit.record(home, "disclosure", user=user, purpose=purpose, action=action, file_name=file_name, **details)
        return make()

    st.download_button(label, on_click, file_name=file_name, mime=mime, key=key, on_click="ignore")
