"""Free Cypher for administrators and analysts, checked before it runs and run read-only.

The check asks the server to plan the query (EXPLAIN runs nothing) and refuses it unless
the plan is read-only, has no LOAD CSV and calls only allowlisted procedures. It then runs
in a read transaction, which the server itself refuses to let write, with a timeout and a
row cap. Parameters are passed as parameters, never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver

from .catalogue import read_capped

ALLOWED_PROCEDURES = frozenset({"db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization"})
ROW_CAP = 1000
TIMEOUT = 10.0
_PROCEDURE = re.compile(r"\b([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)\s*\(")


class Refused(ValueError):
    """The query may not run; the message says why."""


@dataclass
class FreeResult:
    columns: list[str]
    rows: list[dict]
    truncated: bool


def _operators(plan) -> list[dict]:
    if plan is None:
        return []
    found = [plan]
    for child in plan.get("children", []) if isinstance(plan, dict) else []:
        found += _operators(child)
    return found


def check(driver: Driver, database: str, text: str, params: dict[str, Any] | None = None) -> None:
    """Refuse writes, schema changes, LOAD CSV and procedures outside the allowlist."""
    if not text.strip():
        raise Refused("the query is empty")
    if re.search(r"\bLOAD\s+CSV\b", text, re.IGNORECASE):
        raise Refused("LOAD CSV reads files from the server and is not allowed here")
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        try:
            summary = session.run("EXPLAIN " + text, params or {}).consume()
        except Exception as err:  # noqa: BLE001 - the server's own words are the best explanation
            raise Refused(f"the server cannot plan this query: {getattr(err, 'message', err)}") from None
    if summary.query_type != "r":
        raise Refused("only read-only queries may run here (this one would write or change the schema)")
    for op in _operators(summary.plan):
        name = op.get("operatorType", "")
        if "LoadCSV" in name:
            raise Refused("LOAD CSV reads files from the server and is not allowed here")
        if "ProcedureCall" in name:
            details = str(op.get("args", {}).get("Details", ""))
            called = {m.group(1) for m in _PROCEDURE.finditer(details)}
            outside = called - ALLOWED_PROCEDURES
            if outside or not called:
                raise Refused(f"procedure {', '.join(sorted(outside)) or '(unknown)'} is not on the allowlist: "
                              + ", ".join(sorted(ALLOWED_PROCEDURES)))  # fmt: skip


def run(driver: Driver, database: str, text: str, params: dict[str, Any] | None = None) -> FreeResult:
    check(driver, database, text, params)
    return FreeResult(*read_capped(driver, database, text, params or {}, cap=ROW_CAP, timeout=TIMEOUT))
