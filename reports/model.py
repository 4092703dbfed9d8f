"""What a report holds, independent of how it is drawn: sections of sentences, tables and
charts, each figure tied to the catalogue query and parameters that produced it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jigsaw.column_labels import label
from jigsaw.text import day


@dataclass
class Chart:
    """A chart a person would rather look at than read. `kind` is one of:
    bars (several categories compared: labels and values), share (parts of one whole, drawn as
    one stacked bar: labels and values), line (a trend: x labels, values per series, and
    `previous`, the same months of the period before, drawn shaded), map (points: label,
    latitude, longitude, size, highlighted). `alt` is its text alternative, said in words."""

    kind: str
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    points: list[dict[str, Any]] = field(default_factory=list)
    previous: list[float] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    alt: str = ""

    @property
    def has_data(self) -> bool:
        """Nothing is drawn for nothing: a chart needs something other than zeros to show."""
        if self.kind == "map":
            return bool(self.points)
        if self.kind == "line":
            return any(any(v) for v in self.series.values())
        return sum(1 for v in self.values if v) >= (2 if self.kind in ("bars", "share") else 1)


@dataclass
class Figure:
    title: str
    query: str  # the catalogue query that produced it
    params: dict[str, Any]
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""
    text: str = ""  # a single number, or nothing at all, said as a sentence instead of drawn

    @property
    def headers(self) -> list[str]:
        """The columns as people read them (the same labels as the explorer's tables)."""
        return [label(c) for c in self.columns]

    @property
    def cells(self) -> list[list[Any]]:
        """Rows as shown: blank for unknown, dates dd/mm/yyyy, numbers kept as numbers (right-aligned)."""
        return [
            [v if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v else day(v) for v in row]
            for row in self.rows
        ]

    @property
    def source(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.params.items() if v is not None)
        return f"query {self.query} ({shown})"

    @property
    def drawn(self) -> Chart | None:
        """The chart, only when it has data (a renderer never draws an empty one)."""
        return self.chart if self.chart is not None and self.chart.has_data else None

    @property
    def body(self) -> str:
        """What follows the chart: "text" (a sentence), "list" (a small table as a list),
        "table", or "" (the chart carries every number)."""
        if self.text or not self.rows:
            return "text"
        if not self.table_shown:
            return ""
        return "list" if self.inline else "table"

    @property
    def sentence(self) -> str:
        return self.text or "Nothing recorded in this period."

    @property
    def table_shown(self) -> bool:
        """A table under the chart only where the chart does not carry every number itself
        (bars and shares are labelled with theirs); otherwise the rows are the figure."""
        return bool(self.rows) and not (self.drawn is not None and self.drawn.kind in ("bars", "share"))

    @property
    def inline(self) -> list[str] | None:
        """A table of one to three rows reads better as a short list than as a grid."""
        if not 1 <= len(self.rows) <= SMALL_TABLE_ROWS:
            return None
        out = []
        for row in self.rows:
            rest = "; ".join(f"{c}: {_cell(v)}" for c, v in zip(self.columns[1:], row[1:]))
            out.append(f"{_cell(row[0])}. {rest}" if rest else _cell(row[0]))
        return out


SMALL_TABLE_ROWS = 3


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class Section:
    title: str
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id a link to this section points at (letters and digits only)."""
        return "s-" + re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")


@dataclass
class Highlight:
    """One of the things that changed most, for the summary page: what, its figure now, its
    comparison with the previous period (or that there is none to make), and its section."""

    what: str
    now: int
    comparison: str
    section: str  # the section's title; its anchor is the link
    weight: float = 0.0  # how much it changed, for choosing the five

    @property
    def anchor(self) -> str:
        return Section(self.section).anchor

    @property
    def said(self) -> str:
        """The comparison as a sentence of its own."""
        return self.comparison[:1].upper() + self.comparison[1:] + "."


@dataclass
class Report:
    kind: str  # "Problem profile" or "MASE pack"
    title: str
    borough: str
    period: tuple[date, date]
    produced_by: str
    produced_at: datetime
    purpose: str
    identified: bool
    sections: list[Section] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # person ids shown, for the audit trail
    summary: list[Highlight] = field(default_factory=list)  # the five things that changed most, shown first

    @property
    def marking(self) -> str:
        """The protective marking printed on every page."""
        return "OFFICIAL-SENSITIVE. " + ("Identified." if self.identified else "Pseudonymised.")

    @property
    def charts(self) -> list[Chart]:
        """Every chart the document draws, in order."""
        return [f.drawn for s in self.sections for f in s.figures if f.drawn]

    @property
    def handling(self) -> str:
        if self.identified:
            return (
                "OFFICIAL-SENSITIVE. Identified: names and dates of birth of children. Share only under an "
                "information-sharing agreement that allows it, with the people who need to know."
            )
        return (
            "OFFICIAL-SENSITIVE. Pseudonymised: no names, dates of birth or full postcodes. Pseudonyms are "
            "stable within this document only."
        )
