"""`jigsaw query NAME -p key=value ... [--json]`: run any catalogue query from the command line."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from jigsaw import audit, catalogue
from jigsaw.connection import driver_for
from jigsaw.purpose import REFERENCE_RULE, needs_purpose, valid_reference

from .common import console, friendly_errors, settings


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(f"{pair!r} is not key=value")
        key, value = pair.split("=", 1)
        params[key.strip()] = value
    return params


def query(
    name: str | None = typer.Argument(None, help="The query's name; omit with --list."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    limit: int | None = typer.Option(None, help="At most this many rows (never more than the query's own cap)."),
    list_: bool = typer.Option(False, "--list", help="List the catalogue."),
    purpose: str | None = typer.Option(
        None, "--purpose", envvar="JIGSAW_PURPOSE", help="Case or meeting reference, recorded in the audit trail."
    ),
) -> None:
    """Run a named query from the catalogue (read-only, with a row cap and a timeout)."""
    if list_ or not name:
        for q in catalogue.catalogue().values():
            params = ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in q.params)
            typer.echo(f"{q.name}({params})\n    {q.question}\n    returns: {q.returns}")
        return
    if name not in catalogue.catalogue():
        console.print(
            f"[bold red]Error:[/] no query named {escape(repr(name))}; `jigsaw query --list` shows the catalogue."
        )
        raise typer.Exit(2)
    purpose = (purpose or "").strip() or None
    if purpose is not None and not valid_reference(purpose):
        console.print(f"[bold red]Error:[/] --purpose must be a case or meeting reference: {REFERENCE_RULE}.")
        raise typer.Exit(2)
    if purpose is None and needs_purpose(name):
        console.print(
            f"[bold red]Error:[/] {escape(name)} looks up or returns people: say why with --purpose "
            "(a case or meeting reference, e.g. --purpose CASE-12345), recorded in the audit trail."
        )
        raise typer.Exit(2)
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            result = catalogue.run(driver, cfg.neo4j_database, name, _parse_params(param), limit=limit)
    except (KeyError, ValueError) as err:
        console.print(f"[bold red]Error:[/] {err.args[0] if err.args else err}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose=purpose,
        action="query",
        page="cli",
        query=name,
        params=result.params,
        rows=len(result.rows),
    )
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "query": name,
                    "params": result.params,
                    "columns": result.columns,
                    "rows": result.rows,
                    "truncated": result.truncated,
                    "answered_from": result.answered_from,
                    "computed_at": result.computed_at,
                    "note": result.note,
                },
                default=str,
                indent=2,
            )
        )
        return
    table = Table(*result.columns, title=f"{name}: {len(result.rows)} row(s)", title_justify="left")
    for row in result.rows:
        table.add_row(*(str(row[c]) if row[c] is not None else "" for c in result.columns))
    console.print(table)
    if result.truncated:
        console.print(f"[yellow]Only the first {len(result.rows)} rows are shown; narrow the query.[/]")
    if result.answered_from == "summary":
        console.print(f"From the summary computed at {result.computed_at:%Y-%m-%d %H:%M:%S} UTC.")
    elif result.note:
        console.print(f"Live: {escape(result.note)}.")
