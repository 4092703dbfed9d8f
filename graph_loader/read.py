"""Step 1: read source files into raw rows, as Excel and case-management systems export them.

CSV: UTF-8 with or without BOM, Windows or Unix line endings, blank cells. Rows that
are not valid UTF-8 are flagged so the validator rejects them (with the rest of the
file still loading). JSON Lines: one whole record per line. Row numbers are what a
person sees in a spreadsheet: the header is row 1, the first record row 2.

Files are read as a stream, a line at a time, within the bounds of `bounds.py`: an
over-long cell or line, too many columns or too deep a JSON line is one rejected row (a
header past the bounds rejects the file), never a crash and never the whole file in memory
at once.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .bounds import KEPT_CHARS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH, MAX_LINE_CHARS, cut

# `BoundedLines` keeps a record within MAX_LINE_CHARS; past this (a quoted cell of millions of short
# lines) the csv module raises an error, which rejects that one row.
csv.field_size_limit(2 * MAX_LINE_CHARS)

_PIECE = 1 << 20  # characters read at a time while passing over the rest of an over-long line


@dataclass
class RawRow:
    file: str
    row: int
    data: dict  # column -> cell (CSV) or the parsed JSON object
    raw: list[str] | str  # what was read, for the quarantine file
    problem: str | None = None  # set when the row cannot even be read (encoding, JSON, bounds)
    problem_field: str | None = None


@dataclass
class FileRead:
    path: Path
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # file-level messages (warnings)
    missing_columns: list[str] = field(default_factory=list)
    rejected: str | None = None  # why the whole file cannot be read (its header is past the bounds)


def _open(path: Path):
    # utf-8-sig drops a BOM; surrogateescape keeps bytes that are not UTF-8 so the quarantine
    # file holds them as they were, and the row with them is rejected.
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


_BAD_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape made of bytes that were not UTF-8


def _has_bad_bytes(values: list[str]) -> bool:
    text = "".join(values)
    # (Such characters are never ASCII: most rows are, and are passed in one C call.)
    return not text.isascii() and _BAD_BYTE.search(text) is not None


def _blank(cells: list[str]) -> bool:
    """Every cell blank, spaces and tabs included (one C call for the row, not one per cell)."""
    return not "".join(cells).strip()


@dataclass
class LongLine:
    """A physical line past MAX_LINE_CHARS, passed over without holding it: its length, the
    column and length of its longest cell (for a CSV line that starts a record), and its start."""

    length: int
    column: int
    cell_length: int
    start: str


class _CellSizes:
    """The longest cell of a CSV line fed in pieces: quotes toggle, commas outside them end a cell."""

    def __init__(self) -> None:
        self.quoted, self.column, self.length, self.longest = False, 0, 0, (0, 0)

    def feed(self, piece: str) -> None:
        for index, segment in enumerate(piece.rstrip("\r\n").split('"')):
            if index:
                self.quoted = not self.quoted
            if self.quoted:
                self.length += len(segment)
                continue
            cells = segment.split(",")
            self.length += len(cells[0])
            for cell in cells[1:]:
                self._end_cell()
                self.column, self.length = self.column + 1, len(cell)

    def _end_cell(self) -> None:
        if self.length > self.longest[1]:
            self.longest = (self.column, self.length)

    def result(self) -> tuple[int, int]:
        self._end_cell()
        return self.longest


class BoundedLines:
    """The physical lines of a file, each at most MAX_LINE_CHARS, and at most MAX_LINE_CHARS to a
    record however many lines its quoted cells run over. A line past either bound is passed over
    (remembered by number) and given on as its quote signs' parity only, so the csv reader still
    knows where the record ends. A reader calls `start_record()` before each record (each line,
    for JSON Lines): the record bound counts from there."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.number = 0
        self.in_record = 0  # characters given since the reader's record began
        self.long: dict[int, LongLine] = {}

    def __iter__(self) -> BoundedLines:
        return self

    def start_record(self) -> None:
        self.in_record = 0

    def __next__(self) -> str:
        line = self.handle.readline(MAX_LINE_CHARS + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
            sizes, length, quotes, piece = _CellSizes(), 0, 0, line
            while piece:
                sizes.feed(piece)
                length += len(piece.rstrip("\r\n"))
                quotes += piece.count('"')
                if piece.endswith(("\n", "\r")):
                    break
                piece = self.handle.readline(_PIECE)
            column, cell_length = sizes.result()
            self.long[self.number] = LongLine(length, column, cell_length, line[:KEPT_CHARS])
            return '"' * (quotes % 2) + "\n"
        self.in_record += len(line)
        if self.in_record > MAX_LINE_CHARS:
            self.long.setdefault(self.number, LongLine(self.in_record, -1, 0, line[:KEPT_CHARS]))
            return '"' * (line.count('"') % 2) + "\n"
        return line


def _column_name(header: list[str], column: int) -> str:
    return header[column] if column < len(header) and header[column] else f"column {column + 1}"


def _long_line_problem(line: LongLine, header: list[str], starts_record: bool) -> tuple[str, str]:
    """(field, reason) for a row with an over-long line."""
    if starts_record and line.cell_length > MAX_CELL_CHARS:
        return _column_name(header, line.column), (
            f"is a cell of {line.cell_length:,} characters; the limit is {MAX_CELL_CHARS:,}"
        )
    if line.column < 0:
        return (
            "(row)",
            f"runs over more than {MAX_LINE_CHARS:,} characters (a quoted cell of many lines); that is the limit",
        )
    return "(row)", f"has a line of {line.length:,} characters; the limit is {MAX_LINE_CHARS:,}"


def read_csv(
    path: Path, expected: list[str], required: set[str], keep: Callable[[dict[str, str]], bool] | None = None
) -> FileRead:
    """The rows of a CSV file, each bounded; with `keep`, only the rows whose values it keeps (the rest
    are still read, counted and checked for the file's notices, so every share of a file reads alike)."""
    result = FileRead(path)
    with _open(path) as handle:
        lines = BoundedLines(handle)
        reader = csv.reader(lines)
        try:
            header = next(reader)
        except StopIteration:
            result.notices.append("the file is empty (no header row); nothing to load")
            return result
        except csv.Error as err:
            result.rejected = f"the header row cannot be read as CSV ({err})"
            return result
        if 1 in lines.long:
            result.rejected = (
                f"the header row is {lines.long[1].length:,} characters long; the limit is {MAX_LINE_CHARS:,}"
            )
            return result
        if len(header) > MAX_COLUMNS:
            result.rejected = f"the header row has {len(header):,} columns; the limit is {MAX_COLUMNS:,}"
            return result
        _read_header(result, header, expected, required)
        _read_rows(result, path, lines, reader, keep)
    return result


def _read_header(result: FileRead, header: list[str], expected: list[str], required: set[str]) -> None:
    header = [h.strip().lower() for h in header]
    result.header = header
    wanted = set(expected)
    unknown = [h for h in header if h and h not in wanted]
    if unknown:
        result.notices.append(f"unknown column(s) ignored: {', '.join(unknown)}")
    present = set(header)
    result.missing_columns = [c for c in expected if c in required and c not in present]
    counts = Counter(h for h in header if h)  # one pass: a header of many columns is not a quadratic check
    duplicates = sorted(h for h, n in counts.items() if n > 1)
    if duplicates:
        result.notices.append(f"column(s) appear more than once, the first is used: {', '.join(duplicates)}")
    if _has_bad_bytes(header):
        _bad_encoding(result)


def _bad_encoding(result: FileRead) -> None:
    notice = (
        "the file is not entirely UTF-8; rows with unreadable characters are rejected. "
        "Save it as 'CSV UTF-8' and load it again"
    )
    if notice not in result.notices:
        result.notices.append(notice)


def _read_rows(result: FileRead, path: Path, lines: BoundedLines, reader, keep) -> None:
    header = result.header
    first_named = len(set(header)) < len(header)  # a column named twice: its first cell is the one used
    row_number = 1
    while True:
        first_line = lines.number + 1
        lines.start_record()
        problem: tuple[str, str] | None = None
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            # The csv module starts afresh on the next line: only this row is lost to it.
            cells, problem = [], ("(row)", f"cannot be read as CSV ({err})")
        row_number += 1
        long = [lines.long[n] for n in range(first_line, lines.number + 1) if n in lines.long] if lines.long else []
        if long:
            problem = _long_line_problem(long[0], header, starts_record=first_line in lines.long)
            cells = [cut(long[0].start + "…")] if _blank(cells) else cells
        elif problem is None and _blank(cells):
            continue  # blank line
        if len(cells) > MAX_COLUMNS:  # a line of commas: reject it, and keep only its start
            problem = problem or ("(row)", f"has {len(cells):,} cells; the limit is {MAX_COLUMNS:,}")
            cells = cells[:MAX_COLUMNS] + [f"… [cut: {len(cells):,} cells]"]
        if cells and max(map(len, cells)) > MAX_CELL_CHARS:
            for column, cell in enumerate(cells):
                if problem is None and len(cell) > MAX_CELL_CHARS:
                    problem = (
                        _column_name(header, column),
                        f"is a cell of {len(cell):,} characters; the limit is {MAX_CELL_CHARS:,}",
                    )
                if len(cell) > MAX_CELL_CHARS:
                    cells[column] = cut(cell)
        data: dict[str, str] = {}
        if problem is None:
            if first_named:
                for name, value in zip(header, cells):
                    data.setdefault(name, value)
            else:
                data = dict(zip(header, cells))
        bad_bytes = _has_bad_bytes(cells)
        if bad_bytes:
            _bad_encoding(result)
        if keep is not None and not keep(data):
            continue
        row = RawRow(path.name, row_number, data, cells)
        if problem:
            row.problem_field, row.problem = problem
        elif len(cells) > len(header):
            row.problem = f"has {len(cells)} cells but the header has {len(header)} columns"
        if bad_bytes:
            row.problem = row.problem or "has characters that are not valid UTF-8; save the file as 'CSV UTF-8'"
        result.rows.append(row)


def json_depth(value: object) -> int:
    """How deeply a parsed JSON value nests (an object or list is a level), without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_JSON_DEPTH:  # past the bound, how much deeper does not matter
            stack.extend((child, depth + 1) for child in children)
    return deepest


def read_jsonl(path: Path) -> FileRead:
    result = FileRead(path)
    any_line = False
    with _open(path) as handle:
        lines = BoundedLines(handle)
        for line in lines:
            lines.start_record()  # a JSON line is a record
            number = lines.number
            if number in lines.long:
                long = lines.long[number]
                row = RawRow(path.name, number, {}, cut(long.start + "…"))
                row.problem = f"is {long.length:,} characters long; the limit is {MAX_LINE_CHARS:,}"
                result.rows.append(row)
                any_line = True
                continue
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            any_line = True
            row = RawRow(path.name, number, {}, line)
            if _has_bad_bytes([line]):
                _bad_encoding_jsonl(result)
                row.problem = "has characters that are not valid UTF-8"
            else:
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as err:
                    row.problem = f"is not valid JSON ({err.msg} at character {err.pos + 1})"
                except RecursionError:  # the parser recurses once per level: a deep line stops it
                    row.problem = f"nests too deeply to read; the limit is {MAX_JSON_DEPTH} levels"
                    row.raw = cut(line) if len(line) > KEPT_CHARS else line
                else:
                    if not isinstance(data, dict):
                        row.problem = "is not a JSON object"
                    elif json_depth(data) > MAX_JSON_DEPTH:
                        row.problem = f"nests more than {MAX_JSON_DEPTH} levels deep; the limit is {MAX_JSON_DEPTH}"
                        row.raw = cut(line) if len(line) > KEPT_CHARS else line
                    else:
                        row.data = data
            result.rows.append(row)
    if not any_line:
        result.notices.append("the file is empty; nothing to load")
    return result


def _bad_encoding_jsonl(result: FileRead) -> None:
    notice = "the file is not entirely UTF-8; lines with unreadable characters are rejected"
    if notice not in result.notices:
        result.notices.append(notice)
