"""Value-level steps of a mapping: join, split, codes, lists and dates, cell by cell.

A value the mapping cannot read (a date in another format, a code it does not list) is passed
on as it was, so the common dataset's own checks decide about it and the message names the
original column; nothing is dropped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..models.fields import LIST_SEPARATOR
from .model import Column


def code_key(value: str) -> str:
    """Codes match ignoring case and surrounding or repeated spaces ("cat  1" is "Cat 1")."""
    return " ".join(value.split()).casefold()


@dataclass
class CellReader:
    """One column entry, ready to read cells: its code table is built once, not per row."""

    column: Column
    codes: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.codes = {code_key(k): v for k, v in self.column.values.items()}

    def read(self, cells: list[str]) -> dict[str, str]:
        """The common fields this entry fills from its source cells (in `from` order)."""
        col = self.column
        if col.value is not None:
            return {col.to or "": col.value}
        text = col.join.join(c.strip() for c in cells if c and c.strip())
        if col.split is None:
            return {col.to or "": self.value(text)}
        # the cell was stripped, so a separator's own spaces may be gone at an end ("E8 1AB, ")
        sep, into = col.split.separator.strip() or col.split.separator, col.split.into
        pieces = text.rsplit(sep, len(into) - 1) if col.split.from_right else text.split(sep, len(into) - 1)
        pieces += [""] * (len(into) - len(pieces))
        return {target: self.value(piece.strip()) for target, piece in zip(into, pieces)}

    def value(self, text: str) -> str:
        if not text:
            return ""
        if self.column.list_separator:
            items = (self.one(item.strip()) for item in text.split(self.column.list_separator))
            return LIST_SEPARATOR.join(item for item in items if item)
        return self.one(text)

    def one(self, text: str) -> str:
        text = self.codes.get(code_key(text), text)
        if self.column.date_format and text:
            try:
                return datetime.strptime(text, self.column.date_format).date().isoformat()
            except ValueError:
                return text  # left for the model's check, whose message gets the mapping's format added
        return text

    def hint(self) -> str:
        """What the mapping expected of this column, added to a rejection's reason."""
        parts = []
        if self.column.date_format:
            parts.append(f"the mapping reads it as a date in the format {self.column.date_format}")
        if self.codes:
            parts.append(f"the mapping knows the codes {', '.join(repr(k) for k in list(self.column.values)[:12])}")
        return "; ".join(parts)
