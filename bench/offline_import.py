"""The load benchmark's strictest reference: Neo4j's offline importer on the same graph.

`neo4j-admin database import full` builds a store from typed CSV files without transactions,
so it is the fastest way to put a graph into Neo4j. It needs its own CSV format, not the
agencies' files, so the reference is taken on exactly the graph Jigsaw loaded: every node and
relationship is written out with its properties (`export_graph`, not timed), then imported
into a scratch store by the same Maven-provisioned server's admin tool (`run_import`, timed).
The importer's own counts are checked against the graph, so the two loads are equivalent.
"""

from __future__ import annotations

import csv
import re
import shutil
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Query

from jigsaw.config import Settings
from jigsaw.cypher_files import load as cypher
from jigsaw.neo4j_server.importer import ImportRun, import_full

ARRAY_DELIMITER = ";"
EXPORT_TIMEOUT = 3600  # seconds: streaming millions of rows outlasts the server's 120 s default
# valueType() names -> the importer's column types.
SCALAR_TYPES = {
    "STRING": "string",
    "INTEGER": "long",
    "FLOAT": "double",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "ZONED DATETIME": "datetime",
    "LOCAL DATETIME": "localdatetime",
}


@dataclass
class ExportedGraph:
    folder: Path
    nodes: int = 0
    relationships: int = 0
    node_files: list[Path] = field(default_factory=list)
    relationship_files: list[Path] = field(default_factory=list)
    multiline: bool = False
    coerced: list[str] = field(default_factory=list)  # keys whose mixed types were written as strings


def column_type(value_types: list[str]) -> str:
    """One importer type for the valueType()s seen for a key; `string` when they disagree."""
    kinds = set()
    for name in value_types:
        name = name.removesuffix(" NOT NULL")
        listed = re.fullmatch(r"LIST<(.+?)(?: NOT NULL)?>", name)
        if listed and listed.group(1) == "NOTHING":
            continue  # an empty list takes the type of the non-empty ones
        kinds.add(SCALAR_TYPES.get(listed.group(1), "?") + "[]" if listed else SCALAR_TYPES.get(name, "?"))
    return kinds.pop() if len(kinds) == 1 and "?" not in next(iter(kinds)) else "string"


def _cell(value, kind: str, exported: ExportedGraph) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        items = [_cell(v, kind.removesuffix("[]"), exported) for v in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ValueError(f"a list value holds the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(items)
    if kind.startswith("boolean"):
        return "true" if value else "false"
    text = value.iso_format() if hasattr(value, "iso_format") else str(value)
    if "\n" in text or "\r" in text:
        exported.multiline = True
    return text


def _types(session, query: str, group_key: str, exported: ExportedGraph) -> dict:
    types: dict = {}
    for row in session.run(cypher(query)):
        group = tuple(row[group_key]) if isinstance(row[group_key], list) else row[group_key]
        kind = types.setdefault(group, {})[row["key"]] = column_type(row["types"])
        if kind == "string" and not all(t.startswith("STRING") for t in row["types"]):
            exported.coerced.append(f"{group}.{row['key']}")
    return types


class _CsvFiles:
    """One CSV file per label set (or relationship type), opened with its header on first use."""

    def __init__(self, files: ExitStack, folder: Path, prefix: str, paths: list[Path]):
        self.files, self.folder, self.prefix, self.paths, self.writers = files, folder, prefix, paths, {}

    def writer(self, group, header: list[str]):
        if group not in self.writers:
            path = self.folder / f"{self.prefix}-{len(self.writers)}.csv"
            self.writers[group] = csv.writer(self.files.enter_context(open(path, "w", newline="", encoding="utf-8")))
            self.writers[group].writerow(header)
            self.paths.append(path)
        return self.writers[group]


def export_graph(driver, database: str, folder: Path) -> ExportedGraph:
    """Write every node and relationship as the importer's CSV, one file per label set / type."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    exported = ExportedGraph(folder)
    with driver.session(database=database) as session:
        node_types = _types(session, "bench/node_property_types", "labels", exported)
        rel_types = _types(session, "bench/relationship_property_types", "type", exported)
        with ExitStack() as files:
            nodes = _CsvFiles(files, folder, "nodes", exported.node_files)
            for row in session.run(Query(cypher("bench/all_nodes"), timeout=EXPORT_TIMEOUT)):
                group = tuple(row["labels"])
                keys = node_types.get(group, {})
                writer = nodes.writer(group, [":ID", *(f"{k}:{t}" for k, t in keys.items()), ":LABEL"])
                props = row["props"]
                writer.writerow(
                    [
                        row["id"],
                        *(_cell(props.get(k), t, exported) for k, t in keys.items()),
                        ARRAY_DELIMITER.join(group),
                    ]
                )
                exported.nodes += 1
            relationships = _CsvFiles(files, folder, "relationships", exported.relationship_files)
            for row in session.run(Query(cypher("bench/all_relationships"), timeout=EXPORT_TIMEOUT)):
                keys = rel_types.get(row["type"], {})
                writer = relationships.writer(
                    row["type"], [":START_ID", ":END_ID", *(f"{k}:{t}" for k, t in keys.items()), ":TYPE"]
                )
                props = row["props"]
                writer.writerow(
                    [
                        row["start"],
                        row["end"],
                        *(_cell(props.get(k), t, exported) for k, t in keys.items()),
                        row["type"],
                    ]
                )
                exported.relationships += 1
    return exported


def run_import(settings: Settings, exported: ExportedGraph, scratch: Path) -> ImportRun:
    """Time `neo4j-admin database import full` of the exported graph into a scratch store."""
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "conf").mkdir(parents=True)
    (scratch / "conf" / "neo4j.conf").write_text(
        f"server.directories.data={scratch / 'data'}\nserver.directories.logs={scratch / 'logs'}\n", encoding="utf-8"
    )
    return import_full(
        settings,
        scratch,
        "neo4j",
        [str(p) for p in exported.node_files],
        [str(p) for p in exported.relationship_files],
        array_delimiter=ARRAY_DELIMITER,
        multiline=exported.multiline,
        report_file=scratch / "import.report",
    )
