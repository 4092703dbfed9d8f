"""Where the tests' Neo4j servers live and how they are started; the fixtures are in conftest.py.

A test never writes into the checkout: every server a test starts keeps its runtime state
outside it (tests/run_folders.py), and none downloads jars into it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jigsaw.config import Settings
from jigsaw.neo4j_server import server
from tests.run_folders import jar_cache, state_root


def unavailable(reason: str) -> None:
    """Skip a test that needs Neo4j when there is none; under CI=true fail instead, never skip."""
    message = f"Neo4j is required for this test and is not available: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def kept_server_home(port: int) -> Path | None:
    """The home of the session's server when it is to outlive the run (JIGSAW_TEST_KEEP_SERVER) or
    an earlier run left it running; None for a server of this run only (in a temporary folder)."""
    home = state_root() / f"server-{port}"
    if os.environ.get("JIGSAW_TEST_KEEP_SERVER") or server._read_pid(server.Layout(home / "neo4j")) is not None:
        return home
    return None


def session_server_settings(home: Path, port: int, heap: str) -> Settings:
    """The session's server: its home and port, the shared jars."""
    return Settings(
        neo4j_uri=None,
        neo4j_password=None,
        jigsaw_home=home,
        jigsaw_cache=jar_cache(),
        jigsaw_bolt_port=port,
        jigsaw_heap=heap,
    )


@contextmanager
def own_local_server(home: Path, port_variable: str, default_port: int, why: str) -> Iterator[Settings]:
    """A small local server of a test module's own (its home, its port), stopped afterwards."""
    if os.environ.get("NEO4J_URI"):
        unavailable(f"{why}; it cannot with NEO4J_URI set")
    settings = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        jigsaw_home=home,
        jigsaw_cache=jar_cache(),
        jigsaw_bolt_port=int(os.environ.get(port_variable, str(default_port))),
        jigsaw_heap="512m",
        jigsaw_pagecache="128m",
    )
    server.start(settings, echo=lambda *_: None)
    try:
        yield settings
    finally:
        server.stop(settings)


def explorer_variables(settings: Settings) -> dict[str, str]:
    """Environment for an explorer on the test server, signing in as its own database user."""
    variables = {
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": settings.password(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }
    if settings.explorer_user:
        variables |= {
            "JIGSAW_EXPLORER_USER": settings.explorer_user,
            "JIGSAW_EXPLORER_PASSWORD": settings.explorer_password(),
        }
    return variables
