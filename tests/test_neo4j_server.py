"""The local Neo4j server: provisioning checks, start/stop/recover, security of its set-up."""

from __future__ import annotations

import inspect
import os
import signal
import socket
import stat
import subprocess
import time

import pytest
from neo4j.exceptions import ClientError
from typer.testing import CliRunner

from jigsaw import schema
from jigsaw.config import Settings
from jigsaw.neo4j_server import provision, server
from jigsaw.neo4j_server.errors import ServerError
from jigsaw_cli import app


def test_java_version_is_read_from_java_dash_version(tmp_path):
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n")
    fake.chmod(0o755)
    assert provision.java_major_version(str(fake)) == 11


def test_wrong_java_version_says_what_to_do(tmp_path, monkeypatch):
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho 'java version \"1.8.0_292\"' >&2\n")
    fake.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path.parent))
    monkeypatch.setattr(provision, "java_executable", lambda: str(fake))
    with pytest.raises(ServerError) as err:
        provision.check_java()
    assert "Java 8" in err.value.what and "openjdk-17" in err.value.todo


def test_missing_java_says_what_to_do(monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ServerError) as err:
        provision.java_executable()
    assert "apt-get install openjdk-17" in err.value.todo


def test_failed_download_says_what_to_do(tmp_path, monkeypatch):
    fake_mvn = tmp_path / "bin" / "mvn"
    fake_mvn.parent.mkdir()
    fake_mvn.write_text("#!/bin/sh\necho 'Could not transfer artifact org.neo4j:neo4j' >&2\nexit 1\n")
    fake_mvn.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake_mvn.parent}:{os.environ['PATH']}")
    with pytest.raises(ServerError) as err:
        provision.install(tmp_path / "cache", echo=lambda *_: None)
    assert "Maven Central failed" in err.value.what and "Could not transfer" in err.value.what
    assert "jigsaw db install" in err.value.todo
    assert not provision.is_installed(tmp_path / "cache")


@pytest.mark.neo4j  # provisions from the jar cache before it checks the port
def test_port_in_use_is_reported_before_starting(tmp_path, neo4j_jars):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        settings = Settings(neo4j_uri=None, jigsaw_home=tmp_path, jigsaw_cache=neo4j_jars, jigsaw_bolt_port=port)
        with pytest.raises(ServerError) as err:
            server.start(settings, echo=lambda *_: None)  # waits out the grace period, then says so
    assert f"Port {port}" in err.value.what and "JIGSAW_BOLT_PORT" in err.value.todo


def test_external_uri_never_starts_a_local_server(tmp_path):
    settings = Settings(neo4j_uri="bolt://127.0.0.1:1", jigsaw_home=tmp_path)
    with pytest.raises(ServerError) as err:
        server.start(settings)
    assert "NEO4J_URI is set" in err.value.what


def test_config_binds_loopback_only_and_disables_http(tmp_path):
    settings = Settings(neo4j_uri=None, jigsaw_home=tmp_path, jigsaw_bolt_port=7999)
    conf = server.write_config(settings, server.Layout(settings.server_dir)).read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.bolt.listen_address=127.0.0.1:7999" in conf
    assert "server.http.enabled=false" in conf


@pytest.mark.neo4j
def test_status_reports_the_version_the_server_gives_over_bolt(neo4j_server, monkeypatch):
    state = server.status(neo4j_server)
    assert state.version == provision.neo4j_version() or not neo4j_server.managed
    assert state.edition in {"community", "enterprise"}
    _use(monkeypatch, neo4j_server)
    result = CliRunner().invoke(app, ["db", "status"])
    assert result.exit_code == 0, result.output
    assert f"Neo4j {state.version}" in result.output


@pytest.mark.neo4j
def test_password_is_random_and_private(neo4j_server):
    if not neo4j_server.managed:
        pytest.skip("external server: its password is the operator's")
    password = neo4j_server.password_file.read_text().strip()
    assert len(password) >= 24 and password not in {"neo4j", "password"}
    assert stat.S_IMODE(neo4j_server.password_file.stat().st_mode) == 0o600


@pytest.mark.neo4j
def test_default_credentials_are_refused(neo4j_server):
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    with GraphDatabase.driver(neo4j_server.bolt_uri, auth=("neo4j", "neo4j")) as weak:
        with pytest.raises(AuthError):
            weak.verify_connectivity()


@pytest.mark.neo4j
def test_schema_init_is_idempotent_and_versioned(graph, db):
    schema.apply(graph, db)
    assert schema.apply(graph, db) == []
    assert schema.current_version(graph, db) == len(schema.migrations())
    names = {r["name"] for r in graph.execute_query("SHOW CONSTRAINTS YIELD name", database_=db).records}
    assert {"record_key", "mention_key", "person_id", "place_key"} <= names


@pytest.mark.neo4j
def test_a_migration_statement_runs_with_the_migrations_timeout_not_the_servers_two_minutes(graph, db):
    """The server ends a query after two minutes (server.py); building every index after a first load
    at L on a busy machine took longer, and the load died there. A migration's statement carries its
    own timeout to the server (shown with a short one ending a long statement), and by default that is
    the migrations' hour."""
    with graph.session(database=db) as session, pytest.raises(ClientError) as ended:
        schema.run_statement(session, "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*)", 0.5)
    assert ended.value.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut")
    assert inspect.signature(schema.run_statement).parameters["timeout"].default == schema.MIGRATION_TIMEOUT >= 3600


@pytest.mark.neo4j
def test_killed_server_restarts_with_data_intact(neo4j_server, graph, db):
    if not neo4j_server.managed:
        pytest.skip("only the local server can be killed by the test")
    graph.execute_query("CREATE (:Probe {marker: 'survives'})", database_=db)
    pid = server._read_pid(server.Layout(neo4j_server.server_dir))
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server._is_our_server(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    # Restart straight away, as a user would: start() must cope with the socket still closing.
    state = server.start(neo4j_server, echo=lambda *_: None)
    assert state.version
    graph.execute_query("RETURN 1", database_=db)  # the pool reconnects by itself
    records = graph.execute_query("MATCH (p:Probe) RETURN p.marker AS m", database_=db).records
    assert [r["m"] for r in records] == ["survives"]


@pytest.mark.neo4j
def test_listens_on_loopback_only(neo4j_server):
    if not neo4j_server.managed:
        pytest.skip("external server")
    listening = subprocess.run(["ss", "-Hltn"], capture_output=True, text=True).stdout
    port = f":{neo4j_server.jigsaw_bolt_port}"
    ours = [line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(port)]
    loopback = ("127.0.0.1:", "[::ffff:127.0.0.1]:")  # Java shows the IPv4-mapped form
    assert ours and all(addr.startswith(loopback) for addr in ours), ours


def _use(monkeypatch, settings: Settings) -> None:
    """Point the CLI's settings at the test server."""
    monkeypatch.setattr("jigsaw_cli.common.get_settings", lambda: settings)


def test_docker_compose_file_is_well_formed_and_safe():
    import yaml

    from tests.paths import REPO_ROOT

    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "healthcheck" in neo4j and neo4j["healthcheck"]["test"]
    assert all(port.startswith("127.0.0.1:") for port in neo4j["ports"])
    assert "${NEO4J_PASSWORD:?" in neo4j["environment"]["NEO4J_AUTH"]  # no default password
    assert "jigsaw-neo4j-data" in compose["volumes"]


@pytest.mark.neo4j
def test_a_second_server_on_the_same_store_is_told_the_store_is_locked(neo4j_server):
    if not neo4j_server.managed:
        pytest.skip("only the local server")
    assert server.status(neo4j_server).version, "the test server must be running for its store to be locked"
    layout = server.Layout(neo4j_server.server_dir)
    pid_file = layout.pid_file.read_text()
    layout.pid_file.unlink()  # pretend we lost track of the running server
    other = neo4j_server.model_copy(update={"jigsaw_bolt_port": neo4j_server.jigsaw_bolt_port + 1})
    try:
        try:
            server.start(other, timeout=120, echo=lambda *_: None)
        except ServerError as err:  # not pytest.raises: the else branch must stop a server that started
            assert "locked by another Neo4j process" in err.what  # noqa: PT017
        else:
            server.stop(other)  # never leave a second server behind
            pytest.fail("a second server started on a store that is in use")
    finally:
        layout.pid_file.write_text(pid_file)
        server.write_config(neo4j_server, layout)  # the running server's own port again
