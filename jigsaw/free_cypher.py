"""Free Cypher for administrators and analysts, checked before it runs and run read-only.

The check asks the server to plan the query (EXPLAIN runs nothing) and lets it run only if
every operator of the plan is on an allowlist of read operators (read_plan.py), on this
database, and every procedure it calls is allowlisted. What is not listed is refused, so a
new command in a later Neo4j is refused until someone decides it is safe: SHOW and
TERMINATE commands (other people's transactions, settings, users), administration,
`CALL { } IN TRANSACTIONS`, `USE` of another database, LOAD CSV and writes. It then runs
once, in a read transaction the server itself refuses to let write, within the row, byte
and time caps of bounded_read.py. Parameters are passed as parameters, never pasted in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, Query

from .bounded_read import read_capped
from .read_plan import ALLOWED_OPERATORS, ALLOWED_PROCEDURES

ROW_CAP = 1000
TIMEOUT = 10.0
TEXT_CAP = 20_000  # characters of Cypher: planning a huge text is work the server does for nothing
PARAMS_CAP = 256 * 1024  # bytes of parameters, as JSON
RANGE_VALUES_CAP = 1_000_000  # values all range() calls of one query may generate together (as if nested)
_RANGE_CALL = re.compile(r"\brange\s*\(", re.IGNORECASE)
_LITERAL_RANGE = re.compile(r"\brange\s*\(\s*(-?\d+)\s*,\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\)", re.IGNORECASE)
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


def _check_operator(op: dict, database: str) -> None:
    """Refuse one plan operator unless it is an allowlisted read on this database."""
    full = op.get("operatorType", "")
    name, _, planned_on = full.partition("@")
    base = name.split("(")[0]
    if base == "AdministrationCommand" or base.startswith(("Show", "Terminate")):
        raise Refused(
            "SHOW, TERMINATE and administration commands are not available here: they reveal or stop other "
            "people's work and the server's settings"
        )
    if planned_on and planned_on != database:
        raise Refused(f"this query would run on the database {planned_on!r}; free queries read only {database!r}")
    if base.startswith("Transaction"):
        raise Refused("CALL { } IN TRANSACTIONS is not available here: free queries run in one read transaction")
    if base == "LoadCSV":
        raise Refused("LOAD CSV reads files from the server and is not allowed here")
    if base == "ProcedureCall":
        details = str(op.get("args", {}).get("Details", ""))
        called = {m.group(1) for m in _PROCEDURE.finditer(details)}
        outside = called - ALLOWED_PROCEDURES
        if outside or not called:
            raise Refused(
                f"procedure {', '.join(sorted(outside)) or '(unknown)'} is not on the allowlist: "
                + ", ".join(sorted(ALLOWED_PROCEDURES))
            )
        return
    if base not in ALLOWED_OPERATORS:
        raise Refused(f"the plan uses {name}, which is not among the read-only operators free queries may use")


def _check_ranges(text: str) -> None:
    """Refuse range() calls that could fill the server's heap.

    Neo4j does not count the memory of values built inside an expression, so
    `[x IN range(1, 100000000) | toString(x)]` is not stopped by db.memory.transaction.max;
    bounding what range() may generate closes the cheapest way to build such a value.
    """
    literal = _LITERAL_RANGE.findall(text)
    if len(literal) != len(_RANGE_CALL.findall(text)):
        raise Refused("range() in a free query needs whole-number bounds written out, e.g. range(1, 100)")
    product = 1
    for start, end, step in literal:
        step_value = int(step or 1)
        if step_value == 0:
            raise Refused("range() needs a step other than 0")
        product *= max(0, (int(end) - int(start)) // step_value + 1)
        if product > RANGE_VALUES_CAP:
            raise Refused(
                f"the range() calls in this query would build more than {RANGE_VALUES_CAP:,} values in the "
                "server's memory, which would take it from everyone else; narrow them"
            )


def check(driver: Driver, database: str, text: str, params: dict[str, Any] | None = None) -> None:
    """Refuse anything but an allowlisted read of this database (see the module's docstring)."""
    if not text.strip():
        raise Refused("the query is empty")
    if len(text) > TEXT_CAP:
        raise Refused(f"the query is longer than {TEXT_CAP:,} characters")
    if len(json.dumps(params or {}, default=str)) > PARAMS_CAP:
        raise Refused(f"the parameters are larger than {PARAMS_CAP // 1024} KiB")
    if re.search(r"\bLOAD\s+CSV\b", text, re.IGNORECASE):
        raise Refused("LOAD CSV reads files from the server and is not allowed here")
    _check_ranges(text)
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        try:
            summary = session.run(Query("EXPLAIN " + text, timeout=TIMEOUT), params or {}).consume()
        except Exception as err:  # noqa: BLE001 - the server's own words are the best explanation
            raise Refused(f"the server cannot plan this query: {getattr(err, 'message', err)}") from None
    if summary.query_type in ("w", "rw"):
        raise Refused("only read-only queries may run here (this one would write)")
    operators = _operators(summary.plan)
    if not operators:
        raise Refused("the server gave no plan for this query, so it cannot be checked")
    for op in operators:
        _check_operator(op, database)
    if summary.query_type != "r":  # schema or system work whose plan has nothing refused above
        raise Refused("only read-only queries may run here (this one would change the schema or the system)")


def run(driver: Driver, database: str, text: str, params: dict[str, Any] | None = None) -> FreeResult:
    check(driver, database, text, params)
    return FreeResult(*read_capped(driver, database, text, params or {}, cap=ROW_CAP, timeout=TIMEOUT))
