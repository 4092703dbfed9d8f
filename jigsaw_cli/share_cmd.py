"""`jigsaw share export|import|keys`: cross-borough sharing packages under an information-sharing
agreement, signed by the sender and believed only from keys the receiver chose to trust."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import typer
from rich.markup import escape

from graph_loader.load import LoadError
from jigsaw import audit
from jigsaw.connection import driver_for
from sharing import keyring
from sharing.exchange import export_network, import_package
from sharing.keyring import KeyringError
from sharing.package import PackageError

from .common import console, friendly_errors, log_identity_run, settings

app = typer.Typer(
    help="Share a network with another borough, or receive one, under an agreement.", no_args_is_help=True
)
keys_app = typer.Typer(help="This borough's signing key, and the senders' keys it trusts.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@app.command("export")
def export(
    person: str | None = typer.Option(None, help="Share this person's network (person id)."),
    place: str | None = typer.Option(None, help="Share this place's network (place_key)."),
    hops: int = typer.Option(
        1, min=1, max=2, help="1: the records naming them; 2: also the records of everyone those name."
    ),
    to: str = typer.Option(..., "--to", help="The receiving borough."),
    agreement: str = typer.Option(..., help="The information-sharing agreement this relies on."),
    purpose: str = typer.Option(
        ..., "--purpose", envvar="JIGSAW_PURPOSE", help="Why it is shared (case or meeting reference)."
    ),
    shared_by: str = typer.Option(
        ..., "--from", envvar="JIGSAW_ORGANISATION", help="Your organisation, e.g. 'Haringey MASH'."
    ),
    identified: bool = typer.Option(
        False, "--identified", help="Include names, dates of birth and postcodes (only if the agreement allows)."
    ),
    out: Path = typer.Option(..., "--out", help="The package file to write (.zip)."),
) -> None:
    """Write a sharing package, signed with this borough's key: the records behind a person's or a place's network."""
    if bool(person) == bool(place):
        raise typer.BadParameter("give --person or --place")
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            manifest, keys = export_network(
                driver,
                cfg.neo4j_database,
                out,
                kind="person" if person else "place",
                key=person or place,
                hops=hops,
                shared_by=shared_by,
                shared_with=to,
                agreement=agreement,
                purpose=purpose,
                user=cfg.acting_user(),
                identified=identified,
                home=cfg.jigsaw_home,
            )
    except (LookupError, ValueError) as err:
        console.print(f"[bold red]Nothing shared:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    os.chmod(out, 0o600)
    audit.record(
        cfg.jigsaw_home,
        "disclosure",
        user=cfg.acting_user(),
        purpose=purpose,
        action="share export",
        package=manifest.package_id,
        shared_with=manifest.shared_with,
        agreement=agreement,
        identified=identified,
        subject=f"{'person' if person else 'place'} {person or place}, {hops} hop(s)",
        records=keys[:500],
        record_count=len(keys),
        signed_by=keyring.fingerprint(keyring.own_public_key(cfg.jigsaw_home)),
        sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
    )
    counts = ", ".join(f"{n} {s}" for s, n in manifest.records.items())
    console.print(
        escape(
            f"Package {manifest.package_id} written to {out}: {counts} record(s), "
            f"{'identified' if identified else 'pseudonymised'}, for {manifest.shared_with} under {agreement}, "
            "signed with this borough's key. Logged as a disclosure."
        )
    )


@app.command("import")
def import_(
    package: Path = typer.Argument(..., exists=True, dir_okay=False, help="A package file from another Jigsaw."),
    purpose: str | None = typer.Option(None, "--purpose", envvar="JIGSAW_PURPOSE", help="Recorded in the audit trail."),
    resolve: bool = typer.Option(
        True, "--resolve/--no-resolve", help="Resolve its people against local persons afterwards."
    ),
) -> None:
    """Load a package from a trusted sender: its signature, size and checksums checked, validated, quarantined,
    each record kept beside (never over) local ones with who shared it, when and under which package."""
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            got = import_package(
                driver,
                cfg.neo4j_database,
                package,
                home=cfg.jigsaw_home,
                user=cfg.acting_user(),
                quarantine_root=cfg.jigsaw_home / "quarantine",
                resolve=resolve,
            )
    except (PackageError, LoadError) as err:
        console.print(f"[bold red]Nothing loaded:[/] {escape(str(err))}")
        raise typer.Exit(2) from None
    manifest, report, resolved = got.manifest, got.report, got.resolved
    audit.record(
        cfg.jigsaw_home,
        "collection",
        user=cfg.acting_user(),
        purpose=purpose or manifest.purpose,
        action="share import",
        package=manifest.package_id,
        shared_by=got.signer.name,
        signed_by=got.signer.fingerprint,
        agreement=manifest.agreement,
        identified=manifest.identified,
        load_id=report.load_id,
        rows_read=report.rows_read,
        rows_rejected=report.rows_rejected,
        records_new=report.records_new,
    )
    if resolved is not None:
        log_identity_run(cfg, resolved, purpose or manifest.purpose)
    console.print(
        escape(
            f"Shared by {got.signer.name} (key {got.signer.fingerprint}) under {manifest.agreement} on "
            f"{manifest.exported_at:%d %B %Y} ({'identified' if manifest.identified else 'pseudonymised'}): "
            f"{report.rows_read} record(s) read, {report.records_new} new, {report.records_changed} updated "
            f"from an earlier package, {report.records_unchanged} already here, {report.rows_rejected} rejected. "
            "Shared records sit beside this borough's own, never over them."
        )
    )
    for path in report.quarantine:
        console.print(f"Rejected rows kept, with reasons, in {escape(path)}")
    if resolved is not None:
        console.print(
            f"Identity: {resolved.mentions} mention(s) resolved against local persons, {resolved.auto_links} linked, "
            f"{resolved.review_queued} queued for review."
        )


# --- keys ---------------------------------------------------------------------------------


def _fail(err: Exception) -> None:
    console.print(f"[bold red]Error:[/] {escape(str(err))}")
    raise typer.Exit(2) from None


@keys_app.command("init")
def keys_init() -> None:
    """Make this borough's signing key (once). Its public half goes to every borough you share with."""
    cfg = settings()
    try:
        raw = keyring.init_signing_key(cfg.jigsaw_home)
    except KeyringError as err:
        _fail(err)
    audit.record(
        cfg.jigsaw_home,
        "alteration",
        user=cfg.acting_user(),
        purpose=None,
        action="share keys init",
        fingerprint=keyring.fingerprint(raw),
    )
    console.print(
        f"Signing key made. Fingerprint: [bold]{keyring.fingerprint(raw)}[/]\n"
        "Send the public key (`jigsaw share keys show --out FILE`) and read this fingerprint out to the receiver."
    )


@keys_app.command("show")
def keys_show(out: Path | None = typer.Option(None, "--out", help="Write the public key to this file.")) -> None:
    """Print this borough's public key and its fingerprint (to read out over the phone)."""
    cfg = settings()
    try:
        raw = keyring.own_public_key(cfg.jigsaw_home)
    except KeyringError as err:
        _fail(err)
    pem = keyring.public_pem(raw)
    if out:
        out.write_bytes(pem)
    else:
        typer.echo(pem.decode(), nl=False)
    console.print(f"Fingerprint: [bold]{keyring.fingerprint(raw)}[/]")


@keys_app.command("trust")
def keys_trust(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The sender's public key file."),
    name: str = typer.Option(
        ..., "--name", help="Who the sender is, e.g. 'Haringey MASH': shown on every record they share."
    ),
    fingerprint: str | None = typer.Option(
        None, "--fingerprint", help="The fingerprint the sender read out; asked for if not given."
    ),
) -> None:
    """Trust a sender's key, once its fingerprint was checked with them by phone."""
    cfg = settings()
    try:
        raw = keyring.read_public_key_file(file)
        fp = keyring.fingerprint(raw)
        heard = fingerprint or typer.prompt(
            f"This key's fingerprint is {fp}.\nType the fingerprint the sender read out to you"
        )
        if heard.replace(" ", "").upper() != fp.replace(" ", ""):
            raise KeyringError(
                f"the fingerprint you were given does not match this key ({fp}): not trusted. "
                "The file may have been replaced on its way to you"
            )
        entry = keyring.trust(cfg.jigsaw_home, raw, name, cfg.acting_user())
    except KeyringError as err:
        _fail(err)
    audit.record(
        cfg.jigsaw_home,
        "alteration",
        user=cfg.acting_user(),
        purpose=None,
        action="share keys trust",
        fingerprint=entry.fingerprint,
        name=entry.name,
    )
    console.print(escape(f"Packages signed by {entry.fingerprint} will now be accepted, as shared by {entry.name}."))


@keys_app.command("list")
def keys_list() -> None:
    """The senders' keys this borough trusts, and those it revoked."""
    for k in keyring.trusted(settings().jigsaw_home):
        state = "trusted" if k.active else f"revoked {k.revoked_at} by {k.revoked_by}"
        typer.echo(f"{k.fingerprint}  {k.name}  (since {k.trusted_at}, by {k.trusted_by}; {state})")


@keys_app.command("revoke")
def keys_revoke(fingerprint: str = typer.Argument(..., help="The fingerprint of the key to stop trusting.")) -> None:
    """Stop accepting packages signed by a key (records already received stay, with their provenance)."""
    cfg = settings()
    try:
        entry = keyring.revoke(cfg.jigsaw_home, fingerprint, cfg.acting_user())
    except KeyringError as err:
        _fail(err)
    audit.record(
        cfg.jigsaw_home,
        "alteration",
        user=cfg.acting_user(),
        purpose=None,
        action="share keys revoke",
        fingerprint=entry.fingerprint,
        name=entry.name,
    )
    console.print(escape(f"Key {entry.fingerprint} ({entry.name}) revoked: its packages are refused from now on."))
