"""`jigsaw identity run`: resolve mentions to persons with the linkage steps, and queue doubtful pairs."""

from __future__ import annotations

import typer

from identity.graph_run import run as run_identity

from ..connection import driver_for
from .common import console, friendly_errors, settings

app = typer.Typer(help="Identity across agencies: who in different records is the same person.", no_args_is_help=True)


@app.command("run")
def run() -> None:
    """Link mentions automatically where the evidence is strong; queue the doubtful pairs for review."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        summary = run_identity(driver, cfg.neo4j_database)
    for key, value in summary.__dict__.items():
        console.print(f"{key.replace('_', ' ')}: {value}")
