"""The right picture for each figure, or none: a trend as a line with the previous period
shaded, shares of one whole as one stacked bar, several categories compared as bars, a single
number as a sentence, and nothing drawn for nothing. Each chart carries its text alternative.
Also the words for a comparison with the previous period."""

from __future__ import annotations

from typing import Any

from jigsaw import text

from .labels import word
from .model import Chart, Figure


def change(now: int, before: int, before_loaded: bool = True) -> str:
    """`before_loaded` is False when the previous period has no data at all (nothing loaded for
    it): then there is nothing to compare with, which is not the same as a fall from zero."""
    if not before_loaded:
        return "no data loaded for the previous period"
    if before == 0:
        return "also 0 in the previous period" if now == 0 else "up from 0 in the previous period"
    pct = round(100 * (now - before) / before)
    if pct > 200:  # "up 5500%" says less than the two numbers
        return f"up from {before} in the previous period"
    if pct == 0:
        return f"the same as the previous period ({before})"
    return f"{'up' if pct > 0 else 'down'} {abs(pct)}% on the previous period ({before})"


def plural(n: int, one: str, many: str | None = None) -> str:
    return text.plural(n, one, many)  # one rule for counts, as on every screen


def distribution(
    title: str,
    query: str,
    params: dict[str, Any],
    counts: list[tuple[Any, int]],
    *,
    dimension: str,
    what: str,
    kind: str = "share",
) -> Figure:
    """Counts of `what` by a dimension (already in the order to show). `kind` is share when the
    counts are parts of one whole, bars when they are categories to compare."""
    shown = [(word(v, dimension), n) for v, n in counts if n]
    total = sum(n for _, n in shown)
    figure = Figure(title=title, query=query, params=params, columns=[dimension, what], rows=[[v, n] for v, n in shown])
    if not shown:
        figure.text = f"No {what} recorded in this period."
    elif len(shown) == 1:
        one = {"children": "child", "people": "person", "cases": "case"}.get(what, what)
        figure.text = f"The one {one}: {shown[0][0]}." if total == 1 else f"All {total} {what}: {shown[0][0]}."
    else:
        parts = ", ".join(f"{v} {n} ({round(100 * n / total)}%)" for v, n in shown)
        alt = f"{'Stacked bar' if kind == 'share' else 'Bar chart'} of {total} {what} by {dimension}: {parts}."
        figure.chart = Chart(kind, labels=[v for v, _ in shown], values=[n for _, n in shown], y_title=what, alt=alt)
    return figure


def trend_alt(what: str, months: list[str], values: list[int], previous_total: int | None, verdict: str) -> str:
    """A line chart in words: its span, lowest and highest months, the verdict, the period before."""
    if not months:
        return ""
    months = [month_words(m) for m in months]
    low = min(range(len(values)), key=values.__getitem__)
    high = max(range(len(values)), key=values.__getitem__)
    before = (
        "No data loaded for the previous period."
        if previous_total is None
        else f"The previous period, shaded, had {previous_total} in all."
    )
    return (
        f"Line chart of {what} per month from {months[0]} to {months[-1]}: lowest {values[low]} ({months[low]}), "
        f"highest {values[high]} ({months[high]}); {verdict}. {before}"
    )


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_words(label: str) -> str:
    """2024-03 as Mar 2024."""
    try:
        year, month = label.split("-")
        return f"{MONTHS[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return label


def day(d) -> str:
    """dd/mm/yyyy, the one date format of every screen and report."""
    return text.day(d)
