"""Step 3, first load only: validated records become the files of Neo4j's offline importer.

The rows are the transactional load's own (`graph_rows`), and every node and relationship is
made with the semantics of `cypher/load/write_records.cypher` and of the exact-match resolver
(`resolve_exact.plan_links`): the same keys, the same provenance on everything, shared nodes
(agencies, boroughs, places, schools, gangs) keeping what the first record to name them said,
a mention named twice keeping the union of what was said. `tests/test_first_load.py` loads
the same files both ways and compares the two graphs property by property, so the two paths
cannot drift apart unnoticed.

Nodes are identified in the files by their natural keys, one ID space per label, so nothing
here needs a counter shared between files.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import forked, resolve_exact
from .keys import nominal_key

# The importer splits array cells on this character. Lists hold short texts, which validation
# has already cut at every whitespace character, and \x1f is whitespace to Python's str.split.
ARRAY_DELIMITER = "\x1f"
RECORDED_FACT = "recorded_fact"

# label set -> the property that is the node's key (and its ID in the files)
KEYS = {
    "Agency": "key",
    "Borough": "name",
    "Place": "place_key",
    "School": "school_key",
    "Gang": "gang_key",
    "Mention": "mention_key",
    "Person": "person_id",
    "Record": "record_key",
}


@dataclass
class ImportFiles:
    """What was written for the importer, and what the resolver decided on the way."""

    folder: Path
    node_files: list[tuple[str, Path]] = field(default_factory=list)  # (labels "A:B", file)
    relationship_files: list[tuple[str, Path]] = field(default_factory=list)  # (type, file)
    nodes: int = 0
    relationships: int = 0
    properties: int = 0
    persons_created: int = 0
    multiline: bool = False

    def add(self, other: ImportFiles) -> None:
        self.node_files += other.node_files
        self.relationship_files += other.relationship_files
        self.nodes += other.nodes
        self.relationships += other.relationships
        self.properties += other.properties
        self.persons_created += other.persons_created
        self.multiline |= other.multiline

    def node_table(self, path: Path, id_space: str, labels: str, nodes: list[tuple[str, dict]]) -> None:
        """A summary's nodes, in an ID space of their own, written and listed (write_node_table)."""
        properties, multiline = write_node_table(path, id_space, nodes)
        self.node_files.append((labels, path))
        self.nodes += len(nodes)
        self.properties += properties
        self.multiline |= multiline

    def ties(self, path: Path, kind: str, start: str, end: str, pairs: list[tuple[str, str]]) -> None:
        """Relationships with no properties, (start ID, end ID) pairs, written and listed."""
        with opened_table(path, [f":START_ID({start})", f":END_ID({end})"]) as out:
            out.writerows(pairs)
        self.multiline |= any("\n" in node_id or "\r" in node_id for pair in pairs for node_id in pair)
        self.relationship_files.append((kind, path))
        self.relationships += len(pairs)


SHARED = (("Agency",), ("Borough",), ("Place",), ("School",), ("Gang",))  # nodes many records name
Order = tuple[int, int, int]  # (source, row of its file, place in the row): which record named a node first


class Graph:
    """Nodes by ID space and key, relationships by (type, start space, end space), in load order."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[str, ...], dict[str, dict]] = {}
        self.relationships: dict[tuple[str, str, str], list[tuple[str, str, dict]]] = {}
        self.named_at: dict[tuple[str, ...], dict[str, Order]] = {}  # shared nodes: where first named
        self.located: dict[tuple[str, str], tuple[Order, dict]] = {}  # (place, borough): first naming, prov
        self.at: Order = (0, 0, 0)

    def first(self, labels: tuple[str, ...], key: str, props: Callable[[], dict]) -> None:
        """MERGE ... ON CREATE SET: the first record to name a node decides its properties."""
        group = self.nodes.setdefault(labels, {})
        if key not in group:
            group[key] = {KEYS[labels[0]]: key} | props()
            self.named_at.setdefault(labels, {})[key] = self.at
        self.at = (self.at[0], self.at[1], self.at[2] + 1)

    def merge(self, labels: tuple[str, ...], key: str, props: dict) -> None:
        """MERGE ... SET n += props: later records add to and overwrite what earlier ones said."""
        group = self.nodes.setdefault(labels, {})
        if key in group:
            group[key].update(props)
        else:
            group[key] = {KEYS[labels[0]]: key} | props

    def relate(self, kind: str, start: tuple[str, str], end: tuple[str, str], props: dict) -> None:
        self.relationships.setdefault((kind, start[0], end[0]), []).append((start[1], end[1], props))

    def locate(self, place_key: str, borough: str, prov: dict) -> None:
        """MERGE (place)-[:IN_BOROUGH]->(borough): one tie, with the first naming's provenance."""
        self.located.setdefault((place_key, borough), (self.at, prov))

    def take_shared(self, other: Graph) -> None:
        """Add another part's shared nodes and place-borough ties, the earlier naming winning."""
        for labels, group in other.nodes.items():
            if labels not in SHARED:
                continue
            mine, mine_at, theirs_at = (
                self.nodes.setdefault(labels, {}),
                self.named_at.setdefault(labels, {}),
                other.named_at[labels],
            )
            for key, props in group.items():
                if key not in mine or theirs_at[key] < mine_at[key]:
                    mine[key], mine_at[key] = props, theirs_at[key]
        for pair, (at, prov) in other.located.items():
            if pair not in self.located or at < self.located[pair][0]:
                self.located[pair] = (at, prov)

    def shared_part(self) -> Graph:
        """Only the shared nodes and place-borough ties (what parts must agree on), to send to the merge."""
        part = Graph()
        part.nodes = {labels: group for labels, group in self.nodes.items() if labels in SHARED}
        part.named_at, part.located = self.named_at, self.located
        return part

    def owned_part(self) -> Graph:
        """Records, mentions and every relationship a record makes: no other part writes them."""
        part = Graph()
        part.nodes = {labels: group for labels, group in self.nodes.items() if labels not in SHARED}
        part.relationships = self.relationships
        return part

    def place_ties(self) -> None:
        for (place_key, borough), (_, prov) in self.located.items():
            self.relate("IN_BOROUGH", ("Place", place_key), ("Borough", borough), prov)
        self.located = {}


def stored(value):
    """What the imported graph holds for a text: an empty cell is no property at all."""
    return None if value == "" else value


def _known(props: dict) -> dict:
    """Neo4j stores no nulls: a SET of null leaves the property out."""
    return {k: v for k, v in props.items() if v is not None}


def build(rows: Iterable[tuple[Order, dict]], load_id: str, loaded_at: datetime, shared: dict[str, str]) -> Graph:
    """The graph the transactional load would write from `rows` (each with where it was read) in an empty database."""
    graph = Graph()
    for at, row in rows:
        graph.at = at
        prov = {
            "source_agency": row["agency"],
            "source_record_id": row["source_id"],
            "load_id": load_id,
            "loaded_at": loaded_at,
        }
        record = ("Record", row["record_key"])
        graph.merge(
            ("Record", row["label"]),
            row["record_key"],
            row["props"]
            | prov
            | shared
            | _known(
                {
                    "source_id": row["source_id"],
                    "source": row["source"],
                    "record_date": row["record_date"],
                    "content_hash": row["content_hash"],
                    "borough": row["borough"],  # beside IN_BOROUGH, as write_records.cypher sets it
                    "has_doubts": row["has_doubts"],  # as write_records.cypher sets it (migration 014)
                    "seen_from": row["seen_from"],  # likewise (migration 025)
                    "seen_until": row["seen_until"],
                }
            ),
        )
        graph.first(("Agency",), row["agency"], lambda: prov | {"name": row["agency_name"]})
        graph.relate("HELD_BY", record, ("Agency", row["agency"]), prov)
        # Boroughs first, in the order cypher/load/write_records.cypher merges them.
        for name in [row["borough"], row["placing_borough"], *(p["borough"] for p in row["places"])]:
            if name is not None:
                graph.first(("Borough",), name, lambda: prov)
        graph.relate("IN_BOROUGH", record, ("Borough", row["borough"]), prov)
        if row["placing_borough"] is not None:
            graph.relate("PLACED_FROM", record, ("Borough", row["placing_borough"]), prov)
        for m in row["mentions"]:
            mention = ("Mention", m["mention_key"])
            graph.merge(("Mention",), m["mention_key"], m["props"] | prov | {"source": row["source"]})
            graph.relate(
                "MENTIONS",
                record,
                mention,
                prov | _known({"role": m["role"], "claim": m["claim"], "grading": m["grading"]}),
            )
            if m["school_key"] is not None:
                graph.first(("School",), m["school_key"], lambda: prov | {"name": m["school_name"]})
                graph.relate("ATTENDS", mention, ("School", m["school_key"]), prov | {"claim": RECORDED_FACT})
        for p in row["places"]:
            graph.first(("Place",), p["place_key"], lambda: p["props"] | prov)
            graph.relate(
                "NAMES_PLACE",
                record,
                ("Place", p["place_key"]),
                prov
                | _known(
                    {
                        "date_seen": p["date_seen"],
                        "claim": p["claim"],
                        "grading": p["grading"],
                        "name_as_recorded": p["name_as_recorded"],
                    }
                )
                | p["doubts"],
            )
            if p["borough"] is not None:
                graph.locate(p["place_key"], p["borough"], prov)
        for g in row["gangs"]:
            graph.first(("Gang",), g["gang_key"], lambda: prov | {"name": g["name"]})
            graph.relate(
                "NAMES_GANG",
                record,
                ("Gang", g["gang_key"]),
                prov | _known({"claim": row["gang_claim"], "grading": row["gang_grading"]}),
            )
    return graph


MentionFacts = tuple[str, str | None, Any, str | None, str, str]  # key, name_key, dob, nominal_ref, agency, record id


def mention_facts(graph: Graph) -> list[MentionFacts]:
    """What the resolver needs of each mention (small enough to send between processes)."""
    return [
        (k, m.get("name_key"), m.get("dob"), m.get("nominal_ref"), m["source_agency"], m["source_record_id"])
        for k, m in graph.nodes.get(("Mention",), {}).items()
    ]


def resolve(graph: Graph, mentions: list[MentionFacts], load_id: str, loaded_at: datetime) -> list[str]:
    """The exact-match resolver on an empty database: a Person per name and date of birth, or per mention.

    Adds the persons and their REFERS_TO ties to `graph`; returns the nominal ids named as
    associates whose nominal is not among the records.
    """
    facts = {m[0]: m for m in mentions}
    unresolved = [
        {"mention_key": k, "name_key": name, "dob": dob} for k, name, dob, ref, _, _ in mentions if ref is None
    ]
    person_of: dict[str, str] = {}

    def link(mention_key: str, person_id: str, method: str) -> None:
        _, _, _, _, agency, record_id = facts[mention_key]
        made_by = {"source_agency": agency, "source_record_id": record_id, "load_id": load_id, "loaded_at": loaded_at}
        graph.first(("Person",), person_id, lambda: made_by)
        graph.relate("REFERS_TO", ("Mention", mention_key), ("Person", person_id), {"method": method} | made_by)
        person_of[mention_key] = person_id

    for planned in resolve_exact.plan_links(unresolved, {}):
        link(planned["mention_key"], planned["person_id"], resolve_exact.METHOD)
    awaited = set()
    for key, _, _, ref, _, _ in sorted(m for m in mentions if m[3] is not None):
        nominal = person_of.get(nominal_key(ref))
        if nominal is None:
            awaited.add(ref)
        else:
            link(key, nominal, resolve_exact.NOMINAL_METHOD)
    return sorted(awaited)


# --- the files --------------------------------------------------------------------------

_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (datetime, "datetime"), (date, "date"), (str, "string"))


def _type_of(value: Any) -> str:
    if isinstance(value, list):
        return _type_of(value[0]) + "[]"
    for kind, name in _TYPES:  # bool before int, datetime before date: subclasses first
        if isinstance(value, kind):
            return name
    raise TypeError(f"no importer type for {type(value).__name__}")


def _columns(items: Iterable[dict]) -> dict[str, str]:
    """Every property key of a file, in order of first use, typed by its first value.

    One key has one type: the record models fix it (the importer would refuse a mismatch).
    """
    columns: dict[str, str] = {}
    for props in items:
        if props.keys() - columns.keys():
            columns |= {key: _type_of(value) for key, value in props.items() if key not in columns}
    return columns


def joined(values: list) -> str:
    """A list as the importer reads it from one cell (summary_files writes its lists the same way)."""
    try:
        text = ARRAY_DELIMITER.join(values)  # texts, nearly always (millions of the summaries' lists at L)
    except TypeError:
        values = [
            v.isoformat() if isinstance(v, date) else str(v).lower() if isinstance(v, bool) else str(v) for v in values
        ]
        text = ARRAY_DELIMITER.join(values)
    if values and text.count(ARRAY_DELIMITER) != len(values) - 1:
        raise ValueError("a list item holds the importer's array delimiter")  # validation rules this out
    return text


def _converters(columns: dict[str, str]) -> list[tuple[int, Callable]]:
    """(column, how) for the cells the csv module would not write as the importer reads them.

    Strings, numbers and dates (ISO) need nothing; lists are joined on the delimiter; a datetime
    needs its "T"; a boolean must be lower case ("True" would be read as false).
    """
    how = {
        "datetime": functools.lru_cache(maxsize=64)(datetime.isoformat),  # a load has one loaded_at
        "boolean": lambda value: "true" if value else "false",
    }
    return [
        (i, joined if kind.endswith("[]") else how[kind])
        for i, kind in enumerate(columns.values())
        if kind.endswith("[]") or kind in how
    ]


def _write_file(
    path: Path, header: list[str], first: Iterable[tuple], props_of: Iterable[dict], columns: dict[str, str]
) -> tuple[int, bool]:
    """Rows of `first` cells and then each props' cells; returns (properties written, any multi-line text)."""
    keys = list(columns)
    offset = len(header) - len(keys)
    converters = [(offset + i, how) for i, how in _converters(columns)]
    properties = rows = 0
    with open_owner_only(path) as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        for lead, props in zip(first, props_of):
            cells = [*lead, *map(props.get, keys)]
            for i, how in converters:
                if cells[i] is not None:
                    cells[i] = how(cells[i])
            out.writerow(cells)
            properties += len(props)
            rows += 1
    # A line break inside a value shows as more line ends than rows: the importer must then
    # read the file as multi-line CSV (slower, so only when needed).
    written = path.read_bytes()
    return properties, written.count(b"\n") != rows + 1 or b"\r" in written


def write_node_table(path: Path, id_space: str, nodes: list[tuple[str, dict]]) -> tuple[int, bool]:
    """Nodes of an ID space of their own (a summary's), each an ID and its properties (none null):
    returns (properties written, any multi-line text)."""
    columns = _columns(props for _, props in nodes)
    header = [f":ID({id_space})", *(f"{k}:{t}" for k, t in columns.items())]
    return _write_file(path, header, ((key,) for key, _ in nodes), (props for _, props in nodes), columns)


@contextmanager
def opened_table(path: Path, header: list[str]):
    """A CSV writer on a new importer file with its header, closed on leaving."""
    with open_owner_only(path) as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        yield out


def open_owner_only(path: Path):
    """A CSV file to write, readable by its owner only."""
    handle = open(path, "w", newline="", encoding="utf-8")
    os.chmod(path, 0o600)  # children's personal data, until the import has read it
    return handle


def _write_nodes(graph: Graph, folder: Path, files: ImportFiles, prefix: str) -> None:
    for number, (labels, nodes) in enumerate(graph.nodes.items()):
        key = KEYS[labels[0]]
        columns = _columns(nodes.values())
        del columns[key]
        path = folder / f"{prefix}nodes-{number}.csv"
        header = [f"{key}:ID({labels[0]})", *(f"{k}:{t}" for k, t in columns.items())]
        properties, multiline = _write_file(path, header, ((k,) for k in nodes), nodes.values(), columns)
        files.properties += properties
        files.multiline |= multiline
        files.node_files.append((":".join(labels), path))
        files.nodes += len(nodes)
        if labels == ("Person",):
            files.persons_created = len(nodes)


def _write_relationships(graph: Graph, folder: Path, files: ImportFiles, prefix: str) -> None:
    for number, ((kind, start, end), relationships) in enumerate(graph.relationships.items()):
        columns = _columns(props for _, _, props in relationships)
        path = folder / f"{prefix}relationships-{number}.csv"
        header = [f":START_ID({start})", f":END_ID({end})", *(f"{k}:{t}" for k, t in columns.items())]
        properties, multiline = _write_file(
            path, header, ((a, b) for a, b, _ in relationships), (p for _, _, p in relationships), columns
        )
        files.properties += properties
        files.multiline |= multiline
        files.relationship_files.append((kind, path))
        files.relationships += len(relationships)


def _relationships(graph: Graph, folder: Path, prefix: str) -> ImportFiles:
    part = ImportFiles(folder)
    _write_relationships(graph, folder, part, prefix)
    return part


def write(graph: Graph, folder: Path, *, prefix: str = "", parallel: bool = True) -> ImportFiles:
    """One CSV file per label set and per relationship type and end labels, with typed headers.

    Where the platform forks, relationships are written by a second process while this one
    writes the nodes: the machine's second core, otherwise idle while Python works.
    """
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    files = ImportFiles(folder)
    if not (parallel and forked.available()):
        _write_nodes(graph, folder, files, prefix)
        _write_relationships(graph, folder, files, prefix)
        return files
    relationships = forked.Forked(_relationships, graph, folder, prefix)
    _write_nodes(graph, folder, files, prefix)
    files.add(relationships.result())
    return files
