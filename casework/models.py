"""The casework records, defined once: what an action, an assessment or plan, a safety-mapping
entry and a pinned peer group must hold. The CLI and the explorer both build these, so a bad
value is refused with the same reason wherever it is typed."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph_loader.models.fields import Borough, FreeText, ShortText


class SubjectKind(StrEnum):
    """What a piece of casework is about: a child, a place, or a peer group pinned as a context."""

    person = "person"
    place = "place"
    context = "context"


class ActionKind(StrEnum):
    disruption_visit = "disruption_visit"  # e.g. to a takeaway or hotel where children are seen with adults
    return_home_interview = "return_home_interview"
    safety_plan_review = "safety_plan_review"
    licensing_check = "licensing_check"
    information_sharing = "information_sharing"
    referral = "referral"
    outreach = "outreach"
    other = "other"


class ActionStatus(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


OPEN_STATUSES = (ActionStatus.open, ActionStatus.in_progress)


class AssessmentKind(StrEnum):
    assessment = "assessment"
    plan = "plan"


class SafetyKind(StrEnum):
    protective_adult = "protective_adult"
    safe_place = "safe_place"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Subject(_Strict):
    kind: SubjectKind
    key: ShortText = Field(description="person_id, place_key or context_id")


class NewAction(_Strict):
    """An action agreed for a subject, e.g. a disruption visit to a takeaway."""

    subject: Subject
    kind: ActionKind
    description: FreeText = Field(min_length=3)
    owner: ShortText = Field(description="Who will do it: a role or team, e.g. 'Police licensing, Hackney'.")
    due: date
    borough: Borough = Field(description="The borough whose MASE agreed it.")
    meeting: ShortText | None = Field(None, description="The MASE meeting reference it was agreed at.")


class NewAssessment(_Strict):
    """An assessment or a plan: a context can be a case just as a child can."""

    subject: Subject
    kind: AssessmentKind
    summary: FreeText = Field(min_length=3)
    owner: ShortText
    borough: Borough
    review_on: date | None = None


class NewSafetyEntry(_Strict):
    """Safety mapping: a protective adult or a safe place for a child."""

    person_id: ShortText = Field(description="The child.")
    kind: SafetyKind
    target_key: ShortText | None = Field(None, description="A known adult's person_id, or a place_key.")
    description: ShortText | None = Field(None, description="A protective adult not in the graph, in words.")
    note: ShortText | None = None

    @model_validator(mode="after")
    def _one_target(self) -> NewSafetyEntry:
        if self.kind == SafetyKind.safe_place and (not self.target_key or self.description):
            raise ValueError("a safe place is a place already in the graph: give its place_key")
        if self.kind == SafetyKind.protective_adult and bool(self.target_key) == bool(self.description):
            raise ValueError("give either the person_id of a known adult or a description of the adult, not both")
        return self
