"""A full build of the cross-borough facts: one pass over every person's records, grouped in
Python, written back in large batches (the same facts as cypher/summary/cross_build.cypher
with $all, which ran a subquery per person). The incremental build stays in Cypher."""

from __future__ import annotations

import time
from collections import defaultdict

from neo4j import READ_ACCESS, Driver

from jigsaw.cypher_files import load as cypher

BATCH = 10000  # facts per write transaction


def facts(row) -> list[dict]:
    """The facts of every person held by two boroughs or more, from the projection's row."""
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, person in enumerate(row["people"]):
        by_person[person].append(i)
    kept = []
    for person, mine in by_person.items():
        if len({row["boroughs"][i] for i in mine}) < 2:
            continue
        kept += [
            {
                "person": person,
                "borough": row["boroughs"][i],
                "source": row["sources"][i],
                "roles": sorted(row["roles"][i]),  # in order, so the same records make the same facts
                "records": row["records"][i],
            }
            for i in mine
        ]
    return kept


def build(driver: Driver, database: str) -> dict[str, float]:
    """Write every fact (the caller has deleted the old ones); returns seconds per step and the count."""
    began = time.monotonic()
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        row = session.execute_read(lambda tx: tx.run(cypher("summary/cross_projection")).single(strict=True))
    read = time.monotonic() - began
    kept = facts(row)
    del row
    for start in range(0, len(kept), BATCH):
        driver.execute_query(cypher("summary/cross_write"), facts=kept[start : start + BATCH], database_=database)
    return {"read": round(read, 3), "write": round(time.monotonic() - began - read, 3), "facts": len(kept)}
