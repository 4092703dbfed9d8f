"""Analysts' verdicts on candidate pairs: recorded with who, when and why; reversible by a
later verdict; honoured by every later identity run (confirmed pairs always join,
rejected pairs never do, even through a third mention)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from neo4j import Driver

from graph_loader import summaries
from graph_loader.orphans import delete_orphan_persons
from graph_loader.resolve_exact import person_id_for
from jigsaw.cypher_files import load as cypher

from .assign import fresh_person_id


class Verdict(StrEnum):
    same_person = "same_person"
    not_same = "not_same"
    unsure = "unsure"


def open_candidates(driver: Driver, database: str, limit: int = 20) -> list[dict]:
    records = driver.execute_query(
        cypher("identity/open_candidates"), limit=limit, database_=database, routing_="r"
    ).records
    return [r.data() for r in records]


def queue_summary(driver: Driver, database: str, sources: set[str]) -> tuple[int, float]:
    """(open questions, expected share that are the same young person) among those whose records
    all come from `sources`."""
    records = driver.execute_query(cypher("identity/queue_summary"), database_=database, routing_="r").records
    seen = [r for r in records if set(r["sources"]) <= sources]
    questions = sum(r["questions"] for r in seen)
    return questions, (sum(r["expected"] for r in seen) / questions if questions else 0.0)


def decide(driver: Driver, database: str, pair_key: str, verdict: Verdict, user: str, why: str) -> int:
    """Record the verdict; a confirmation joins the two persons at once. Returns mentions moved."""
    if not why.strip():
        raise ValueError("say why: the reason is part of the record")
    at = datetime.now(UTC)
    records = driver.execute_query(
        cypher("identity/record_decision"),
        pair_key=pair_key,
        verdict=verdict.value,
        user=user,
        why=why,
        at=at,
        database_=database,
    ).records
    if not records:
        raise KeyError(f"no candidate pair {pair_key!r}; `jigsaw identity review` lists them")
    if verdict is not Verdict.same_person:
        return 0
    a, b = records[0]["a"], records[0]["b"]
    op = summaries.begin_change(driver, database, "identity-decision")
    moved = driver.execute_query(
        cypher("identity/merge_persons"), a=a, b=b, user=user, at=at, database_=database
    ).records
    delete_orphan_persons(driver, database)
    summaries.after_people(driver, database, summaries.people_of(driver, database, mention_keys=[a]), op)
    return moved[0]["moved"] if moved else 0


def person_mentions(driver: Driver, database: str, person_id: str) -> list[dict]:
    records = driver.execute_query(
        cypher("identity/person_mentions"), person_id=person_id, database_=database, routing_="r"
    ).records
    return [r.data() for r in records]


def split(driver: Driver, database: str, person_id: str, move: list[str], user: str, why: str) -> str:
    """Move `move` (mention keys) out of `person_id` into a person of their own, for good.

    Every moved mention is recorded as not the same person as every mention that stays, so
    identity runs and reloads keep them apart. Returns the new person's id.
    """
    if not why.strip():
        raise ValueError("say why: the reason is part of the record")
    mentions = {m["mention_key"] for m in person_mentions(driver, database, person_id)}
    moving, staying = set(move), mentions - set(move)
    if not moving or not moving <= mentions:
        raise ValueError(f"choose one or more of {person_id}'s own mentions to move out")
    if not staying:
        raise ValueError("at least one mention must stay: splitting everything out changes nothing")
    at = datetime.now(UTC)
    pairs = [{"key": "|".join(sorted((a, b))), "a": a, "b": b} for a in sorted(moving) for b in sorted(staying)]
    op = summaries.begin_change(driver, database, "identity-split")
    driver.execute_query(
        cypher("identity/record_split"), pairs=pairs, person_id=person_id, user=user, why=why, at=at, database_=database
    )
    candidates = [person_id_for(min(moving))] + [person_id_for(f"{min(moving)}#{n}") for n in range(1, 10)]
    in_use = {
        r["id"]
        for r in driver.execute_query(cypher("identity/existing_persons"), ids=candidates, database_=database).records
    }
    new_person = fresh_person_id(min(moving), taken={person_id}, in_use=in_use)
    links = [{"mention_key": k, "person_id": new_person, "score": None} for k in sorted(moving)]
    driver.execute_query(
        cypher("identity/relink"), links=links, method="analyst_split", run_id="analyst", at=at, database_=database
    )
    summaries.after_people(driver, database, [person_id, new_person], op)
    return new_person
