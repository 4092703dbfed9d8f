"""A Neo4j for benchmarks: its own local server (folder .jigsaw/bench, port 7717), or NEO4J_URI.

JIGSAW_BENCH_HOME and JIGSAW_BENCH_BOLT_PORT give a second benchmark server (JIGSAW_BENCH_HEAP and
JIGSAW_BENCH_PAGECACHE its memory, 4g each unless set), e.g. to time a
first load without replacing the database another benchmark is reading.

Benchmarks never touch the demo database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jigsaw import schema
from jigsaw.config import Settings
from jigsaw.connection import open_driver
from jigsaw.neo4j_server import server
from tests.paths import REPO_ROOT

BENCH_HOME = Path(os.environ.get("JIGSAW_BENCH_HOME") or REPO_ROOT / ".jigsaw" / "bench")
BENCH_PORT = int(os.environ.get("JIGSAW_BENCH_BOLT_PORT", "7717"))


def bench_settings() -> Settings:
    if os.environ.get("NEO4J_URI"):
        return Settings()
    # JIGSAW_BENCH_HEAP / JIGSAW_BENCH_PAGECACHE: a small server for a small data set on a shared machine.
    return Settings(
        neo4j_uri=None,
        neo4j_password=None,
        jigsaw_home=BENCH_HOME,
        jigsaw_bolt_port=BENCH_PORT,
        jigsaw_heap=os.environ.get("JIGSAW_BENCH_HEAP", "4g"),
        jigsaw_pagecache=os.environ.get("JIGSAW_BENCH_PAGECACHE", "4g"),
    )


def disk_reads(settings: Settings) -> Callable[[], int | None]:
    """A reader of how many bytes the benchmark's own server has read from disk so far (Linux's
    /proc/PID/io `read_bytes`: reads the page cache missed and the operating system's cache could not
    serve). It tells a cold draw from a slow one. None for a server elsewhere (NEO4J_URI) or where /proc
    says nothing."""
    pid = server.status(settings).pid if settings.managed else None

    def read() -> int | None:
        try:
            io = Path(f"/proc/{pid}/io").read_text(encoding="ascii")
        except (OSError, TypeError):
            return None
        found = [line.split(":")[1] for line in io.splitlines() if line.startswith("read_bytes:")]
        return int(found[0]) if found else None

    return read


@contextmanager
def bench_driver() -> Iterator[tuple]:
    """(driver, database, settings) with the schema applied; stops a server it started."""
    settings = bench_settings()
    started = settings.managed and server.status(settings).version is None
    if settings.managed:
        server.start(settings, echo=lambda *_: None)
    driver = open_driver(settings)
    try:
        for migration in schema.apply(driver, settings.neo4j_database):  # a backfill says how long it took
            print(f"migration {migration.number:03d}_{migration.name} applied in {migration.seconds:.1f} s", flush=True)
        yield driver, settings.neo4j_database, settings
    finally:
        driver.close()
        if started and not os.environ.get("JIGSAW_BENCH_KEEP_SERVER"):
            server.stop(settings)
