"""The explorer's own database user: created and kept in step by `jigsaw db init`.

The loader and CLI sign in as the admin user; the explorer signs in as this one. Where the
server has roles (Enterprise, Aura) the user gets the built-in `publisher` role: it may
write data (the explorer records identity verdicts and casework) but the server refuses it
schema, user, role and database administration. `reader` would break those pages. Community
has no roles: every user may do everything there, so the explorer's read transactions
(`READ_ACCESS` in `jigsaw.catalogue` and `jigsaw.free_cypher`) are what holds.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from .config import Settings
from .cypher_files import load as cypher
from .neo4j_server.server import write_secret

SYSTEM = "system"


@dataclass(frozen=True)
class ExplorerUser:
    name: str | None  # None: remote server, no explorer credentials: the explorer uses the main ones
    created: bool = False
    password_reset: bool = False
    edition: str | None = None
    server_role: bool = False  # True where the server limits the user by role (Enterprise/Aura)


def _edition(driver: Driver) -> str:
    records, _, _ = driver.execute_query(cypher("admin/server_edition"), database_=SYSTEM, routing_="r")
    return next(r["edition"] for r in records if r["name"] == "Neo4j Kernel")


def _password(settings: Settings) -> str:
    """The configured password; on the local server a random one is made (owner-only file) the first time."""
    if settings.jigsaw_explorer_password is None and settings.managed and not settings.explorer_password_file.exists():
        write_secret(settings.explorer_password_file, secrets.token_urlsafe(24))
    return settings.explorer_password()


def _signs_in(settings: Settings, name: str, password: str) -> bool:
    with GraphDatabase.driver(settings.bolt_uri, auth=(name, password), connection_timeout=5) as probe:
        try:
            return probe.verify_authentication()
        except AuthError:
            return False


def ensure_explorer_user(driver: Driver, settings: Settings) -> ExplorerUser:
    """Create the explorer user, or reset its password to the configured one; safe to run twice."""
    name = settings.explorer_user
    if name is None:
        return ExplorerUser(None)
    if name == settings.neo4j_user:
        raise ValueError("JIGSAW_EXPLORER_USER must differ from NEO4J_USER: the explorer needs its own database user.")
    password = _password(settings)
    summary = driver.execute_query(
        cypher("admin/explorer_user_create"), name=name, password=password, database_=SYSTEM
    ).summary
    created = summary.counters.system_updates > 0
    reset = False
    if not created and not _signs_in(settings, name, password):
        driver.execute_query(cypher("admin/explorer_user_password"), name=name, password=password, database_=SYSTEM)
        reset = True
    edition = _edition(driver)
    limited = edition != "community"
    if limited:
        driver.execute_query(cypher("admin/explorer_user_role"), name=name, database_=SYSTEM)
    return ExplorerUser(name, created=created, password_reset=reset, edition=edition, server_role=limited)


def user_roles(driver: Driver, name: str) -> list[str] | None:
    """The user's roles; raises LookupError when there is no such user (None on Community)."""
    records, _, _ = driver.execute_query(cypher("admin/user_roles"), name=name, database_=SYSTEM, routing_="r")
    if not records:
        raise LookupError(name)
    return records[0]["roles"]


def current_user(driver: Driver) -> str:
    records, _, _ = driver.execute_query(cypher("admin/current_user"), database_=SYSTEM, routing_="r")
    return records[0]["user"]
