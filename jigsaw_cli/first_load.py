"""The first load of a large data set: validated records through Neo4j's offline importer.

`jigsaw load --initial`. It lives with the command line, not in graph_loader, because it is
the one operation that drives the server (stops it, runs the importer, starts it) around a
load: the loader itself never touches the server. Validation, quarantine, provenance and exact-match people are the
transactional load's own (`load.py`, `import_files.py`); only the writing differs: the graph
is written as the importer's CSV files and `neo4j-admin database import full` builds the
store from them, about two and a half times faster than transactions at a million rows
(docs/scaling.md).

What that asks in return, checked before anything is changed:
- the local server (the importer writes store files; the server is stopped meanwhile, so the
  explorer is unavailable for the import's minute or two);
- an empty database (the import replaces the store; a database that holds anything, even one
  erasure, is refused). Every later load is the transactional one, so loading the same files
  again changes nothing, as always.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from graph_loader import count_files, forked, import_files, list_files, summaries, summary_files
from graph_loader.graph_rows import TO_ROWS
from graph_loader.load import (
    LoadError,
    LoadOptions,
    finish_load,
    gc_paused,
    reported,
    run_load,
    sources_found,
    start_load,
    tick,
    validate_paths,
)
from graph_loader.load_report import LoadReport
from graph_loader.models import SOURCES
from graph_loader.validate import Outcome, Shard
from jigsaw import schema
from jigsaw.config import Settings
from jigsaw.connection import driver_for
from jigsaw.cypher_files import load as cypher
from jigsaw.neo4j_server import importer, server

INDEX_WAIT_SECONDS = 1800
PARTS = 2  # processes validating and writing at once: one per core of the machine it was measured on
# Summaries written beside the graph's files and imported with it (graph_loader/summary_files.py):
# through Cypher afterwards they would take longer than the import at a million rows (the counts: 20 s;
# the lists: 20 to 23 s each on the server just started again, peer HSB 8.3 s).
SUMMARIES_WITH_IMPORT = (
    "jigsaw_links",
    "cross_borough_people",
    "gang_overlap",
    count_files.TIMING,
    "missing_rising_category",
    "harmed_nominals",
    "peer_on_peer_hsb",
)


def held_nodes(settings: Settings) -> int:
    with driver_for(settings) as driver:
        return driver.execute_query(cypher("load/graph_size"), database_=settings.neo4j_database).records[0]["nodes"]


def check_can_import(settings: Settings) -> None:
    """Refuse, with what to do instead, unless the database is local and empty."""
    if not settings.managed:
        raise LoadError(
            f"--initial needs the local server, and NEO4J_URI names {settings.neo4j_uri}; load without "
            "--initial (transactional), or build that server's store with its own neo4j-admin"
        )
    held = held_nodes(settings)
    if held:
        raise LoadError(
            f"--initial builds a new database and this one already holds {held:,} nodes; load without "
            "--initial to add to it (records already loaded are left unchanged)"
        )


def discard_store(settings: Settings) -> None:
    """After a failed import: remove what it left, so the server starts the database empty, as it was."""
    data = settings.server_dir / "data"
    for folder in (data / "databases" / settings.neo4j_database, data / "transactions" / settings.neo4j_database):
        shutil.rmtree(folder, ignore_errors=True)


def _import(settings: Settings, files: import_files.ImportFiles, report_file: Path) -> importer.ImportRun:
    try:
        run = importer.import_full(
            settings,
            settings.server_dir,
            settings.neo4j_database,
            [f"{labels}={path}" for labels, path in files.node_files],
            [f"{kind}={path}" for kind, path in files.relationship_files],
            array_delimiter=import_files.ARRAY_DELIMITER,
            multiline=files.multiline,
            report_file=report_file,
        )
        if (run.nodes, run.relationships) != (files.nodes, files.relationships):
            raise LoadError(
                f"the importer built {run.nodes:,} nodes and {run.relationships:,} relationships of "
                f"{files.nodes:,} and {files.relationships:,}; see {report_file}"
            )
    except Exception:
        discard_store(settings)
        raise
    return run


def _started_again(settings: Settings, options: LoadOptions) -> None:
    tick(options, "starting the server again", 0, 1)
    server.start(settings, echo=lambda *_: None)
    tick(options, "starting the server again", 1, 1)
    with driver_for(settings) as driver:
        # Every index at once over the imported data, then the migrations (which find them built, and
        # no data older than their backfills).
        tick(options, "building indexes", 0, 1)
        schema.create_every_index(driver, settings.neo4j_database, INDEX_WAIT_SECONDS)
        schema.apply(driver, settings.neo4j_database, imported=True)
        tick(options, "building indexes", 1, 1)


@dataclass
class Part:
    """What one share of the records gave: its validation outcome, its own files, and what the
    merge needs (shared nodes with where each was first named, and the mentions to resolve)."""

    outcomes: list[Outcome]
    files: import_files.ImportFiles
    shared: import_files.Graph  # only the shared nodes and place-borough ties
    mentions: list[import_files.MentionFacts]
    records: list[summary_files.RecordFacts]  # what the summaries' files need of each record
    entries: list[summary_files.EntryFacts]  # and of each active matrix entry (gang overlap)
    counts: count_files.PartCounts  # its records' governance and overview counts
    lists: list_files.PartLists  # what its records give the missing-rising, harmed-nominals and peer HSB lists


def _part(
    source_key: str | None, path: Path, shard: Shard | None, folder: Path, load_id: str, at: datetime, shared: dict
) -> Part:
    """Validate one share of the records and write the nodes and relationships only its records make."""
    with gc_paused():
        validated = validate_paths(source_key, path, shard)
        source_number = {key: i for i, key in enumerate(SOURCES)}
        rows = (
            ((source_number[v.source.key], r.row, 0), TO_ROWS[v.source.key](r.record))
            for v in validated
            for r in v.records
        )
        graph = import_files.build(rows, load_id, at, shared)
        prefix = f"part{shard[0]}-" if shard else "part-"
        files = import_files.write(graph.owned_part(), folder, prefix=prefix, parallel=shard is None)
        return Part(
            [Outcome.of(v) for v in validated],
            files,
            graph.shared_part(),
            import_files.mention_facts(graph),
            summary_files.record_facts(graph),
            summary_files.entry_facts(graph),
            count_files.part_counts(graph),
            list_files.part_lists(graph),
        )


def _parts(source_key: str | None, path: Path, folder: Path, load_id: str, at: datetime, shared: dict) -> list[Part]:
    """Both cores: two processes each validate and write the records whose id falls in their half.

    Where the platform cannot fork, one process does it all. Either way the result is the same
    graph (tests/test_first_load.py checks both against the transactional load).
    """
    if not (PARTS > 1 and forked.available()):
        return [_part(source_key, path, None, folder, load_id, at, shared)]
    running = [forked.Forked(_part, source_key, path, (k, PARTS), folder, load_id, at, shared) for k in range(PARTS)]
    return forked.results(running)


def _merged(
    parts: list[Part], folder: Path, load_id: str, at: datetime
) -> tuple[import_files.ImportFiles, list[str], import_files.ImportFiles, dict[str, float]]:
    """The shared nodes (earliest naming wins), the persons and their ties, and the summaries made
    beside the import (graph_loader/summary_files.py), written; all files listed, and the summaries' seconds."""
    graph = import_files.Graph()
    for part in parts:
        graph.take_shared(part.shared)
    graph.place_ties()
    awaited = import_files.resolve(graph, [m for part in parts for m in part.mentions], load_id, at)
    files = import_files.ImportFiles(folder)
    for part in parts:
        files.add(part.files)
    files.add(import_files.write(graph, folder, prefix="merged-"))
    summary, seconds = summary_files.write(
        graph,
        (r for part in parts for r in part.records),
        folder,
        entries=[e for part in parts for e in part.entries],
        counts=[part.counts for part in parts],
        lists=[part.lists for part in parts],
    )
    files.add(summary)
    return files, awaited, summary, seconds


def _outcomes(parts: list[Part]) -> list[Outcome]:
    """Each source's outcome over all parts, in source order."""
    joined: dict[str, Outcome] = {}
    for part in parts:
        for o in part.outcomes:
            joined[o.source.key] = joined[o.source.key].joined(o) if o.source.key in joined else o
    return list(joined.values())


def run_first_load(settings: Settings, source_key: str | None, path: Path, options: LoadOptions) -> LoadReport:
    """Validate, quarantine, build the importer's files, import them, record the load."""
    if options.dry_run:
        return run_load(None, settings.neo4j_database, source_key, path, options)
    began = time.monotonic()
    check_can_import(settings)
    sources_found(source_key, path)  # before stopping the server for nothing
    at = datetime.now(UTC)
    folder = settings.jigsaw_home / "first-load" / options.load_id
    report_file = options.quarantine_root / options.load_id / "importer-report.txt"
    # The server shuts down (a few seconds of waiting) while the rows are validated and written.
    stopping = threading.Thread(target=server.stop, args=(settings,), daemon=True)
    stopping.start()
    try:
        tick(options, "validating rows and writing the graph's files", 0, 1)
        parts = _parts(source_key, path, folder, options.load_id, at, options.shared)
        report = reported(_outcomes(parts), options)
        with gc_paused():
            files, awaited, summary, summaries_built = _merged(parts, folder, options.load_id, at)
        del parts
        tick(options, "validating rows and writing the graph's files", 1, 1)
        stopping.join()
        tick(options, "importing (the server is stopped meanwhile)", 0, 1)
        report_file.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(report_file.parent, 0o700)  # the importer's report of bad entries would quote them
        run = _import(settings, files, report_file)
        if report_file.exists() and report_file.stat().st_size == 0:
            report_file.unlink()
        tick(options, "importing (the server is stopped meanwhile)", 1, 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        stopping.join()
        _started_again(settings, options)  # also after a failure: the database as it was, empty, and running

    report.records_new = report.records_valid
    # What the load wrote, as the transactional load counts it: the summaries are not records' facts.
    report.nodes_created, report.relationships_created = (
        files.nodes - summary.nodes,
        files.relationships - summary.relationships,
    )
    report.properties_set, report.persons_created = files.properties - summary.properties, files.persons_created
    if awaited:
        sample = ", ".join(awaited[:5]) + (" ..." if len(awaited) > 5 else "")
        report.notices.append(
            f"{len(awaited)} named associate(s) are not on the matrix yet; they will be linked when loaded: {sample}"
        )
    report.importer_seconds = run.seconds
    report.notices.append(f"built by Neo4j's offline importer in {run.seconds:.1f} s (`jigsaw load --initial`)")
    with driver_for(settings) as driver:
        start_load(driver, settings.neo4j_database, report, options)
        finish_load(driver, settings.neo4j_database, report, began)
        # The London-wide answers, from scratch, but for those that came with the import (SUMMARIES_WITH_IMPORT).
        report.summaries = summaries.maintain(
            driver,
            settings.neo4j_database,
            options.load_id,
            full=True,
            prebuilt=summaries_built,
        )
    return report
