"""Every table the explorer shows goes through `show`, so none has the browser-built
"Download as CSV" (no audit, raw formula cells): the only way a table leaves is the
audited, formula-safe download (explorer/downloads.py with explorer/export.safe_csv).

The switch is Streamlit's `client.disableDataExport` (also in .streamlit/config.toml); it
is checked here in case the explorer was started with another configuration.
"""

from __future__ import annotations

import streamlit as st

EXPORT_OPTION = "client.disableDataExport"


def show(data, **kwargs):
    """st.dataframe with the browser's export and copy switched off."""
    if not st.get_option(EXPORT_OPTION):
        # The browser learns the option at the start of a run: set it and show this page again.
        st.set_option(EXPORT_OPTION, True)
        st.rerun()
    return st.dataframe(data, **kwargs)
