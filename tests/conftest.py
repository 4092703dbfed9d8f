"""Shared fixtures: one real Neo4j per test session, a clean graph per test.

The tests use their own local server (own folder outside the checkout, own port) so they
never touch the demo database. With NEO4J_URI set they use that server instead. Under
CI=true a missing or unreachable Neo4j fails the run; it never skips.

Collection fails for a test that uses Neo4j without the `neo4j` marker or a browser without
the `browser` marker (so `-m "not neo4j and not browser"` needs neither), and the run fails
when a test wrote into the checkout (tests/checkout_guard.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jigsaw import schema
from jigsaw.config import Settings
from jigsaw.connection import open_driver
from jigsaw.graph_admin import wipe_data
from jigsaw.neo4j_server import server
from jigsaw.neo4j_server.errors import ServerError
from tests.neo4j_servers import (
    explorer_variables,
    kept_server_home,
    own_local_server,
    session_server_settings,
    unavailable,
)
from tests.run_folders import jar_cache

# Fixtures shared by several test files, each kept in the module that says what it holds.
pytest_plugins = [
    "pytester",
    "tests.checkout_guard",
    "tests.markers",
    "tests.downloads",
    "tests.explorer_app",
    "tests.browser_explorer",
]

TEST_PORT = int(os.environ.get("JIGSAW_TEST_BOLT_PORT", "7697"))


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory) -> Settings:
    if os.environ.get("NEO4J_URI"):
        return Settings()
    home = kept_server_home(TEST_PORT) or tmp_path_factory.mktemp("neo4j-server")
    # 2g unless told: the whole suite (600 tests, some asking all London live) runs on one server,
    # and with 1g a late all-London query met the server's memory limit in a full run.
    return session_server_settings(home, TEST_PORT, os.environ.get("JIGSAW_HEAP") or "2g")


@pytest.fixture(scope="session")
def neo4j_jars() -> Path:
    """The provisioned Neo4j jars' cache, for a test that starts (or tries to start) a server of its own."""
    return jar_cache()


@pytest.fixture(scope="session")
def local_server(tmp_path_factory):
    """Starts a small local server of a test module's own, in a temporary home:
    `with local_server("name", "JIGSAW_TEST_SECOND_BOLT_PORT", 7699, why) as settings: ...`"""

    def start(name: str, port_variable: str, default_port: int, why: str):
        return own_local_server(tmp_path_factory.mktemp(name), port_variable, default_port, why)

    return start


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
            unavailable(state.error or "no answer")
    except ServerError as err:
        unavailable(str(err))
    yield neo4j_settings
    if started_here and not os.environ.get("JIGSAW_TEST_KEEP_SERVER"):
        server.stop(neo4j_settings)


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
    return driver


@pytest.fixture
def db(neo4j_server: Settings) -> str:
    return neo4j_server.neo4j_database


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def explorer_env(monkeypatch, neo4j_server: Settings, explorer_user, tmp_path: Path) -> Path:
    """The explorer pointed at the test server, with its own home (audit trail, accounts); returns the home."""
    for name, value in explorer_variables(neo4j_server).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIGSAW_USER", "analyst.one")
    return tmp_path / "home"
