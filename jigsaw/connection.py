"""One place that opens a driver to whichever Neo4j the settings name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase

from .config import Settings


def open_driver(settings: Settings, auth: tuple[str, str] | None = None) -> Driver:
    """A driver with the loader/admin credentials, unless `auth` names others."""
    return GraphDatabase.driver(
        settings.bolt_uri,
        auth=auth or (settings.neo4j_user, settings.password()),
        connection_timeout=5,
        max_transaction_retry_time=settings.jigsaw_retry_seconds,
        user_agent="jigsaw",
        notifications_min_severity="OFF",  # "label does not exist" warnings on an empty graph are noise
    )


def open_explorer_driver(settings: Settings) -> Driver:
    """The explorer's driver: its own database user, never the loader's where one is configured."""
    return open_driver(settings, settings.explorer_auth())


@contextmanager
def driver_for(settings: Settings) -> Iterator[Driver]:
    driver = open_driver(settings)
    try:
        yield driver
    finally:
        driver.close()


def server_components(settings: Settings) -> tuple[str, str]:
    """The (version, edition) the server itself reports over Bolt.

    A plain session.run, not execute_query: a readiness probe must fail fast
    rather than sit in the driver's retry loop.
    """
    with driver_for(settings) as driver, driver.session(database="system") as session:
        for record in session.run("CALL dbms.components() YIELD name, versions, edition"):
            if record["name"] == "Neo4j Kernel":
                return record["versions"][0], record["edition"]
    raise RuntimeError("the server did not report a Neo4j Kernel component")
