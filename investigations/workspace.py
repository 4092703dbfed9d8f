"""Save a network as an investigation, and reopen one under the reader's own scope."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from . import store
from .models import Drawing, Investigation, Snapshot, tie_key
from .snapshot import Changes, Runner, compare, read_now


def save_new(
    driver: Driver, database: str, run: Runner, *, name: str, case_ref: str, owner: str, purpose: str, drawing: Drawing
) -> Investigation:
    """A new investigation of the people drawn, with a snapshot of what the saver may see now."""
    at = store.now()
    inv = Investigation(
        investigation_id=store.new_id(),
        name=name,
        case_ref=case_ref,
        owner=owner,
        created_at=at,
        saved_at=at,
        purpose=purpose,
        drawing=drawing,
        snapshot=read_now(run, drawing.people, at),
    )
    store.save(driver, database, inv)
    return inv


def save_again(
    driver: Driver, database: str, run: Runner, inv: Investigation, *, user: str, drawing: Drawing | None = None
) -> Investigation:
    """The owner keeps it as it is now: a fresh snapshot (what changed is then the new baseline)."""
    if inv.owner != user:
        raise store.NotOwner("only its owner may save this investigation")
    at = store.now()
    drawing = drawing or inv.drawing
    inv = inv.model_copy(update={"drawing": drawing, "saved_at": at, "snapshot": read_now(run, drawing.people, at)})
    store.save(driver, database, inv)
    return inv


@dataclass
class Reopened:
    investigation: Investigation  # as stored (after erased people dropped out): the reader sees only `people`
    people: list[str]  # in the drawing and within the reader's scope now
    outside_scope: int  # in the drawing but outside the reader's scope: counted, never described
    erased: int  # dropped from the investigation on this reopen: no longer in the graph
    now: Snapshot  # what the reader may see now
    changes: Changes

    @property
    def drawing(self) -> Drawing:
        """The drawing cut down to what the reader may see: positions, hidden, pinned and notes of the people
        in scope, and notes on ties only where the reader sees a record behind the tie now."""
        drawing = self.investigation.drawing
        ties = {tie_key(t.a, t.b) for t in self.now.ties}
        notes = {k: v for k, v in drawing.tie_notes.items() if k in ties}
        return Drawing.model_validate(drawing.model_dump() | {"people": self.people, "tie_notes": notes})


def reopen(driver: Driver, database: str, run: Runner, investigation_id: str, *, user: str) -> Reopened:
    """Re-read the data under the reader's scope (through `run`) and mark what changed since it was saved."""
    inv = store.get(driver, database, investigation_id, user)
    inv, erased = store.drop_erased(driver, database, inv)
    now = read_now(run, inv.drawing.people, store.now())
    people = [p for p in inv.drawing.people if p in now.people]
    return Reopened(inv, people, len(inv.drawing.people) - len(people), erased, now, compare(inv.snapshot, now))
