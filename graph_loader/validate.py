"""Step 2: raw rows become validated records, or rejections with file, row, field and reason.

For CSV, the main file's rows become records and the linked files' rows attach to them
by id (a linked row is checked against its record's date, e.g. a child's age). For JSON
Lines each line is a whole record.

A value that fails its check is doubted, not the row: it is set aside (the validated value
is None), kept as recorded with the reason (models.common.Doubt), and the row is validated
again without it. Only what places a record (its id, its date, its borough, a linked row's
parent id) or an unreadable row rejects a row.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .models import FileSpec, SourceSpec
from .models.common import BLANK_REASON, Doubt, as_recorded, doubts
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
class Doubted:
    """A doubtful value, for the load report: where it was read, in which record, and why."""

    file: str
    row: int
    record_id: str
    field: str
    as_recorded: str
    reason: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "record_id": self.record_id,
            "field": self.field,
            "as_recorded": self.as_recorded,
            "reason": self.reason,
        }


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


def _shard_rows(id_field: str, shard: Shard | None) -> Callable[[dict[str, str]], bool] | None:
    """What the reader keeps of a file for `shard`: the rows whose record id falls in it (each row is
    still read, but only the shard's are held and validated)."""
    if shard is None:
        return None
    return lambda data: in_shard(data.get(id_field), shard)


@dataclass
class Validated:
    source: SourceSpec
    files: list[Path] = field(default_factory=list)
    records: list[ValidRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # "file: message"
    rows_read: int = 0
    doubts: list[Doubted] = field(default_factory=list)


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
    doubts: list[Doubted] = field(default_factory=list)

    @classmethod
    def of(cls, v: Validated) -> Outcome:
        return cls(v.source, v.files, v.rows_read, len(v.records), v.rejections, v.notices, v.doubts)

    def joined(self, other: Outcome) -> Outcome:
        """The same source's outcome in another shard: rejections back in file and row order."""
        order = {spec.filename: i for i, spec in enumerate(self.source.files)}
        rejections = sorted(self.rejections + other.rejections, key=lambda r: (order.get(r.file, -1), r.row))
        notices = list(dict.fromkeys(self.notices + other.notices))  # a file's notices come from every shard
        doubts = sorted(self.doubts + other.doubts, key=lambda d: (order.get(d.file, -1), d.row))
        return Outcome(
            self.source,
            self.files,
            self.rows_read + other.rows_read,
            self.records_valid + other.records_valid,
            rejections,
            notices,
            doubts,
        )


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


def placing_fields(source: SourceSpec, spec: FileSpec | None = None) -> frozenset[str]:
    """The fields without which a row cannot be placed: a fault in one of them rejects the row."""
    if spec is not None and spec.parent_key:
        return frozenset({spec.parent_key})
    return frozenset({source.id_field, source.date_field, "borough"})


def _validate(
    model: type[BaseModel], data: dict, context: dict | None = None, placing: frozenset[str] = frozenset()
) -> BaseModel | list[tuple[str, str]]:
    """The validated row, its faulty values doubted; or the errors that reject it.

    Each pass sets aside the fields whose values failed and validates again, so a cross-field
    check (a child's age) is judged on the values that remain; bounded by the number of fields.
    """
    data = dict(data)
    found: list[Doubt] = []
    for _ in range(len(model.model_fields) + 1):
        try:
            result = model.model_validate(data, context=context)
        except ValidationError as err:
            errors = describe_errors(err)
            doubtful = {f.split(".")[0] for f, _ in errors}
            if doubtful & placing or not doubtful <= data.keys() or not doubtful <= model.model_fields.keys():
                return errors
            for name in doubtful:
                reasons = "; ".join(r for f, r in errors if f.split(".")[0] == name)
                found.append(Doubt(name, as_recorded(data.pop(name)), reasons))
            continue
        set_aside = {d.field for d in found}
        # A field set aside is blank now; its doubt already says why, not "was left blank".
        blank = [d for d in doubts(result) if not (d.field in set_aside and d.reason == BLANK_REASON)]
        doubts(result)[:] = found + blank
        return result
    return [("(row)", "too many faulty values to check")]


def set_aside(model: BaseModel) -> dict[str, object]:
    """The values of a validated row with its doubtful fields blank (None, or an empty list)."""
    # Its fields are its __dict__ (a record keeps no extra values): dict(model) walks pydantic's
    # __iter__ a value at a time, 5 s of a validating process at L.
    values = dict(model.__dict__) if model.__pydantic_extra__ is None else dict(model)
    for doubt in doubts(model):
        if doubt.field in values:
            values[doubt.field] = [] if isinstance(values[doubt.field], list) else None
    return values


def doubts_of(model: BaseModel) -> list[Doubt]:
    return list(doubts(model))


def _note_doubts(out: Validated, file: str, row: int, record_id: str, model: BaseModel, prefix: str = "") -> None:
    out.doubts += [Doubted(file, row, record_id, prefix + d.field, d.as_recorded, d.reason) for d in doubts_of(model)]


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
        out.rejections.append(
            Rejection(read.path.name, 1, [("(file)", f"the whole file is rejected: {read.rejected}")], [])
        )
    return True


def _only_private_init(post_init: Callable) -> bool:
    """Whether a model's model_post_init is pydantic's setting of private attributes alone: a subclass
    wraps its base's (functools.wraps keeps the name), and a model_post_init of its own would show."""
    while post_init is not None:
        if getattr(post_init, "__qualname__", None) != "init_private_attributes":
            return False
        post_init = getattr(post_init, "__wrapped__", None)
    return True


@cache
def _plain_fields(model: type[BaseModel]) -> tuple[str, ...] | None:
    """The fields of a model `constructed` may build without model_construct: one whose only private
    attribute is its doubts, with no model_post_init of its own and no aliases. None for any other."""
    if (
        set(model.__private_attributes__) != {"_doubts"}
        or not _only_private_init(model.model_post_init)
        or model.model_config.get("extra") == "allow"
    ):
        return None
    if any(f.alias is not None or f.validation_alias is not None for f in model.model_fields.values()):
        return None
    return tuple(model.model_fields)


def constructed(model: type[BaseModel], values: dict[str, object], kept: list[Doubt]) -> BaseModel:
    """`model.model_construct(**values)` keeping `kept` as its doubts, for values already validated that
    name every field of the model (others, such as a nested row's parent key, ignored as model_construct
    ignores them). Then model_construct's look-ups of each field's aliases and default find nothing to
    do, and cost a tenth of a validating process at L (a million rows); this sets what it sets (the
    values in field order, the fields set, no extra values, the private doubts) directly. Any other
    model or values go through model_construct (tests/test_validate_construct.py compares the two on
    every record model)."""
    fields = _plain_fields(model)
    if fields is None or not all(name in values for name in fields):
        built = model.model_construct(**values)
        doubts(built)[:] = kept
        return built
    built = model.__new__(model)
    object.__setattr__(built, "__dict__", {name: values[name] for name in fields})
    object.__setattr__(built, "__pydantic_fields_set__", set(fields))
    object.__setattr__(built, "__pydantic_extra__", None)
    object.__setattr__(built, "__pydantic_private__", {"_doubts": kept})
    return built


def _item(spec: FileSpec, row_model: BaseModel) -> BaseModel:
    """The linked row without its parent key, as the nested item of the whole record."""
    assert spec.item_model is not None
    return constructed(spec.item_model, set_aside(row_model), list(doubts(row_model)))


def validate_csv_files(source: SourceSpec, paths: dict[str, Path], shard: Shard | None = None) -> Validated:
    """Validate the CSV files of one source (`paths` maps each FileSpec filename to a path).

    With `shard`, only the rows of the records whose id falls in it (a main row and its linked
    rows share an id, so duplicates and orphans are still found within the shard).
    """
    out = Validated(source)
    main_spec = source.main
    main_path = paths[main_spec.filename]
    main_read = read_csv(
        main_path, main_spec.columns, required_fields(main_spec.model), _shard_rows(source.id_field, shard)
    )
    out.files.append(main_path)
    out.notices += [f"{main_path.name}: {n}" for n in main_read.notices]
    _file_rejected(out, main_read, shard)

    records: dict[str, dict] = {}  # id -> field values (plus nested lists)
    origins: dict[str, int] = {}
    rejected_ids: dict[str, int] = {}
    record_doubts: dict[str, list[Doubt]] = {}
    for row in main_read.rows:
        out.rows_read += 1
        if _unreadable(out, row, main_read):
            continue
        result = _validate(main_spec.model, row.data, placing=placing_fields(source))
        record_id = str(row.data.get(source.id_field, "")).strip()
        if isinstance(result, list):
            _reject(out, row, result, main_read)
            rejected_ids.setdefault(record_id, row.row)
            continue
        record_id = getattr(result, source.id_field)
        if record_id in origins:
            _reject(
                out,
                row,
                [
                    (
                        source.id_field,
                        f"{record_id} already appears at row {origins[record_id]} of this file; the first is loaded",
                    )
                ],
                main_read,
            )
            continue
        origins[record_id] = row.row
        records[record_id] = set_aside(result) | {spec.attach_to: [] for spec in source.linked}
        record_doubts[record_id] = doubts_of(result)
        _note_doubts(out, row.file, row.row, record_id, result)

    for spec in source.linked:
        path = paths.get(spec.filename)
        if path is None:
            continue
        read = read_csv(path, spec.columns, required_fields(spec.model), _shard_rows(spec.parent_key, shard))
        out.files.append(path)
        out.notices += [f"{path.name}: {n}" for n in read.notices]
        _file_rejected(out, read, shard)
        refs_seen: dict[tuple[str, str], int] = {}
        ref_field = next(
            (n for n in ("person_ref", "child_ref", "associate_ref") if n in spec.model.model_fields), None
        )
        for row in read.rows:
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
            result = _validate(
                spec.model, row.data, {"record_date": parent[source.date_field]}, placing_fields(source, spec)
            )
            if isinstance(result, list):
                _reject(out, row, result, read)
                continue
            ref = getattr(result, ref_field) if ref_field else None
            if ref:
                if (parent_id, ref) in refs_seen:
                    # The row still loads, as a person of its own: only its number is in doubt.
                    why = f"{ref} is used twice for {parent_id} (row {refs_seen[(parent_id, ref)]})"
                    doubts(result).append(Doubt(ref_field, ref, why))
                else:
                    refs_seen[(parent_id, ref)] = row.row
            _note_doubts(out, row.file, row.row, parent_id, result)
            parent[spec.attach_to].append(_item(spec, result))

    for record_id, values in records.items():
        record = constructed(source.record_model, values, record_doubts[record_id])
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
        result = _validate(source.main.model, main_data, placing=placing_fields(source))
        if isinstance(result, list):
            _reject(out, row, result)
            continue
        values = set_aside(result)
        errors: list[tuple[str, str]] = []
        line_doubts: list[tuple[str, BaseModel]] = [("", result)]
        for attach_to, spec in nested.items():
            items = row.data.get(attach_to) or []
            if not isinstance(items, list):
                errors.append((attach_to, "must be a list"))
                continue
            values[attach_to] = []
            for index, item in enumerate(items):
                item_result = (
                    _validate(spec.item_model, item, {"record_date": values[source.date_field]})
                    if isinstance(item, dict)
                    else [("(item)", "must be an object")]
                )
                if isinstance(item_result, list):
                    errors += [(f"{attach_to}[{index}].{f}", r) for f, r in item_result]
                else:
                    kept = spec.item_model.model_construct(**set_aside(item_result))
                    doubts(kept)[:] = doubts(item_result)
                    values[attach_to].append(kept)
                    line_doubts += [(f"{attach_to}[{index}].", item_result)]
        record_id = values[source.id_field]
        if not errors and record_id in origins:
            errors.append(
                (source.id_field, f"{record_id} already appears at line {origins[record_id]}; the first is loaded")
            )
        if errors:
            _reject(out, row, errors)
            continue
        origins[record_id] = row.row
        record = source.record_model.model_construct(**values)
        doubts(record)[:] = doubts(result)
        for prefix, model in line_doubts:
            _note_doubts(out, row.file, row.row, record_id, model, prefix)
        out.records.append(ValidRecord(record, f"{path.name}:{row.row}", row.row))
    if unknown_seen:
        out.notices.append(f"{path.name}: unknown field(s) ignored: {', '.join(sorted(unknown_seen))}")
    return out
