"""`jigsaw erase record KEY | person ID --why`: remove data for good, and log the erasure."""

from __future__ import annotations

import typer

from governance.erasure import erase_person, erase_records
from jigsaw import audit
from jigsaw.connection import driver_for

from .common import console, friendly_errors, settings

app = typer.Typer(help="Erase a record, or a person, with everything derived only from it.", no_args_is_help=True)


def _confirm(what: str, yes: bool) -> None:
    if not yes and not typer.confirm(f"Erase {what}? This cannot be undone", default=False):
        raise typer.Exit(1)


def _erase(kind: str, target: str, why: str, yes: bool, erase) -> None:
    """Confirm, erase with `erase(driver, database, user)`, log the erasure and say what went."""
    _confirm(target, yes)
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            result = erase(driver, cfg.neo4j_database, cfg.acting_user())
    except KeyError as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "erasure",
        user=cfg.acting_user(),
        purpose=None,
        action=f"erase {kind}",
        target=target,
        why=why,
        records=result.records,
        mentions=result.mentions,
        derived_removed=result.derived_removed,
    )
    console.print(
        f"Erased {len(result.records)} record(s) and {result.mentions} mention(s); "
        f"{result.derived_removed} derived node(s) removed. Reloading the source will not bring them back."
    )


@app.command()
def record(
    record_key: str = typer.Argument(..., help="mash:REFERRAL-ID, matrix:NOMINAL-ID or hsb:CASE-ID."),
    why: str = typer.Option(..., help="The reason (retention review, court order, ...); kept in the audit trail."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Erase one record: its mentions, identity decisions about them, and what only it supported."""
    _erase("record", record_key, why, yes, lambda driver, db, user: erase_records(driver, db, [record_key], user))


@app.command()
def person(
    person_id: str = typer.Argument(...),
    why: str = typer.Option(..., help="The reason; kept in the audit trail."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Erase a person: the records about them, and their mentions in other people's records."""
    _erase("person", person_id, why, yes, lambda driver, db, user: erase_person(driver, db, person_id, user))
