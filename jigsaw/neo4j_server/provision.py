"""Provisioning: check Java, resolve the Neo4j Community jars from Maven Central into the cache."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from importlib.resources import as_file, files
from pathlib import Path

from .errors import ServerError

POM = files("jigsaw.neo4j_server") / "pom.xml"  # package data: found in a checkout and in the wheel alike
SUPPORTED_JAVA = (17, 21)  # Neo4j 5.26 LTS runs on Java 17 and 21.


def neo4j_version() -> str:
    match = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text(encoding="utf-8"))
    assert match, "pom.xml lost its neo4j.version property"
    return match.group(1)


def java_executable() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise ServerError(
            "Java was not found on PATH.",
            "install Java 17 (Debian: `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME.",
        )
    return found


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    text = out.stderr + out.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        raise ServerError(f"Could not read the Java version from `{java} -version`.", "check the Java install.")
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def check_java() -> str:
    java = java_executable()
    major = java_major_version(java)
    if major not in SUPPORTED_JAVA:
        raise ServerError(
            f"Neo4j {neo4j_version()} needs Java 17 or 21; `{java}` is Java {major}.",
            "install Java 17 (`apt-get install openjdk-17-jre-headless`) and point JAVA_HOME at it.",
        )
    return java


def lib_dir(cache: Path) -> Path:
    return cache / "neo4j" / neo4j_version() / "lib"


def is_installed(cache: Path) -> bool:
    return (lib_dir(cache) / ".complete").exists()


def install(cache: Path, *, echo=print) -> Path:
    """Resolve the server jars into `cache`; a no-op when they are already there."""
    target = lib_dir(cache)
    if is_installed(cache):
        return target
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven was not found on PATH; it is needed once to fetch Neo4j from Maven Central.",
            "install Maven (Debian: `apt-get install maven`).",
        )
    staging = target.with_name("lib.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    echo(f"Fetching Neo4j Community {neo4j_version()} from Maven Central (about 125 MB, once)...")
    with as_file(POM) as pom:  # Maven needs a file on disk: the package's own, or a temporary copy
        result = subprocess.run(
            [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={staging}"],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0 or not any(staging.glob("neo4j-*.jar")):
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise ServerError(
            f"Downloading Neo4j from Maven Central failed (mvn exit {result.returncode}):\n{tail}",
            "check that Maven Central is reachable (proxy settings go in ~/.m2/settings.xml), then retry "
            "`jigsaw db install`.",
        )
    (staging / ".complete").write_text(neo4j_version(), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
