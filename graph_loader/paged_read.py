"""A whole-graph read in pages by record key: the full builds' one loop (link_build, overlap_build).

One statement over every record (a million at L after a full identity run) could pass the
server's 120 s transaction timeout or its per-transaction memory limit; a page of records cannot.
Each page is its own read transaction and comes back as one row (fewer, larger messages are
quicker to read) whose `keys` are the record keys it examined, in order; the next page starts
after the last of them, and a page with fewer keys than asked for is the last.
"""

from __future__ import annotations

from collections.abc import Iterator

from neo4j import READ_ACCESS, Driver, Record

from jigsaw.cypher_files import load as cypher

PAGE = 50_000  # records per page


def _page(tx, text: str, after: str, page: int) -> Record:
    return tx.run(text, after=after, page=page).single(strict=True)


def pages(driver: Driver, database: str, name: str, page: int = PAGE) -> Iterator[Record]:
    """Each page's row of statement `name`, which takes $after (the last key of the page before,
    '' for the first: record keys are never empty) and $page (how many keys to examine)."""
    text = cypher(name)
    after = ""
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        while True:
            row = session.execute_read(_page, text, after, page)
            yield row
            if len(row["keys"]) < page:
                return
            after = row["keys"][-1]
