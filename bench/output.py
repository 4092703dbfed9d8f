"""How every benchmark prints its figures: a table for people, then one line of JSON for tools."""

from __future__ import annotations

import json


def print_figures(figures: dict) -> None:
    """One figure per line, names aligned, then the same as JSON."""
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(figures, default=str))


def print_rows(rows: list[dict], width: int = 12) -> None:
    """Rows as right-aligned columns (every key any row has), then the rows as JSON."""
    columns = list(dict.fromkeys(c for r in rows for c in r))
    print("  ".join(f"{c:>{width}}" for c in columns))
    for r in rows:
        print("  ".join(f"{r.get(c, '')!s:>{width}}" for c in columns))
    print(json.dumps(rows, default=str))
