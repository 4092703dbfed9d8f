"""Shared fixtures: one real Neo4j per test session, a clean graph per test.

The tests use their own local server (own folder, own port) so they never touch the
demo database. With NEO4J_URI set they use that server instead. Under CI=true a
missing or unreachable Neo4j fails the run; it never skips.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from jigsaw import schema
from jigsaw.config import Settings
from tests.paths import REPO_ROOT
from jigsaw.connection import open_driver
from jigsaw.graph_admin import wipe_data
from jigsaw.neo4j_server import server
from jigsaw.neo4j_server.errors import ServerError

TEST_HOME = REPO_ROOT / ".jigsaw" / "test"
TEST_PORT = int(os.environ.get("JIGSAW_TEST_BOLT_PORT", "7697"))


def _unavailable(reason: str) -> None:
    message = f"Neo4j is required for this test and is not available: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    if os.environ.get("NEO4J_URI"):
        return Settings()
    # 2g unless told: the whole suite (600 tests, some asking all London live) runs on one server,
    # and with 1g a late all-London query met the server's memory limit in a full run.
    return Settings(neo4j_uri=None, neo4j_password=None, jigsaw_home=TEST_HOME, jigsaw_bolt_port=TEST_PORT,
                    jigsaw_heap=os.environ.get("JIGSAW_HEAP") or "2g")  # fmt: skip


@pytest.fixture(scope="session")
def neo4j_server(neo4j_settings: Settings):
    """Start the local test server once (or check the external one answers)."""
    started_here = False
    try:
        if neo4j_settings.managed:
            started_here = server._read_pid(server.Layout(neo4j_settings.server_dir)) is None
            server.start(neo4j_settings, echo=lambda *_: None)
        state = server.status(neo4j_settings)
        if not state.version:
            _unavailable(state.error or "no answer")
    except ServerError as err:
        _unavailable(str(err))
    yield neo4j_settings
    if started_here and not os.environ.get("JIGSAW_TEST_KEEP_SERVER"):
        server.stop(neo4j_settings)


@contextmanager
def own_local_server(folder: str, port_variable: str, default_port: int, why: str) -> Iterator[Settings]:
    """A small local server of a test module's own (its folder under .jigsaw/, its port), stopped afterwards."""
    if os.environ.get("NEO4J_URI"):
        _unavailable(f"{why}; it cannot with NEO4J_URI set")
    settings = Settings(neo4j_uri=None, neo4j_password=None, jigsaw_home=REPO_ROOT / ".jigsaw" / folder,
                        jigsaw_bolt_port=int(os.environ.get(port_variable, str(default_port))),
                        jigsaw_heap="512m", jigsaw_pagecache="128m")  # fmt: skip
    server.start(settings, echo=lambda *_: None)
    try:
        yield settings
    finally:
        server.stop(settings)


@pytest.fixture(scope="session")
def driver(neo4j_server: Settings):
    drv = open_driver(neo4j_server)
    schema.apply(drv, neo4j_server.neo4j_database)
    yield drv
    drv.close()


@pytest.fixture(scope="session")
def explorer_user(driver, neo4j_server: Settings):
    """The explorer's own database user on the test server (what `jigsaw db init` makes)."""
    from jigsaw.db_users import ensure_explorer_user

    return ensure_explorer_user(driver, neo4j_server)


@pytest.fixture
def graph(driver, neo4j_server: Settings):
    """A clean graph (schema kept) for one test; yields the driver."""
    wipe_data(driver, neo4j_server.neo4j_database)
    yield driver


@pytest.fixture
def db(neo4j_server: Settings) -> str:
    return neo4j_server.neo4j_database


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    return tmp_path


def explorer_variables(settings: Settings) -> dict[str, str]:
    """Environment for an explorer on the test server, signing in as its own database user."""
    variables = {"NEO4J_URI": settings.bolt_uri, "NEO4J_PASSWORD": settings.password(),
                 "NEO4J_DATABASE": settings.neo4j_database}  # fmt: skip
    if settings.explorer_user:
        variables |= {"JIGSAW_EXPLORER_USER": settings.explorer_user, "JIGSAW_EXPLORER_PASSWORD": settings.explorer_password()}
    return variables


@pytest.fixture
def explorer_env(monkeypatch, neo4j_server: Settings, explorer_user, tmp_path: Path) -> Path:
    """The explorer pointed at the test server, with its own home (audit trail, accounts); returns the home."""
    for name, value in explorer_variables(neo4j_server).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIGSAW_USER", "analyst.one")
    return tmp_path / "home"
