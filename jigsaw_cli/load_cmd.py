"""`jigsaw load mash|matrix|hsb PATH` and `jigsaw load --folder DIR`."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_loader.load import LoadError, LoadOptions, run_load
from graph_loader.load_report import LoadReport
from graph_loader.mapping.mapped_load import run_mapped_load
from graph_loader.mapping.model import MappingError, read_mapping
from graph_loader.models import SOURCES
from identity.graph_run import run as run_identity
from jigsaw import audit
from jigsaw.connection import driver_for
from jigsaw_cli.first_load import run_first_load

from .common import console, friendly_errors, log_identity_run, print_problems, settings


def load(
    source: str | None = typer.Argument(
        None, metavar="[SOURCE]", help=f"Which source PATH holds: {', '.join(SOURCES)}."
    ),
    path: Path | None = typer.Argument(None, help="A source's folder, its main CSV file, or its .jsonl file."),
    mapping: Path | None = typer.Option(
        None,
        "--mapping",
        help="Read PATH, an export in its own columns and codes, "
        "through this mapping file (`jigsaw map suggest`; examples in graph_loader/mapping/examples/).",
    ),
    folder: Path | None = typer.Option(None, "--folder", help="Load every source found in this folder."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate and report; write nothing to the graph."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON on standard output."),
    batch_size: int = typer.Option(1000, min=1, max=50_000, help="Records per transaction."),
    quarantine: Path | None = typer.Option(None, help="Folder for quarantine files (default: JIGSAW_HOME/quarantine)."),
    strict: bool = typer.Option(False, help="Exit with status 1 when any row was rejected."),
    resolve: bool = typer.Option(
        True,
        "--resolve/--no-resolve",
        help="Afterwards, resolve the new mentions against everyone already known "
        "(`jigsaw identity run --new-only`; the very first run is a full one).",
    ),
    initial: bool = typer.Option(
        False,
        "--initial",
        help="First load into an empty local database, through Neo4j's offline importer "
        "(several times faster for a large data set; the server is stopped meanwhile). "
        "Same validation, quarantine and provenance; later loads run without it.",
    ),
) -> None:
    """Load source files into the graph. Bad rows are reported and quarantined; good rows load."""
    loaded_mapping = None
    if mapping is not None:  # `jigsaw load --mapping M FILE`: the source is the mapping's
        source, path, loaded_mapping = mapped_arguments(mapping, source, path, folder, initial)
    elif source is not None and source not in SOURCES:
        raise typer.BadParameter(f"SOURCE must be one of {', '.join(SOURCES)}, not {source!r}")
    if folder is not None and (source or path):
        raise typer.BadParameter("give either SOURCE PATH or --folder DIR, not both")
    if folder is None and not (source and path):
        raise typer.BadParameter("give SOURCE and PATH (e.g. `jigsaw load mash referrals/`), or --folder DIR")
    cfg = settings()
    target = folder if folder is not None else path
    resolved = None  # the identity run that follows a load that changed something
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=as_json or not console.is_terminal,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        options = LoadOptions(
            user=cfg.acting_user(),
            quarantine_root=quarantine or cfg.jigsaw_home / "quarantine",
            dry_run=dry_run,
            batch_size=batch_size,
            progress=progress,
        )
        try:
            with friendly_errors():
                if loaded_mapping is not None:
                    with driver_for(cfg) if not dry_run else nullcontext() as driver:
                        report = run_mapped_load(driver, cfg.neo4j_database, loaded_mapping, target, options)
                        if not dry_run and resolve and report.changed_anything:
                            console.print("Resolving the new mentions against everyone already known ...")
                            resolved = run_identity(driver, cfg.neo4j_database, new_only=True)
                elif dry_run:
                    report = run_load(None, cfg.neo4j_database, source, target, options)
                else:
                    if initial:  # the importer needs the server stopped: no driver is held meanwhile
                        report = run_first_load(cfg, source, target, options)
                    with driver_for(cfg) as driver:
                        if not initial:
                            report = run_load(driver, cfg.neo4j_database, source, target, options)
                        if resolve and report.changed_anything:
                            console.print("Resolving the new mentions against everyone already known ...")
                            resolved = run_identity(driver, cfg.neo4j_database, new_only=True)
        except LoadError as err:
            console.print(f"[bold red]Nothing loaded:[/] {err}")
            raise typer.Exit(2) from None
    if not dry_run:
        audit.record(
            cfg.jigsaw_home,
            "collection",
            user=cfg.acting_user(),
            purpose=None,
            action="load",
            load_id=report.load_id,
            sources=report.sources,
            rows_read=report.rows_read,
            rows_rejected=report.rows_rejected,
            records_new=report.records_new,
            **(
                {"mapping_name": loaded_mapping.mapping.name, "mapping_checksum": loaded_mapping.checksum}
                if loaded_mapping
                else {}
            ),
        )
    if resolved is not None:
        log_identity_run(cfg, resolved)
    if as_json:
        identity = {"identity": resolved.__dict__} if resolved is not None else {}
        typer.echo(json.dumps(report.as_dict() | identity, indent=2, default=str))
    else:
        print_report(report)
        if resolved is not None:
            console.print(
                f"Identity ({resolved.mode}): {resolved.mentions} mention(s) resolved, {resolved.auto_links} "
                f"linked automatically, {resolved.review_queued} pair(s) queued for review "
                "(`jigsaw identity review --purpose REF`)."
            )
    if strict and report.rows_rejected:
        raise typer.Exit(1)


def mapped_arguments(mapping: Path, source: str | None, path: Path | None, folder: Path | None, initial: bool):
    """(source, file, mapping) for a load through a mapping, or a usage error."""
    if folder is not None or initial:
        raise typer.BadParameter("--mapping loads one export file: no --folder, no --initial")
    if path is None and source is not None:
        source, path = None, Path(source)
    if path is None:
        raise typer.BadParameter("give the export file: `jigsaw load --mapping MAPPING FILE`")
    try:
        loaded = read_mapping(mapping)
    except MappingError as err:
        console.print(f"[bold red]Nothing loaded:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    if source is not None and source != loaded.mapping.source:
        raise typer.BadParameter(f"the mapping is for {loaded.mapping.source}, not {source}")
    return loaded.mapping.source, path, loaded


def print_report(report: LoadReport) -> None:
    title = "Dry run (nothing written)" if report.dry_run else f"Load {report.load_id}"
    table = Table(title=title, show_header=False, title_justify="left")
    rows = [
        ("sources", ", ".join(report.sources)),
        ("rows read", report.rows_read),
        ("rows loaded", report.rows_loaded),
        ("rows rejected", report.rows_rejected),
        ("records valid", report.records_valid),
        ("values kept but doubtful", report.values_doubtful),
    ]
    if not report.dry_run:
        rows += [
            (
                "records new / changed / unchanged",
                f"{report.records_new} / {report.records_changed} / {report.records_unchanged}",
            ),
            ("nodes created / deleted", f"{report.nodes_created} / {report.nodes_deleted}"),
            ("relationships created / deleted", f"{report.relationships_created} / {report.relationships_deleted}"),
            ("persons created", report.persons_created),
            *([("erased earlier, not loaded again", report.records_erased)] if report.records_erased else []),
            ("seconds (rows per second)", f"{report.seconds} ({report.rows_per_second})"),
            *(
                [("of which summaries, seconds", ", ".join(f"{k} {v}" for k, v in report.summaries.items()))]
                if report.summaries
                else []
            ),
        ]
    for name, value in rows:
        table.add_row(name, str(value))
    console.print(table)
    if not report.dry_run and not report.changed_anything:
        console.print("[green]No changes:[/] everything in these files was already in the graph.")
    for notice in report.notices:
        console.print(f"[yellow]Note:[/] {escape(notice)}")
    print_problems(report.doubts, report.rejections)
    for path in report.quarantine:
        console.print(f"Rejected rows kept, with reasons, in {path}")
