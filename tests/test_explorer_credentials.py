"""The explorer signs in to Neo4j as its own user, never with the loader's credentials (real server)."""

from __future__ import annotations

import logging
import stat

import pytest
from neo4j import GraphDatabase

from jigsaw.config import DEFAULT_EXPLORER_USER, Settings
from jigsaw.connection import open_explorer_driver
from jigsaw.db_users import current_user, ensure_explorer_user, user_roles

pytestmark = pytest.mark.neo4j


def test_init_creates_the_explorer_user_with_an_owner_only_password(driver, neo4j_server, explorer_user):
    if not neo4j_server.managed:
        pytest.skip("the password file belongs to the local server")
    assert explorer_user.name == DEFAULT_EXPLORER_USER != neo4j_server.neo4j_user
    user_roles(driver, DEFAULT_EXPLORER_USER)  # raises LookupError when missing
    mode = neo4j_server.explorer_password_file.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert neo4j_server.explorer_password() != neo4j_server.password()
    if explorer_user.edition == "community":
        assert not explorer_user.server_role  # Community has no roles to grant


def test_init_twice_changes_nothing(driver, neo4j_server, explorer_user):
    again = ensure_explorer_user(driver, neo4j_server)
    assert again.name == explorer_user.name and not again.created and not again.password_reset


def test_init_resets_a_password_that_no_longer_signs_in(driver, neo4j_server, explorer_user):
    if not neo4j_server.managed:
        pytest.skip("changes the local server's password file")
    kept = neo4j_server.explorer_password()
    neo4j_server.explorer_password_file.unlink()
    try:
        changed = ensure_explorer_user(driver, neo4j_server)  # writes a new random password, the server follows
        assert changed.password_reset and neo4j_server.explorer_password() != kept
        with open_explorer_driver(neo4j_server) as explorer:
            assert current_user(explorer) == DEFAULT_EXPLORER_USER
    finally:
        from jigsaw.neo4j_server.server import write_secret

        write_secret(neo4j_server.explorer_password_file, kept)
        assert ensure_explorer_user(driver, neo4j_server).password_reset


def test_the_explorer_app_signs_in_as_its_own_user(explorer_env, neo4j_server, explorer_user):
    from explorer.data import graph_driver

    graph_driver.clear()  # the cache outlives a test; build the driver from this environment
    drv, _ = graph_driver()
    assert current_user(drv) == explorer_user.name != neo4j_server.neo4j_user
    admin = GraphDatabase.driver(neo4j_server.bolt_uri, auth=(neo4j_server.explorer_user, neo4j_server.password()))
    with admin, pytest.raises(Exception, match=r"(?i)unauthori[sz]ed|authentication"):
        admin.verify_connectivity()  # the admin password does not open the explorer's account


def test_the_explorer_user_must_not_be_the_admin(driver, neo4j_server):
    same = neo4j_server.model_copy(update={"jigsaw_explorer_user": neo4j_server.neo4j_user})
    with pytest.raises(ValueError, match="must differ"):
        ensure_explorer_user(driver, same)


def test_a_remote_server_without_explorer_credentials_falls_back_with_a_warning(caplog):
    remote = Settings(
        neo4j_uri="bolt://db.example:7687",
        neo4j_user="loader",
        neo4j_password="secret-pw",
        jigsaw_explorer_user=None,
        jigsaw_explorer_password=None,
    )
    with caplog.at_level(logging.WARNING, logger="jigsaw.config"):
        assert remote.explorer_auth() == ("loader", "secret-pw")
    assert "JIGSAW_EXPLORER_USER is not set" in caplog.text and "secret-pw" not in caplog.text
    given = Settings(
        neo4j_uri="bolt://db.example:7687",
        neo4j_user="loader",
        neo4j_password="secret-pw",
        jigsaw_explorer_user="viewer",
        jigsaw_explorer_password="other-pw",
    )
    assert given.explorer_auth() == ("viewer", "other-pw")


def test_db_init_on_the_local_server_twice(monkeypatch, driver, neo4j_server, explorer_user):
    if not neo4j_server.managed:
        pytest.skip("the local server's own `jigsaw db init`")
    from typer.testing import CliRunner

    from jigsaw_cli import app

    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "JIGSAW_EXPLORER_USER", "JIGSAW_EXPLORER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JIGSAW_HOME", str(neo4j_server.jigsaw_home))
    monkeypatch.setenv("JIGSAW_BOLT_PORT", str(neo4j_server.jigsaw_bolt_port))
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["db", "init"])
        assert result.exit_code == 0, result.output
        assert f"Explorer database user {DEFAULT_EXPLORER_USER}: already in place" in " ".join(result.output.split())
    assert neo4j_server.explorer_password() not in result.output
