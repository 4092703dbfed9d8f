"""A sharing package: the records behind a person's or a place's network, written as the
sources' own JSON Lines files (so the receiving Jigsaw validates, quarantines and loads them
like any other source), with a manifest naming who shared them, with whom, under which
agreement and for what purpose, and the SHA-256 of every file. The manifest's exact bytes are
signed with the sending borough's Ed25519 key (signature.json), so a package is believed only
when a key the receiver chose to trust signed it (sharing/keyring.py).

Pseudonymised packages carry no names (each person gets a pseudonym stable within the
package), no dates of birth (a gangs-matrix nominal, whose date of birth the matrix requires,
keeps only the year, as 1 July), no postcodes, aliases, schools, ethnicity or free text, and
private places only by kind and borough. Their pseudonyms, record ids and references are keyed
with the sender's deployment secret (jigsaw/pseudonyms.py), so nobody without it can lead one
back to a record or a person by trying candidate ids. Identified packages can be linked to
people, and are shared only where the agreement allows it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph_loader.keys import record_key
from graph_loader.models import SOURCES
from graph_loader.models.fields import Borough, ShortText
from graph_loader.records_from_rows import Reading, iso, record_from_rows, ref_of
from jigsaw.pseudonyms import opaque

from . import keyring
from .archive import ArchiveError, Budget, copy_checked, open_archive, read_small
from .keyring import Ed25519PrivateKey, KeyringError, TrustedKey

MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
FORMAT_VERSION = 2  # 2: signed
PRIVATE_PLACES = {"private_address", "trap_house", "childrens_home"}


class Manifest(BaseModel):
    """What a package is, who sent it, and under what terms: checked before anything loads."""

    model_config = ConfigDict(extra="forbid")

    format_version: Literal[2] = FORMAT_VERSION
    package_id: ShortText
    shared_by: ShortText = Field(description="The sending organisation, e.g. 'Haringey MASH'.")
    shared_with: Borough = Field(description="The receiving borough.")
    agreement: ShortText = Field(description="The information-sharing agreement the sharing relies on.")
    purpose: ShortText
    exported_by: ShortText
    exported_at: datetime
    identified: bool
    subject: ShortText = Field(description="What the package is about, e.g. 'network of a person, 2 hops'.")
    files: dict[str, str] = Field(description="File name -> SHA-256 of its bytes.")
    records: dict[str, int] = Field(description="Source -> records in the package.")


class _Masker(Reading):
    """Pseudonymisation for one package: same person, same pseudonym, within it only; every id
    keyed with the sender's deployment secret and the package, so none can be recomputed.
    Which field is which kind of value is graph_loader/records_from_rows.py's to say."""

    def __init__(self, package_id: str, identified: bool, secret: bytes) -> None:
        self.package_id, self.identified, self.secret = package_id, identified, secret

    def _opaque(self, kind: str, value: str, prefix: str, length: int = 16) -> str:
        return opaque(self.secret, f"sharing {kind} {self.package_id}", value, prefix=prefix, length=length).upper()

    def name(self, mention: dict) -> str:
        if self.identified:
            return super().name(mention)
        return self._opaque("person", mention.get("person_id") or mention["mention_key"], "yp-", 8)

    def dob(self, value: Any, required: bool = False) -> Any:
        if self.identified or value is None:
            return iso(value)
        return f"{iso(value)[:4]}-07-01" if required else None

    def record_id(self, source: str, source_id: str) -> str:
        return source_id if self.identified else self._opaque("record", record_key(source, source_id), "r-")

    def ref(self, mention_key: str) -> str | None:
        """The agency's own reference for a person named in a record (its mention key's tail)."""
        ref = ref_of(mention_key)
        return ref if self.identified or ref is None else self._opaque("ref", ref, "x-")

    def subject(self, kind: str, key: str, hops: int) -> str:
        """What the package is about; pseudonymised, a person by pseudonym and a place (whose key
        may be an address) not at all."""
        if not self.identified:
            key = self.name({"person_id": key}) if kind == "person" else "(not named)"
        return f"network of {kind} {key}, {hops} hop{'s' if hops > 1 else ''}"

    def keep(self, value: Any) -> Any:
        return iso(value) if self.identified else None

    def keep_list(self, values: list | None) -> list:
        return list(values or []) if self.identified else []

    def place(self, p: dict) -> dict:
        place = super().place(p)
        if self.identified:
            return place
        private = place["place_type"] in PRIVATE_PLACES
        return place | {
            "place_name": f"{place['place_type'].replace('_', ' ')} ({p.get('borough') or 'London'})"
            if private
            else place["place_name"],
            "postcode": None,
            "latitude": None if private else place["latitude"],
            "longitude": None if private else place["longitude"],
        }


def record_as_source(parts: dict, masker: _Masker) -> dict | None:
    """A record's graph parts back into its source's whole-record shape (one JSON Lines object);
    None for a record whose subject was erased (it cannot be a valid record any more)."""
    return record_from_rows(parts, masker)


def _drop_nones(value: Any) -> Any:
    """Leave out what was not recorded, so the receiver's defaults apply as for any file."""
    if isinstance(value, dict):
        return {k: _drop_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nones(v) for v in value]
    return value


def write_package(
    path: Path,
    record_parts: list[dict],
    *,
    shared_by: str,
    shared_with: str,
    agreement: str,
    purpose: str,
    exported_by: str,
    identified: bool,
    subject: tuple[str, str, int],
    signing_key: Ed25519PrivateKey,
    secret: bytes,
) -> Manifest:
    """Write the package, its manifest signed with `signing_key`; `secret` (the deployment's
    pseudonymisation secret) keys every pseudonym and id of a pseudonymised package. `subject`
    is (kind, key, hops): the person or place whose network it is."""
    package_id = f"PKG-{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(4).upper()}"
    masker = _Masker(package_id, identified, secret)
    lines: dict[str, list[str]] = {}
    for parts in record_parts:
        record = record_as_source(parts, masker)
        if record is None:
            continue
        record = _drop_nones(record)
        lines.setdefault(parts["source"], []).append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    files = {SOURCES[s].jsonl_filename: ("\n".join(rows) + "\n").encode("utf-8") for s, rows in sorted(lines.items())}
    manifest = Manifest(
        package_id=package_id,
        shared_by=shared_by,
        shared_with=shared_with,
        agreement=agreement,
        purpose=purpose,
        exported_by=exported_by,
        exported_at=datetime.now(UTC),
        identified=identified,
        subject=masker.subject(*subject),
        files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
        records={s: len(rows) for s, rows in lines.items()},
    )
    manifest_bytes = manifest.model_dump_json(indent=2).encode()
    with (
        open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):  # owner-only from the first byte
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signature_for(manifest_bytes, signing_key))
        for name, data in files.items():
            archive.writestr(name, data)
    return manifest


def signature_for(manifest_bytes: bytes, signing_key: Ed25519PrivateKey) -> str:
    """signature.json: the signer's public key and its signature over the manifest's exact bytes."""
    public = keyring.raw_public_key(signing_key)
    return json.dumps(
        {
            "algorithm": "ed25519",
            "public_key": base64.b64encode(public).decode(),
            "signature": base64.b64encode(signing_key.sign(manifest_bytes)).decode(),
        }
    )


class PackageError(ValueError):
    """The package cannot be trusted or read: nothing from it is loaded."""


@dataclass
class Opened:
    """A package whose signature, manifest and every file were checked, unpacked into a folder."""

    manifest: Manifest
    signer: TrustedKey


def _signer(signature: bytes, manifest_bytes: bytes, home: Path) -> TrustedKey:
    """The trusted sender whose key signed exactly these manifest bytes; PackageError otherwise."""
    try:
        claim = json.loads(signature)
        public = base64.b64decode(claim["public_key"], validate=True)
        signed = base64.b64decode(claim["signature"], validate=True)
        if claim.get("algorithm") != "ed25519" or len(public) != 32:
            raise ValueError("not an Ed25519 signature")
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as err:
        raise PackageError(f"signature.json cannot be read ({err}): nothing loaded") from None
    try:
        signer = keyring.signer(home, public)
    except KeyringError as err:
        raise PackageError(str(err)) from None
    if not keyring.verify(public, signed, manifest_bytes):
        raise PackageError(
            f"the signature does not match the manifest: the package was altered after {signer.name} "
            f"signed it, or was not signed by them (key {signer.fingerprint})"
        )
    return signer


def open_package(path: Path, into: Path, home: Path) -> Opened:
    """Check the signature against the keys trusted in `home`, the manifest and every file's
    checksum, streaming each within the archive limits (sharing/archive.py), and unpack the
    source files into `into`. Any failure raises PackageError and leaves nothing in `into`."""
    allowed = {SOURCES[s].jsonl_filename for s in SOURCES} | {MANIFEST, SIGNATURE}
    written: list[Path] = []
    try:
        with open_archive(path, allowed) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names:
                raise PackageError("no manifest.json: this is not a Jigsaw sharing package")
            if SIGNATURE not in names:
                raise PackageError(
                    "the package is not signed (no signature.json): nothing loaded. Ask the sender "
                    "to export it again with a current Jigsaw"
                )
            manifest_bytes = read_small(archive, MANIFEST)
            signer = _signer(read_small(archive, SIGNATURE), manifest_bytes, home)
            manifest = Manifest.model_validate_json(manifest_bytes)
            if set(manifest.files) != names - {MANIFEST, SIGNATURE}:
                raise PackageError("the manifest does not list exactly the files in the package")
            into.mkdir(parents=True, exist_ok=True)
            budget = Budget()
            for name, expected in manifest.files.items():
                written.append(into / name)
                copy_checked(archive, name, into / name, expected, budget)
    except (ArchiveError, PackageError) as err:
        _remove(written)
        raise PackageError(str(err)) from None
    except ValueError as err:  # the manifest's model
        _remove(written)
        raise PackageError(f"the manifest is not valid: {err}") from None
    return Opened(manifest, signer)


def _remove(paths: list[Path]) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def provenance(opened: Opened) -> dict[str, str]:
    """What every record loaded from the package says about where it came from: the sender as
    the receiver named it when trusting its key, and the key itself."""
    manifest = opened.manifest
    return {
        "shared_by": opened.signer.name,
        "shared_by_key": opened.signer.fingerprint,
        "sharing_agreement": manifest.agreement,
        "shared_on": manifest.exported_at.date().isoformat(),
        "sharing_package": manifest.package_id,
    }
