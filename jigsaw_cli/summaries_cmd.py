"""`jigsaw summaries status | rebuild`: the summaries the London-wide queries are answered from."""

from __future__ import annotations

import typer
from rich.table import Table

from graph_loader import summaries
from jigsaw.connection import driver_for

from .common import console, friendly_errors, settings

app = typer.Typer(help="The summaries kept for the London-wide queries (docs/scaling.md).", no_args_is_help=True)


@app.command()
def status() -> None:
    """When each summary was computed, how, and whether a change is still being folded in."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        rows = summaries.states(driver, cfg.neo4j_database)
    table = Table("summary", "computed at (UTC)", "how", "seconds", "answers", title_justify="left")
    for r in rows:
        answers = "live: a change is being folded in" if r["running"] or not r["computed_at"] else "from the summary"
        at = f"{r['computed_at'].to_native():%Y-%m-%d %H:%M:%S}" if r["computed_at"] else "never"
        table.add_row(r["name"], at, str(r["how"] or ""), str(r["seconds"] or ""), answers)
    console.print(table)


@app.command()
def rebuild() -> None:
    """Every summary from scratch (also clears the mark a load killed part way left)."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        timings = summaries.rebuild(driver, cfg.neo4j_database, "cli-rebuild")
    console.print("Rebuilt: " + ", ".join(f"{k} {v} s" for k, v in timings.items()))
