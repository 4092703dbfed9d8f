"""Load Cypher from `cypher/*.cypher` by name. Queries are never assembled from strings.

The files are package data of the top-level `cypher` package, read through importlib.resources
so an installed wheel finds them exactly as a checkout does (never through the checkout's path).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

_NAME = re.compile(r"^[a-z0-9_/]+$")
SUFFIX = ".cypher"


def cypher_root() -> Traversable:
    """The `cypher` package's folder, wherever it is installed."""
    return files("cypher")


def cypher_file(name: str) -> Traversable:
    """`cypher/<name>.cypher` (name may hold folders: `summary/state_read`); it must exist."""
    if not _NAME.match(name):
        raise ValueError(f"not a Cypher file name: {name!r}")
    found = cypher_root().joinpath(*f"{name}{SUFFIX}".split("/"))
    if not found.is_file():
        raise FileNotFoundError(f"no Cypher file named {name!r}")
    return found


def exists(name: str) -> bool:
    try:
        cypher_file(name)
    except FileNotFoundError:
        return False
    return True


def names(folder: str = "") -> list[str]:
    """The names (without `.cypher`) of the files directly in `cypher/<folder>`, sorted."""
    where = cypher_root().joinpath(*folder.split("/")) if folder else cypher_root()
    return sorted(p.name.removesuffix(SUFFIX) for p in where.iterdir() if p.is_file() and p.name.endswith(SUFFIX))


def read(name: str) -> str:
    """The whole text of `cypher/<name>.cypher`, header included."""
    return cypher_file(name).read_text(encoding="utf-8")


def strip_comments(text: str) -> str:
    """Drop whole-line `//` comments (the headers); Cypher itself is left untouched."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The body of `cypher/<name>.cypher` without its header comment."""
    return strip_comments(read(name))


def statements(text: str) -> list[str]:
    """Split a multi-statement file on `;` at line ends (migrations only)."""
    return [part.strip() for part in re.split(r";\s*$", strip_comments(text), flags=re.M) if part.strip()]
