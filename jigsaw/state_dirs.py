"""Where runtime state (JIGSAW_HOME) and the provisioned Neo4j jars (JIGSAW_CACHE) live when not set.

Working from a checkout (`pip install -e .`, as scripts/setup.sh does) they stay where the quick
start has always kept them, `.jigsaw/` and `.cache/` in that checkout. Installed from a wheel they
follow the platform's conventions for a user's data and cache (platformdirs: on Linux
~/.local/share/jigsaw and ~/.cache/jigsaw, or XDG_DATA_HOME / XDG_CACHE_HOME). A server sets
JIGSAW_HOME (e.g. /var/lib/jigsaw) and JIGSAW_CACHE explicitly.
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import unquote, urlparse

import platformdirs

APP = "jigsaw"


def editable_checkout() -> Path | None:
    """The folder this distribution was installed from in editable mode, or None.

    Read from the installer's own record (PEP 610 `direct_url.json`), not guessed from where the
    code sits: a wheel installed from a file or an index is never taken for a checkout.
    """
    try:
        record = distribution(APP).read_text("direct_url.json")
    except PackageNotFoundError:
        return None
    try:
        found = json.loads(record or "null")
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("dir_info"), dict):
        return None
    url = found.get("url")
    if found["dir_info"].get("editable") is not True or not isinstance(url, str) or not url.startswith("file://"):
        return None
    folder = Path(unquote(urlparse(url).path))
    return folder if folder.is_dir() else None


def default_home() -> Path:
    checkout = editable_checkout()
    return checkout / ".jigsaw" if checkout else platformdirs.user_data_path(APP)


def default_cache() -> Path:
    checkout = editable_checkout()
    return checkout / ".cache" if checkout else platformdirs.user_cache_path(APP)
