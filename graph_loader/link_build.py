"""A full build of the jigsaw links: read every record's people and places once, in pages by
record key, work the links out in Python (link_rows.py), write them back in large batches.

Through Cypher alone (cypher/summary/links_build.cypher with $all) each record was walked as
either end of its links and each pair's tying records looked up per row: 36 s at M. The
incremental build (a load's records, an identity decision, an erasure) stays in Cypher: it
reads only the touched records' neighbourhoods.
"""

from __future__ import annotations

import time
from itertools import islice

from neo4j import READ_ACCESS, Driver

from jigsaw.cypher_files import load as cypher

from . import paged_read
from .link_rows import Held, Link, links

BATCH = 5000  # links per write transaction
PAGE = paged_read.PAGE  # records per read (graph_loader/paged_read.py)


def projection(driver: Driver, database: str, page: int = PAGE) -> tuple[list[Held], dict[str, str | None]]:
    """Every record that mentions a person, and the names of the places they name."""
    held = [
        Held(i, key, source, frozenset(people), tuple(places), borough)
        for row in paged_read.pages(driver, database, "summary/links_projection", page)
        for i, key, source, people, places, borough in zip(
            row["ids"], row["keys"], row["sources"], row["people"], row["places"], row["boroughs"]
        )
        if people
    ]
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        places = session.execute_read(lambda tx: tx.run(cypher("summary/links_places")).single(strict=True))
    return held, dict(zip(places["place_ids"], places["place_names"]))


def _as_parameter(link: Link) -> dict:
    return {
        "kind": link.kind,
        "person_a": link.person_a,
        "bridge": link.bridge,
        "person_b": link.person_b,
        "r1": link.r1,
        "r2": link.r2,
        "ties": list(link.ties) or None,  # none: an Untied link, with no ties property
        "tie_sources": list(link.tie_sources) or None,
        "rank_a": link.rank_a,
        "rank_b": link.rank_b,
        "pair": link.pair,
    }


def build(driver: Driver, database: str, page: int = PAGE, write: str = "summary/links_write") -> dict[str, float]:
    """Write every link (the caller has deleted the old ones); returns seconds per step and the count.
    `write`: the statement writing a batch (bench/summary_build.py times the links' former shape)."""
    began = time.monotonic()
    held, place_names = projection(driver, database, page)
    read = time.monotonic() - began
    found = links(held, place_names)
    written, writing = 0, 0.0
    while batch := [_as_parameter(link) for link in islice(found, BATCH)]:
        start = time.monotonic()
        driver.execute_query(cypher(write), links=batch, database_=database)
        writing += time.monotonic() - start
        written += len(batch)
    total = time.monotonic() - began
    return {
        "read": round(read, 3),
        "work": round(total - read - writing, 3),
        "write": round(writing, 3),
        "links": written,
    }
