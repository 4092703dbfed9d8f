"""What an investigation holds, bounded: a drawing (people, positions, hidden, pinned, notes) and a
snapshot of what was known when it was saved (record ids, roles, CSE categories, ties, reach).

No names are kept: a reopen reads them again, under the reader's scope. Every size a user can
choose is capped here, so a saved investigation cannot grow without bound.
"""

from __future__ import annotations

import math
import re
from datetime import datetime

from pydantic import BaseModel, Field, field_validator, model_validator

MAX_PEOPLE = 1500  # the drawing's hard cap (explorer/graph_model.HARD_CAP)
MAX_NOTES = 500
MAX_NOTE_CHARS = 2000
MAX_NAME_CHARS = 120
MAX_SHARED = 50
MAX_COORDINATE = 1e6
MAX_JSON_BYTES = 8_000_000  # drawing + snapshot as stored on one node
PERSON_ID = re.compile(r"^P-[A-Za-z0-9_-]{1,64}$")
INVESTIGATION_ID = re.compile(r"^INV-[0-9A-F]{12}$")


def tie_key(a: str, b: str) -> str:
    """A tie between two people, either way round, as one key ("a|b", sorted)."""
    return "|".join(sorted((a, b)))


def _person(value: str) -> str:
    if not isinstance(value, str) or not PERSON_ID.fullmatch(value):
        raise ValueError("not a person id")
    return value


class Drawing(BaseModel):
    """The network as the analyst left it."""

    people: list[str] = Field(default_factory=list, max_length=MAX_PEOPLE)
    positions: dict[str, tuple[float, float]] = Field(default_factory=dict)
    hidden: list[str] = Field(default_factory=list, max_length=MAX_PEOPLE)
    pinned: list[str] = Field(default_factory=list, max_length=MAX_PEOPLE)
    person_notes: dict[str, str] = Field(default_factory=dict)
    tie_notes: dict[str, str] = Field(default_factory=dict)  # tie_key(a, b) -> note

    @field_validator("people", "hidden", "pinned")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(_person(v) for v in values))

    @field_validator("positions")
    @classmethod
    def _positions(cls, values: dict) -> dict:
        for person, (x, y) in values.items():
            _person(person)
            if not (math.isfinite(x) and math.isfinite(y) and abs(x) <= MAX_COORDINATE and abs(y) <= MAX_COORDINATE):
                raise ValueError("a position must be a finite number within a million of the centre")
        return values

    @field_validator("person_notes", "tie_notes")
    @classmethod
    def _notes(cls, values: dict[str, str]) -> dict[str, str]:
        if len(values) > MAX_NOTES:
            raise ValueError(f"at most {MAX_NOTES} notes")
        for key, note in values.items():
            for part in key.split("|"):
                _person(part)
            if len(note) > MAX_NOTE_CHARS:
                raise ValueError(f"a note is at most {MAX_NOTE_CHARS} characters")
        return {k: v for k, v in values.items() if v.strip()}

    @model_validator(mode="after")
    def _within(self) -> Drawing:
        """Positions, hidden, pinned and notes only for people in the drawing."""
        people = set(self.people)
        self.positions = {k: v for k, v in self.positions.items() if k in people}
        self.hidden = [p for p in self.hidden if p in people]
        self.pinned = [p for p in self.pinned if p in people]
        self.person_notes = {k: v for k, v in self.person_notes.items() if k in people}
        self.tie_notes = {k: v for k, v in self.tie_notes.items() if set(k.split("|")) <= people}
        return self


class RecordFact(BaseModel):
    """One record naming a person, as it was: the role it gave them, its CSE category."""

    record_key: str
    role: str | None = None
    cse_category: str | None = None
    source: str | None = None
    date: str | None = None  # ISO


class Tie(BaseModel):
    a: str
    b: str
    record_key: str


class Snapshot(BaseModel):
    """What was known when the investigation was saved, under the saver's scope."""

    taken_at: datetime
    people: dict[str, list[RecordFact]] = Field(default_factory=dict)
    ties: list[Tie] = Field(default_factory=list)
    reach: list[str] = Field(default_factory=list)  # people one step away, not in the investigation

    def record_keys(self) -> list[str]:
        return sorted(
            {f.record_key for facts in self.people.values() for f in facts} | {t.record_key for t in self.ties}
        )


class Investigation(BaseModel):
    investigation_id: str = Field(pattern=INVESTIGATION_ID.pattern)
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    case_ref: str
    owner: str
    shared_with: list[str] = Field(default_factory=list, max_length=MAX_SHARED)
    created_at: datetime
    saved_at: datetime
    purpose: str
    drawing: Drawing
    snapshot: Snapshot

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())  # one line: no control characters or line breaks in a title
        if not value:
            raise ValueError("give the investigation a name")
        return value
