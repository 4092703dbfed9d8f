"""How a validated record is written as CSV cells: the inverse of what the readers accept.

Used by the CSV templates and by the fixtures generator, so both write exactly the
format the loaders read: UTF-8, ISO dates, lists joined with ';', yes/no for booleans.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models import FileSpec, SourceSpec
from .models.fields import LIST_SEPARATOR


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    return str(value)


def csv_row(spec: FileSpec, values: dict[str, Any]) -> list[str]:
    return [cell(values.get(column)) for column in spec.columns]


def split_record(source: SourceSpec, record: BaseModel) -> dict[str, list[list[str]]]:
    """A whole record (the JSON Lines model) as rows of each of the source's CSV files."""
    values = dict(record)  # shallow: keeps enums, dates and nested models as they are
    record_id = values[source.id_field]
    rows: dict[str, list[list[str]]] = {source.main.filename: [csv_row(source.main, values)]}
    for spec in source.linked:
        rows[spec.filename] = [
            csv_row(spec, dict(item) | {spec.parent_key: record_id}) for item in values.get(spec.attach_to, [])
        ]
    return rows


def write_source(folder: Path, source: SourceSpec, records: Iterable[BaseModel]) -> dict[str, int]:
    """Write records as the source's CSV files in `folder`; returns rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = {spec.filename: open(folder / spec.filename, "w", newline="", encoding="utf-8") for spec in source.files}
    try:
        writers = {name: csv.writer(handle) for name, handle in handles.items()}
        counts = dict.fromkeys(handles, 0)
        for spec in source.files:
            writers[spec.filename].writerow(spec.columns)
        for record in records:
            for name, rows in split_record(source, record).items():
                writers[name].writerows(rows)
                counts[name] += len(rows)
        return counts
    finally:
        for handle in handles.values():
            handle.close()


def write_jsonl(path: Path, records: Iterable[BaseModel]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json(exclude_none=True) + "\n")
            count += 1
    return count
