"""Step 1: read source files into raw rows, as Excel and case-management systems export them.

CSV: UTF-8 with or without BOM, Windows or Unix line endings, blank cells. Rows that
are not valid UTF-8 are flagged so the validator rejects them (with the rest of the
file still loading). JSON Lines: one whole record per line. Row numbers are what a
person sees in a spreadsheet: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# Big enough to read an oversized cell and reject it with a message, rather than crash.
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class RawRow:
    file: str
    row: int
    data: dict  # column -> cell (CSV) or the parsed JSON object
    raw: list[str] | str  # what was read, for the quarantine file
    problem: str | None = None  # set when the row cannot even be read (encoding, JSON)
    problem_field: str | None = None


@dataclass
class FileRead:
    path: Path
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # file-level messages (warnings)
    missing_columns: list[str] = field(default_factory=list)


def _decode(data: bytes) -> tuple[str, bool]:
    """Text of the file, and whether any byte was not valid UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        # surrogateescape keeps the undecodable bytes so the quarantine file holds them as they were
        return data.decode("utf-8", errors="surrogateescape"), True


_BAD_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape made of bytes that were not UTF-8


def _has_bad_bytes(values) -> bool:
    return any(_BAD_BYTE.search(v) for v in values if v)


def read_csv(path: Path, expected: list[str], required: set[str]) -> FileRead:
    result = FileRead(path)
    text, bad_encoding = _decode(path.read_bytes())
    if bad_encoding:
        result.notices.append(
            "the file is not entirely UTF-8; rows with unreadable characters are rejected. "
            "Save it as 'CSV UTF-8' and load it again"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        result.notices.append("the file is empty (no header row); nothing to load")
        return result
    header = [h.strip().lower() for h in header]
    result.header = header
    unknown = [h for h in header if h and h not in expected]
    if unknown:
        result.notices.append(f"unknown column(s) ignored: {', '.join(unknown)}")
    result.missing_columns = [c for c in expected if c in required and c not in header]
    duplicates = sorted({h for h in header if h and header.count(h) > 1})
    if duplicates:
        result.notices.append(f"column(s) appear more than once, the first is used: {', '.join(duplicates)}")
    row_number = 1
    for cells in reader:
        row_number += 1
        if not any(c.strip() for c in cells):
            continue  # blank line
        data: dict[str, str] = {}
        for name, value in zip(header, cells):
            if name in expected and name not in data:
                data[name] = value
        row = RawRow(path.name, row_number, data, cells)
        if len(cells) > len(header):
            row.problem = f"has {len(cells)} cells but the header has {len(header)} columns"
        if _has_bad_bytes(cells):
            row.problem = "has characters that are not valid UTF-8; save the file as 'CSV UTF-8'"
        result.rows.append(row)
    return result


def read_jsonl(path: Path) -> FileRead:
    result = FileRead(path)
    text, bad_encoding = _decode(path.read_bytes())
    if bad_encoding:
        result.notices.append("the file is not entirely UTF-8; lines with unreadable characters are rejected")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        result.notices.append("the file is empty; nothing to load")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        row = RawRow(path.name, number, {}, line)
        if _has_bad_bytes([line]):
            row.problem = "has characters that are not valid UTF-8"
        else:
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                row.problem = f"is not valid JSON ({err.msg} at character {err.pos + 1})"
            else:
                if isinstance(data, dict):
                    row.data = data
                else:
                    row.problem = "is not a JSON object"
        result.rows.append(row)
    return result
