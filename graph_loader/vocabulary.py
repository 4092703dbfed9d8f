"""The vocabulary as Cypher parameters: role groups and key formats, bound by name.

Role groups are defined once in graph_loader/models/vocab.py and key formats once in
graph_loader/keys.py. A `.cypher` file never restates them: it writes `$child_roles` or
`$key_prefix.matrix`, and the catalogue (jigsaw/catalogue.py) and the other readers of
`cypher/` (jigsaw/cypher_files.vocabulary) bind each one the text uses from PARAMETERS, the
way need to know binds the scope. tests/test_vocabulary.py fails on a role list or a key
prefix spelled out in cypher/.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from .keys import record_key_prefix
from .models import SOURCES
from .models.vocab import CHILD_ROLES, CONCERN_ROLES, HARMING_ROLES, PEER_ROLES, SUBJECT_ROLES


def _names(roles: tuple) -> tuple[str, ...]:
    return tuple(str(r) for r in roles)


PARAMETERS = MappingProxyType({
    "subject_roles": _names(SUBJECT_ROLES),  # the subject of its record (ties run from the subject)
    "child_roles": _names(CHILD_ROLES),  # a child harmed or at risk
    "harming_roles": _names(HARMING_ROLES),  # someone a record says may harm a child
    "concern_roles": _names(CONCERN_ROLES),  # whom a MASE meeting follows
    "peer_roles": _names(PEER_ROLES),  # the people around a child whose gang ties matter
    "record_key_prefixes": tuple(record_key_prefix(s) for s in SOURCES),  # `mash:`, `matrix:`, `hsb:`
    # Each source's key prefix by name: `$key_prefix.matrix + nominal_id` is that nominal's mention key.
    "key_prefix": MappingProxyType({s: record_key_prefix(s) for s in SOURCES}),
})

_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def used_in(text: str) -> dict[str, object]:
    """The vocabulary parameters a Cypher text names, with their values (lists, as Cypher takes them)."""
    names = set(_USED.findall(text)) & PARAMETERS.keys()
    return {n: _plain(PARAMETERS[n]) for n in sorted(names)}


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, MappingProxyType):
        return dict(value)
    return value
