"""Step 3c: the baseline identity step run after every load.

Each unresolved mention refers to a Person: an existing one whose mentions share the
exact folded name and date of birth, or a new one. Mentions without a date of birth
always get a person of their own: a wrong merge of two children costs more than a
missed match. An associate the gangs matrix names only by nominal id refers to that
nominal's person, once the nominal is loaded. Probabilistic linkage and analyst review
build on this step (docs/identity.md).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from neo4j import ManagedTransaction, Session

from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary

METHOD = "exact_name_dob"
NOMINAL_METHOD = "nominal_id"


def person_id_for(first_mention_key: str) -> str:
    return "P-" + hashlib.sha1(first_mention_key.encode()).hexdigest()[:12]


def plan_links(unresolved: list[dict], existing: dict[tuple, str]) -> list[dict]:
    """Pure: which person each unresolved (named) mention should refer to."""
    groups: dict[tuple, list[str]] = {}
    links = []
    for m in sorted(unresolved, key=lambda m: m["mention_key"]):
        if m["dob"] is None or not m["name_key"]:
            links.append({"mention_key": m["mention_key"], "person_id": person_id_for(m["mention_key"])})
        else:
            groups.setdefault((m["name_key"], m["dob"]), []).append(m["mention_key"])
    for key, mention_keys in groups.items():
        person_id = existing.get(key) or person_id_for(mention_keys[0])
        links += [{"mention_key": k, "person_id": person_id} for k in mention_keys]
    return links


def _read(session: Session, name: str, **params) -> list[dict]:
    text = cypher(name)
    return session.execute_read(lambda tx: [r.data() for r in tx.run(text, **params, **vocabulary(text))])


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_links(session: Session, links: list[dict], method: str, load_id: str, at: datetime, batch_size: int):
    def write(tx: ManagedTransaction, chunk: list[dict]):
        result = tx.run(cypher("load/link_mentions"), links=chunk, method=method, load_id=load_id, at=at)
        return result.single()["persons_created"], result.consume().counters

    created, counters = 0, []
    for chunk in _chunks(links, batch_size):
        made, counter = session.execute_write(write, chunk)
        created += made
        counters.append(counter)
    return created, counters


def unresolved_pages(session: Session, page_size: int):
    """The unresolved mentions, a page of at most `page_size` mentions examined at a time, in mention key order.

    Each page is its own read, so no transaction grows with the graph (one read of every mention passed
    the server's transaction timeout at L). A page is read after the previous one's links are written;
    mentions linked meanwhile lie behind the cursor and are not read again.
    """
    after = ""
    while True:
        page = _read(session, "load/unresolved_mentions", after=after, page_size=page_size)[0]
        yield page["unresolved"]
        if page["examined"] < page_size:
            return
        after = page["last_key"]


def resolve(
    session: Session, load_id: str, at: datetime, *, batch_size: int = 5000, page_size: int = 20000
) -> tuple[int, list, list[str]]:
    """Link every unresolved mention; returns (persons created, write counters, nominal ids still awaited).

    Read a page, plan, then write in batches: an interruption leaves some mentions unresolved,
    and the next run links them to the same persons (found by persons_by_name_dob). Pages come in
    mention key order, so a name and date of birth first seen on a page gets the person of its lowest
    key, and later pages find that person written, exactly as one page holding them all would.
    """
    created, counters, by_nominal = 0, [], []
    for unresolved in unresolved_pages(session, page_size):
        named = [m for m in unresolved if m["nominal_ref"] is None]
        by_nominal += [m for m in unresolved if m["nominal_ref"] is not None]
        pairs = sorted({(m["name_key"], m["dob"]) for m in named if m["dob"] is not None and m["name_key"]}, key=str)
        existing: dict[tuple, str] = {}
        for chunk in _chunks([{"name_key": n, "dob": d} for n, d in pairs], batch_size):
            existing |= {
                (r["name_key"], r["dob"]): r["person_id"]
                for r in _read(session, "load/persons_by_name_dob", pairs=chunk)
            }
        made, written = _write_links(session, plan_links(named, existing), METHOD, load_id, at, batch_size)
        created += made
        counters += written

    # Associates named by nominal id: after every page, so nominals loaded now are found wherever their keys fall.
    refs = sorted({m["nominal_ref"] for m in by_nominal})
    persons: dict[str, str] = {}
    for chunk in _chunks(refs, batch_size):
        persons |= {
            r["nominal_id"]: r["person_id"] for r in _read(session, "load/persons_by_nominal", nominal_ids=chunk)
        }
    links = [
        {"mention_key": m["mention_key"], "person_id": persons[m["nominal_ref"]]}
        for m in by_nominal
        if m["nominal_ref"] in persons
    ]
    _, more = _write_links(session, links, NOMINAL_METHOD, load_id, at, batch_size)
    waiting = sorted({m["nominal_ref"] for m in by_nominal if m["nominal_ref"] not in persons})
    return created, counters + more, waiting
