"""What a report holds, independent of how it is drawn: sections of sentences, tables and
charts, each figure tied to the catalogue query and parameters that produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from explorer.column_labels import label
from explorer.text import day


@dataclass
class Chart:
    """A chart a person would rather look at than read. `kind` is one of:
    bars (one series: labels and values), stacked (x labels, and values per series), map
    (points: label, latitude, longitude, size, highlighted)."""

    kind: str
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    points: list[dict[str, Any]] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""


@dataclass
class Figure:
    title: str
    query: str  # the catalogue query that produced it
    params: dict[str, Any]
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""

    @property
    def headers(self) -> list[str]:
        """The columns as people read them (the same labels as the explorer's tables)."""
        return [label(c) for c in self.columns]

    @property
    def cells(self) -> list[list[Any]]:
        """Rows as shown: blank for unknown, dates dd/mm/yyyy, numbers kept as numbers (right-aligned)."""
        return [[v if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v else day(v) for v in row]
                for row in self.rows]  # fmt: skip

    @property
    def source(self) -> str:
        shown = ", ".join(f"{k}={v}" for k, v in self.params.items() if v is not None)
        return f"query {self.query} ({shown})"


@dataclass
class Section:
    title: str
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


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

    @property
    def handling(self) -> str:
        if self.identified:
            return ("OFFICIAL-SENSITIVE. Identified: names and dates of birth of children. Share only under an "
                    "information-sharing agreement that allows it, with the people who need to know.")
        return ("OFFICIAL-SENSITIVE. Pseudonymised: no names, dates of birth or full postcodes. Pseudonyms are "
                "stable within this document only.")
