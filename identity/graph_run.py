"""Run the linkage steps over the graph's mentions and write the outcome back.

Automatic links: each cluster of mentions refers to one person (the lowest existing
person id among them, so ids stay stable). Review: one IdentityCandidate per doubtful
pair, with every field's level and weight, for an analyst to decide. Mentions are never
changed; only their REFERS_TO links move.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import Driver

from graph_loader import summaries
from graph_loader.orphans import delete_orphan_persons
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary

from .assign import assign
from .compare import MentionData
from .pipeline import link

BATCH = 5000
PAGE = 20000  # mentions per read or write of the whole graph's mentions


@dataclass
class RunSummary:
    run_id: str
    mode: str  # full, or new_only
    mentions: int  # mentions resolved (all of them, or the new ones)
    pairs_compared: int
    auto_links: int
    relinked: int
    review_queued: int
    persons_removed: int


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _native_date(value):
    """A record date as Python's date (Neo4j returns its own Date; a datetime keeps only its day)."""
    if value is None:
        return None
    value = value.to_native() if hasattr(value, "to_native") else value
    return value.date() if hasattr(value, "date") else value


def _mention_rows(driver: Driver, database: str) -> list[dict]:
    """Every named mention, read a page at a time in mention key order: one read of them all grows with the
    graph, against the server's transaction timeout (issue #22)."""
    text, rows, after = cypher("identity/mentions"), [], ""
    while True:
        records = driver.execute_query(text, after=after, page_size=PAGE, database_=database, routing_="r").records
        page = [r.data() for r in records]
        rows += page
        keys = {r["mention_key"] for r in page}
        if len(keys) < PAGE:
            return rows
        after = max(keys)


def _follow_nominals(driver: Driver, database: str, run_id: str, at: datetime) -> None:
    """Associates named by nominal id follow their nominal's person, a page of mentions per write."""
    text, after = cypher("identity/follow_nominals"), ""
    while True:
        records = driver.execute_query(
            text, run_id=run_id, at=at, after=after, page_size=PAGE, **vocabulary(text), database_=database
        ).records
        if records[0]["examined"] < PAGE:
            return
        after = records[0]["last_key"]


def run(driver: Driver, database: str, *, new_only: bool = False) -> RunSummary:
    """Resolve every mention, or with `new_only` just those loaded since the last run.

    A new-only run compares new mentions with all mentions, starts from the persons already
    found, and adds to the review queue rather than replacing it; the first run is always full.
    """
    run_id = f"I-{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    at = datetime.now(UTC)
    since = (
        driver.execute_query(cypher("identity/last_run"), database_=database, routing_="r").records[0]["at"]
        if new_only
        else None
    )
    rows = _mention_rows(driver, database)
    mentions = [
        MentionData(
            r["mention_key"],
            r["name"],
            r["dob"].to_native() if r["dob"] else None,
            r["gender"],
            r["postcode"],
            r["school"],
            tuple(r["aliases"]),
            r["given_name"],
            r["family_name"],
            r["role"],
            _native_date(r["record_date"]),
            r["borough"],
            tuple(r["co_named"]),
        )
        for r in rows
    ]
    current = {r["mention_key"]: r["person_id"] for r in rows}
    decisions = driver.execute_query(cypher("identity/decisions"), database_=database, routing_="r").records
    must = {frozenset((d["a"], d["b"])) for d in decisions if d["status"] == "same_person"}
    cannot = {frozenset((d["a"], d["b"])) for d in decisions if d["status"] == "not_same"}
    focus = None
    if since is not None:
        focus = {
            r["mention_key"] for r in rows if r["person_id"] is None or (r["loaded_at"] and r["loaded_at"] > since)
        }
    result = link(
        mentions, cannot_link=cannot, must_link=must, focus=focus, existing=current if focus is not None else None
    )
    scores: dict[str, float] = {}
    for cand in result.auto_links:
        for key in (cand.a, cand.b):
            scores[key] = max(scores.get(key, 0.0), cand.scored.total)
    # An undated mention joined by the sole-candidate rule says so on its link.
    links = [
        link
        | {
            "score": scores.get(link["mention_key"]),
            "method": "sole_candidate" if link["mention_key"] in result.sole_candidates else None,
        }
        for link in assign([set(c) for c in result.clusters], current)
    ]
    op = summaries.begin_change(driver, database, "identity-run")  # live answers while mentions move
    if focus is not None:  # over new mentions: the links the moves untie are found while they still hold
        summaries.touch_relinked(
            driver, database, [k["mention_key"] for k in links if current.get(k["mention_key"]) != k["person_id"]]
        )
    relinked = 0
    for chunk in _chunks(links):
        records, _, _ = driver.execute_query(
            cypher("identity/relink"), links=chunk, method="probabilistic", run_id=run_id, at=at, database_=database
        )
        relinked += records[0]["relinked"] if records else 0
    _follow_nominals(driver, database, run_id, at)
    removed, _ = delete_orphan_persons(driver, database)
    candidates = [
        {
            "pair_key": f"{c.a}|{c.b}",
            "a": c.a,
            "b": c.b,
            "score": c.scored.total,
            "reason": c.scored.reason,
            "fields": [f"{field}: {level} ({c.scored.weights[field]:+.1f})" for field, level in c.scored.levels.items()]
            # Among many mentions a namesake is likelier: the score starts below zero (score.population_prior).
            + ([f"population: {len(mentions):,} mentions ({c.scored.prior:+.1f})"] if c.scored.prior else []),
            "expected": c.question.expected,
            "priority": c.question.priority,
            "impact": c.question.impact,
            "group": c.question.group,
            "group_side": c.question.group_side,
            "duplicates": c.question.duplicates,
        }
        for c in result.review
    ]
    if focus is None:
        driver.execute_query(cypher("identity/clear_open_candidates"), database_=database)
    queued = 0
    for chunk in _chunks(candidates):
        records, _, _ = driver.execute_query(
            cypher("identity/add_candidates"), candidates=chunk, run_id=run_id, at=at, database_=database
        )
        queued += records[0]["queued"]
    mode = "full" if focus is None else "new_only"
    driver.execute_query(
        cypher("identity/record_run"),
        run={
            "run_id": run_id,
            "at": at,
            "mode": mode,
            "mentions": len(mentions) if focus is None else len(focus),
            "compared": result.pairs_compared,
            "auto_links": len(result.auto_links),
            "queued": queued,
        },
        database_=database,
    )
    summaries.after_identity_run(driver, database, run_id, mode, op)  # the summaries of the people it moved
    return RunSummary(
        run_id,
        mode,
        len(mentions) if focus is None else len(focus),
        result.pairs_compared,
        len(result.auto_links),
        relinked,
        queued,
        removed,
    )
