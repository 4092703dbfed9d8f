"""Rejected rows are kept, never dropped: one quarantine file per input file, with reasons."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .validate import Rejection

QUARANTINE_COLUMNS = ["_row", "_field", "_reason"]


def write_quarantine(folder: Path, rejections: list[Rejection]) -> list[Path]:
    """Write each input file's rejected rows, as they were read, plus row, field and reason."""
    if not rejections:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # rejected rows are still children's personal data
    by_file: dict[str, list[Rejection]] = {}
    for rejection in rejections:
        by_file.setdefault(rejection.file, []).append(rejection)
    written = []
    for name, rows in by_file.items():
        if name.endswith(".jsonl"):
            path = folder / f"{name.removesuffix('.jsonl')}.rejected.jsonl"
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as handle:
                for r in rows:
                    entry = {"_line": r.row, "_field": r.fields, "_reason": r.reasons, "_raw": r.raw}
                    handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        else:
            path = folder / f"{name.removesuffix('.csv')}.rejected.csv"
            header = rows[0].header
            with open(path, "w", newline="", encoding="utf-8", errors="surrogateescape") as handle:
                writer = csv.writer(handle)
                writer.writerow(QUARANTINE_COLUMNS + header)
                for r in rows:
                    writer.writerow([r.row, r.fields, r.reasons, *r.raw])
        os.chmod(path, 0o600)
        written.append(path)
    return written
