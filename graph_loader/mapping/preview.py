"""A dry run of a mapping on a file: each column (original -> common field, sample values),
every value that would be kept but doubted and every row that would be rejected, named by the
original file's column and row. Writes nothing."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..validate import Doubted, Rejection
from .mapped_load import validate_mapped
from .model import LoadedMapping

SAMPLES = 3
SAMPLE_CHARS = 40


@dataclass
class ColumnPreview:
    original: str  # the column(s) as written in the file, or the constant
    output: str  # main, people, places, ...
    fields: str  # the common field(s) it fills
    samples: list[str] = field(default_factory=list)  # a few values after mapping


@dataclass
class Preview:
    columns: list[ColumnPreview]
    rows_read: int
    records_valid: int
    rejections: list[Rejection]
    notices: list[str]
    doubts: list[Doubted] = field(default_factory=list)  # values kept as recorded, left out of evidence


def _short(value: str) -> str:
    return value if len(value) <= SAMPLE_CHARS else value[: SAMPLE_CHARS - 1] + "…"


def preview(loaded: LoadedMapping, path: Path) -> Preview:
    with tempfile.TemporaryDirectory(prefix="jigsaw-check-") as tmp:
        result = validate_mapped(loaded, path, Path(tmp))
    applied, validated = result.applied, result.validated
    columns: dict[tuple[str, str, str], ColumnPreview] = {}
    rows = list(applied.raw.values())[:1000]  # samples come from the first rows: bounded on any file
    for part in applied.parts:
        for (reader, names), shown in zip(part.readers, part.shown):
            targets = ", ".join(reader.column.targets)
            entry = columns.setdefault((part.output, targets, shown), ColumnPreview(shown, part.output, targets))
            for row in rows:
                if len(entry.samples) >= SAMPLES:
                    break
                values = reader.read([str(row.data.get(n) or "") for n in names])
                text = _short("; ".join(v for v in values.values() if v))
                if text and text not in entry.samples:
                    entry.samples.append(text)
    return Preview(
        list(columns.values()),
        validated.rows_read,
        len(validated.records),
        validated.rejections,
        validated.notices,
        validated.doubts,
    )
