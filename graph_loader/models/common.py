"""Parts shared by the three sources: the base model, places, claims, age checks."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator

from .fields import Borough, Latitude, Longitude, Postcode, ShortText, UKDate, age_on
from .vocab import ClaimKind, PlaceType

MAX_AGE = 100


class RowError(ValueError):
    """A check that spans fields, naming the field a person should correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


MAX_AS_RECORDED = 20_000  # characters of a doubtful value kept as recorded (the free-text limit)
BLANK_REASON = "was left blank"


@dataclass(frozen=True)
class Doubt:
    """A value kept as recorded but not trusted: the field, the text as recorded, and why.

    The validated value of a doubtful field is None (or an empty list), so nothing treats it as
    evidence; the graph keeps `<field>_as_recorded` and lists the field in `doubtful_fields`
    and `doubts` (docs/graph-model.md).
    """

    field: str
    as_recorded: str
    reason: str


def as_recorded(value: Any) -> str:
    """A recorded value as text, bounded: what a doubtful field keeps."""
    if isinstance(value, str):
        return value[:MAX_AS_RECORDED]
    try:  # a JSON Lines value: as JSON text, bounded however it is nested
        return json.dumps(value, ensure_ascii=False, default=str)[:MAX_AS_RECORDED]
    except (RecursionError, ValueError):
        return f"(a {type(value).__name__} too deeply nested to show)"


def expected(**kwargs: Any) -> Any:
    """A Field that should be filled in, but whose blank is kept as a doubt rather than rejected."""
    if "default_factory" in kwargs:
        return Field(json_schema_extra={"expected": True}, **kwargs)
    return Field(None, json_schema_extra={"expected": True}, **kwargs)


def is_expected(info: Any) -> bool:
    return isinstance(info.json_schema_extra, dict) and bool(info.json_schema_extra.get("expected"))


_CODE_SPACES = re.compile(r"[ \t-]+")


@cache
def _code_fields(model: type) -> frozenset[str]:
    """The fields of a model that hold a code (an enum, or a list of one)."""

    def has_enum(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return True
        return any(has_enum(a) for a in get_args(annotation))

    return frozenset(name for name, info in model.model_fields.items() if has_enum(info.annotation))


@cache
def _expected_fields(model: type) -> tuple[str, ...]:
    return tuple(name for name, info in model.model_fields.items() if is_expected(info))


class Record(BaseModel):
    """Base of every record model: unknown keys are reported by the reader, not silently kept."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, use_enum_values=False)
    # Doubts found while validating (graph_loader/validate.py adds those of values it set aside).
    _doubts: list[Doubt] = PrivateAttr(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _blank_cells_are_not_given(cls, data: object) -> object:
        # A blank cell means "not recorded": the field's default applies, or "required" is reported.
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if v is not None and not (isinstance(v, str) and not v.strip())}
            # Codes as exports write them ("  School", "PUBLIC PLACE") are the same code.
            for name in _code_fields(cls) & data.keys():
                if isinstance(data[name], str):
                    data[name] = ";".join(_CODE_SPACES.sub("_", part.strip().lower()) for part in data[name].split(";"))
        return data

    @model_validator(mode="after")
    def _blank_expected_fields_are_doubtful(self) -> Record:
        # A field that should be filled in but was left blank is kept (blank) and marked doubtful.
        for name in _expected_fields(type(self)):
            if getattr(self, name) in (None, []):
                doubts(self).append(Doubt(name, "", BLANK_REASON))
        return self


def doubts(model: BaseModel) -> list[Doubt]:
    """`model`'s own list of doubts: what is appended to it is kept. Read from pydantic's store of
    private attributes: `model._doubts` goes through BaseModel.__getattr__, about 4 µs a read and ten
    reads a row, some 40 s of a first load at L (issue #22). A model that keeps no doubts is an error,
    as `model._doubts` was, so a doubt is never written where it would be lost."""
    private = model.__pydantic_private__
    if not private or "_doubts" not in private:
        raise TypeError(f"{type(model).__name__} keeps no doubts (not a Record)")
    return private["_doubts"]


class Claim(Record):
    """What kind of claim a link is, and the grading of intelligence as the agency recorded it."""

    claim: ClaimKind | None = Field(
        None,
        description="recorded_fact, allegation or intelligence. Blank takes the role's default "
        "(see the data dictionary); an allegation is never treated as a fact.",
        examples=["allegation"],
    )
    grading: ShortText | None = Field(
        None,
        description="Intelligence grading as recorded (e.g. 3x5x2 or B2); kept verbatim.",
        examples=["B2"],
    )


class PlaceSeen(Claim):
    """A place named in a record: where a child was found, seen, harmed or taken."""

    place_name: ShortText = Field(description="Name of the place as recorded.", examples=["Chicken Spot"])
    place_type: PlaceType | None = expected(description="Kind of place.", examples=["takeaway"])
    postcode: Postcode | None = Field(None, description="Postcode of the place.", examples=["E8 1AB"])
    borough: Borough | None = Field(
        None,
        description="Borough the place is in, if known. The record's own borough says who holds the record; "
        "this says where the place is (a child placed in one borough may be exploited in another).",
        examples=["Hackney"],
    )
    latitude: Latitude | None = Field(None, description="Latitude (WGS84).", examples=[51.5450])
    longitude: Longitude | None = Field(None, description="Longitude (WGS84).", examples=[-0.0553])
    date_seen: UKDate | None = Field(
        None, description="When the child or person was at the place.", examples=["14/02/2024"]
    )

    @model_validator(mode="after")
    def _coordinates_in_pairs(self) -> PlaceSeen:
        if (self.latitude is None) != (self.longitude is None):
            given = "latitude" if self.latitude is not None else "longitude"
            raise RowError(given, "give both latitude and longitude, or neither")
        return self


def check_age(dob: date | None, on: date | None, *, under: int | None, what: str, field: str) -> None:
    """Reject a date of birth that cannot be right for this person on the record's date."""
    if dob is None or on is None:
        return
    if dob > on:
        raise RowError(field, f"date of birth {dob:%d/%m/%Y} is after the record's date {on:%d/%m/%Y}")
    age = age_on(dob, on)
    if under is not None and age >= under:
        raise RowError(
            field,
            f"date of birth {dob:%d/%m/%Y} makes the {what} {age} on {on:%d/%m/%Y}; "
            f"the {what} must be under {under}. Check the date of birth",
        )
    if age > MAX_AGE:
        raise RowError(field, f"date of birth {dob:%d/%m/%Y} gives an age of {age}; check the date of birth")


def context_date(info: ValidationInfo) -> date | None:
    """The parent record's date, passed as validation context when child rows are checked."""
    return (info.context or {}).get("record_date")


def full_name(data: object, name: str, given: str, family: str) -> object:
    """The full name from given and family name columns when the full name was left blank."""
    if isinstance(data, dict) and not _given(data.get(name)):
        parts = [str(data[k]).strip() for k in (given, family) if _given(data.get(k))]
        if parts:
            return data | {name: " ".join(parts)}
    return data


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
