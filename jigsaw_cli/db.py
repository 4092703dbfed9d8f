"""`jigsaw db ...`: install, start, stop, inspect and initialise the Neo4j database."""

from __future__ import annotations

import json
import time

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jigsaw import audit, db_users, schema, warm_up
from jigsaw.connection import driver_for
from jigsaw.neo4j_server import provision, server

from .common import console, friendly_errors, settings

app = typer.Typer(help="Manage the Neo4j database (a local server unless NEO4J_URI is set).", no_args_is_help=True)


@app.command()
def install() -> None:
    """Fetch the Neo4j Community server jars from Maven Central into the cache (once)."""
    cfg = settings()
    with friendly_errors():
        provision.check_java()
        lib = provision.install(cfg.jigsaw_cache, echo=console.print)
    console.print(f"Neo4j {provision.neo4j_version()} is in {lib}")


@app.command()
def start(
    timeout: float = typer.Option(180.0, help="Seconds to wait for Bolt."),
    warm: bool = typer.Option(False, "--warm", help="Then ask the borough-wide questions once (`jigsaw db warm`)."),
) -> None:
    """Start the local server and wait until it answers on Bolt."""
    cfg = settings()
    began = time.monotonic()
    with friendly_errors():
        state = server.start(cfg, timeout=timeout, echo=console.print)
    console.print(
        f"Neo4j {state.version} ({state.edition}) answers on {state.uri} "
        f"after {time.monotonic() - began:.1f}s; password file: {cfg.password_file}"
    )
    if warm:
        _warm(warm_up.DEFAULT_BUDGET)


@app.command()
def warm(
    budget: float = typer.Option(warm_up.DEFAULT_BUDGET, min=1.0, help="Stop after this many seconds."),
) -> None:
    """Bring the store into the server's memory after a restart: ask every borough-wide question once for
    all London and each borough, so the first person to ask is not the one who waits (docs/scaling.md)."""
    _warm(budget)


def _warm(budget: float) -> None:
    cfg = settings()
    with (
        friendly_errors(),
        driver_for(cfg) as driver,
        Progress(
            TextColumn("Warming the page cache"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("warm", total=None)
        report = warm_up.warm(
            driver,
            cfg.neo4j_database,
            budget=budget,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    # Every question is the system's, no answer is shown or kept: still recorded, as every read of the graph is.
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose=None,
        action="page cache warm-up (no answer shown)",
        questions=report.asked,
        failed=report.failed,
        seconds=round(report.seconds, 1),
    )
    stopped = f"; stopped at the budget of {budget:.0f} s" if report.stopped_at_budget else ""
    failed = f"; {report.failed} stopped by the server (a time or memory limit, or an error)" if report.failed else ""
    console.print(f"Asked {report.asked} questions in {report.seconds:.1f} s{failed}{stopped}.")


@app.command()
def stop() -> None:
    """Stop the local server."""
    with friendly_errors():
        stopped = server.stop(settings())
    console.print("Neo4j stopped." if stopped else "Neo4j was not running.")


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show whether the server answers, and the version it reports over Bolt."""
    cfg = settings()
    state = server.status(cfg)
    if as_json:
        typer.echo(json.dumps(state.__dict__ | {"managed": cfg.managed}))
    elif state.version:
        where = f"local server, pid {state.pid}" if cfg.managed else "external server (NEO4J_URI)"
        typer.echo(f"Neo4j {state.version} {state.edition} at {state.uri} ({where})")
    else:
        typer.echo(f"Neo4j is not answering at {state.uri}: {state.error}")
    if not state.version:
        raise typer.Exit(1)


@app.command()
def init() -> None:
    """Create constraints and indexes (numbered migrations) and the explorer's own database user; safe to run twice."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        applied = schema.apply(driver, cfg.neo4j_database)
        version = schema.current_version(driver, cfg.neo4j_database)
        try:
            explorer = db_users.ensure_explorer_user(driver, cfg)
        except ValueError as err:
            console.print(f"[bold red]Error:[/] {err}")
            raise typer.Exit(2) from None
    names = ", ".join(f"{m.number:03d}_{m.name}" for m in applied) or "none (already up to date)"
    console.print(f"Schema version {version}; applied: {names}")
    console.print(_explorer_summary(cfg, explorer))


def _explorer_summary(cfg, explorer: db_users.ExplorerUser) -> str:
    if explorer.name is None:
        return (
            "Explorer database user: none configured for this remote server, so the explorer signs in with "
            "NEO4J_USER. Set JIGSAW_EXPLORER_USER and JIGSAW_EXPLORER_PASSWORD to give it its own."
        )
    done = "created" if explorer.created else "password reset" if explorer.password_reset else "already in place"
    where = f"; password file: {cfg.explorer_password_file}" if cfg.jigsaw_explorer_password is None else ""
    if explorer.server_role:
        rights = "role publisher: no schema, user or database administration"
    else:
        rights = (
            f"Neo4j {explorer.edition} has no roles, so the server cannot make it read-only; "
            "the explorer runs read transactions only"
        )
    return f"Explorer database user {explorer.name}: {done}{where}. {rights}."


@app.command()
def reset(yes: bool = typer.Option(False, "--yes", help="Do not ask.")) -> None:
    """Stop the local server and delete its data and password file."""
    cfg = settings()
    if not cfg.managed:
        console.print("NEO4J_URI is set: Jigsaw will not delete an external database.")
        raise typer.Exit(2)
    if not yes:
        typer.confirm(f"Delete everything in {cfg.server_dir}?", abort=True)
    server.reset(cfg)
    console.print("Local Neo4j data deleted.")
