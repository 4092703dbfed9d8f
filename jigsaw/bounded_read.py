"""Read a query's result within bounds the reader cannot talk their way past.

Every catalogue and free query runs here: in one explicit READ transaction (the server
refuses writes) with a timeout, never retried (a query that failed for memory or time
would only fail again, and on a struggling server the retry is what finishes it off),
fetched 100 records at a time so the client never buffers much, and stopped once it
has given either too many rows (truncated, as before) or too many bytes (refused: half a
result that large is no answer). The caps live here, in one place.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from neo4j import READ_ACCESS, Driver, Record
from neo4j.exceptions import Neo4jError
from neo4j.graph import Node, Path, Relationship

RESULT_BYTE_CAP = (
    16 * 1024 * 1024
)  # far more than a person can read (500 rows of 20,000-character summaries fit); held in the session
# Records per Bolt pull: few rows wait beyond the cap; 16 made 1,000 short rows 2.5x slower (bench/result_caps.py).
FETCH_SIZE = 100
_FIXED = 8  # numbers, booleans and nulls, roughly what they cost in memory


class QueryTooCostly(ValueError):
    """The server stopped the query for using too much memory or time; it is not retried."""


class ResultTooLarge(ValueError):
    """The result passed the byte cap; reading stopped there and nothing is returned."""


_NUMBERS = frozenset({int, float, bool, type(None)})
_GRAPH = (Node, Relationship, Path)


def value_size(value: Any) -> int:
    """About how many bytes a value from the server holds (strings by length, containers summed)."""
    return _measure(value, [])


def _measure(value: Any, graph: list) -> int:
    """value_size, noting in `graph` a node, relationship or path met on the way.

    Exact types first: this runs on every value of every row a reader is given.
    """
    kind = type(value)
    if kind is str:
        return len(value)
    if kind in _NUMBERS:
        return _FIXED
    if kind is list or kind is tuple:
        return _FIXED + sum([_measure(v, graph) for v in value])
    if kind is dict:
        return _FIXED + sum([len(k) + _measure(v, graph) for k, v in value.items()])
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, (list, tuple)):
        return _FIXED + sum(_measure(v, graph) for v in value)
    if isinstance(value, dict):
        return _FIXED + sum(len(k) + _measure(v, graph) for k, v in value.items())
    if isinstance(value, _GRAPH):
        graph.append(value)
        if isinstance(value, Path):
            return _measure(list(value.nodes), graph) + _measure(list(value.relationships), graph)
        if isinstance(value, Relationship):
            return _FIXED + len(value.type or "") + _measure(dict(value), graph)
        return _FIXED + sum(len(label) for label in value.labels) + _measure(dict(value), graph)
    if isinstance(value, (date, datetime, time, timedelta)) or hasattr(value, "to_native"):
        return 2 * _FIXED
    return _FIXED


def sized_row(record: Record) -> tuple[dict, int]:
    """The record as the dict `Record.data()` gives, and about how many bytes it holds, in one walk.

    `data()` walks every value again to turn nodes, relationships and paths into plain values;
    most rows hold none, so they are taken as they came (a third of a 1,000-row read's time at L).
    """
    graph: list = []
    values = record.values()
    size = _measure(values, graph)
    return (record.data() if graph else dict(zip(record.keys(), values))), size


def _readable(size: int) -> str:
    return f"{size // 1024**2} MiB" if size >= 1024**2 else f"{size:,} bytes"


def _costly(err: Neo4jError, timeout: float) -> QueryTooCostly | None:
    code = err.code or ""
    if "OutOfMemory" in code or "MemoryPool" in code:
        return QueryTooCostly(
            "the query needed more memory than one query may use on this server, so it was "
            "stopped (and not run again); narrow it, e.g. with a LIMIT or a more specific MATCH"
        )
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryTooCostly(
            f"the query took longer than {timeout:g} s, so it was stopped (and not run again); narrow it"
        )
    return None


def read_capped(
    driver: Driver,
    database: str,
    text: str,
    params: dict[str, Any],
    *,
    cap: int,
    timeout: float,
    byte_cap: int | None = None,
) -> tuple[list[str], list[dict], bool]:
    """Run `text` once, read-only, with a timeout; keep at most `cap` rows (and say if more came).

    Raises ResultTooLarge past `byte_cap` bytes (RESULT_BYTE_CAP unless given) and QueryTooCostly
    if the server stopped it.
    """
    byte_cap = RESULT_BYTE_CAP if byte_cap is None else byte_cap
    with driver.session(database=database, default_access_mode=READ_ACCESS, fetch_size=FETCH_SIZE) as session:
        try:
            with session.begin_transaction(timeout=timeout) as tx:
                result = tx.run(text, params)
                columns = list(result.keys())
                rows: list[dict] = []
                size = 0
                for record in result:
                    if len(rows) == cap:
                        return columns, rows, True
                    row, row_size = sized_row(record)
                    size += row_size
                    if size > byte_cap:
                        raise ResultTooLarge(
                            f"the result is too large: it passed {_readable(byte_cap)} after "
                            f"{len(rows):,} rows, so none of it is shown; narrow the query or return "
                            "fewer or shorter columns"
                        )
                    rows.append(row)
                return columns, rows, False
        except Neo4jError as err:
            costly = _costly(err, timeout)
            if costly:
                raise costly from None
            raise
