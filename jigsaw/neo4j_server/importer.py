"""Neo4j's offline importer (`neo4j-admin database import full`), run from the Maven-provisioned jars.

It builds a database's store straight from CSV files, without transactions, so the database
must not be running. Used by the first bulk load (`jigsaw load --initial`) and by the load
benchmark's reference (`bench/offline_import.py`).
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from . import provision
from .errors import ServerError
from .server import ADMIN_TOOL


@dataclass
class ImportRun:
    seconds: float
    nodes: int
    relationships: int
    output_tail: str


def _imported(output: str, what: str) -> int:
    match = re.search(rf"([\d,]+) {what}", output)
    return int(match.group(1).replace(",", "")) if match else -1


def import_full(
    settings: Settings,
    home: Path,
    database: str,
    nodes: list[str],
    relationships: list[str],
    *,
    array_delimiter: str,
    multiline: bool,
    report_file: Path,
) -> ImportRun:
    """Build `database` under the Neo4j home `home` (its conf/neo4j.conf names the data folder).

    `nodes` and `relationships` are the importer's own arguments ("Label1:Label2=file" or "file").
    Replaces whatever store `database` had; raises ServerError with the importer's output on failure.
    """
    java = provision.check_java()
    lib = provision.install(settings.jigsaw_cache, echo=lambda *_: None)
    command = [
        java,
        "-Xmx2g",
        "-cp",
        f"{lib}/*",
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        *(f"--nodes={n}" for n in nodes),
        *(f"--relationships={r}" for r in relationships),
        f"--array-delimiter={array_delimiter}",
        f"--multiline-fields={'true' if multiline else 'false'}",
        f"--report-file={report_file}",
        "--overwrite-destination=true",
        database,
    ]
    env = {"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"), "PATH": "/usr/bin:/bin"}
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - began
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise ServerError(
            f"neo4j-admin database import failed (exit {result.returncode}):\n{output[-2000:]}",
            f"read {report_file} for the rows it could not import.",
        )
    return ImportRun(round(seconds, 2), _imported(output, "nodes"), _imported(output, "relationships"), output[-600:])
