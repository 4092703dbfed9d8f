"""Gangs matrix: one row per nominal.

CSV layout: `matrix_nominals.csv`, lists (aliases, street names, gangs, associates)
separated by ';'. JSON Lines: `matrix.jsonl`, one `MatrixNominal` per line.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import Record, RowError, check_age
from .fields import Borough, Identifier, ListOf, Postcode, ShortText, UKDate, YesNo
from .vocab import Gender, HarmBand, MatrixStatus


class MatrixNominal(Record):
    """A young person the police gangs unit holds on the gangs matrix."""

    nominal_id: Identifier = Field(description="The matrix's nominal reference.", examples=["GM-004512"])
    name: ShortText = Field(description="Full name as recorded.", examples=["Jayden Smith"])
    aliases: ListOf(ShortText) = Field(
        default_factory=list, description="Other names; several separated by ';'.", examples=[["Jaydn Smith"]]
    )
    street_names: ListOf(ShortText) = Field(
        default_factory=list, description="Street names; several separated by ';'.", examples=[["JJ"]]
    )
    dob: UKDate = Field(description="Date of birth.", examples=["01/03/2008"])
    gender: Gender = Field(Gender.not_known, description="Gender as recorded.", examples=["male"])
    ethnicity: ShortText | None = Field(
        None, description="Ethnicity where recorded; aggregate equality monitoring only.", examples=[None]
    )
    postcode: Postcode | None = Field(None, description="Home postcode, if known.", examples=["E5 0LL"])
    borough: Borough = Field(description="Borough that holds the nominal.", examples=["Hackney"])
    gangs: ListOf(ShortText) = Field(
        min_length=1, description="Gang name(s); several separated by ';'.", examples=[["Clapton Boys"]]
    )
    harm_band: HarmBand = Field(description="Harm score band.", examples=["amber"])
    harmed_or_exploited: YesNo = Field(
        False,
        description="Whether the nominal is themself believed to be harmed or exploited "
        "(a victim as well as a suspect).",
        examples=["yes"],
    )
    intelligence_grading: ShortText | None = Field(
        None, description="Grading of the intelligence behind the entry, as recorded.", examples=["3x5x2"]
    )
    date_added: UKDate = Field(description="Date added to the matrix.", examples=["05/09/2023"])
    date_reviewed: UKDate | None = Field(None, description="Date last reviewed.", examples=["05/03/2024"])
    status: MatrixStatus = Field(description="active, or removed from the matrix.", examples=["active"])
    associate_ids: ListOf(Identifier) = Field(
        default_factory=list,
        description="nominal_id of known associates among other nominals; several separated by ';'.",
        examples=[["GM-004513"]],
    )

    @model_validator(mode="after")
    def _dates_agree(self) -> "MatrixNominal":
        check_age(self.dob, self.date_added, under=None, what="nominal", field="dob")
        if self.date_reviewed and self.date_reviewed < self.date_added:
            raise RowError("date_reviewed", "date_reviewed is before date_added")
        if self.nominal_id in self.associate_ids:
            raise RowError("associate_ids", "a nominal cannot be their own associate")
        return self
