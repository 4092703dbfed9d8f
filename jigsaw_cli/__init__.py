"""The `jigsaw` command line: a thin layer over the library modules."""

from __future__ import annotations

import typer

from . import (
    analytics_cmd,
    audit_cmd,
    casework_cmd,
    db,
    erase_cmd,
    explore_cmd,
    fixtures_cmd,
    geo_cmd,
    identity_cmd,
    investigations_cmd,
    load_cmd,
    map_cmd,
    query_cmd,
    report_cmd,
    retention_cmd,
    schema_cmd,
    share_cmd,
    summaries_cmd,
    users_cmd,
)

app = typer.Typer(
    help="Jigsaw: a multi-agency safeguarding network explorer. All repository data is synthetic.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals can hold personal data
)
app.add_typer(db.app, name="db")
app.add_typer(fixtures_cmd.app, name="fixtures")
app.add_typer(schema_cmd.app, name="schema")
app.add_typer(analytics_cmd.app, name="analytics")
app.add_typer(identity_cmd.app, name="identity")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(users_cmd.app, name="users")
app.add_typer(erase_cmd.app, name="erase")
app.add_typer(retention_cmd.app, name="retention")
app.add_typer(report_cmd.app, name="report")
app.add_typer(casework_cmd.app, name="casework")
app.add_typer(share_cmd.app, name="share")
app.add_typer(map_cmd.app, name="map")
app.add_typer(geo_cmd.app, name="geo")
app.add_typer(investigations_cmd.app, name="investigations")
app.add_typer(summaries_cmd.app, name="summaries")
app.command(name="load")(load_cmd.load)
app.command(name="query")(query_cmd.query)
app.command(name="explore")(explore_cmd.explore)
