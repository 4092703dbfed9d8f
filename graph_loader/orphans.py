"""Persons no mention refers to any more are deleted, a page of persons at a time.

Called after a load that changed records and after identity runs and decisions move mentions.
One statement over every person was a single write transaction growing with the whole graph
(about 390,000 persons at L, against the server's 120 s transaction timeout); each page is its
own transaction, in person id order.
"""

from __future__ import annotations

from neo4j import Driver

from jigsaw.cypher_files import load as cypher

PAGE_SIZE = 20000


def delete_orphan_persons(driver: Driver, database: str, *, page_size: int = PAGE_SIZE) -> tuple[int, list]:
    """Delete every person without a mention; returns how many went and each page's write counters."""
    text, after, deleted, counters = cypher("load/delete_orphan_persons"), "", 0, []
    while True:
        records, summary, _ = driver.execute_query(text, after=after, page_size=page_size, database_=database)
        page = records[0]
        deleted += page["deleted"]
        counters.append(summary.counters)
        if page["examined"] < page_size:
            return deleted, counters
        after = page["last_key"]
