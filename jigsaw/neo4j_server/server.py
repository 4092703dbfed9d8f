"""Start, stop and inspect the local Neo4j Community server.

The server is started with `org.neo4j.server.CommunityEntryPoint`, the same main
class the packaged `neo4j console` runs, straight from the Maven-resolved jars:
no extra Java code is compiled and nothing but the real server listens on Bolt.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import string
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from . import provision
from .errors import ServerError
from .memory_limits import transaction_limits

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
RELATIONSHIP_GROUPING_THRESHOLD = 10  # see write_config

# The JVM options the packaged neo4j.conf sets (server.jvm.additional).
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    # No -XX:+ExitOnOutOfMemoryError: Cypher does not count the memory of values built inside
    # an expression (a list comprehension over range()), so one analyst's query can still fill
    # the heap; the error then ends that query alone (tests/test_query_limits.py) rather than
    # the whole server for everyone.
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


@dataclass(frozen=True)
class Layout:
    """Where the local server keeps its files."""

    root: Path

    @property
    def conf(self) -> Path:
        return self.root / "conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "jigsaw-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def initialised(self) -> bool:
        """True once the server has created its system database (users live there)."""
        return (self.data / "databases" / "system").exists()


@dataclass
class Status:
    running: bool
    pid: int | None
    uri: str
    version: str | None = None
    edition: str | None = None
    error: str | None = None


def _layout(settings: Settings) -> Layout:
    return Layout(settings.server_dir)


def write_config(settings: Settings, layout: Layout) -> Path:
    layout.conf.mkdir(parents=True, exist_ok=True)
    conf = layout.conf / "neo4j.conf"
    # Loopback only; the HTTP API is off because Jigsaw speaks Bolt only.
    conf.write_text(
        "\n".join(
            [
                "# Written by `jigsaw db start` on every start; edit Settings, not this file.",
                "server.default_listen_address=127.0.0.1",
                f"server.bolt.listen_address=127.0.0.1:{settings.jigsaw_bolt_port}",
                f"server.bolt.advertised_address=127.0.0.1:{settings.jigsaw_bolt_port}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                f"server.directories.data={layout.data}",
                f"server.directories.logs={layout.logs}",
                f"server.directories.run={layout.run}",
                f"server.directories.import={layout.root / 'import'}",
                f"server.memory.pagecache.size={settings.jigsaw_pagecache}",
                "dbms.security.auth_enabled=true",
                "db.transaction.timeout=120s",
                # A node with 10 relationships or more keeps them grouped by type and direction (the default is
                # 50), so walking one type reads that group alone: at L a record is a piece of many jigsaw links
                # (PIECE_A, PIECE_B: a third of records have 20 to 49 relationships), and a query following its
                # MENTIONS or NAMES_PLACE walked them all. Read when a store is created (the importer, reading
                # this file, builds it so) or a node passes the threshold.
                f"db.relationship_grouping_threshold={RELATIONSHIP_GROUPING_THRESHOLD}",
                *(f"{name}={value}" for name, value in transaction_limits(settings.jigsaw_heap).items()),
                "db.logs.query.enabled=OFF",  # query parameters can hold personal data
                "",
            ]
        ),
        encoding="utf-8",
    )
    return conf


def write_secret(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.chmod(path, 0o600)


# Letters and digits only: the admin tool (picocli) reads an argument starting with '-' as an
# option and one starting with '@' as a file of arguments. 32 of 62 symbols is 190 bits.
PASSWORD_ALPHABET = string.ascii_letters + string.digits


def new_password(length: int = 32) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def as_admin_argument(password: str) -> str:
    """The password as the admin tool's last argument: it follows `--`, so a leading '-' is not an
    option; picocli still expands '@file' after `--`, and reads '@@' as a literal '@'."""
    return "@" + password if password.startswith("@") else password


def _java_env(layout: Layout) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(layout.root)
    env["NEO4J_CONF"] = str(layout.conf)
    return env


def ensure_password(settings: Settings, layout: Layout, java: str, lib: Path) -> None:
    """Before the very first start, set a random initial password offline.

    The admin tool writes it into the store before the server ever runs, so the
    well-known `neo4j/neo4j` account never exists, not even for a moment.
    """
    if layout.initialised:
        if not settings.password_file.exists() and settings.neo4j_password is None:
            raise ServerError(
                f"The local database in {layout.data} exists but its password file is missing.",
                "set NEO4J_PASSWORD to the password you chose, or run `jigsaw db reset` to start afresh.",
            )
        return
    if settings.password_file.exists():
        password = settings.password_file.read_text(encoding="utf-8").strip()
    else:
        password = new_password()
        write_secret(settings.password_file, password)
    result = subprocess.run(
        [java, "-cp", f"{lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", "--", as_admin_argument(password)],
        capture_output=True,
        text=True,
        env=_java_env(layout),
        check=False,
    )
    if result.returncode != 0:
        raise ServerError(
            f"Setting the initial password failed: {result.stderr.strip()[-500:]}",
            f"see {layout.logs}, or run `jigsaw db reset`.",
        )


def _read_pid(layout: Layout) -> int | None:
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _is_our_server(pid) else None


def _is_our_server(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return ENTRY_POINT.encode() in cmdline


def _port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _port_stays_busy(port: int, grace: float = 10.0) -> bool:
    """True if something still answers on the port after `grace` seconds.

    A server that was just killed can hold its socket for a moment after its process
    is gone; a restart right then should wait, not report the port as taken.
    """
    deadline = time.monotonic() + grace
    while _port_answers(port):
        if time.monotonic() > deadline:
            return True
        time.sleep(0.2)
    return False


def _log_tail(layout: Layout, lines: int = 40) -> str:
    chunks = []
    for path in (layout.console_log, layout.logs / "neo4j.log"):
        if path.exists():
            chunks.extend(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    return "\n".join(chunks)


def _diagnose_exit(settings: Settings, layout: Layout) -> ServerError:
    tail = _log_tail(layout)
    if "Lock" in tail and ("store" in tail.lower() or "FileLock" in tail):
        return ServerError(
            f"The store in {layout.data} is locked by another Neo4j process.",
            "stop the other process (`jigsaw db stop`, or `pkill -f CommunityEntryPoint`), then start again.",
        )
    if "Address already in use" in tail or "BindException" in tail:
        return _port_in_use(settings)
    return ServerError(
        f"Neo4j exited during start-up. Last log lines:\n{tail[-2000:]}",
        f"read {layout.console_log} and {layout.logs / 'neo4j.log'}.",
    )


def _port_in_use(settings: Settings) -> ServerError:
    port = settings.jigsaw_bolt_port
    return ServerError(
        f"Port {port} on 127.0.0.1 is already in use by another program.",
        f"set JIGSAW_BOLT_PORT to a free port, or stop what listens there (`ss -ltnp 'sport = :{port}'`).",
    )


def start(settings: Settings, *, timeout: float = 180.0, echo=print) -> Status:
    """Start the local server (provisioning it first) and wait until Bolt answers."""
    if not settings.managed:
        raise ServerError(
            f"NEO4J_URI is set ({settings.neo4j_uri}); Jigsaw does not start a server of its own then.",
            "unset NEO4J_URI to use the local server, or start yours (e.g. `docker compose up -d`).",
        )
    layout = _layout(settings)
    pid = _read_pid(layout)
    if pid is not None:
        return wait_for_bolt(settings, pid, timeout=timeout)
    java = provision.check_java()
    lib = provision.install(settings.jigsaw_cache, echo=echo)
    if _port_stays_busy(settings.jigsaw_bolt_port):
        raise _port_in_use(settings)
    for folder in (layout.data, layout.logs, layout.run):
        folder.mkdir(parents=True, exist_ok=True)
    os.chmod(layout.root, 0o700)  # children's data: owner only
    write_config(settings, layout)
    ensure_password(settings, layout, java, lib)
    command = [
        java,
        f"-Xms{settings.jigsaw_heap}",
        f"-Xmx{settings.jigsaw_heap}",
        *JVM_OPTIONS,
        "-cp",
        f"{lib}/*",
        ENTRY_POINT,
        f"--home-dir={layout.root}",
        f"--config-dir={layout.conf}",
    ]
    with open(layout.console_log, "ab") as console:
        process = subprocess.Popen(
            command,
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=_java_env(layout),
            start_new_session=True,  # outlives the CLI; `jigsaw db stop` ends it
        )
    layout.pid_file.write_text(str(process.pid), encoding="utf-8")
    echo(f"Starting Neo4j {provision.neo4j_version()} (pid {process.pid}) on {settings.bolt_uri} ...")
    return wait_for_bolt(settings, process.pid, timeout=timeout, process=process)


def wait_for_bolt(settings: Settings, pid: int, *, timeout: float, process: subprocess.Popen | None = None) -> Status:
    layout = _layout(settings)
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        exited = process.poll() is not None if process else not _is_our_server(pid)
        if exited:
            layout.pid_file.unlink(missing_ok=True)
            raise _diagnose_exit(settings, layout)
        current = status(settings)
        if current.version:
            return current
        last = current.error
        time.sleep(0.5)
    raise ServerError(
        f"Neo4j did not answer on {settings.bolt_uri} within {timeout:.0f}s (last error: {last}).",
        f"read {layout.logs / 'neo4j.log'}; a first start on a slow disk can take longer.",
    )


def stop(settings: Settings, *, timeout: float = 60.0) -> bool:
    """Stop the local server; returns False when it was not running."""
    layout = _layout(settings)
    pid = _read_pid(layout)
    if pid is None:
        layout.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _is_our_server(pid):
        time.sleep(0.2)
    if _is_our_server(pid):
        os.kill(pid, signal.SIGKILL)
    layout.pid_file.unlink(missing_ok=True)
    return True


def status(settings: Settings) -> Status:
    """What the server says about itself over Bolt (works for external URIs too)."""
    from ..connection import server_components

    pid = _read_pid(_layout(settings)) if settings.managed else None
    try:
        version, edition = server_components(settings)
    except Exception as exc:  # noqa: BLE001 - any failure means "not answering"; report it.
        return Status(running=pid is not None, pid=pid, uri=settings.bolt_uri, error=str(exc).splitlines()[0])
    return Status(running=True, pid=pid, uri=settings.bolt_uri, version=version, edition=edition)


def reset(settings: Settings) -> None:
    """Stop the server and delete its data and password (used by tests and `jigsaw db reset`)."""
    import shutil

    stop(settings)
    shutil.rmtree(_layout(settings).root, ignore_errors=True)
