"""`jigsaw retention report`: records due for review under the retention policy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer

from jigsaw import audit
from jigsaw.connection import driver_for
from jigsaw.retention import Policy, due

from .common import console, friendly_errors, settings

app = typer.Typer(
    help="Retention: what is due for review under the policy (JIGSAW_RETENTION_POLICY, else the shipped one).",
    no_args_is_help=True,
)


@app.command()
def report(
    today: str | None = typer.Option(None, help="Report as of this date (YYYY-MM-DD); default today."),
    policy: Path | None = typer.Option(None, help="The policy file (default: JIGSAW_RETENTION_POLICY, else shipped)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List records whose review date has come: keep them (update the source) or erase them."""
    as_of = date.fromisoformat(today) if today else date.today()
    rules = Policy.load(policy)
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        items = due(driver, cfg.neo4j_database, rules, as_of)
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose="retention review",
        action="retention report",
        as_of=as_of,
        due=len(items),
    )
    if as_json:
        typer.echo(json.dumps([d.__dict__ for d in items], default=str, indent=2))
        return
    by_source: dict[str, int] = {}
    for d in items:
        by_source[d.source] = by_source.get(d.source, 0) + 1
        typer.echo(f"{d.review_date}\t{d.record_key}\t(recorded {d.record_date})")
    console.print(
        f"{len(items)} record(s) due for review as of {as_of}: "
        + (", ".join(f"{n} {s}" for s, n in sorted(by_source.items())) or "none")
    )
