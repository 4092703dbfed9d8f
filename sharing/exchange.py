"""Export a network as a package and import one: the graph side of sharing. Export and import
are logged by the caller as a disclosure and a collection."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from graph_loader.load import LoadOptions, run_load
from graph_loader.load_report import LoadReport
from identity.graph_run import RunSummary
from identity.graph_run import run as run_identity
from jigsaw import need_to_know
from jigsaw.access import FULL_SCOPE, Scope
from jigsaw.cypher_files import load as cypher
from jigsaw.pseudonyms import deployment_secret

from . import keyring
from .archive import LIMITS
from .keyring import TrustedKey
from .package import Manifest, open_package, provenance, write_package

MAX_RECORDS = LIMITS.lines  # a package is a network, not a database: past this, narrow it


def export_network(
    driver: Driver,
    database: str,
    path: Path,
    *,
    kind: str,
    key: str,
    hops: int,
    shared_by: str,
    shared_with: str,
    agreement: str,
    purpose: str,
    user: str,
    identified: bool,
    home: Path,
    scope: Scope = FULL_SCOPE,
) -> tuple[Manifest, list[str]]:
    """Write the package, signed with this Jigsaw's key in `home`; returns its manifest and the
    record keys it holds."""
    if kind not in ("person", "place") or hops not in (1, 2):
        raise ValueError("share a person's or a place's network, one or two hops out")
    signing_key = keyring.signing_key(home)  # before any query: no key, nothing read
    rows = driver.execute_query(
        need_to_know.scoped("sharing/select_records", cypher("sharing/select_records")),
        kind=kind,
        key=key,
        hops=hops,
        **scope.params(),
        database_=database,
        routing_="r",
    ).records
    keys = [r["record_key"] for r in rows]
    if not keys:
        raise LookupError(f"no records for {kind} {key!r} that you may share")
    if len(keys) > MAX_RECORDS:
        raise ValueError(
            f"{len(keys):,} records: more than a package should hold ({MAX_RECORDS:,}); "
            "use one hop or a narrower subject"
        )
    parts = [
        r.data()
        for r in driver.execute_query(
            cypher("sharing/record_parts"), keys=keys, database_=database, routing_="r"
        ).records
    ]
    manifest = write_package(
        path,
        parts,
        shared_by=shared_by,
        shared_with=shared_with,
        agreement=agreement,
        purpose=purpose,
        exported_by=user,
        identified=identified,
        subject=(kind, key, hops),
        signing_key=signing_key,
        secret=deployment_secret(home),
    )
    return manifest, keys


@dataclass
class Imported:
    manifest: Manifest
    signer: TrustedKey
    report: LoadReport
    resolved: RunSummary | None


def import_package(
    driver: Driver, database: str, path: Path, *, home: Path, user: str, quarantine_root: Path, resolve: bool = True
) -> Imported:
    """Check (signed by a key trusted in `home`, within every bound, checksums right), load
    (validated and quarantined like any source, each record in the sender's namespace with the
    package's provenance) and resolve the new mentions against local persons."""
    with tempfile.TemporaryDirectory(prefix="jigsaw-package-") as folder:
        opened = open_package(path, Path(folder), home)
        options = LoadOptions(
            user=user, quarantine_root=quarantine_root, shared=provenance(opened), namespace=opened.signer.namespace
        )
        report = run_load(driver, database, None, Path(folder), options)
    resolved = run_identity(driver, database, new_only=True) if resolve and report.changed_anything else None
    return Imported(opened.manifest, opened.signer, report, resolved)
