"""`jigsaw investigations list|show|export`: saved investigations, as the named user sees them.

--user names the account whose investigations these are and whose information-sharing scope
applies (the explorer's own rule); --purpose is recorded with every read and export.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from investigations import export, store
from investigations.snapshot import catalogue_runner
from investigations.workspace import reopen
from jigsaw import accounts, audit
from jigsaw.connection import driver_for
from jigsaw.purpose import REFERENCE_RULE, valid_reference

from .common import console, friendly_errors, settings

app = typer.Typer(
    help="Saved investigations: list, show what changed since saving, export (GraphML, i2 CSV).", no_args_is_help=True
)
USER = typer.Option(..., "--user", help="The account whose investigations and scope apply.")
PURPOSE = typer.Option(
    ..., "--purpose", envvar="JIGSAW_PURPOSE", help="Case or meeting reference, recorded in the audit trail."
)


def _account(user: str, purpose: str):
    if not valid_reference(purpose):
        console.print(f"[bold red]Error:[/] --purpose must be a case or meeting reference: {REFERENCE_RULE}.")
        raise typer.Exit(2)
    cfg = settings()
    account = accounts.current(cfg.jigsaw_home, user)
    if account is None or account.disabled:
        console.print("[bold red]Error:[/] no such active account; `jigsaw users list` shows them.")
        raise typer.Exit(2)
    return cfg, account


def _opened(investigation_id: str, user: str, purpose: str, action: str):
    cfg, account = _account(user, purpose)

    def logged(name: str, params: dict, rows: list[dict]) -> None:
        audit.record(
            cfg.jigsaw_home,
            "consultation",
            user=user,
            purpose=purpose,
            action="query",
            page="cli investigations",
            query=name,
            params=params,
            rows=len(rows),
        )

    try:
        with friendly_errors(), driver_for(cfg) as driver:
            run = catalogue_runner(driver, cfg.neo4j_database, account.scope, logged)
            opened = reopen(driver, cfg.neo4j_database, run, investigation_id, user=user)
            cards = (
                {r["person_id"]: r for r in run("person_cards", {"person_ids": opened.people})} if opened.people else {}
            )
    except store.NotFound as err:
        console.print(f"[bold red]Error:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=user,
        purpose=purpose,
        action=action,
        investigation=investigation_id,
        people=opened.people,
        outside_scope=opened.outside_scope,
    )
    return cfg, opened, cards


@app.command("list")
def list_(user: str = USER, purpose: str = PURPOSE, as_json: bool = typer.Option(False, "--json")) -> None:
    """Your own investigations and those shared with you."""
    cfg, _ = _account(user, purpose)
    with friendly_errors(), driver_for(cfg) as driver:
        rows = store.listing(driver, cfg.neo4j_database, user)
    audit.record(
        cfg.jigsaw_home, "consultation", user=user, purpose=purpose, action="investigations listed", rows=len(rows)
    )
    if as_json:
        typer.echo(json.dumps(rows, default=str, indent=2))
        return
    table = Table(
        "id", "name", "case", "owner", "shared with", "saved", "people", title=f"{len(rows)} investigation(s)"
    )
    for r in rows:
        table.add_row(
            r["investigation_id"],
            escape(r["name"]),
            escape(r["case_ref"]),
            escape(r["owner"]),
            escape(", ".join(r["shared_with"])),
            r["saved_at"].strftime("%d/%m/%Y %H:%M"),
            str(r["people"]),
        )
    console.print(table)


@app.command("show")
def show(
    investigation_id: str = typer.Argument(...),
    user: str = USER,
    purpose: str = PURPOSE,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Reopen: the people you may see now, and what changed since it was saved."""
    _, opened, cards = _opened(investigation_id, user, purpose, "investigation opened")
    changes = opened.changes
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "investigation_id": investigation_id,
                    "name": opened.investigation.name,
                    "people": opened.people,
                    "outside_scope": opened.outside_scope,
                    "erased": opened.erased,
                    "new_records": changes.new_records,
                    "changed": changes.changed,
                    "new_ties": changes.new_ties,
                    "new_reach": changes.new_reach,
                },
                default=str,
                indent=2,
            )
        )
        return
    inv = opened.investigation
    console.print(
        f"[bold]{escape(inv.name)}[/] ({escape(inv.case_ref)}), "
        f"saved {inv.saved_at:%d/%m/%Y %H:%M} by {escape(inv.owner)}"
    )
    for person in opened.people:
        console.print(f"  {person}  {escape(str(cards.get(person, {}).get('name', '')))}")
    if opened.outside_scope:
        console.print(
            f"{opened.outside_scope} {'person is' if opened.outside_scope == 1 else 'people are'} outside your "
            "information-sharing scope and not shown."
        )
    console.print(
        f"Since it was saved: {len(changes.new_records)} new record(s), {len(changes.changed)} changed role(s) "
        f"or categor(ies), {len(changes.new_ties)} new tie(s), {len(changes.new_reach)} new person(s) within reach."
    )
    for c in changes.new_records:
        console.print(f"  new record {escape(c['record_key'])} names {c['person_id']} as {escape(str(c['role']))}")
    for c in changes.changed:
        console.print(
            f"  {escape(c['record_key'])}: "
            f"{c['what']} of {c['person_id']} {escape(str(c['before']))} -> {escape(str(c['after']))}"
        )
    for c in changes.new_ties:
        console.print(f"  new tie {c['a']} - {c['b']} ({escape(c['record_key'])})")


def _write(path: Path, data: bytes) -> None:
    """Owner-only, like every other export."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


@app.command("export")
def export_(
    investigation_id: str = typer.Argument(...),
    user: str = USER,
    purpose: str = PURPOSE,
    format_: str = typer.Option("graphml", "--format", help="graphml, or i2 (an entities and a links CSV)."),
    out: Path = typer.Option(..., "--out", help="A .graphml file, or a folder for the i2 pair."),
) -> None:
    """Export what you may see of it now; recorded as a disclosure."""
    if format_ not in {"graphml", "i2"}:
        raise typer.BadParameter("--format is graphml or i2")
    cfg, opened, cards = _opened(investigation_id, user, purpose, "investigation opened for export")
    if format_ == "graphml":
        files = {out: export.graphml(opened, cards)}
    else:
        out.mkdir(parents=True, exist_ok=True)
        files = {
            out / f"{investigation_id}-entities.csv": export.i2_entities(opened, cards),
            out / f"{investigation_id}-links.csv": export.i2_links(opened),
        }
    for path in files:
        audit.record(
            cfg.jigsaw_home,
            "disclosure",
            user=user,
            purpose=purpose,
            action="export investigation",
            investigation=investigation_id,
            format=format_,
            file_name=path.name,
            people=opened.people,
        )
    for path, data in files.items():
        _write(path, data)
        console.print(f"Wrote {escape(str(path))}")
