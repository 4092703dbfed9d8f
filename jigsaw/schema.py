"""Numbered schema migrations (`cypher/migrations/NNN_name.cypher`), applied once each, in order.

Every statement uses IF NOT EXISTS, so a migration is safe to run twice even if it was
interrupted between statements; the applied version is recorded in the graph. Statements run as
auto-commit transactions, so a backfill can page itself (`CALL ... IN TRANSACTIONS`); the time
each migration took is logged and kept on its Migration node (a backfill of a large store says
how long it took). Each statement gets an hour (MIGRATION_TIMEOUT), not the server's two-minute default
for queries: after a first load at L, building every index of the imported store on a busy machine
took longer than two minutes, and the server ended the load there.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from neo4j import Driver, Query, Session

from . import cypher_files
from .cypher_files import statements

log = logging.getLogger(__name__)

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)$")
_CREATES = re.compile(r"^CREATE\s+(?:[A-Z]+\s+)?(INDEX|CONSTRAINT)\b", re.I)
_CREATES_INDEX = re.compile(r"^CREATE\s+(?:[A-Z]+\s+)?INDEX\s+([A-Za-z0-9_]+)\b", re.I)
_DROPS_INDEX = re.compile(r"^DROP\s+INDEX\s+([A-Za-z0-9_]+)\b", re.I)
# A paged statement: a backfill bringing a store written by older code up to date, in pages.
_PAGED = re.compile(r"\bIN\s+TRANSACTIONS\b", re.I)
MIGRATION_TIMEOUT = 3600.0  # seconds a migration's statement may take (an administrator's job, run once)


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    file: str  # the name cypher_files reads it by: migrations/NNN_name
    seconds: float | None = None  # how long it took, once applied


def migrations() -> list[Migration]:
    found = []
    for stem in cypher_files.names("migrations"):
        match = _FILE.match(stem)
        if not match:
            raise ValueError(f"migration file name must be NNN_name.cypher: {stem}.cypher")
        found.append(Migration(int(match.group(1)), match.group(2), f"migrations/{stem}"))
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise ValueError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


def current_version(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query(
        "OPTIONAL MATCH (s:SchemaVersion {id: 'jigsaw'}) RETURN coalesce(s.version, 0) AS v",
        database_=database,
        routing_="r",
    )
    return records[0]["v"]


def to_run(migration: Migration) -> list[str]:
    """A migration's statements, less the creation of an index a later migration drops: on a store that
    never had it, it would be built (at L, tens of seconds over millions of nodes) only to be dropped."""
    dropped = _dropped()
    return [
        s
        for s in statements(cypher_files.read(migration.file))
        if not ((made := _CREATES_INDEX.match(s)) and dropped.get(made.group(1), 0) > migration.number)
    ]


def _dropped() -> dict[str, int]:
    """Each index a migration drops, with the number of the last migration that drops it."""
    found = {}
    for migration in migrations():
        for statement in statements(cypher_files.read(migration.file)):
            if drop := _DROPS_INDEX.match(statement):
                found[drop.group(1)] = migration.number
    return found


def run_statement(session: Session, statement: str, timeout: float = MIGRATION_TIMEOUT) -> None:
    """One statement of a migration: auto-commit (a paged backfill needs it), with the migrations' timeout."""
    session.run(Query(statement, timeout=timeout)).consume()


def is_backfill(statement: str) -> bool:
    """A paged statement: what brings data written before its migration up to date."""
    return bool(_PAGED.search(statement))


def backfills(migration: Migration) -> list[str]:
    """A migration's paged backfills."""
    return [s for s in to_run(migration) if is_backfill(s)]


def apply(driver: Driver, database: str, *, imported: bool = False) -> list[Migration]:
    """Apply every migration newer than the recorded version; returns those applied.

    `imported`: the offline importer has just built the store from files this code wrote, so no
    data predates a migration and its paged backfills have nothing to do; they are not run (each
    still reads its whole label to find that out: 10 s at L). tests/test_first_load.py runs them
    on an imported store and checks that they change nothing.
    """
    done = current_version(driver, database)
    applied = []
    for migration in migrations():
        if migration.number <= done:
            continue
        started = time.monotonic()
        with driver.session(database=database) as session:
            for statement in to_run(migration):
                if not (imported and is_backfill(statement)):
                    run_statement(session, statement)
        seconds = round(time.monotonic() - started, 3)
        log.info("migration %03d_%s applied in %.1f s", migration.number, migration.name, seconds)
        driver.execute_query(
            "MERGE (s:SchemaVersion {id: 'jigsaw'}) "
            "SET s.version = $number, s.updated_at = $at "
            "MERGE (m:Migration {number: $number}) "
            "ON CREATE SET m.name = $name, m.applied_at = $at, m.seconds = $seconds",
            number=migration.number,
            name=migration.name,
            at=datetime.now(UTC).isoformat(),
            seconds=seconds,
            database_=database,
        )
        applied.append(replace(migration, seconds=seconds))
    return applied


def create_every_index(driver: Driver, database: str, wait_seconds: int) -> None:
    """On a store the offline importer built (data, no index): create every migration's indexes and
    constraints at once, then wait for them all (the time it took is logged, as a migration's is).

    Applied one migration after another, each waits for its own indexes (its backfill needs them), so
    the server built one index at a time over the imported data, on one core: 126 s at L. Created at
    once, it builds two at a time (Neo4j's index population runs two jobs at once); the migrations
    then find them built. The indexes first: their statements return at once, the building queued. A
    constraint's statement returns only once its index is built, holding its label's schema lock
    meanwhile, so the constraints follow one by one on the same session (created beside the indexes,
    two schema changes on one label deadlocked).
    """
    started = time.monotonic()
    found = [s for m in migrations() for s in to_run(m) if _CREATES.match(s)]
    by_kind = sorted(found, key=lambda s: _CREATES.match(s).group(1).upper() == "CONSTRAINT")  # indexes first
    with driver.session(database=database) as session:
        for statement in by_kind:
            run_statement(session, statement)
        session.run(
            Query(cypher_files.read("load/await_indexes"), timeout=MIGRATION_TIMEOUT), seconds=wait_seconds
        ).consume()
    log.info("%d indexes and constraints built in %.1f s", len(found), time.monotonic() - started)
