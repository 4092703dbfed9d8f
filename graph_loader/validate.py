"""Step 2: raw rows become validated records, or rejections with file, row, field and reason.

For CSV, the main file's rows become records and the linked files' rows attach to them
by id (a linked row is checked against its record's date, e.g. a child's age). For JSON
Lines each line is a whole record; any invalid part rejects that line.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .models import FileSpec, SourceSpec
from .read import FileRead, RawRow, read_csv, read_jsonl


@dataclass
class Rejection:
    file: str
    row: int
    errors: list[tuple[str, str]]  # (field, reason)
    raw: list[str] | str
    header: list[str] = field(default_factory=list)

    @property
    def fields(self) -> str:
        return "; ".join(f for f, _ in self.errors)

    @property
    def reasons(self) -> str:
        return "; ".join(f"{f}: {r}" if f != "(row)" else r for f, r in self.errors)


@dataclass
class ValidRecord:
    record: BaseModel  # the source's whole-record model (MashReferral, MatrixNominal, HsbCase)
    origin: str  # "file:row" of its main row, for messages
    row: int = 0  # its main row's number: records keep the order of their files


Shard = tuple[int, int]  # (this one, of how many): a share of the records, by id, for parallel work


def in_shard(raw_id: object, shard: Shard | None) -> bool:
    """Whether a row with this record id (as read) falls in `shard`: every row of one id in the same one."""
    if shard is None:
        return True
    return zlib.crc32(str(raw_id or "").strip().encode("utf-8", "surrogateescape")) % shard[1] == shard[0]


@dataclass
class Validated:
    source: SourceSpec
    files: list[Path] = field(default_factory=list)
    records: list[ValidRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # "file: message"
    rows_read: int = 0


@dataclass
class Outcome:
    """What validating a source gave, without its records: for the report, and small enough to
    send from a process that validated one shard of the records."""

    source: SourceSpec
    files: list[Path]
    rows_read: int
    records_valid: int
    rejections: list[Rejection]
    notices: list[str]

    @classmethod
    def of(cls, v: Validated) -> "Outcome":
        return cls(v.source, v.files, v.rows_read, len(v.records), v.rejections, v.notices)

    def joined(self, other: "Outcome") -> "Outcome":
        """The same source's outcome in another shard: rejections back in file and row order."""
        order = {spec.filename: i for i, spec in enumerate(self.source.files)}
        rejections = sorted(self.rejections + other.rejections, key=lambda r: (order.get(r.file, -1), r.row))
        notices = list(dict.fromkeys(self.notices + other.notices))  # a file's notices come from every shard
        return Outcome(self.source, self.files, self.rows_read + other.rows_read,
                       self.records_valid + other.records_valid, rejections, notices)  # fmt: skip


def required_fields(model: type[BaseModel]) -> set[str]:
    return {name for name, info in model.model_fields.items() if info.is_required()}


def describe_errors(err: ValidationError, prefix: str = "") -> list[tuple[str, str]]:
    """Pydantic's errors as (field, plain reason) pairs."""
    out = []
    for item in err.errors(include_url=False):
        cause = (item.get("ctx") or {}).get("error")
        loc = getattr(cause, "field", None) or ".".join(str(p) for p in item["loc"]) or "(row)"
        message = item["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if item["type"] == "missing":
            message = "is required and was left blank"
        elif item["type"] == "enum":
            message = f"{item['input']!r} is not allowed; {message.lower()}"
        out.append((f"{prefix}{loc}", message))
    return out


def _validate(model: type[BaseModel], data: dict, context: dict | None = None) -> BaseModel | list[tuple[str, str]]:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        return describe_errors(err)


def _reject(out: Validated, row: RawRow, errors: list[tuple[str, str]], read: FileRead | None = None) -> None:
    out.rejections.append(Rejection(row.file, row.row, errors, row.raw, read.header if read else []))


def _unreadable(out: Validated, row: RawRow, read: FileRead) -> bool:
    """Reject a row that cannot be validated at all (bad bytes, extra cells, missing columns)."""
    if row.problem:
        _reject(out, row, [(row.problem_field or "(row)", row.problem)], read)
        return True
    if read.missing_columns:
        _reject(out, row, [(c, "column is missing from the file's header row") for c in read.missing_columns], read)
        return True
    return False


def _file_rejected(out: Validated, read: FileRead, shard: Shard | None) -> bool:
    """A file whose header is past the bounds: one rejection (row 1, the header) says why."""
    if read.rejected is None:
        return False
    if in_shard("", shard):  # once, whichever shard
        out.rows_read += 1
        out.rejections.append(Rejection(read.path.name, 1, [("(file)", f"the whole file is rejected: {read.rejected}")], []))
    return True


def _item(spec: FileSpec, row_model: BaseModel) -> BaseModel:
    """The linked row without its parent key, as the nested item of the whole record."""
    assert spec.item_model is not None
    values = {name: getattr(row_model, name) for name in spec.item_model.model_fields}
    return spec.item_model.model_construct(**values)


def validate_csv_files(source: SourceSpec, paths: dict[str, Path], shard: Shard | None = None) -> Validated:
    """Validate the CSV files of one source (`paths` maps each FileSpec filename to a path).

    With `shard`, only the rows of the records whose id falls in it (a main row and its linked
    rows share an id, so duplicates and orphans are still found within the shard).
    """
    out = Validated(source)
    main_spec = source.main
    main_path = paths[main_spec.filename]
    main_read = read_csv(main_path, main_spec.columns, required_fields(main_spec.model))
    out.files.append(main_path)
    out.notices += [f"{main_path.name}: {n}" for n in main_read.notices]
    _file_rejected(out, main_read, shard)

    records: dict[str, dict] = {}  # id -> field values (plus nested lists)
    origins: dict[str, int] = {}
    rejected_ids: dict[str, int] = {}
    for row in main_read.rows:
        if not in_shard(row.data.get(source.id_field), shard):
            continue
        out.rows_read += 1
        if _unreadable(out, row, main_read):
            continue
        result = _validate(main_spec.model, row.data)
        record_id = str(row.data.get(source.id_field, "")).strip()
        if isinstance(result, list):
            _reject(out, row, result, main_read)
            rejected_ids.setdefault(record_id, row.row)
            continue
        record_id = getattr(result, source.id_field)
        if record_id in origins:
            _reject(
                out, row,
                [(source.id_field, f"{record_id} already appears at row {origins[record_id]} of this file; the first is loaded")],
                main_read,
            )  # fmt: skip
            continue
        origins[record_id] = row.row
        records[record_id] = dict(result) | {spec.attach_to: [] for spec in source.linked}

    for spec in source.linked:
        path = paths.get(spec.filename)
        if path is None:
            continue
        read = read_csv(path, spec.columns, required_fields(spec.model))
        out.files.append(path)
        out.notices += [f"{path.name}: {n}" for n in read.notices]
        _file_rejected(out, read, shard)
        refs_seen: dict[tuple[str, str], int] = {}
        ref_field = next((n for n in ("person_ref", "child_ref") if n in spec.model.model_fields), None)
        for row in read.rows:
            if not in_shard(row.data.get(spec.parent_key), shard):
                continue
            out.rows_read += 1
            if _unreadable(out, row, read):
                continue
            parent_id = str(row.data.get(spec.parent_key) or "").strip()
            parent = records.get(parent_id)
            if parent is None:
                if parent_id in rejected_ids:
                    why = f"its record {parent_id} was rejected (row {rejected_ids[parent_id]} of {main_path.name})"
                else:
                    why = f"no record {parent_id!r} in {main_path.name}"
                _reject(out, row, [(spec.parent_key, why)], read)
                continue
            result = _validate(spec.model, row.data, {"record_date": parent[source.date_field]})
            if isinstance(result, list):
                _reject(out, row, result, read)
                continue
            ref = getattr(result, ref_field) if ref_field else None
            if ref:
                if (parent_id, ref) in refs_seen:
                    _reject(out, row, [(ref_field, f"{ref} is used twice for {parent_id} (row {refs_seen[(parent_id, ref)]})")], read)
                    continue
                refs_seen[(parent_id, ref)] = row.row
            parent[spec.attach_to].append(_item(spec, result))

    for record_id, values in records.items():
        record = source.record_model.model_construct(**values)
        out.records.append(ValidRecord(record, f"{main_path.name}:{origins[record_id]}", origins[record_id]))
    return out


def validate_jsonl_file(source: SourceSpec, path: Path) -> Validated:
    out = Validated(source, files=[path])
    read = read_jsonl(path)
    out.notices += [f"{path.name}: {n}" for n in read.notices]
    out.rows_read = len(read.rows)
    nested = {spec.attach_to: spec for spec in source.linked}
    known = set(source.record_model.model_fields)
    unknown_seen: set[str] = set()
    origins: dict[str, int] = {}
    for row in read.rows:
        if row.problem:
            _reject(out, row, [(row.problem_field or "(line)", row.problem)])
            continue
        unknown_seen |= set(row.data) - known
        main_data = {k: v for k, v in row.data.items() if k not in nested}
        result = _validate(source.main.model, main_data)
        if isinstance(result, list):
            _reject(out, row, result)
            continue
        values = dict(result)
        errors: list[tuple[str, str]] = []
        for attach_to, spec in nested.items():
            items = row.data.get(attach_to) or []
            if not isinstance(items, list):
                errors.append((attach_to, "must be a list"))
                continue
            values[attach_to] = []
            for index, item in enumerate(items):
                item_result = _validate(spec.item_model, item, {"record_date": values[source.date_field]}) if isinstance(item, dict) else [("(item)", "must be an object")]
                if isinstance(item_result, list):
                    errors += [(f"{attach_to}[{index}].{f}", r) for f, r in item_result]
                else:
                    values[attach_to].append(item_result)
        record_id = values[source.id_field]
        if not errors and record_id in origins:
            errors.append((source.id_field, f"{record_id} already appears at line {origins[record_id]}; the first is loaded"))
        if errors:
            _reject(out, row, errors)
            continue
        origins[record_id] = row.row
        out.records.append(ValidRecord(source.record_model.model_construct(**values), f"{path.name}:{row.row}", row.row))
    if unknown_seen:
        out.notices.append(f"{path.name}: unknown field(s) ignored: {', '.join(sorted(unknown_seen))}")
    return out
