"""Exports that are safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell that a spreadsheet would run as a formula is prefixed with ' (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(neutralise(v)) for v in value)
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    return frame.map(neutralise).to_csv(index=False).encode("utf-8-sig")
