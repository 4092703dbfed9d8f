"""Apply a mapping: one foreign file becomes the common dataset's CSV files for its source.

The file is read by the project's own CSV reader (`graph_loader.read.read_csv`: encodings,
BOM, oversized cells, extra cells), reshaped row by row, and written into a private temporary
folder that the ordinary validator then reads. Every row written remembers the original row
and, for each common field, the original column(s), so that every message about it names
the file a person actually has open.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..read import RawRow, read_csv
from ..validate import Doubted, Rejection
from .cells import CellReader
from .model import MAIN, MAX_REPEATS, LoadedMapping, MappingError, outputs

MAX_HEADER_COLUMNS = 5000  # an export with more columns than this is not a case-system export


@dataclass(frozen=True)
class Origin:
    """Where a written row came from: the original row, and per common field its column(s)."""

    row: int
    labels: dict[str, str]  # common field -> original column label
    hints: dict[str, str]  # common field -> what the mapping expected of it


@dataclass
class Part:
    """The readers that fill one output row: plain columns, or one numbered group's columns."""

    output: str
    readers: list[tuple[CellReader, list[str]]]  # reader, the (lower-case) header names it reads
    labels: dict[str, str]
    hints: dict[str, str]
    group: int | None = None  # the group's number, for a repeated part
    shown: list[str] = field(default_factory=list)  # each reader's columns as the mapping writes them ({n} kept)


@dataclass
class Applied:
    file: Path
    header: list[str]  # as written in the file
    folder: Path  # the common-dataset files written
    origins: dict[str, list[Origin]] = field(default_factory=dict)  # written file -> origin of each row
    rejections: list[Rejection] = field(default_factory=list)  # rows that could not be read at all
    notices: list[str] = field(default_factory=list)
    rows_read: int = 0
    raw: dict[int, RawRow] = field(default_factory=dict)  # original rows by number, for quarantine
    parts: list[Part] = field(default_factory=list)

    def origin(self, filename: str, row: int) -> Origin | None:
        rows = self.origins.get(filename)
        return rows[row - 2] if rows and 2 <= row < len(rows) + 2 else None


def header_of(path: Path) -> list[str]:
    """The header row as written (case kept), read with the same bounded CSV settings."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        try:
            header = next(csv.reader(handle))
        except StopIteration:
            return []
    if len(header) > MAX_HEADER_COLUMNS:
        raise MappingError(
            f"{path.name} has {len(header):,} columns in its header; at most {MAX_HEADER_COLUMNS:,} are read"
        )
    return [h.strip() for h in header]


def _key(name: str) -> str:
    return name.strip().lower()  # read_csv lower-cases the header it keys cells by


def plan(loaded: LoadedMapping, header: list[str], filename: str) -> list[Part]:
    """Which header columns each output row is read from; MappingError if a plain column is absent."""
    mapping = loaded.mapping
    present = {_key(h) for h in header}
    missing = sorted({c for col in mapping.columns for c in col.source_columns if _key(c) not in present})
    if missing:
        raise MappingError(
            f"{filename} has no column {', '.join(repr(c) for c in missing)}, which the mapping "
            f"{loaded.filename} reads; is this the export the mapping was written for?"
        )
    parts: list[Part] = []
    for output in outputs(mapping.spec):
        plain = [c for c in mapping.columns if c.output == output]
        if plain:
            parts.append(_part(output, plain))
    for group in mapping.repeat:
        for n in range(group.start, group.start + MAX_REPEATS):
            columns = [c.numbered(n) for c in group.columns]
            if not any(_key(name) in present for c in columns for name in c.source_columns):
                break  # Person1.., Person2.., stop at the first number the file does not have
            parts.append(_part(group.output, columns, n, [c.label for c in group.columns]))
    return parts


def _part(output: str, columns, group: int | None = None, shown: list[str] | None = None) -> Part:
    readers = [(CellReader(c), [_key(name) for name in c.source_columns]) for c in columns]
    labels = {t: c.label for c in columns for t in c.targets}
    hints = {t: h for r, _ in readers for t in r.column.targets if (h := r.hint())}
    return Part(output, readers, labels, hints, group, shown or [c.label for c in columns])


def _values(part: Part, row: RawRow) -> dict[str, str]:
    values: dict[str, str] = {}
    for reader, names in part.readers:
        values |= reader.read([str(row.data.get(name) or "") for name in names])
    return values


def _filled(part: Part, values: dict[str, str]) -> bool:
    """Whether a part read anything from the row (constants do not count)."""
    constants = {t for r, _ in part.readers if r.column.value is not None for t in r.column.targets}
    return any(v for k, v in values.items() if k not in constants)


def apply_mapping(loaded: LoadedMapping, path: Path, folder: Path) -> Applied:
    """Write `path`, read through `loaded`, as the source's common CSV files in `folder`."""
    mapping = loaded.mapping
    specs = outputs(mapping.spec)
    header = header_of(path)
    if not header:
        raise MappingError(f"{path.name} is empty (no header row); nothing to load")
    parts = plan(loaded, header, path.name)
    applied = Applied(path, header, folder, parts=parts)
    wanted = {name: None for part in parts for _, names in part.readers for name in names}
    read = read_csv(path, wanted, set())  # type: ignore[arg-type]  # a dict: membership in O(1)
    applied.notices += [n for n in read.notices if not n.startswith("unknown column")]
    unmapped = [h for h in header if _key(h) not in wanted]
    if unmapped:
        shown = ", ".join(unmapped[:20]) + (f" and {len(unmapped) - 20} more" if len(unmapped) > 20 else "")
        applied.notices.append(f"column(s) the mapping does not read, ignored: {shown}")

    folder.mkdir(parents=True, exist_ok=True)
    handles = {
        o: open(folder / spec.filename, "w", newline="", encoding="utf-8", errors="surrogateescape")
        for o, spec in specs.items()
    }
    try:
        writers = {o: csv.writer(h) for o, h in handles.items()}
        for o, spec in specs.items():
            writers[o].writerow(spec.columns)
            applied.origins[spec.filename] = []
        id_field = mapping.spec.id_field
        for row in read.rows:
            applied.rows_read += 1
            applied.raw[row.row] = row
            if row.problem:
                applied.rejections.append(Rejection(path.name, row.row, [("(row)", row.problem)], row.raw, header))
                continue
            rows_by_output = _reshape(parts, row)
            mains = rows_by_output.get(MAIN, [])
            if not mains:
                applied.rejections.append(
                    Rejection(
                        path.name,
                        row.row,
                        [("(row)", ("no record in this row: every column the mapping reads for the record is blank"))],
                        row.raw,
                        header,
                    )
                )
                continue
            for output, produced in rows_by_output.items():
                spec = specs[output]
                for values, part_labels, part_hints in produced:
                    if output != MAIN and not values.get(spec.parent_key or ""):
                        if len(mains) == 1:  # one record per row: its linked rows belong to it
                            values[spec.parent_key or ""] = mains[0][0].get(id_field, "")
                            part_labels = part_labels | {spec.parent_key or "": mains[0][1].get(id_field, id_field)}
                    writers[output].writerow([values.get(c, "") for c in spec.columns])
                    applied.origins[spec.filename].append(Origin(row.row, part_labels, part_hints))
    finally:
        for handle in handles.values():
            handle.close()
    return applied


def _reshape(parts: list[Part], row: RawRow) -> dict[str, list[tuple[dict, dict, dict]]]:
    """The output rows one original row gives: per output, (values, labels, hints) each."""
    plain = {p.output: p for p in parts if p.group is None}
    plain_values = {o: _values(p, row) for o, p in plain.items()}
    out: dict[str, list[tuple[dict, dict, dict]]] = {}
    repeated = {p.output for p in parts if p.group is not None}
    for part in parts:
        if part.group is None:
            continue
        values = _values(part, row)
        if not _filled(part, values):
            continue  # Person3_* all blank: this row names two people
        base = plain.get(part.output)
        merged_values = plain_values.get(part.output, {}) | values
        labels = (base.labels if base else {}) | part.labels
        hints = (base.hints if base else {}) | part.hints
        out.setdefault(part.output, []).append((merged_values, labels, hints))
    for output, part in plain.items():
        if output in repeated:
            continue
        values = plain_values[output]
        if output == MAIN or _filled(part, values):
            out.setdefault(output, []).append((values, part.labels, part.hints))
    return out


_ROW_OF = re.compile(r"\(row (\d+) of ([\w.]+)\)")


def translate(rejection: Rejection, applied: Applied) -> Rejection | None:
    """A rejection of a written row, restated in the original file's terms: its name, row and columns.
    None when it only repeats that the same original row's record was rejected."""
    origin = applied.origin(rejection.file, rejection.row)
    if origin is None:
        return rejection
    errors = []
    for field_name, reason in rejection.errors:
        if match := _ROW_OF.search(reason):  # "its record X was rejected (row 15 of mash_referrals.csv)"
            source_row = applied.origin(match[2], int(match[1]))
            if source_row is not None and source_row.row == origin.row:
                continue  # the record on this very row was rejected: said once, by its own columns
            if source_row is not None:
                reason = reason.replace(match[0], f"(row {source_row.row} of {applied.file.name})")
        label = origin.labels.get(field_name)
        if label is None:
            where = "(row)" if field_name.startswith("(") else f"(no column is mapped to {field_name})"
            errors.append((where, reason))
            continue
        hint = origin.hints.get(field_name)
        errors.append((label, f"{reason} [common field {field_name}{'; ' + hint if hint else ''}]"))
    if not errors:
        return None
    raw = applied.raw.get(origin.row)
    return Rejection(applied.file.name, origin.row, errors, raw.raw if raw else [], applied.header)


def translate_doubt(doubt: Doubted, applied: Applied) -> Doubted:
    """A doubtful value of a written row, restated in the original file's terms: its name, row and column."""
    origin = applied.origin(doubt.file, doubt.row)
    if origin is None:
        return doubt
    label = origin.labels.get(doubt.field)
    hint = origin.hints.get(doubt.field)
    where = label if label is not None else f"(no column is mapped to {doubt.field})"
    reason = f"{doubt.reason} [common field {doubt.field}{'; ' + hint if hint else ''}]"
    return Doubted(applied.file.name, origin.row, doubt.record_id, where, doubt.as_recorded, reason)


def merged(rejections: list[Rejection]) -> list[Rejection]:
    """One rejection per original row (a row can give a record and the people it names), in row order."""
    by_row: dict[tuple[str, int], Rejection] = {}
    for r in rejections:
        key = (r.file, r.row)
        if key in by_row:
            by_row[key].errors += [e for e in r.errors if e not in by_row[key].errors]
        else:
            by_row[key] = Rejection(r.file, r.row, list(r.errors), r.raw, r.header)
    return sorted(by_row.values(), key=lambda r: r.row)


__all__ = ["Applied", "Origin", "Part", "apply_mapping", "header_of", "merged", "plan", "translate", "translate_doubt"]
