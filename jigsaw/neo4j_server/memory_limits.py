"""How much heap one transaction, and all of them together, may take on the server.

Neo4j tracks the memory of what a query holds (collect, ORDER BY, DISTINCT, aggregation,
transaction state) and fails a transaction that goes past `db.memory.transaction.max`
with "the transaction used more memory than was allowed", instead of letting one query
fill the heap for everyone. Both limits are sized from the heap so a larger server gets
proportionally more; the floor keeps a tiny test heap usable for loads.
"""

from __future__ import annotations

import re

PER_TRANSACTION_SHARE = 0.25  # one analyst's query may take a quarter of the heap
ALL_TRANSACTIONS_SHARE = 0.6  # all queries together leave 40% to the page-cache structures, Bolt and GC
PER_TRANSACTION_FLOOR = 64 * 1024 * 1024
_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def size_in_bytes(text: str) -> int:
    """A JVM-style size ("512m", "1g", "768M", "1048576") in bytes."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"not a memory size: {text!r} (expected e.g. 512m or 1g)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def transaction_limits(heap: str) -> dict[str, str]:
    """The neo4j.conf settings (Neo4j 5.26 names) that bound transaction memory for a heap of `heap`."""
    total = size_in_bytes(heap)
    one = max(PER_TRANSACTION_FLOOR, int(total * PER_TRANSACTION_SHARE))
    every = max(one, int(total * ALL_TRANSACTIONS_SHARE))
    return {
        "db.memory.transaction.max": f"{one // 1024**2}m",
        "dbms.memory.transaction.total.max": f"{every // 1024**2}m",
    }
