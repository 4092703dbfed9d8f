"""MASH referrals: a referral about one child, the other people it names, the places it names.

CSV layout: `mash_referrals.csv` (one row per referral, the child's details inline),
`mash_people.csv` and `mash_places.csv` (any number of rows per referral, linked by
`referral_id`). JSON Lines: `mash.jsonl`, one `MashReferral` per line.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, model_validator

from .common import Claim, PlaceSeen, Record, RowError, check_age, context_date, expected, full_name
from .fields import Borough, FreeText, Identifier, ListOf, Postcode, ShortText, UKDate, YesNo
from .vocab import ConcernType, CseCategory, Gender, NamedPersonRole, ReferringAgency


class MashReferralRow(Record):
    """One referral to a borough's MASH, about one child."""

    referral_id: Identifier = Field(description="The MASH's own referral reference.", examples=["HAC-MASH-2024-00017"])
    date_received: UKDate = Field(description="Date the MASH received the referral.", examples=["14/02/2024"])
    borough: Borough = Field(description="Borough whose MASH received the referral.", examples=["Hackney"])
    referring_agency: ReferringAgency | None = expected(description="Who referred.", examples=["school"])
    cse_category: CseCategory | None = expected(
        description="CSE category at referral: none, 1 (targeted or groomed), 2 (opportunistic abuse), "
        "3 (habitual exploitation).",
        examples=["1"],
    )
    concern_types: ListOf(ConcernType) = Field(
        default_factory=list,
        description="What the referral is about, if recorded; several separated by ';'.",
        examples=[["cse", "missing"]],
    )
    child_name: ShortText | None = expected(
        description="The child's full name as recorded. If blank, made from child_given_name and child_family_name.",
        examples=["Amelia Hughes"],
    )
    child_given_name: ShortText | None = Field(
        None, description="The child's given name(s), where recorded apart from the family name.", examples=["Amelia"]
    )
    child_family_name: ShortText | None = Field(
        None, description="The child's family name, where recorded apart from the given name(s).", examples=["Hughes"]
    )
    child_alias: ShortText | None = Field(None, description="Another name the child uses.", examples=["Mimi"])
    child_dob: UKDate | None = Field(None, description="The child's date of birth.", examples=["01/03/2008"])
    child_gender: Gender = Field(Gender.not_known, description="The child's gender as recorded.", examples=["female"])
    child_ethnicity: ShortText | None = Field(
        None,
        description="Ethnicity where recorded. Optional; used only for aggregate equality monitoring, "
        "never shown against an individual.",
        examples=["White British"],
    )
    child_postcode: Postcode | None = Field(None, description="The child's home postcode.", examples=["E8 3PL"])
    child_school: ShortText | None = Field(None, description="The child's school.", examples=["Clapton Park Academy"])
    looked_after: YesNo = Field(False, description="Whether the child is looked after (in care).", examples=["no"])
    placing_borough: Borough | None = Field(
        None,
        description="For a looked-after child placed here from another borough: the borough that placed them.",
        examples=[None],
    )
    missing_episodes: int = Field(
        0, ge=0, le=1000, description="Number of missing episodes known at referral.", examples=[2]
    )
    summary: FreeText | None = Field(
        None,
        description="Free-text summary. Child-centred language: the child is at risk or harmed.",
        examples=["School concerned about older males collecting the child after school."],
    )

    @model_validator(mode="before")
    @classmethod
    def _name_from_parts(cls, data: object) -> object:
        return full_name(data, "child_name", "child_given_name", "child_family_name")

    @model_validator(mode="after")
    def _child_is_a_child(self) -> MashReferralRow:
        check_age(self.child_dob, self.date_received, under=18, what="child", field="child_dob")
        if self.placing_borough and not self.looked_after:
            raise RowError(
                "placing_borough",
                "placing_borough is given but looked_after is no; a placing borough is for looked-after children",
            )
        if self.placing_borough == self.borough:
            raise RowError(
                "placing_borough",
                "placing_borough is the same as borough; leave it blank for a child placed in borough",
            )
        return self


class MashPerson(Claim):
    """Another person named in a referral, with their role towards the child."""

    person_ref: Identifier | None = Field(
        None,
        description="This person's number within the referral (e.g. P1). Optional; keeps the person "
        "stable if the referral is exported again with rows in a different order.",
        examples=["P1"],
    )
    role: NamedPersonRole | None = expected(
        description="Their role towards the child.", examples=["suspected_perpetrator"]
    )
    name: ShortText | None = expected(
        description="Full name as recorded (a single word is read as a given name or a street name, never a "
        "family name). If blank, made from given_name and family_name.",
        examples=["Kyle Johnson"],
    )
    given_name: ShortText | None = Field(None, description="Given name(s), where recorded apart.", examples=["Kyle"])
    family_name: ShortText | None = Field(None, description="Family name, where recorded apart.", examples=["Johnson"])
    alias: ShortText | None = Field(None, description="Alias or street name.", examples=["K-Dog"])
    dob: UKDate | None = Field(None, description="Date of birth, if known.", examples=["12/07/2003"])
    gender: Gender = Field(Gender.not_known, description="Gender as recorded.", examples=["male"])
    postcode: Postcode | None = Field(None, description="Postcode, if known.", examples=["N16 7AB"])
    school: ShortText | None = Field(None, description="Their school, if known.", examples=["Stoke Newington School"])

    @model_validator(mode="before")
    @classmethod
    def _name_from_parts(cls, data: object) -> object:
        return full_name(data, "name", "given_name", "family_name")

    @model_validator(mode="after")
    def _plausible_age(self, info: ValidationInfo) -> MashPerson:
        check_age(self.dob, context_date(info), under=None, what="person", field="dob")
        return self


class MashPersonRow(MashPerson):
    """A row of `mash_people.csv`."""

    referral_id: Identifier = Field(
        description="The referral that names this person.", examples=["HAC-MASH-2024-00017"]
    )


class MashPlaceRow(PlaceSeen):
    """A row of `mash_places.csv`."""

    referral_id: Identifier = Field(description="The referral that names this place.", examples=["HAC-MASH-2024-00017"])


class MashReferral(MashReferralRow):
    """A whole referral: one line of `mash.jsonl`."""

    people: list[MashPerson] = Field(default_factory=list, description="Other people named.")
    places: list[PlaceSeen] = Field(default_factory=list, description="Places named.")
