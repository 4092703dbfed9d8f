"""Maintenance operations used by tests and benchmarks."""

from __future__ import annotations

from neo4j import Driver

from .cypher_files import load as cypher
from .schema import run_statement


def wipe_data(driver: Driver, database: str) -> None:
    """Delete all data, keeping constraints, indexes and the schema version."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run; the whole statement
    # gets the migrations' hour, not the server's two minutes (wiping the L store takes longer).
    with driver.session(database=database) as session:
        for name in ("admin/wipe_relationships", "admin/wipe_data"):
            run_statement(session, cypher(name))
