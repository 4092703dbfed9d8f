"""The mapping file's own schema: a Pydantic model read from TOML.

TOML because it is read by the standard library (tomllib), has comments for the reviewer,
no implicit typing surprises (YAML's `NO` -> false) and diffs line by line in a pull request.
Targets are checked against the common dataset's models (`graph_loader.models.SOURCES`), so a
field added there can be mapped with no change here.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..models import SOURCES, FileSpec, SourceSpec

MAIN = "main"
PLACEHOLDER = "{n}"  # stands for the group's number in a repeated column's name
MAX_MAPPING_BYTES = 256 * 1024  # a mapping is a page of text; anything bigger is refused unread
MAX_REPEATS = 100  # at most this many instances of one repeated group (Person1..Person100)
MAX_COLUMNS = 2000  # column entries in one mapping


class MappingError(ValueError):
    """The mapping file cannot be used as it is; the message says where and why."""


def outputs(source: SourceSpec) -> dict[str, FileSpec]:
    """The outputs a mapping may fill: `main`, then each linked file by what it attaches to."""
    return {MAIN: source.main} | {spec.attach_to: spec for spec in source.linked if spec.attach_to}


class Split(BaseModel):
    """One cell into several fields, on a fixed separator (never a regular expression: no
    pattern a mapping supplies can make a load spin)."""

    model_config = ConfigDict(extra="forbid")
    separator: str = Field(min_length=1, max_length=10)
    into: list[str] = Field(min_length=2, max_length=10)
    from_right: bool = False  # split at the last separators first ("Chicken Spot, E8 1AB")


class Column(BaseModel):
    """One entry of the mapping: where a common field's value comes from, and how it is read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source_columns: list[str] = Field(default_factory=list, alias="from", max_length=10)
    value: str | None = Field(None, max_length=200)  # a constant, e.g. the borough of a borough's own export
    to: str | None = None
    split: Split | None = None
    output: str = MAIN
    join: str = Field(" ", max_length=10)  # joins several source columns; blank ones are skipped
    values: dict[str, str] = Field(default_factory=dict, max_length=500)  # codes, matched ignoring case
    date_format: str | None = Field(None, max_length=40)
    list_separator: str | None = Field(None, min_length=1, max_length=10)
    note: str | None = Field(None, max_length=500)

    @field_validator("source_columns", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("date_format")
    @classmethod
    def _a_date_format(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.strptime(date(2009, 1, 31).strftime(value), value)
            except ValueError as err:
                raise ValueError(f"{value!r} is not a usable date format (e.g. %d-%b-%Y): {err}") from None
        return value

    @model_validator(mode="after")
    def _one_target(self) -> Column:
        if (self.to is None) == (self.split is None):
            raise ValueError("give either `to` (one field) or `split` (several fields)")
        if bool(self.source_columns) == (self.value is not None):
            raise ValueError("give either `from` (column names in the file) or `value` (a constant)")
        if self.split and len(self.source_columns) != 1:
            raise ValueError("`split` reads exactly one column")
        return self

    @property
    def targets(self) -> list[str]:
        return self.split.into if self.split else [self.to or ""]

    @property
    def label(self) -> str:
        """The original column(s) as a person reads them in the file, for messages."""
        if self.value is not None:
            return f"(constant {self.value!r} in the mapping)"
        return " + ".join(self.source_columns)

    def numbered(self, n: int) -> Column:
        """This entry for group number `n` (Person{n}_Name -> Person2_Name)."""
        return self.model_copy(update={"source_columns": [c.replace(PLACEHOLDER, str(n)) for c in self.source_columns]})


class Repeat(BaseModel):
    """Columns repeated with a number (Person1_Name, Person2_Name, ... or Referral1_Date, ...):
    each numbered group present in the file and not blank becomes one row of `output`,
    together with the plain columns mapped to the same output."""

    model_config = ConfigDict(extra="forbid")
    output: str = MAIN
    start: int = Field(1, ge=0, le=1)
    columns: list[Column] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _numbered_columns(self) -> Repeat:
        for column in self.columns:
            column.output = self.output
        if not any(PLACEHOLDER in c for col in self.columns for c in col.source_columns):
            raise ValueError(f"a repeated group needs column names with {PLACEHOLDER} for the number")
        return self


class Mapping(BaseModel):
    """A whole mapping file: one foreign export of one source."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(description="mash, matrix or hsb")
    name: str = Field(max_length=200)
    description: str | None = Field(None, max_length=5000)
    columns: list[Column] = Field(default_factory=list, max_length=MAX_COLUMNS)
    repeat: list[Repeat] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _targets_exist(self) -> Mapping:
        if self.source not in SOURCES:
            raise ValueError(f"source {self.source!r} is not one of {', '.join(SOURCES)}")
        spec = SOURCES[self.source]
        known = outputs(spec)
        seen: dict[tuple[str, str], str] = {}
        for where, column in self.entries():
            if column.output not in known:
                raise ValueError(
                    f"{where}: output {column.output!r} is not one of {', '.join(known)} for {self.source}"
                )
            fields = known[column.output].columns
            for target in column.targets:
                if target not in fields:
                    raise ValueError(
                        f"{where}: {target!r} is not a field of {known[column.output].filename} "
                        f"(fields: {', '.join(fields)})"
                    )
                if (column.output, target) in seen:
                    raise ValueError(
                        f"{where}: {column.output}.{target} is already mapped by {seen[(column.output, target)]}"
                    )
                seen[(column.output, target)] = where
        main_repeated = any(r.output == MAIN for r in self.repeat)
        for name, file in known.items():
            if name != MAIN and main_repeated and (name, file.parent_key) not in seen and self.fills(name):
                raise ValueError(
                    f"several {spec.label} records come from one row, so map {name}.{file.parent_key} "
                    "explicitly (which record each row belongs to)"
                )
        if (MAIN, spec.id_field) not in seen:
            raise ValueError(f"nothing is mapped to {spec.id_field}, the record's id")
        return self

    def entries(self) -> list[tuple[str, Column]]:
        """Every column entry with where it is in the file (for messages)."""
        plain = [(f"columns[{i}] ({c.label})", c) for i, c in enumerate(self.columns)]
        grouped = [
            (f"repeat[{g}].columns[{i}] ({c.label})", c)
            for g, r in enumerate(self.repeat)
            for i, c in enumerate(r.columns)
        ]
        return plain + grouped

    def fills(self, output: str) -> bool:
        return any(c.output == output for _, c in self.entries())

    @property
    def spec(self) -> SourceSpec:
        return SOURCES[self.source]


@dataclass(frozen=True)
class LoadedMapping:
    """A mapping with the text it was read from and that text's SHA-256 (recorded on the Load)."""

    mapping: Mapping
    text: str
    checksum: str
    filename: str

    def provenance(self) -> dict[str, str]:
        return {
            "mapping_name": self.mapping.name,
            "mapping_file": self.filename,
            "mapping_checksum": self.checksum,
            "mapping": self.text,
        }


def parse_mapping(data: bytes, filename: str = "mapping.toml") -> LoadedMapping:
    """Read a mapping from the bytes of a TOML file; MappingError says what is wrong and where."""
    if len(data) > MAX_MAPPING_BYTES:
        raise MappingError(f"{filename} is {len(data):,} bytes; a mapping is at most {MAX_MAPPING_BYTES:,}")
    try:
        text = data.decode("utf-8")
        mapping = Mapping.model_validate(tomllib.loads(text))
    except UnicodeDecodeError:
        raise MappingError(f"{filename} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise MappingError(f"{filename} is not valid TOML: {err}") from None
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'mapping'}: {e['msg'].removeprefix('Value error, ')}"
            for e in err.errors(include_url=False)
        )
        raise MappingError(f"{filename}: {problems}") from None
    return LoadedMapping(mapping, text, hashlib.sha256(data).hexdigest(), Path(filename).name)


def read_mapping(path: Path) -> LoadedMapping:
    if not path.is_file():
        raise MappingError(f"{path} does not exist")
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise MappingError(f"{path.name} is {path.stat().st_size:,} bytes; a mapping is at most {MAX_MAPPING_BYTES:,}")
    return parse_mapping(path.read_bytes(), path.name)
