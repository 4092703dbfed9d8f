"""`jigsaw share export|import`: cross-borough sharing packages under an information-sharing agreement."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

import typer

from sharing.exchange import export_network, import_package
from sharing.package import PackageError

from .. import audit
from ..connection import driver_for
from .common import console, friendly_errors, log_identity_run, settings

app = typer.Typer(help="Share a network with another borough, or receive one, under an agreement.", no_args_is_help=True)


@app.command("export")
def export(
    person: Optional[str] = typer.Option(None, help="Share this person's network (person id)."),
    place: Optional[str] = typer.Option(None, help="Share this place's network (place_key)."),
    hops: int = typer.Option(1, min=1, max=2, help="1: the records naming them; 2: also the records of everyone those name."),
    to: str = typer.Option(..., "--to", help="The receiving borough."),
    agreement: str = typer.Option(..., help="The information-sharing agreement this relies on."),
    purpose: str = typer.Option(..., "--purpose", envvar="JIGSAW_PURPOSE", help="Why it is shared (case or meeting reference)."),
    shared_by: str = typer.Option(..., "--from", envvar="JIGSAW_ORGANISATION", help="Your organisation, e.g. 'Haringey MASH'."),
    identified: bool = typer.Option(False, "--identified", help="Include names, dates of birth and postcodes (only if the agreement allows)."),
    out: Path = typer.Option(..., "--out", help="The package file to write (.zip)."),
) -> None:
    """Write a sharing package: the records behind a person's or a place's network, with a manifest."""
    if bool(person) == bool(place):
        raise typer.BadParameter("give --person or --place")
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            manifest, keys = export_network(driver, cfg.neo4j_database, out, kind="person" if person else "place",
                                            key=person or place, hops=hops, shared_by=shared_by, shared_with=to,
                                            agreement=agreement, purpose=purpose, user=cfg.acting_user(), identified=identified)  # fmt: skip
    except (LookupError, ValueError) as err:
        console.print(f"[bold red]Nothing shared:[/] {err}")
        raise typer.Exit(2) from None
    os.chmod(out, 0o600)
    audit.record(cfg.jigsaw_home, "disclosure", user=cfg.acting_user(), purpose=purpose, action="share export",
                 package=manifest.package_id, shared_with=manifest.shared_with, agreement=agreement, identified=identified,
                 subject=manifest.subject, records=keys[:500], record_count=len(keys),
                 sha256=hashlib.sha256(out.read_bytes()).hexdigest())  # fmt: skip
    counts = ", ".join(f"{n} {s}" for s, n in manifest.records.items())
    console.print(f"Package {manifest.package_id} written to {out}: {counts} record(s), "
                  f"{'identified' if identified else 'pseudonymised'}, for {manifest.shared_with} under {agreement}. "
                  "Logged as a disclosure.")  # fmt: skip


@app.command("import")
def import_(
    package: Path = typer.Argument(..., exists=True, dir_okay=False, help="A package file from another Jigsaw."),
    purpose: Optional[str] = typer.Option(None, "--purpose", envvar="JIGSAW_PURPOSE", help="Recorded in the audit trail."),
    resolve: bool = typer.Option(True, "--resolve/--no-resolve", help="Resolve its people against local persons afterwards."),
) -> None:
    """Load a package from another borough: checked, validated, quarantined and provenance kept on every record."""
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            manifest, report, resolved = import_package(driver, cfg.neo4j_database, package, user=cfg.acting_user(),
                                                        quarantine_root=cfg.jigsaw_home / "quarantine", resolve=resolve)  # fmt: skip
    except PackageError as err:
        console.print(f"[bold red]Nothing loaded:[/] {err}")
        raise typer.Exit(2) from None
    audit.record(cfg.jigsaw_home, "collection", user=cfg.acting_user(), purpose=purpose or manifest.purpose,
                 action="share import", package=manifest.package_id, shared_by=manifest.shared_by, agreement=manifest.agreement,
                 identified=manifest.identified, load_id=report.load_id, rows_read=report.rows_read,
                 rows_rejected=report.rows_rejected, records_new=report.records_new)  # fmt: skip
    if resolved is not None:
        log_identity_run(cfg, resolved, purpose or manifest.purpose)
    console.print(f"Shared by {manifest.shared_by} under {manifest.agreement} on {manifest.exported_at:%d %B %Y} "
                  f"({'identified' if manifest.identified else 'pseudonymised'}): {report.rows_read} record(s) read, "
                  f"{report.records_new} new, {report.records_unchanged} already here, {report.rows_rejected} rejected.")  # fmt: skip
    for path in report.quarantine:
        console.print(f"Rejected rows kept, with reasons, in {path}")
    if resolved is not None:
        console.print(f"Identity: {resolved.mentions} mention(s) resolved against local persons, {resolved.auto_links} linked, "
                      f"{resolved.review_queued} queued for review.")  # fmt: skip
