"""Load Cypher from `cypher/*.cypher` by name. Queries are never assembled from strings.

The files are package data of the top-level `cypher` package, read through importlib.resources
so an installed wheel finds them exactly as a checkout does (never through the checkout's path).

The vocabulary they share (role groups, key prefixes, the sources) comes as named parameters
from `cypher/vocabulary.json`, which `jigsaw schema export` generates from the models.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

_NAME = re.compile(r"^[a-z0-9_/]+$")
SUFFIX = ".cypher"


def cypher_root() -> Traversable:
    """The `cypher` package's folder, wherever it is installed."""
    return files("cypher")


# The same folder as a path, for the developer commands that walk or write it (`jigsaw schema
# export` writes vocabulary.json; the graph-model document reads every file): a checkout's cypher/.
CYPHER_DIR = Path(str(cypher_root()))


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


@cache
def load(name: str) -> str:
    """The body of `cypher/<name>.cypher` without its header comment."""
    return strip_comments(read(name))


_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=1)
def vocabulary_file() -> dict:
    """cypher/vocabulary.json: role groups, key prefixes and sources as the models define them
    (graph_loader/vocabulary.py writes it through `jigsaw schema export`; the core cannot import it)."""
    return json.loads(cypher_root().joinpath("vocabulary.json").read_text(encoding="utf-8"))


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
