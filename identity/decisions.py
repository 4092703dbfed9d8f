"""Analysts' verdicts on candidate pairs: recorded with who, when and why; reversible by a
later verdict; honoured by every later identity run (confirmed pairs always join,
rejected pairs never do, even through a third mention)."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum

from neo4j import Driver

from jigsaw.cypher_files import load as cypher


class Verdict(StrEnum):
    same_person = "same_person"
    not_same = "not_same"
    unsure = "unsure"


def open_candidates(driver: Driver, database: str, limit: int = 20) -> list[dict]:
    records = driver.execute_query(cypher("identity/open_candidates"), limit=limit, database_=database, routing_="r").records
    return [r.data() for r in records]


def decide(driver: Driver, database: str, pair_key: str, verdict: Verdict, user: str, why: str) -> int:
    """Record the verdict; a confirmation joins the two persons at once. Returns mentions moved."""
    if not why.strip():
        raise ValueError("say why: the reason is part of the record")
    at = datetime.now(timezone.utc)
    records = driver.execute_query(
        cypher("identity/record_decision"), pair_key=pair_key, verdict=verdict.value, user=user, why=why, at=at,
        database_=database,
    ).records  # fmt: skip
    if not records:
        raise KeyError(f"no candidate pair {pair_key!r}; `jigsaw identity review` lists them")
    if verdict is not Verdict.same_person:
        return 0
    a, b = records[0]["a"], records[0]["b"]
    moved = driver.execute_query(cypher("identity/merge_persons"), a=a, b=b, user=user, at=at, database_=database).records
    driver.execute_query(cypher("load/delete_orphan_persons"), database_=database)
    return moved[0]["moved"] if moved else 0
