"""Investigations kept in the graph, one `Investigation` node each (constraint: migration 007).

Why the graph and not a file in JIGSAW_HOME: it is backed up and restored with the data it
describes, an erasure reaches it in the same database (governance/erasure.py calls `scrub`), and
every explorer and CLI process already shares the one driver. The drawing and the snapshot are
JSON text on the node, read and written whole and bounded by models.py; the person ids and
record keys are also kept as lists, so an erasure finds what it touches.

Only the owner may save again, share or delete; the owner and the colleagues it is shared
with may open it (their own scope applies to what they see: reopen.py).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from neo4j import Driver

from jigsaw.cypher_files import load as cypher
from jigsaw.purpose import REFERENCE_RULE, valid_reference

from .models import MAX_JSON_BYTES, MAX_SHARED, Drawing, Investigation, Snapshot, tie_key


class NotFound(LookupError):
    """No investigation with that id that this user may open (the same words either way)."""


class NotOwner(PermissionError):
    """Only the owner may save again, share or delete."""


def new_id() -> str:
    return f"INV-{secrets.token_hex(6).upper()}"


def now() -> datetime:
    return datetime.now(UTC)


def _props(inv: Investigation) -> dict:
    drawing, snapshot = inv.drawing.model_dump_json(), inv.snapshot.model_dump_json()
    if len(drawing) + len(snapshot) > MAX_JSON_BYTES:
        raise ValueError("this investigation is too large to keep; draw fewer people or shorten the notes")
    return inv.model_dump(exclude={"drawing", "snapshot"}) | {
        "drawing": drawing,
        "snapshot": snapshot,
        "person_ids": inv.drawing.people,
        "record_keys": inv.snapshot.record_keys(),
    }


def _from(props: dict) -> Investigation:
    data = dict(props)
    for key in ("created_at", "saved_at"):
        value = data.get(key)
        data[key] = value.to_native() if hasattr(value, "to_native") else value
    data["drawing"] = Drawing.model_validate_json(data["drawing"])
    data["snapshot"] = Snapshot.model_validate_json(data["snapshot"])
    return Investigation.model_validate({k: v for k, v in data.items() if k not in {"person_ids", "record_keys"}})


def save(driver: Driver, database: str, inv: Investigation) -> str:
    """Write it whole: a new investigation, or its owner saving it again."""
    if not valid_reference(inv.case_ref):
        raise ValueError(f"the case reference must be {REFERENCE_RULE}")
    records = driver.execute_query(cypher("investigations/save"), investigation=_props(inv), database_=database).records
    if not records:
        raise NotOwner("only its owner may save this investigation")
    return records[0]["investigation_id"]


def _get(driver: Driver, database: str, investigation_id: str) -> Investigation | None:
    records = driver.execute_query(
        cypher("investigations/get"), investigation_id=investigation_id, database_=database, routing_="r"
    ).records
    return _from(records[0]["investigation"]) if records else None


def get(driver: Driver, database: str, investigation_id: str, user: str) -> Investigation:
    """The investigation, if `user` owns it or it is shared with them."""
    inv = _get(driver, database, investigation_id)
    if inv is None or (inv.owner != user and user not in inv.shared_with):
        raise NotFound(f"no investigation {investigation_id!r} that you may open")
    return inv


def listing(driver: Driver, database: str, user: str) -> list[dict]:
    """Own and shared investigations, newest first: ids, names, owners, counts; no people."""
    records = driver.execute_query(
        cypher("investigations/listing"), user=user, database_=database, routing_="r"
    ).records
    rows = []
    for r in records:
        row = dict(r)
        row["saved_at"] = row["saved_at"].to_native() if hasattr(row["saved_at"], "to_native") else row["saved_at"]
        row["shared_with"] = list(row["shared_with"] or [])
        rows.append(row)
    return rows


def share(driver: Driver, database: str, investigation_id: str, owner: str, colleagues: list[str]) -> list[str]:
    """Set who it is shared with (the caller checks the accounts exist). Owner only."""
    colleagues = sorted({c for c in colleagues if c and c != owner})
    if len(colleagues) > MAX_SHARED:
        raise ValueError(f"share with at most {MAX_SHARED} colleagues")
    records = driver.execute_query(
        cypher("investigations/share"),
        investigation_id=investigation_id,
        owner=owner,
        shared_with=colleagues,
        database_=database,
    ).records
    if not records:
        raise NotOwner("only its owner may share this investigation")
    return list(records[0]["shared_with"])


def delete(driver: Driver, database: str, investigation_id: str, owner: str) -> None:
    records = driver.execute_query(
        cypher("investigations/delete"), investigation_id=investigation_id, owner=owner, database_=database
    ).records
    if not records or records[0]["deleted"] != 1:
        raise NotOwner("only its owner may delete this investigation")


def people_present(driver: Driver, database: str, person_ids: list[str]) -> set[str]:
    if not person_ids:
        return set()
    records = driver.execute_query(
        cypher("investigations/people_present"), person_ids=person_ids, database_=database, routing_="r"
    ).records
    return set(records[0]["present"]) if records else set()


def without(inv: Investigation, people: set[str], record_keys: set[str]) -> Investigation:
    """The investigation with these people and records gone from the drawing, the notes and the snapshot."""
    keep = [p for p in inv.drawing.people if p not in people]
    drawing = Drawing.model_validate(inv.drawing.model_dump() | {"people": keep})  # positions, notes of others only
    snap = inv.snapshot
    facts = {p: [f for f in fs if f.record_key not in record_keys] for p, fs in snap.people.items() if p not in people}
    ties = [t for t in snap.ties if t.record_key not in record_keys and t.a not in people and t.b not in people]
    snapshot = Snapshot(
        taken_at=snap.taken_at, people=facts, ties=ties, reach=[p for p in snap.reach if p not in people]
    )
    return inv.model_copy(update={"drawing": drawing, "snapshot": snapshot})


def _rewrite(driver: Driver, database: str, inv: Investigation) -> None:
    driver.execute_query(cypher("investigations/save"), investigation=_props(inv), database_=database)


def drop_erased(driver: Driver, database: str, inv: Investigation) -> tuple[Investigation, int]:
    """On reopen: people no longer in the graph (erased) leave the investigation for good."""
    mentioned = set(inv.drawing.people) | set(inv.snapshot.people) | set(inv.snapshot.reach)
    gone = mentioned - people_present(driver, database, sorted(mentioned))
    if not gone:
        return inv, 0
    dropped = len(gone & set(inv.drawing.people))
    inv = without(inv, gone, set())
    _rewrite(driver, database, inv)
    return inv, dropped


def scrub(driver: Driver, database: str, record_keys: list[str], person_ids: list[str]) -> int:
    """After an erasure: every investigation loses the erased records, the erased people and
    anyone no longer in the graph, from its drawing, notes and snapshot. Returns how many changed."""
    records = driver.execute_query(
        cypher("investigations/touched_by_erasure"), record_keys=record_keys, person_ids=person_ids, database_=database
    ).records
    for record in records:
        inv = _from(record["investigation"])
        mentioned = set(inv.drawing.people) | set(inv.snapshot.people) | set(inv.snapshot.reach)
        gone = set(person_ids) | (mentioned - people_present(driver, database, sorted(mentioned)))
        _rewrite(driver, database, without(inv, gone, set(record_keys)))
    return len(records)


__all__ = [
    "NotFound",
    "NotOwner",
    "delete",
    "drop_erased",
    "get",
    "listing",
    "new_id",
    "now",
    "save",
    "scrub",
    "share",
    "tie_key",
    "without",
]
