"""Load Cypher from `cypher/*.cypher` by name. Queries are never assembled from strings.

The vocabulary they share (role groups, key prefixes, the sources) comes as named parameters
from `cypher/vocabulary.json`, which `jigsaw schema export` generates from the models.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .config import REPO_ROOT

CYPHER_DIR = REPO_ROOT / "cypher"
_NAME = re.compile(r"^[a-z0-9_/]+$")


def cypher_path(name: str) -> Path:
    if not _NAME.match(name):
        raise ValueError(f"not a Cypher file name: {name!r}")
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.exists():
        raise FileNotFoundError(f"no Cypher file named {name!r} ({path})")
    return path


def strip_comments(text: str) -> str:
    """Drop whole-line `//` comments (the headers); Cypher itself is left untouched."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The body of `cypher/<name>.cypher` without its header comment."""
    return strip_comments(cypher_path(name).read_text(encoding="utf-8"))


_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=1)
def vocabulary_file() -> dict:
    """cypher/vocabulary.json: role groups, key prefixes and sources as the models define them
    (graph_loader/vocabulary.py writes it through `jigsaw schema export`; the core cannot import it)."""
    return json.loads((CYPHER_DIR / "vocabulary.json").read_text(encoding="utf-8"))


def vocabulary_names() -> frozenset[str]:
    return frozenset(vocabulary_file()["parameters"])


def vocabulary(text: str) -> dict:
    """The vocabulary parameters (`$child_roles`, `$key_prefix`, ...) a Cypher text uses, with
    their values: pass them with the query's own."""
    parameters = vocabulary_file()["parameters"]
    return {name: parameters[name] for name in sorted(set(_USED.findall(text)) & parameters.keys())}


def sources() -> dict[str, dict]:
    """Each source's key -> its record label and key prefix, in the registry's order."""
    return vocabulary_file()["sources"]


def statements(text: str) -> list[str]:
    """Split a multi-statement file on `;` at line ends (migrations only)."""
    return [part.strip() for part in re.split(r";\s*$", strip_comments(text), flags=re.M) if part.strip()]
