"""Helpers shared by the CLI commands: settings, and turning known errors into clean exits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape

from jigsaw import audit
from jigsaw.config import Settings, get_settings
from jigsaw.neo4j_server.errors import ServerError
from jigsaw.purpose import REFERENCE_RULE, valid_reference

console = Console(stderr=True)
SHOWN_PROBLEMS = 30  # doubtful values and rejected rows printed of each; --json lists them all


@contextmanager
def friendly_errors() -> Iterator[None]:
    try:
        yield
    except ServerError as err:
        console.print(f"[bold red]Error:[/] {err.what}\n[bold]What to do:[/] {err.todo}")
        raise typer.Exit(2) from None


def _reference(value: str) -> str:
    value = (value or "").strip()
    if not valid_reference(value):
        raise typer.BadParameter(f"a case or meeting reference: {REFERENCE_RULE}")
    return value


# Commands that show or change what is known about people say why, like `jigsaw query`.
PURPOSE = typer.Option(
    ...,
    "--purpose",
    envvar="JIGSAW_PURPOSE",
    callback=_reference,
    help="Case or meeting reference, recorded in the audit trail.",
)


def settings() -> Settings:
    return get_settings()


def log_identity_run(cfg: Settings, summary, purpose: str | None = None) -> None:
    """An identity run combines records from different agencies: logged as a combination."""
    audit.record(
        cfg.jigsaw_home,
        "combination",
        user=cfg.acting_user(),
        purpose=purpose,
        action="identity run",
        **{k: v for k, v in summary.__dict__.items() if isinstance(v, int)},
    )


def print_problems(doubts: list[dict], rejections: list[dict]) -> None:
    """The first doubtful values and rejected rows of a load or a dry run, each as {file, row, field, ...}.

    Escaped: a file name, recorded value or reason is the file's own text, never markup for the terminal.
    """
    for d in doubts[:SHOWN_PROBLEMS]:
        console.print(
            f"[yellow]Doubtful[/] {escape(d['file'])} row {d['row']}, {escape(d['field'])} kept as recorded "
            f"{escape(repr(d['as_recorded']))}: {escape(d['reason'])}"
        )
    if len(doubts) > SHOWN_PROBLEMS:
        console.print(f"... and {len(doubts) - SHOWN_PROBLEMS} more doubtful values (--json lists them all).")
    for r in rejections[:SHOWN_PROBLEMS]:
        console.print(
            f"[red]Rejected[/] {escape(r['file'])} row {r['row']}, {escape(r['field'])}: {escape(r['reason'])}"
        )
    if len(rejections) > SHOWN_PROBLEMS:
        console.print(f"... and {len(rejections) - SHOWN_PROBLEMS} more problems (--json lists them all).")
