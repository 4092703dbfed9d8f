"""`jigsaw identity run|review|confirm|reject|unsure`: who in different records is the same person."""

from __future__ import annotations

import typer
from rich.markup import escape

from identity.decisions import Verdict, decide, open_candidates, person_mentions
from identity.decisions import split as split_person
from identity.graph_run import run as run_identity
from jigsaw import audit
from jigsaw.connection import driver_for

from .common import PURPOSE, console, friendly_errors, log_identity_run, settings

app = typer.Typer(help="Identity across agencies: who in different records is the same person.", no_args_is_help=True)


@app.command("run")
def run(
    new_only: bool = typer.Option(
        False, "--new-only", help="Resolve only mentions loaded since the last run, against everyone."
    ),
) -> None:
    """Link mentions where the evidence is strong (honouring analysts' decisions); queue doubtful pairs."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        summary = run_identity(driver, cfg.neo4j_database, new_only=new_only)
    log_identity_run(cfg, summary)
    for key, value in summary.__dict__.items():
        console.print(f"{key.replace('_', ' ')}: {value}")


@app.command()
def review(limit: int = typer.Option(20, help="How many pairs to show."), purpose: str = PURPOSE) -> None:
    """The review queue: candidate pairs with what agrees and what does not, field by field."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        pairs = open_candidates(driver, cfg.neo4j_database, limit)
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose=purpose,
        action="identity review",
        page="cli",
        pairs=[p["pair_key"] for p in pairs],
    )
    if not pairs:
        console.print("No pairs are waiting for review.")
    for pair in pairs:
        # Names and reasons are the records' own text: escaped so they are never markup for the terminal.
        console.print(
            f"\n[bold]{escape(pair['pair_key'])}[/]  score {pair['score']}: {escape(pair['reason'])}", soft_wrap=True
        )
        for side in (pair["a"], pair["b"]):
            console.print(
                f"  {escape(side['source'])} {escape(side['record'])}: {escape(side['name'] or '')}, "
                f"born {side['dob'] or 'not recorded'}"
            )
        console.print("  " + escape("; ".join(pair["fields"])), soft_wrap=True)


def _decide(pair_key: str, verdict: Verdict, why: str, purpose: str) -> None:
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            moved = decide(driver, cfg.neo4j_database, pair_key, verdict, cfg.acting_user(), why)
    except (KeyError, ValueError) as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "alteration",
        user=cfg.acting_user(),
        purpose=purpose,
        action="identity verdict",
        pair=pair_key,
        verdict=verdict.value,
        mentions_moved=moved,
    )
    console.print(f"Recorded: {verdict.value} ({cfg.acting_user()}).")
    if verdict is Verdict.same_person:
        console.print(f"{moved} mention(s) now refer to one person.")
    elif verdict is Verdict.not_same:
        console.print("They will never be linked; `jigsaw identity run` separates them if they are linked now.")


@app.command()
def confirm(
    pair_key: str, why: str = typer.Option(..., help="Why they are the same person."), purpose: str = PURPOSE
) -> None:
    """Same person: join them now and in every later run."""
    _decide(pair_key, Verdict.same_person, why, purpose)


@app.command()
def reject(
    pair_key: str, why: str = typer.Option(..., help="Why they are different people."), purpose: str = PURPOSE
) -> None:
    """Not the same person: never link them, even through a third record."""
    _decide(pair_key, Verdict.not_same, why, purpose)


@app.command()
def unsure(pair_key: str, why: str = typer.Option(..., help="What would settle it."), purpose: str = PURPOSE) -> None:
    """Cannot tell yet: take the pair out of the queue, with the reason, without linking."""
    _decide(pair_key, Verdict.unsure, why, purpose)


@app.command()
def split(
    person_id: str = typer.Argument(..., help="The person wrongly built from more than one young person."),
    mention: list[str] = typer.Option(..., help="A mention key to move out (repeat); `--list` shows them."),
    why: str = typer.Option(..., help="Why these records are someone else."),
    purpose: str = PURPOSE,
) -> None:
    """Split a person: the chosen mentions become a person of their own, and stay apart in every later run."""
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            new_person = split_person(driver, cfg.neo4j_database, person_id, mention, cfg.acting_user(), why)
    except ValueError as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home,
        "alteration",
        user=cfg.acting_user(),
        purpose=purpose,
        action="identity split",
        person=person_id,
        new_person=new_person,
        mentions=mention,
    )
    console.print(f"{len(mention)} mention(s) moved from {person_id} to {new_person}; they will not be re-joined.")


@app.command()
def mentions(person_id: str, purpose: str = PURPOSE) -> None:
    """The mentions a person is built from (to choose what to split)."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        found = person_mentions(driver, cfg.neo4j_database, person_id)
    # Recorded before anything is shown, as the explorer's split form does.
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose=purpose,
        action="identity mentions",
        page="cli",
        person=person_id,
        mentions=[m["mention_key"] for m in found],
    )
    for m in found:
        typer.echo(f"{m['mention_key']}\t{m['source']} {m['record']}\t{m['name']}\t{m['dob'] or ''}")
