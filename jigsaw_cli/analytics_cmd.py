"""`jigsaw analytics peer-groups`: find peer groups and brokers, and write them to the graph."""

from __future__ import annotations

import json
from datetime import date

import typer

from analytics import tie_weights
from analytics.peer_groups import analyse
from analytics.projection import Scope, period_start, project
from analytics.write_back import write_peer_groups
from jigsaw.connection import driver_for

from .common import console, friendly_errors, settings

app = typer.Typer(help="Network analytics on the person-to-person projection.", no_args_is_help=True)


@app.command("peer-groups")
def peer_groups(
    borough: str | None = typer.Option(None, help="Only records held for this borough."),
    date_from: str | None = typer.Option(None, "--from", help="Records on or after (yyyy-mm-dd)."),
    date_to: str | None = typer.Option(None, "--to", help="Records on or before (yyyy-mm-dd)."),
    seed: int = typer.Option(42, help="Seed: the same seed gives the same groups."),
    last: str | None = typer.Option(
        None, help="Only the last period, e.g. 6m, 1y, 90d (instead of --from; --to or today ends it)."
    ),
    method: str = typer.Option(
        "map-equation", help="map-equation (no resolution limit: small groups stay small) or louvain."
    ),
    resolution: float = typer.Option(1.0, help="Louvain resolution (louvain only): higher gives smaller groups."),
    write: bool = typer.Option(
        True, help="Write the groups back as PeerGroup nodes (replacing this scope's last run)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    backend: str = typer.Option("auto", help="auto (networkit above 5,000 people), networkx or networkit."),
    unweighted: bool = typer.Option(
        False,
        "--unweighted",
        help="Count records (each 1) instead of weighing ties by claim, recency and recorded strength "
        "(JIGSAW_TIE_WEIGHTS, else the shipped rule): for comparison.",
    ),
) -> None:
    """Detect peer groups (map equation, or Louvain), brokers (with a score), components and bridges."""
    cfg = settings()
    try:
        ends = date.fromisoformat(date_to) if date_to else None
        starts = date.fromisoformat(date_from) if date_from else None
        if last:
            if date_from:
                raise ValueError("give --last or --from, not both")
            starts = period_start(last, ends or date.today())
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    scope = Scope(date_from=starts, date_to=ends, borough=borough)
    with friendly_errors(), driver_for(cfg) as driver:
        try:
            rule = tie_weights.COUNTING if unweighted else tie_weights.load()
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None
        graph = project(driver, cfg.neo4j_database, scope, rule)
        try:
            result = analyse(graph, seed=seed, resolution=resolution, backend=backend, method=method)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None
        run_id = write_peer_groups(driver, cfg.neo4j_database, scope, result, cfg.acting_user()) if write else None
    summary = {
        "run_id": run_id,
        "scope": scope.key,
        **result.parameters,
        "modularity": round(result.modularity, 4),
        "peer_groups": len(result.groups),
        "components": len(result.components),
        "bridges": len(result.bridges),
        "brokers": {
            b: result.broker_scores.get(b)
            for b in sorted(result.brokers, key=lambda b: (-result.broker_scores.get(b, 0), b))
        },
    }
    if as_json:
        typer.echo(json.dumps(summary | {"groups": [sorted(g) for g in result.groups]}, indent=2))
    else:
        for key, value in summary.items():
            console.print(f"{key}: {value}")
