"""The London common dataset: one Pydantic model per record kind, and how files map to them.

`SOURCES` is the single description of every file the loaders accept. The JSON Schemas,
CSV templates, data dictionary, readers and fixture writer are all driven from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .common import PlaceSeen
from .hsb import HsbCase, HsbCaseRow, HsbChild, HsbChildRow, HsbPlaceRow
from .mash import MashPerson, MashPersonRow, MashPlaceRow, MashReferral, MashReferralRow
from .matrix import MatrixAssociate, MatrixAssociateRow, MatrixNominal, MatrixNominalRow


@dataclass(frozen=True)
class FileSpec:
    """One CSV file of a source."""

    filename: str
    model: type[BaseModel]
    # For linked files: the column naming the parent record, and the list it fills.
    parent_key: str | None = None
    attach_to: str | None = None
    item_model: type[BaseModel] | None = None  # the model of the item without the parent key
    optional: bool = False  # a linked file many exports will not have: no notice when it is absent

    @property
    def columns(self) -> list[str]:
        """CSV column order: the parent key first, the model's own fields, then claim and grading."""
        tail = [n for n in ("claim", "grading") if n in self.model.model_fields]
        names = [n for n in self.model.model_fields if n != self.parent_key and n not in tail]
        return ([self.parent_key] if self.parent_key else []) + names + tail


@dataclass(frozen=True)
class SourceSpec:
    """A source system: its main file, its linked files, and its JSON Lines form."""

    key: str  # "mash" | "matrix" | "hsb"
    agency: str  # the agency node the records are held by
    agency_name: str
    short_name: str  # the agency in a few letters, where space is short (graph labels)
    label: str  # the graph label of its record nodes
    id_field: str
    date_field: str
    record_model: type[BaseModel]  # the whole record (JSON Lines)
    files: tuple[FileSpec, ...]
    jsonl_filename: str

    @property
    def main(self) -> FileSpec:
        return self.files[0]

    @property
    def linked(self) -> tuple[FileSpec, ...]:
        return self.files[1:]


MASH = SourceSpec(
    key="mash",
    agency="mash",
    agency_name="Multi-Agency Safeguarding Hub (MASH)",
    short_name="MASH",
    label="Referral",
    id_field="referral_id",
    date_field="date_received",
    record_model=MashReferral,
    files=(
        FileSpec("mash_referrals.csv", MashReferralRow),
        FileSpec("mash_people.csv", MashPersonRow, "referral_id", "people", MashPerson),
        FileSpec("mash_places.csv", MashPlaceRow, "referral_id", "places", PlaceSeen),
    ),
    jsonl_filename="mash.jsonl",
)

MATRIX = SourceSpec(
    key="matrix",
    agency="gangs_matrix",
    agency_name="Police gangs unit (gangs matrix)",
    short_name="Matrix",
    label="MatrixEntry",
    id_field="nominal_id",
    date_field="date_added",
    record_model=MatrixNominal,
    files=(
        FileSpec("matrix_nominals.csv", MatrixNominalRow),
        FileSpec(
            "matrix_associates.csv", MatrixAssociateRow, "nominal_id", "associates", MatrixAssociate, optional=True
        ),
    ),
    jsonl_filename="matrix.jsonl",
)

HSB = SourceSpec(
    key="hsb",
    agency="hsb",
    agency_name="Harmful sexual behaviour (HSB) service",
    short_name="HSB",
    label="HsbCase",
    id_field="case_id",
    date_field="date_opened",
    record_model=HsbCase,
    files=(
        FileSpec("hsb_cases.csv", HsbCaseRow),
        FileSpec("hsb_children.csv", HsbChildRow, "case_id", "children", HsbChild),
        FileSpec("hsb_places.csv", HsbPlaceRow, "case_id", "places", PlaceSeen),
    ),
    jsonl_filename="hsb.jsonl",
)

SOURCES: dict[str, SourceSpec] = {s.key: s for s in (MASH, MATRIX, HSB)}

__all__ = [
    "HSB",
    "MASH",
    "MATRIX",
    "SOURCES",
    "FileSpec",
    "HsbCase",
    "HsbCaseRow",
    "HsbChild",
    "HsbChildRow",
    "HsbPlaceRow",
    "MashPerson",
    "MashPersonRow",
    "MashPlaceRow",
    "MashReferral",
    "MashReferralRow",
    "MatrixAssociate",
    "MatrixAssociateRow",
    "MatrixNominal",
    "MatrixNominalRow",
    "PlaceSeen",
    "SourceSpec",
]
