"""Exports that are safe to open in a spreadsheet: the project's one formula guard, for every path out
(downloads, audit exports, investigation exports)."""

from __future__ import annotations

import csv

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell that a spreadsheet would run as a formula is prefixed with ' (OWASP CSV injection advice).

    A list is joined first and the joined text checked, so its first item cannot start a formula.
    """
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV with every cell and every column heading neutralised. Text is always
    quoted: a bare carriage return in an unquoted cell would start a new row in a spreadsheet."""
    safe = frame.map(neutralise)
    safe.columns = [neutralise(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")
