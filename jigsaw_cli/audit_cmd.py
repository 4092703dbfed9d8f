"""`jigsaw audit verify|export`: check and hand over the hash-chained audit trail."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import typer

from jigsaw import audit

from .common import console, settings

_SHOWN = 50  # problem lines listed; the count says how many in all

app = typer.Typer(help="The audit trail: who looked at or changed what, when, and why.", no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check that no audit event was edited, removed or inserted; exits 1 if one was."""
    home = settings().jigsaw_home
    result = audit.verify(home)
    if result.ok:
        console.print(
            f"Audit trail intact: {result.events:,} events in {audit.audit_path(home)}\n"
            f"Head hash {result.head} (keep it with the date: a later trail must still contain it)"
        )
        return
    console.print(
        f"[bold red]Audit trail broken at line {result.line}:[/] {result.problem}. "
        f"{result.events:,} events verify; {len(result.problems):,} line(s) do not:"
    )
    for line, problem in result.problems[:_SHOWN]:
        console.print(f"  line {line}: {problem}", markup=False)
    if len(result.problems) > _SHOWN:
        console.print(f"  ... and {len(result.problems) - _SHOWN:,} more")
    raise typer.Exit(1)


@app.command()
def export(
    out: Path | None = typer.Option(None, help="File to write, owner-only (default: standard output)."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (every field, hashes included) or csv."),
) -> None:
    """Export the audit trail for the auditor (itself recorded in the trail as a disclosure)."""
    if fmt not in {"jsonl", "csv"}:
        raise typer.BadParameter("--format must be jsonl or csv")
    cfg = settings()
    handle = _owner_only(out) if out else sys.stdout
    count = 0
    try:
        if fmt == "jsonl":
            for event in audit.events(cfg.jigsaw_home):
                handle.write(json.dumps(event, ensure_ascii=True) + "\n")
                count += 1
        else:
            from jigsaw.spreadsheet_safe import neutralise  # the project's one spreadsheet-formula guard

            writer = csv.writer(handle)
            writer.writerow(["at", "kind", "user", "purpose", "action", "details", "hash"])
            for e in audit.events(cfg.jigsaw_home):
                cells = [e["at"], e["kind"], e["user"], e["purpose"], e["action"], json.dumps(e["details"]), e["hash"]]
                writer.writerow([neutralise(c) for c in cells])
                count += 1
    finally:
        if out:
            handle.close()
    audit.record(
        cfg.jigsaw_home,
        "disclosure",
        user=cfg.acting_user(),
        purpose="audit",
        action="audit trail exported",
        format=fmt,
        events=count,
        to=str(out) if out else "standard output",
    )
    if out:
        console.print(f"Audit trail written to {out} (readable by you only)", markup=False)


def _owner_only(path: Path):
    """A new or replaced file only its owner can read: the trail names users and what they looked at."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode on open: set it
    return os.fdopen(fd, "w", newline="", encoding="utf-8")
