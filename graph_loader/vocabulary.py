"""The vocabulary as Cypher parameters: role groups and key formats, bound by name.

Role groups are defined once in graph_loader/models/vocab.py, key formats once in
graph_loader/keys.py and the sources once in the registry (graph_loader/models SOURCES).
A `.cypher` file never restates them: it writes `$child_roles` or `$key_prefix.matrix`, and
the catalogue (jigsaw/catalogue.py) and the other readers of `cypher/`
(jigsaw/cypher_files.vocabulary) bind each one the text uses, the way need to know binds the
scope. The core sits below graph_loader and never imports it, so it reads them from
`cypher/vocabulary.json`, which `jigsaw schema export` writes from `as_file()` below (and
`--check` fails when it drifts). tests/test_vocabulary.py fails on a role list or a key
prefix spelled out in cypher/.
"""

from __future__ import annotations

import json

from .keys import record_key_prefix
from .models import SOURCES
from .models.vocab import CHILD_ROLES, CONCERN_ROLES, HARMING_ROLES, PEER_ROLES, SUBJECT_ROLES

FILE_NAME = "vocabulary.json"  # in cypher/, beside the queries that use it


def _names(roles: tuple) -> list[str]:
    return [str(r) for r in roles]


PARAMETERS: dict[str, object] = {
    "subject_roles": _names(SUBJECT_ROLES),  # the subject of its record (ties run from the subject)
    "child_roles": _names(CHILD_ROLES),  # a child harmed or at risk
    "harming_roles": _names(HARMING_ROLES),  # someone a record says may harm a child
    "concern_roles": _names(CONCERN_ROLES),  # whom a MASE meeting follows
    "peer_roles": _names(PEER_ROLES),  # the people around a child whose gang ties matter
    "record_key_prefixes": [record_key_prefix(s) for s in SOURCES],  # `mash:`, `matrix:`, `hsb:`
    # Each source's key prefix by name: `$key_prefix.matrix + nominal_id` is that nominal's mention key.
    "key_prefix": {s: record_key_prefix(s) for s in SOURCES},
}


def as_file() -> str:
    """cypher/vocabulary.json: the parameters, and what the core needs of each source (its record label)."""
    content = {
        "generated": "by `jigsaw schema export` from graph_loader/models and graph_loader/keys.py; do not edit",
        "parameters": PARAMETERS,
        "sources": {key: {"label": spec.label, "key_prefix": record_key_prefix(key)} for key, spec in SOURCES.items()},
    }
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"
