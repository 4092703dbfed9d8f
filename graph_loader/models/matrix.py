"""Gangs matrix: one row per nominal, and the associates the matrix knows who are not nominals.

CSV layout: `matrix_nominals.csv`, lists (aliases, street names, gangs, associate ids)
separated by ';'; `matrix_associates.csv` (optional, linked by `nominal_id`) for associates
who are not on the matrix, by name, date of birth or street name. JSON Lines: `matrix.jsonl`,
one `MatrixNominal` per line with its `associates` nested.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, model_validator

from .common import Claim, Record, RowError, check_age, context_date, expected, full_name
from .fields import Borough, Identifier, ListOf, Postcode, ShortText, TieStrength, UKDate, YesNo
from .vocab import Gender, HarmBand, MatrixStatus


class MatrixAssociate(Claim):
    """An associate of a nominal who is not on the matrix: by name, date of birth or street name."""

    associate_ref: Identifier | None = Field(
        None, description="This associate's number within the nominal's entry (e.g. A1). Optional.", examples=["A1"]
    )
    name: ShortText | None = Field(
        None,
        description="Full name as recorded, if known (a single word is read as a given name). If blank, made from "
        "given_name and family_name. Give a name, a street name, or both.",
        examples=["Marcus Reid"],
    )
    given_name: ShortText | None = Field(None, description="Given name(s), where recorded apart.", examples=["Marcus"])
    family_name: ShortText | None = Field(None, description="Family name, where recorded apart.", examples=["Reid"])
    street_name: ShortText | None = Field(None, description="Street name, if known.", examples=["Tee"])
    dob: UKDate | None = Field(None, description="Date of birth, if known.", examples=["04/11/2006"])
    gender: Gender = Field(Gender.not_known, description="Gender as recorded.", examples=["male"])
    school: ShortText | None = Field(None, description="Their school, if known.", examples=["Mossbourne Academy"])

    @model_validator(mode="before")
    @classmethod
    def _name_from_parts(cls, data: object) -> object:
        return full_name(data, "name", "given_name", "family_name")

    @model_validator(mode="after")
    def _known_somehow(self, info: ValidationInfo) -> MatrixAssociate:
        if self.name is None and self.street_name is None:
            raise RowError("name", "give the associate's name or street name")
        check_age(self.dob, context_date(info), under=None, what="associate", field="dob")
        return self


class MatrixAssociateRow(MatrixAssociate):
    """A row of `matrix_associates.csv`."""

    nominal_id: Identifier = Field(description="The nominal this associate is known with.", examples=["GM-004512"])


class MatrixNominalRow(Record):
    """A young person the police gangs unit holds on the gangs matrix."""

    nominal_id: Identifier = Field(description="The matrix's nominal reference.", examples=["GM-004512"])
    name: ShortText | None = expected(
        description="Full name as recorded (a single word is read as a given name or a street name). If blank, "
        "made from given_name and family_name.",
        examples=["Jayden Smith"],
    )
    given_name: ShortText | None = Field(None, description="Given name(s), where recorded apart.", examples=["Jayden"])
    family_name: ShortText | None = Field(None, description="Family name, where recorded apart.", examples=["Smith"])
    aliases: ListOf(ShortText) = Field(
        default_factory=list, description="Other names; several separated by ';'.", examples=[["Jaydn Smith"]]
    )
    street_names: ListOf(ShortText) = Field(
        default_factory=list, description="Street names; several separated by ';'.", examples=[["JJ"]]
    )
    dob: UKDate | None = expected(description="Date of birth.", examples=["01/03/2008"])
    gender: Gender = Field(Gender.not_known, description="Gender as recorded.", examples=["male"])
    ethnicity: ShortText | None = Field(
        None, description="Ethnicity where recorded; aggregate equality monitoring only.", examples=[None]
    )
    postcode: Postcode | None = Field(None, description="Home postcode, if known.", examples=["E5 0LL"])
    school: ShortText | None = Field(
        None, description="The nominal's school, if known.", examples=["Mossbourne Academy"]
    )
    borough: Borough = Field(description="Borough that holds the nominal.", examples=["Hackney"])
    gangs: ListOf(ShortText) = expected(
        default_factory=list, description="Gang name(s); several separated by ';'.", examples=[["Clapton Boys"]]
    )
    harm_band: HarmBand | None = expected(description="Harm score band.", examples=["amber"])
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
    status: MatrixStatus | None = expected(description="active, or removed from the matrix.", examples=["active"])
    associate_ids: ListOf(Identifier) = Field(
        default_factory=list,
        description="nominal_id of known associates among other nominals; several separated by ';'.",
        examples=[["GM-004513"]],
    )
    associate_weights: ListOf(TieStrength) = Field(
        default_factory=list,
        description="The recorded strength of the tie from this nominal to each of associate_ids, in the same order "
        "(e.g. the number of calls made to them); several separated by ';'. Blank: not recorded (each tie counts "
        "as one record). Kept on the tie in the graph and used by the peer-group analytics.",
        examples=[[12]],
    )

    @model_validator(mode="before")
    @classmethod
    def _name_from_parts(cls, data: object) -> object:
        return full_name(data, "name", "given_name", "family_name")

    @model_validator(mode="after")
    def _dates_agree(self) -> MatrixNominalRow:
        check_age(self.dob, self.date_added, under=None, what="nominal", field="dob")
        if self.date_reviewed and self.date_reviewed < self.date_added:
            raise RowError("date_reviewed", "date_reviewed is before date_added")
        if self.nominal_id in self.associate_ids:
            raise RowError("associate_ids", "a nominal cannot be their own associate")
        if self.associate_weights and len(self.associate_weights) != len(self.associate_ids):
            raise RowError(
                "associate_weights",
                f"{len(self.associate_weights)} weights for {len(self.associate_ids)} associate_ids: "
                "give one per associate, in the same order",
            )
        return self


class MatrixNominal(MatrixNominalRow):
    """A whole entry: one line of `matrix.jsonl`."""

    associates: list[MatrixAssociate] = Field(
        default_factory=list, description="Associates who are not on the matrix (those who are: associate_ids)."
    )
