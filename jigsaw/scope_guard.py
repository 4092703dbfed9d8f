"""The result guard: a restricted reader's rows are checked against what their scope can see.

The catalogue's queries filter by need to know (jigsaw/need_to_know.py), and the catalogue
refuses one that forgets to. This is the second line: after a scoped query has run for a
restricted reader, every person, record, place and piece of casework its rows show is
looked up in one parameterised query (cypher/scope/visible.cypher), and a row showing
anything the scope cannot see is held back whole. A filter forgotten in a query, or a
query written after this one, still cannot leak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from neo4j import Driver

from . import need_to_know
from .access import ALL_SOURCES, Scope
from .bounded_read import read_capped
from .cypher_files import load, sources

PERSON_ID = re.compile(r"\bP-[0-9a-f]{12}\b")
WORK_ID = re.compile(r"\b(?:ACT|ASM|CX)-[0-9A-F]{8}\b")  # casework/store.py's _new_id
ENTRY_ID = re.compile(r"\bSM-[0-9A-F]{8}\b")
RECORD_PREFIXES = tuple(s["key_prefix"] for s in sources().values())
RECORD_KEY = re.compile(rf"^(?:{'|'.join(re.escape(p) for p in RECORD_PREFIXES)})\S")
# The three kinds of id in one pass; they cannot overlap (each starts at a word boundary with its own prefix).
ANY_ID = re.compile(f"{PERSON_ID.pattern}|{WORK_ID.pattern}|{ENTRY_ID.pattern}")
GUARD_TIMEOUT = 10.0
SOURCE_COLUMNS = {"nominal_id": "matrix", "hsb_case": "hsb"}  # columns holding one source's record ids


@dataclass
class Shown:
    """The ids one row shows, by kind."""

    people: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    work: set[str] = field(default_factory=set)
    entries: set[str] = field(default_factory=set)

    def add(self, other: Shown) -> None:
        for kind in ("people", "records", "places", "work", "entries"):
            getattr(self, kind).update(getattr(other, kind))

    def within(self, visible: Shown) -> bool:
        return all(getattr(self, k) <= getattr(visible, k) for k in ("people", "records", "places", "work", "entries"))


def shown_by(row: dict[str, Any]) -> Shown:
    """Every id a row shows: in any column, at any depth, inside any text."""
    shown = Shown()
    texts: list[str] = []
    _gather_texts(row, texts)
    # One search of all the row's texts at once: joined by a line break, which no id holds and which
    # bounds a word as a text's own start and end do, so it finds exactly what a search of each finds.
    for found in ANY_ID.findall("\n".join(texts)):
        kind_of_id = shown.people if found[0] == "P" else shown.entries if found[0] == "S" else shown.work
        kind_of_id.add(found)
    for text in texts:  # a record key is a whole text, matched only after its prefix
        if text.startswith(RECORD_PREFIXES) and RECORD_KEY.match(text):
            shown.records.add(text.strip())
    # Record ids shown beside their source (a timeline's record_id) or in a column that names it, and places by key.
    source = row.get("source")
    for column in ("record_id", "record"):
        if isinstance(row.get(column), str) and source in ALL_SOURCES:
            shown.records.add(f"{source}:{row[column]}")
    for column, of in SOURCE_COLUMNS.items():
        if isinstance(row.get(column), str):
            shown.records.add(f"{of}:{row[column]}")
    if isinstance(row.get("place_key"), str):
        shown.places.add(row["place_key"])
    return shown


def _gather_texts(value: Any, texts: list[str]) -> None:
    """Every text in `value`, at any depth. A list's texts are taken where they stand, not each through a
    call of its own: this runs on every value of every row a restricted reader is shown."""
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _gather_texts(v, texts)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            if type(v) is str:
                texts.append(v)
            else:
                _gather_texts(v, texts)


@lru_cache(maxsize=1)
def _visible_text() -> str:
    return need_to_know.expand(load("scope/visible"))


def guard_parameters(asked: Shown, scope: Scope) -> dict:
    """The guard's parameters: the asked ids in one map (one cached plan whatever the lists' sizes:
    cypher/scope/visible.cypher says why), and the reader's scope."""
    lists = {
        "person_ids": sorted(asked.people),
        "record_keys": sorted(asked.records),
        "place_keys": sorted(asked.places),
        "work_ids": sorted(asked.work),
        "entry_ids": sorted(asked.entries),
    }
    return {"asked": lists} | scope.params()


def visible(driver: Driver, database: str, asked: Shown, scope: Scope) -> Shown:
    """Which of the asked ids the scope can see (one query)."""
    params = guard_parameters(asked, scope)
    _, rows, _ = read_capped(driver, database, _visible_text(), params, cap=1, timeout=GUARD_TIMEOUT)
    row = rows[0]
    return Shown(set(row["people"]), set(row["records"]), set(row["places"]), set(row["work"]), set(row["entries"]))


def keep_visible(driver: Driver, database: str, rows: list[dict], scope: Scope) -> tuple[list[dict], int]:
    """The rows whose every id the scope can see, and how many were held back."""
    per_row = [shown_by(row) for row in rows]
    asked = Shown()
    for shown in per_row:
        asked.add(shown)
    if not any((asked.people, asked.records, asked.places, asked.work, asked.entries)):
        return rows, 0
    seen = visible(driver, database, asked, scope)
    kept = [row for row, shown in zip(rows, per_row) if shown.within(seen)]
    return kept, len(rows) - len(kept)
