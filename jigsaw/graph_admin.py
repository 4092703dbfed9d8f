"""Maintenance operations used by tests and benchmarks."""

from __future__ import annotations

from neo4j import Driver

from .cypher_files import load as cypher


def wipe_data(driver: Driver, database: str) -> None:
    """Delete all data, keeping constraints, indexes and the schema version."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run(cypher("admin/wipe_relationships")).consume()
        session.run(cypher("admin/wipe_data")).consume()
