"""Step 3c: the baseline identity step run after every load.

Each unresolved mention refers to a Person: an existing one whose mentions share the
exact folded name and date of birth, or a new one. Mentions without a date of birth
always get a person of their own: a wrong merge of two children costs more than a
missed match. Probabilistic linkage and analyst review build on this (docs/identity.md).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from neo4j import ManagedTransaction, Session

from jigsaw.cypher_files import load as cypher

METHOD = "exact_name_dob"


def person_id_for(first_mention_key: str) -> str:
    return "P-" + hashlib.sha1(first_mention_key.encode()).hexdigest()[:12]


def plan_links(unresolved: list[dict], existing: dict[tuple, str]) -> list[dict]:
    """Pure: which person each unresolved mention should refer to."""
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


def resolve(session: Session, load_id: str, at: datetime, *, batch_size: int = 5000) -> tuple[int, list]:
    """Link every unresolved mention; returns (persons created, counters of each write).

    Read, plan, then write in batches: an interruption leaves some mentions unresolved,
    and the next run links them to the same persons (found by persons_by_name_dob).
    """
    unresolved = session.execute_read(lambda tx: [r.data() for r in tx.run(cypher("load/unresolved_mentions"))])
    if not unresolved:
        return 0, []
    pairs = [{"name_key": n, "dob": d} for n, d in {(m["name_key"], m["dob"]) for m in unresolved if m["dob"] is not None and m["name_key"]}]
    existing: dict[tuple, str] = {}
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start : start + batch_size]
        rows = session.execute_read(lambda tx: [r.data() for r in tx.run(cypher("load/persons_by_name_dob"), pairs=chunk)])
        existing |= {(r["name_key"], r["dob"]): r["person_id"] for r in rows}
    links = plan_links(unresolved, existing)
    created, counters = 0, []

    def write(tx: ManagedTransaction, chunk: list[dict]):
        result = tx.run(cypher("load/link_mentions"), links=chunk, method=METHOD, load_id=load_id, at=at)
        return result.single()["persons_created"], result.consume().counters

    for start in range(0, len(links), batch_size):
        made, counter = session.execute_write(write, links[start : start + batch_size])
        created += made
        counters.append(counter)
    return created, counters
