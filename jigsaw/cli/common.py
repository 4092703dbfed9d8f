"""Helpers shared by the CLI commands: settings, and turning known errors into clean exits."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import typer
from rich.console import Console

from .. import audit
from ..config import Settings, get_settings
from ..neo4j_server.errors import ServerError

console = Console(stderr=True)


@contextmanager
def friendly_errors() -> Iterator[None]:
    try:
        yield
    except ServerError as err:
        console.print(f"[bold red]Error:[/] {err.what}\n[bold]What to do:[/] {err.todo}")
        raise typer.Exit(2) from None


def settings() -> Settings:
    return get_settings()


def log_identity_run(cfg: Settings, summary, purpose: str | None = None) -> None:
    """An identity run combines records from different agencies: logged as a combination."""
    audit.record(cfg.jigsaw_home, "combination", user=cfg.acting_user(), purpose=purpose, action="identity run",
                 **{k: v for k, v in summary.__dict__.items() if isinstance(v, int)})  # fmt: skip
