"""Every table the explorer shows goes through `show`, so none has the browser-built
"Download as CSV" (no audit, raw formula cells): the only way a table leaves is the
audited, formula-safe download (explorer/downloads.py with jigsaw/spreadsheet_safe.safe_csv).

The switch is Streamlit's `client.disableDataExport` (also in .streamlit/config.toml); it
is checked here in case the explorer was started with another configuration.

`show` also makes every table readable the same way, so the pages need not: a human header
for each column (jigsaw/column_labels.py, or the page's own label), blank for unknown,
dates as dd/mm/yyyy (explorer/text.day), lists as "a; b", and numbers as numbers (so
Streamlit right-aligns them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import pandas as pd
import streamlit as st

from jigsaw.column_labels import label
from jigsaw.text import day

EXPORT_OPTION = "client.disableDataExport"


def show(data, **kwargs):
    """st.dataframe, readable (see above), with the browser's export and copy switched off."""
    if not st.get_option(EXPORT_OPTION):
        # The browser learns the option at the start of a run: set it and show this page again.
        st.set_option(EXPORT_OPTION, True)
        st.rerun()
    if isinstance(data, (pd.DataFrame, list, dict)):
        data, kwargs["column_config"], kwargs["hide_index"] = readable(
            data, kwargs.get("column_config"), kwargs.get("hide_index")
        )
    kwargs.setdefault("placeholder", "")  # a missing number shows as a blank cell, never "None"
    return st.dataframe(data, **kwargs)


def readable(data, column_config: Mapping | None = None, hide_index: bool | None = None):
    """(frame, column_config, hide_index) with human headers and cells as described above."""
    frame = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    if hide_index is not True and not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()  # a pivot's row labels become a column with a header of its own
    hide_index = True
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" / ".join(str(part) for part in parts if str(part)) for parts in frame.columns]
    frame.columns.name = None
    config, headers, taken = dict(column_config or {}), {}, set()
    for column in frame.columns:
        given = config.pop(column, None)
        header = given if isinstance(given, str) else (given or {}).get("label") or label(column)
        while header in taken:  # two columns may not share a header
            header += " "
        taken.add(header)
        headers[column] = header
        if isinstance(given, Mapping):
            config[header] = {**given, "label": header}
        frame[column] = _cells(frame[column])
    return frame.rename(columns=headers), config, hide_index


def _cells(column: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return column
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.map(day).astype(object)
    shown = column.map(_cell)
    filled = [v for v in shown if v != ""]
    if filled and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in filled):
        return pd.to_numeric(shown.replace("", None))  # numbers stay numbers: right-aligned, blanks blank
    return shown.map(str)  # one type per column: text


def _cell(value):
    """One cell as people read it: blank for unknown, dd/mm/yyyy for dates, a list as 'a; b'."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(_cell(v)) for v in value if _cell(v) != "")
    if isinstance(value, (date, str)) or hasattr(value, "to_native"):
        return day(value)
    return value
