"""Folders a test run writes to, all outside the checkout (tests/checkout_guard.py checks it).

JIGSAW_TEST_STATE moves them all; by default they are under the user's cache folder, one
folder per checkout, kept between runs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jigsaw.config import Settings
from jigsaw.neo4j_server import provision
from tests.paths import REPO_ROOT


def state_root() -> Path:
    """This checkout's test state, kept between runs: jars the configured cache lacks, screenshots,
    and the session server's home when JIGSAW_TEST_KEEP_SERVER keeps it running into the next run
    (a pytest temporary folder would be deleted under it)."""
    if os.environ.get("JIGSAW_TEST_STATE"):
        return Path(os.environ["JIGSAW_TEST_STATE"])
    caches = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    checkout = hashlib.sha256(str(REPO_ROOT).encode()).hexdigest()[:12]
    return caches / "jigsaw-tests" / checkout


def download_cache() -> Path:
    """Where a test may download a tool: the configured cache (JIGSAW_CACHE) when it lies outside
    the checkout, else a cache in the state folder."""
    configured = Settings().jigsaw_cache
    return configured if not configured.resolve().is_relative_to(REPO_ROOT) else state_root() / "cache"


def jar_cache() -> Path:
    """The Neo4j jars for test servers: the configured cache when `jigsaw db install` (scripts/setup.sh)
    has filled it, else download_cache(), so that no test downloads 125 MB into the checkout."""
    configured = Settings().jigsaw_cache
    return configured if provision.is_installed(configured) else download_cache()


# Where tests save screenshots for people to look at (JIGSAW_TEST_ARTIFACTS overrides it).
ARTIFACTS = Path(os.environ.get("JIGSAW_TEST_ARTIFACTS") or state_root() / "artifacts")
