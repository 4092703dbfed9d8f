"""Casework writes and reads. Every write records who, when and for what purpose; history is
appended, never rewritten."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from neo4j import Driver

from jigsaw import scope_guard
from jigsaw.access import FULL_SCOPE, Scope
from jigsaw.cypher_files import load as cypher

from .models import ActionStatus, NewAction, NewAssessment, NewSafetyEntry, Subject


class NotFound(LookupError):
    """The subject, child or action named does not exist."""


def _new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4).upper()}"


def _now() -> datetime:
    return datetime.now(UTC)


def _need(why: str) -> str:
    if not why or not why.strip():
        raise ValueError("say why (a case or meeting reference): it is part of the record")
    return why.strip()


def _within(driver: Driver, database: str, scope: Scope, borough: str | None, missing: str, **ids: list[str]) -> None:
    """A restricted reader writes casework only for their boroughs, about what they may see.

    Something outside their scope is refused with the same words as something that does not
    exist, so a write cannot be used to learn whether a person, place or action is there.
    """
    if scope.unrestricted:
        return
    if borough is not None and scope.boroughs is not None and borough not in scope.boroughs:
        raise ValueError(f"{borough} is outside your information-sharing agreement")
    asked = scope_guard.Shown(**{kind: {v for v in values if v} for kind, values in ids.items()})
    if not asked.within(scope_guard.visible(driver, database, asked, scope)):
        raise NotFound(missing)


_SUBJECT_IDS = {"person": "people", "place": "places", "context": "work"}


def _attach(
    driver: Driver, database: str, query: str, subject: Subject, work: dict, what: str, scope: Scope = FULL_SCOPE
) -> dict:
    """Write one piece of casework about its subject (a child, a place or a context), which must exist."""
    missing = f"no {subject.kind} {subject.key!r} to attach the {what} to"
    _within(driver, database, scope, work.get("borough"), missing, **{_SUBJECT_IDS[subject.kind]: [subject.key]})
    records = driver.execute_query(
        cypher(query), work=work, subject_kind=subject.kind, subject_key=subject.key, database_=database
    ).records
    if not records:
        raise NotFound(missing)
    return records[0]


def add_action(
    driver: Driver, database: str, action: NewAction, *, user: str, purpose: str, scope: Scope = FULL_SCOPE
) -> str:
    props = action.model_dump(exclude={"subject"}) | {
        "action_id": _new_id("ACT"),
        "status": ActionStatus.open.value,
        "created_by": user,
        "created_at": _now(),
        "purpose": _need(purpose),
    }
    return _attach(driver, database, "casework/add_action", action.subject, props, "action", scope)["action_id"]


def update_action(
    driver: Driver,
    database: str,
    action_id: str,
    status: ActionStatus,
    *,
    user: str,
    note: str,
    scope: Scope = FULL_SCOPE,
) -> str:
    _within(driver, database, scope, None, f"no action {action_id!r}", work=[action_id])
    records = driver.execute_query(
        cypher("casework/update_action"),
        action_id=action_id,
        status=ActionStatus(status).value,
        by=user,
        at=_now(),
        note=_need(note),
        database_=database,
    ).records
    if not records:
        raise NotFound(f"no action {action_id!r}")
    return records[0]["status"]


def add_assessment(
    driver: Driver, database: str, assessment: NewAssessment, *, user: str, purpose: str, scope: Scope = FULL_SCOPE
) -> str:
    props = assessment.model_dump(exclude={"subject"}) | {
        "assessment_id": _new_id("ASM"),
        "created_by": user,
        "created_at": _now(),
        "purpose": _need(purpose),
    }
    return _attach(driver, database, "casework/add_assessment", assessment.subject, props, assessment.kind, scope)[
        "assessment_id"
    ]


def pin_peer_group(
    driver: Driver,
    database: str,
    group_id: str,
    name: str,
    borough: str,
    *,
    user: str,
    purpose: str,
    scope: Scope = FULL_SCOPE,
) -> tuple[str, int]:
    """A peer group from analytics becomes a context of its own (members recorded now)."""
    if not scope.unrestricted:  # peer groups are drawn from every source and borough (the catalogue refuses them too)
        raise ValueError(
            "peer groups draw on every source and borough, so pinning one is open only to readers of all of them"
        )
    context = {
        "context_id": _new_id("CX"),
        "name": name.strip() or group_id,
        "borough": borough,
        "created_by": user,
        "created_at": _now(),
        "purpose": _need(purpose),
    }
    records = driver.execute_query(
        cypher("casework/pin_peer_group"), group_id=group_id, context=context, database_=database
    ).records
    if not records:
        raise NotFound(f"no peer group {group_id!r}; `jigsaw analytics peer-groups` lists them")
    return records[0]["context_id"], records[0]["members"]


def add_safety(
    driver: Driver, database: str, entry: NewSafetyEntry, *, user: str, purpose: str, scope: Scope = FULL_SCOPE
) -> str:
    missing = "the child, or the adult or place named, is not in the graph"
    target = {"places" if entry.kind == "safe_place" else "people": [entry.target_key]} if entry.target_key else {}
    _within(driver, database, scope, None, missing, people=[entry.person_id] + target.pop("people", []), **target)
    props = {
        "entry_id": _new_id("SM"),
        "recorded_by": user,
        "recorded_at": _now(),
        "note": entry.note,
        "purpose": _need(purpose),
    }
    records = driver.execute_query(
        cypher("casework/add_safety"),
        person_id=entry.person_id,
        kind=entry.kind,
        target_key=entry.target_key,
        description=entry.description,
        entry=props,
        database_=database,
    ).records
    if not records:
        raise NotFound(missing)
    return records[0]["entry_id"]


def record_meeting(driver: Driver, database: str, ref: str, borough: str, on: date, *, user: str) -> None:
    meeting = {
        "meeting_key": f"{borough}|{ref}",
        "ref": ref,
        "borough": borough,
        "date": on,
        "recorded_by": user,
        "recorded_at": _now(),
    }
    driver.execute_query(cypher("casework/record_meeting"), meeting=meeting, database_=database)


def previous_meeting(driver: Driver, database: str, borough: str, before: date) -> tuple[str, date] | None:
    records = driver.execute_query(
        cypher("casework/previous_meeting"), borough=borough, before=before, database_=database, routing_="r"
    ).records
    return (records[0]["ref"], records[0]["date"].to_native()) if records else None
