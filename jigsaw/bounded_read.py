"""Read a query's result within bounds the reader cannot talk their way past.

Every catalogue and free query runs here: in one explicit READ transaction (the server
refuses writes) with a timeout, never retried (a query that failed for memory or time
would only fail again, and on a struggling server the retry is what finishes it off),
fetched 100 records at a time so the client never buffers much, and stopped once it
has given either too many rows (truncated, as before) or too many bytes (refused: half a
result that large is no answer). The caps live here, in one place.

A read may give its rows in batches (`batched`: one column, `batch`, each value a list of up to
BATCH_ROWS rows, each row a list of values in the order of the columns it names). The driver's cost
is per record, not per value: 1,000 rows of lists as 1,000 records took 72 ms at L against 19 ms
as ten (docs/scaling.md). Such a read stops at the row past the cap itself (the catalogue refuses a
batched file without `LIMIT $rows_read`), so its batches are pulled at once: no row waits beyond it.
"""

from __future__ import annotations

from collections.abc import Iterator
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
BATCH_ROWS = 100  # rows per record of a batched read: the driver's cost per record is then a small part
_FIXED = 8  # numbers, booleans and nulls, roughly what they cost in memory


class QueryTooCostly(ValueError):
    """The server stopped the query for using too much memory or time; it is not retried."""


class ResultTooLarge(ValueError):
    """The result passed the byte cap; reading stopped there and nothing is returned."""


class NotBatched(ValueError):
    """A read said to give batches gave something else: a fault in the query, not in the data."""


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
        return _measure_items(value, graph)
    if kind is dict:
        return _FIXED + sum([len(k) + _measure(v, graph) for k, v in value.items()])
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, (list, tuple)):
        return _measure_items(value, graph)
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


def _measure_items(values: list | tuple, graph: list) -> int:
    """_measure of a list or tuple of mixed values, such as a row: strings and numbers counted here."""
    total = _FIXED
    for value in values:
        kind = type(value)
        if kind is str:
            total += len(value)
        elif kind in _NUMBERS:
            total += _FIXED
        else:
            total += _measure(value, graph)
    return total


def sized_row(record: Record) -> tuple[dict, int]:
    """The record as the dict `Record.data()` gives, and about how many bytes it holds, in one walk.

    `data()` walks every value again to turn nodes, relationships and paths into plain values;
    most rows hold none, so they are taken as they came (a third of a 1,000-row read's time at L).
    """
    graph: list = []
    values = record.values()
    size = _measure_items(values, graph)
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
    batched: tuple[str, ...] | None = None,
) -> tuple[list[str], list[dict], bool]:
    """Run `text` once, read-only, with a timeout; keep at most `cap` rows (and say if more came).

    `batched` names the columns of a read that gives its rows in batches (see the module's text).
    Raises ResultTooLarge past `byte_cap` bytes (RESULT_BYTE_CAP unless given) and QueryTooCostly
    if the server stopped it.
    """
    byte_cap = RESULT_BYTE_CAP if byte_cap is None else byte_cap
    # A batched read gives at most cap + 1 rows (its LIMIT), so all its batches come in one pull.
    fetch_size = -(-(cap + 1) // BATCH_ROWS) if batched else FETCH_SIZE
    with driver.session(database=database, default_access_mode=READ_ACCESS, fetch_size=fetch_size) as session:
        try:
            with session.begin_transaction(timeout=timeout) as tx:
                result = tx.run(text, params)
                columns = list(batched) if batched else list(result.keys())
                rows: list[dict] = []
                size = 0
                for row, row_size in _batched_rows(result, batched) if batched else map(sized_row, result):
                    if len(rows) == cap:
                        return columns, rows, True
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


def _batched_rows(result: Any, columns: tuple[str, ...]) -> Iterator[tuple[dict, int]]:
    """Each row of a batched read, as sized_row gives a plain read's."""
    if result.keys() != ["batch"]:
        raise NotBatched(f"a batched read must return one column, batch, not {', '.join(result.keys())}")
    for record in result:
        batch = record[0]
        if type(batch) is not list or len(batch) > BATCH_ROWS:
            raise NotBatched(f"a batch must be a list of at most {BATCH_ROWS} rows")
        for values in batch:
            graph: list = []
            if type(values) is not list or len(values) != len(columns):
                raise NotBatched(f"each row of a batch must be a list of {len(columns)} values")
            size = _measure_items(values, graph)
            if graph:
                raise NotBatched("a batched read returns plain values, not nodes, relationships or paths")
            yield dict(zip(columns, values)), size
