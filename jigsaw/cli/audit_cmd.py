"""`jigsaw audit verify|export`: check and hand over the hash-chained audit trail."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .. import audit
from .common import console, settings

app = typer.Typer(help="The audit trail: who looked at or changed what, when, and why.", no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check that no audit event was edited, removed or inserted; exits 1 if one was."""
    home = settings().jigsaw_home
    result = audit.verify(home)
    if result.ok:
        console.print(f"Audit trail intact: {result.events:,} events in {audit.audit_path(home)}\n"
                      f"Head hash {result.head} (keep it with the date: a later trail must still contain it)")  # fmt: skip
        return
    console.print(f"[bold red]Audit trail broken at line {result.line}:[/] {result.problem}. "
                  f"{result.events:,} events before it verify.")  # fmt: skip
    raise typer.Exit(1)


@app.command()
def export(
    out: Optional[Path] = typer.Option(None, help="File to write (default: standard output)."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (every field, hashes included) or csv."),
) -> None:
    """Export the audit trail for the auditor."""
    if fmt not in {"jsonl", "csv"}:
        raise typer.BadParameter("--format must be jsonl or csv")
    handle = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        if fmt == "jsonl":
            for event in audit.events(settings().jigsaw_home):
                handle.write(json.dumps(event, ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(handle)
            writer.writerow(["at", "kind", "user", "purpose", "action", "details", "hash"])
            for e in audit.events(settings().jigsaw_home):
                writer.writerow([e["at"], e["kind"], e["user"], e["purpose"], e["action"], json.dumps(e["details"]), e["hash"]])
    finally:
        if out:
            handle.close()
    if out:
        console.print(f"Audit trail written to {out}")
