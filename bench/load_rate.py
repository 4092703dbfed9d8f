"""Load throughput: `jigsaw load` against Neo4j's own loaders, same data, same run.

    .venv/bin/python -m bench.load_rate --scale S              # the demo data
    .venv/bin/python -m bench.load_rate --scale M              # one borough, ten years
    .venv/bin/python -m bench.load_rate --scale L              # pan-London, 1,000,000 rows
    .venv/bin/python -m bench.load_rate --rows 100000          # a generated 100,000-row set
    .venv/bin/python -m bench.load_rate --scale L --initial --no-reload   # a first load at L, no reload after
    JIGSAW_BENCH_NO_RUST=1 .venv/bin/python -m bench.load_rate --scale M   # the driver without its Rust extension

Generates the data on demand (into bench/data/, git-ignored) and measures, on a wiped
benchmark database each time:
1. the server's LOAD CSV of the same files (a transactional reference);
2. `jigsaw load` (validation, quarantine, provenance, idempotent writes, exact-match people),
   with validation alone timed too, then the same load again (must change nothing);
3. Neo4j's offline importer (`neo4j-admin database import full`) building a store of exactly
   the graph step 2 wrote (`offline_import.py`): the strictest reference.
Prints a table and JSON.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_server import bench_driver
from bench.offline_import import export_graph, run_import
from bench.output import print_figures
from graph_loader.load import LoadOptions, checksum_of_folder, run_load
from graph_loader.models import SOURCES
from jigsaw import schema
from jigsaw.connection import driver_for
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary
from jigsaw.graph_admin import wipe_data
from jigsaw.neo4j_server import server
from jigsaw_cli.first_load import SUMMARIES_WITH_IMPORT, discard_store, run_first_load
from tests.paths import REPO_ROOT

DATA = REPO_ROOT / "bench" / "data"
REFERENCE_ORDER = [
    "mash_referrals",
    "mash_people",
    "mash_places",
    "matrix_nominals",
    "hsb_cases",
    "hsb_children",
    "hsb_places",
]


def generate(scale: str | None, rows: int | None, seed: int) -> Path:
    name = f"scale-{scale}" if scale else f"rows-{rows}"
    out = DATA / f"{name}-seed{seed}"
    if not (out / "ground_truth.json").exists():
        command = [
            sys.executable,
            "-c",
            "from jigsaw_cli import app; app()",
            "fixtures",
            "generate",
            "--seed",
            str(seed),
            "--out",
            str(out),
        ]
        command += ["--scale", scale] if scale else ["--scale", "S", "--rows", str(rows)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return out


def generate_noise(rows: int, seed: int, noise: str) -> Path:
    """A generated set of about `rows` source rows at a given noise level (for identity)."""
    out = DATA / f"rows-{rows}-seed{seed}-{noise}"
    if not (out / "ground_truth.json").exists():
        from fixtures.generator import generate as run

        run(seed, "S", out, noise=noise, rows=rows)
    return out


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """The data set a benchmark runs on: a scale or a row count, and a seed."""
    parser.add_argument("--scale", choices=["S", "M", "L"])
    parser.add_argument("--rows", type=int)
    parser.add_argument("--seed", type=int, default=7)


def holds_only(driver, database: str, folder: Path) -> bool:
    """True when every completed load in the database was of exactly these files."""
    loaded = {r["checksum"] for r in driver.execute_query(cypher("bench/loaded_checksums"), database_=database).records}
    return loaded == {checksum_of_folder(None, folder)}


def load_once(driver, database: str, folder: Path, reuse: bool = True, options: LoadOptions | None = None):
    """Load `folder` into an emptied database unless `reuse` and it holds exactly these files; the
    load's report, or None when the data was already there."""
    if reuse and holds_only(driver, database, folder):
        return None
    wipe_data(driver, database)  # exactly the named data set, nothing left from another run
    return run_load(
        driver, database, None, folder, options or LoadOptions(user="bench", quarantine_root=DATA / "quarantine")
    )


def csv_rows(folder: Path) -> int:
    total = 0
    for source in SOURCES.values():
        for spec in source.files:
            path = folder / spec.filename
            if path.exists():
                with open(path, "rb") as handle:
                    total += max(sum(1 for _ in handle) - 1, 0)
    return total


def load_csv_reference(driver, database: str, settings, folder: Path) -> float:
    """Seconds for the server to LOAD CSV the same files (local server only)."""
    import_dir = settings.server_dir / "import"
    import_dir.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.csv"):
        shutil.copy(path, import_dir / path.name)
    began = time.perf_counter()
    with driver.session(database=database) as session:
        for name in REFERENCE_ORDER:
            if (import_dir / f"{name}.csv").exists():
                text = cypher(f"bench/load_csv_{name}")
                session.run(text, vocabulary(text)).consume()
    return time.perf_counter() - began


def rust_extension_in_use() -> bool:
    from neo4j._codec.packstream import v1

    return v1._rust_pack is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_data_arguments(parser)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=1, help="Concurrent write transactions.")
    parser.add_argument("--skip-load-csv", action="store_true", help="Leave out the LOAD CSV reference.")
    parser.add_argument(
        "--without-schema",
        action="store_true",
        help="Time only Jigsaw's load with every constraint and index dropped (what they buy); "
        "the schema is put back afterwards. Use a small data set: MERGE then scans.",
    )
    parser.add_argument(
        "--initial",
        action="store_true",
        help="Time `jigsaw load --initial` (validated rows through the offline importer) into an "
        "empty benchmark database, against the importer's own part of it; then a second, "
        "transactional load of the same files (must change nothing).",
    )
    parser.add_argument(
        "--no-reload",
        action="store_true",
        help="With --initial: leave out the second load (at L it takes longer than the first; the reload's "
        "'changes nothing' is checked at S and M and by the tests).",
    )
    parser.add_argument(
        "--offline-only",
        action="store_true",
        help="The database already holds this data set (same checksum): time only the offline "
        "importer on it, against the load time recorded on its first Load node.",
    )
    args = parser.parse_args()
    if not args.scale and not args.rows:
        args.scale = "S"
    folder = generate(args.scale, args.rows, args.seed)
    rows = csv_rows(folder)
    figures: dict = {
        "data": folder.name,
        "source_rows": rows,
        "batch_size": args.batch_size,
        "writers": args.writers,
        "rust_extension": rust_extension_in_use(),
    }
    options = lambda **extra: LoadOptions(
        user="bench", quarantine_root=DATA / "quarantine", batch_size=args.batch_size, writers=args.writers, **extra
    )
    if args.without_schema:
        return without_schema(folder, figures, options())
    if args.offline_only:
        return offline_only(folder, figures)
    if args.initial:
        return initial(folder, figures, options, reload=not args.no_reload)
    figures["validation_only_seconds"] = run_load(None, "", None, folder, options(dry_run=True)).seconds
    with bench_driver() as (driver, database, settings):
        if settings.managed and not args.skip_load_csv:
            wipe_data(driver, database)
            figures["reference_load_csv_seconds"] = round(load_csv_reference(driver, database, settings, folder), 2)
        wipe_data(driver, database)
        first = run_load(driver, database, None, folder, options())
        second = run_load(driver, database, None, folder, options())
        figures |= {
            "jigsaw_load_seconds": first.seconds,
            "jigsaw_rows_per_second": round(rows / first.seconds, 1),
            "rows_rejected": first.rows_rejected,
            "persons_created": first.persons_created,
            "reload_seconds": second.seconds,
            "reload_changed_anything": second.changed_anything,
            # Inside jigsaw_load_seconds: bringing the summaries up to date (graph_loader/summaries.py)
            "summaries_seconds": round(sum(first.summaries.values()), 2),
            "summaries_stage_seconds": first.summaries,
        }
        if settings.managed:
            figures |= offline_reference(driver, database, settings, first.seconds)
    if "reference_load_csv_seconds" in figures:
        ref = figures["reference_load_csv_seconds"]
        figures["reference_load_csv_rows_per_second"] = round(rows / ref, 1)
        figures["ratio_jigsaw_to_load_csv"] = round(first.seconds / ref, 2)
    print_figures(figures)


def without_schema(folder: Path, figures: dict, options: LoadOptions) -> None:
    with bench_driver() as (driver, database, _):
        wipe_data(driver, database)
        for kind in ("constraint", "index"):
            for row in driver.execute_query(cypher(f"bench/{kind}_names"), database_=database).records:
                driver.execute_query(cypher(f"bench/drop_{kind}"), name=row["name"], database_=database)
        try:
            report = run_load(driver, database, None, folder, options)
        finally:
            wipe_data(driver, database)
            driver.execute_query(cypher("bench/forget_schema_version"), database_=database)
            schema.apply(driver, database)  # every migration again: the constraints and indexes come back
    figures |= {
        "schema": "none",
        "jigsaw_load_seconds": report.seconds,
        "jigsaw_rows_per_second": round(figures["source_rows"] / report.seconds, 1),
    }
    print_figures(figures)


def fresh_store(settings) -> None:
    """An empty database as a first load meets one, made anew: the server stopped, the store removed, the
    server started again and the schema applied. Emptied by deleting instead (wipe_data), a store that
    held L kept a million rows' deletes to checkpoint, and the server's shutdown at the start of the load
    wrote them for 27 s beside the validating processes (2026-12-04): a cost of how the benchmark emptied
    its database, not of the load."""
    server.stop(settings)
    discard_store(settings)
    server.start(settings, echo=lambda *_: None)
    with driver_for(settings) as driver:
        schema.apply(driver, settings.neo4j_database)


def initial(folder: Path, figures: dict, options, reload: bool = True) -> None:
    """The first load through the offline importer, stage by stage, and a reload that must change nothing."""
    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:  # each stage's end: its seconds since the previous stage ended
            stages[stage] = round(time.perf_counter() - began - sum(stages.values()), 2)

    with bench_driver() as (_driver, database, settings):
        if not settings.managed:
            sys.exit("--initial imports into the local benchmark server; unset NEO4J_URI")
        fresh_store(settings)
        began = time.perf_counter()
        first = run_first_load(settings, None, folder, options(progress=progress))
        whole = time.perf_counter() - began
        with driver_for(settings) as fresh:  # the old driver's bookmarks name transactions the import replaced
            second = run_load(fresh, database, None, folder, options()) if reload else None
            linked = fresh.execute_query(cypher("bench/link_counts"), database_=database, routing_="r").records[0]
    # The summaries built after the load is recorded: the run's own seconds past the load's, as some
    # are built side by side (summaries.maintain), so their stages' seconds add up to more than they took.
    after_import = whole - first.seconds
    summed = sum(v for k, v in first.summaries.items() if k not in SUMMARIES_WITH_IMPORT)
    figures |= {
        "load": "jigsaw load --initial",
        "jigsaw_load_seconds": first.seconds,
        "jigsaw_rows_per_second": round(figures["source_rows"] / first.seconds, 1),
        "stage_seconds": stages,
        "rows_rejected": first.rows_rejected,
        "graph_nodes": first.nodes_created,
        "graph_relationships": first.relationships_created,
        "persons_created": first.persons_created,
        "reference_offline_import_seconds": first.importer_seconds,
        "ratio_jigsaw_to_offline_import": round(first.seconds / first.importer_seconds, 2),
        # After the load is recorded, the summaries are built from scratch (graph_loader/summaries.py),
        # but for those written beside the importer's files, whose seconds are inside the load's.
        "summaries_seconds": round(sum(first.summaries.values()), 2),
        "summaries_stage_seconds": first.summaries,
        "summaries_after_import_seconds": round(after_import, 2),
        "summaries_after_import_stages_summed_seconds": round(summed, 2),
        "ratio_with_summaries": round((first.seconds + after_import) / first.importer_seconds, 2),
        "reload_seconds": second.seconds if second else "not run (--no-reload)",
        "reload_changed_anything": second.changed_anything if second else "not run (--no-reload)",
        # The jigsaw links summary's share of the graph (graph_nodes and graph_relationships include it).
        "jigsaw_links": linked["links"],
        "jigsaw_links_untied": linked["untied"],
        "jigsaw_links_relationships": linked["relationships"],
    }
    print_figures(figures)


def offline_only(folder: Path, figures: dict) -> None:
    with bench_driver() as (driver, database, settings):
        if not holds_only(driver, database, folder):
            sys.exit(f"the benchmark database does not hold exactly {folder.name}; run without --offline-only")
        loads = driver.execute_query(cypher("bench/load_seconds"), database_=database).records
        figures["jigsaw_load_seconds_recorded"] = loads[0]["seconds"]
        figures["reload_seconds_recorded"] = loads[1]["seconds"] if len(loads) > 1 else None
        figures |= offline_reference(driver, database, settings, loads[0]["seconds"])
    print_figures(figures)


def offline_reference(driver, database: str, settings, jigsaw_seconds: float) -> dict:
    """Export the graph Jigsaw wrote and time the offline importer building it (local server only)."""
    began = time.perf_counter()
    exported = export_graph(driver, database, DATA / "offline-import-csv")
    export_seconds = time.perf_counter() - began
    run = run_import(settings, exported, REPO_ROOT / ".jigsaw" / "bench-import")
    if (run.nodes, run.relationships) != (exported.nodes, exported.relationships):
        raise RuntimeError(
            f"the importer built {run.nodes} nodes / {run.relationships} relationships, "
            f"the graph has {exported.nodes} / {exported.relationships}:\n{run.output_tail}"
        )
    shutil.rmtree(REPO_ROOT / ".jigsaw" / "bench-import", ignore_errors=True)
    return {
        "graph_nodes": exported.nodes,
        "graph_relationships": exported.relationships,
        "export_for_importer_seconds_untimed": round(export_seconds, 1),
        "properties_written_as_strings": exported.coerced,
        "reference_offline_import_seconds": run.seconds,
        "ratio_jigsaw_to_offline_import": round(jigsaw_seconds / run.seconds, 2),
    }


if __name__ == "__main__":
    main()
