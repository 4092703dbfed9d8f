"""A test run must leave the checkout as it found it (a pytest plugin, loaded by conftest.py).

Servers' state, downloaded jars and screenshots belong outside it (tests/run_folders.py). At
the start of the run this lists the files git does not track (ignored ones too) and the tracked
files changed; at the end, anything new fails the run and is named. Paths are compared three
folders deep, so a server someone runs from the checkout meanwhile (.jigsaw/neo4j/...) adding
files to its own store is not counted, while a new `.cache/neo4j/<version>` or `.jigsaw/<name>` is.
"""

from __future__ import annotations

import subprocess

import pytest

from tests.paths import REPO_ROOT

# Written by the interpreter and the tools themselves, not by a test.
NOT_OURS = (".venv/**", "**/__pycache__/**", ".pytest_cache/**", ".ruff_cache/**", "*.egg-info/**")
DEPTH = 3


def changed_paths() -> set[str] | None:
    """Untracked (also ignored) and modified paths, cut to DEPTH folders; None outside a git checkout."""
    excluded = [f":(exclude,glob){pattern}" for pattern in NOT_OURS]
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "ls-files", "-z", "--others", "--modified", "--", ".", *excluded],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return {"/".join(path.split("/")[:DEPTH]) for path in done.stdout.decode("utf-8", "replace").split("\0") if path}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = changed_paths()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    after = changed_paths() if before is not None else None
    if before is None or after is None:
        return
    written = sorted(after - before)
    if written:
        session.config.stash[_WRITTEN] = written
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.section("tests wrote into the checkout", red=True)
        terminalreporter.line("A test must write outside the checkout (tmp_path, tests/run_folders.py); new here:")
        for path in written:
            terminalreporter.line(f"  {path}")


_BEFORE = pytest.StashKey[set[str] | None]()
_WRITTEN = pytest.StashKey[list[str]]()
