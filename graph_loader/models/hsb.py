"""Harmful sexual behaviour (HSB) cases: the children displaying HSB, the children harmed.

CSV layout: `hsb_cases.csv` (one row per case), `hsb_children.csv` and `hsb_places.csv`
(linked by `case_id`). JSON Lines: `hsb.jsonl`, one `HsbCase` per line.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, model_validator

from .common import Claim, PlaceSeen, Record, check_age, context_date, expected, full_name
from .fields import Borough, FreeText, Identifier, ShortText, UKDate
from .vocab import AimLevel, Gender, HsbOutcome, HsbRole, HsbSetting


class HsbCaseRow(Record):
    """One case held by the borough's HSB lead."""

    case_id: Identifier = Field(description="The HSB service's case reference.", examples=["HSB-HAC-0042"])
    date_opened: UKDate = Field(description="Date the case was opened.", examples=["10/01/2024"])
    borough: Borough = Field(description="Borough holding the case.", examples=["Hackney"])
    setting: HsbSetting | None = expected(description="Where the behaviour happened.", examples=["school"])
    aim_level: AimLevel | None = expected(description="AIM assessment level.", examples=["medium"])
    outcome: HsbOutcome = Field(HsbOutcome.open, description="Outcome so far.", examples=["intervention"])
    summary: FreeText | None = Field(None, description="Free-text summary, child-centred.", examples=[None])


class HsbChild(Claim):
    """A child in an HSB case: displaying harmful sexual behaviour, or harmed by it."""

    child_ref: Identifier | None = Field(
        None, description="This child's number within the case (e.g. C1). Optional.", examples=["C1"]
    )
    role: HsbRole | None = expected(description="displaying_hsb or harmed.", examples=["displaying_hsb"])
    name: ShortText | None = expected(
        description="Full name as recorded (a single word is read as a given name or a street name). If blank, "
        "made from given_name and family_name.",
        examples=["Jayden Smith"],
    )
    given_name: ShortText | None = Field(None, description="Given name(s), where recorded apart.", examples=["Jayden"])
    family_name: ShortText | None = Field(None, description="Family name, where recorded apart.", examples=["Smith"])
    dob: UKDate | None = Field(None, description="Date of birth.", examples=["01/03/2008"])
    gender: Gender = Field(Gender.not_known, description="Gender as recorded.", examples=["male"])
    school: ShortText | None = Field(None, description="The child's school.", examples=["Clapton Park Academy"])

    @model_validator(mode="before")
    @classmethod
    def _name_from_parts(cls, data: object) -> object:
        return full_name(data, "name", "given_name", "family_name")

    @model_validator(mode="after")
    def _child_is_a_child(self, info: ValidationInfo) -> HsbChild:
        check_age(self.dob, context_date(info), under=18, what="child", field="dob")
        return self


class HsbChildRow(HsbChild):
    """A row of `hsb_children.csv`."""

    case_id: Identifier = Field(description="The case this child is part of.", examples=["HSB-HAC-0042"])


class HsbPlaceRow(PlaceSeen):
    """A row of `hsb_places.csv`."""

    case_id: Identifier = Field(description="The case that names this place.", examples=["HSB-HAC-0042"])


class HsbCase(HsbCaseRow):
    """A whole case: one line of `hsb.jsonl`."""

    children: list[HsbChild] = Field(default_factory=list, description="Children in the case.")
    places: list[PlaceSeen] = Field(default_factory=list, description="Places named.")
