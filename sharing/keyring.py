"""The borough's sharing keys: its own Ed25519 signing key, and the senders' public keys it has
chosen to trust. Both live owner-only under JIGSAW_HOME/keys/sharing/.

A package is only as trustworthy as the key that signed it, so trust is a decision made by a
person: the receiving borough reads the sender's fingerprint back over the phone before
`jigsaw share keys trust`. A fingerprint is the first 80 bits of the SHA-256 of the raw public
key, as five groups of four hex digits: short enough to read out, far too long to forge.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FOLDER = Path("keys") / "sharing"
SIGNING_KEY = "signing-key.pem"
TRUSTED = "trusted.json"
MAX_KEY_FILE = 8 * 1024  # a PEM public key is 113 bytes: anything far larger is not one
MAX_NAME = 80


class KeyringError(ValueError):
    """A key cannot be made, read, trusted or found: the message says what to do."""


@dataclass
class TrustedKey:
    fingerprint: str
    name: str
    public_key: str  # base64 of the 32 raw bytes
    trusted_at: str
    trusted_by: str
    revoked_at: str | None = None
    revoked_by: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def namespace(self) -> str:
        return namespace(base64.b64decode(self.public_key))


def fingerprint(raw: bytes) -> str:
    digest = hashlib.sha256(raw).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def namespace(raw: bytes) -> str:
    """The sender's namespace for the ids of the records it shares: its fingerprint, compact."""
    return fingerprint(raw).replace(" ", "").lower()


def _folder(home: Path) -> Path:
    folder = Path(home) / FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder.parent, 0o700)
    os.chmod(folder, 0o700)
    return folder


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_public_key(key: Ed25519PrivateKey) -> bytes:
    return _raw(key.public_key())


# --- our own key --------------------------------------------------------------------------


def init_signing_key(home: Path) -> bytes:
    """Make this borough's signing key (owner-only); returns its raw public key. Never overwrites:
    receivers trust the old key, and replacing it silently would break every one of them."""
    path = _folder(home) / SIGNING_KEY
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyringError(f"a signing key already exists ({path}); `jigsaw share keys show` prints it") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return _raw(key.public_key())


def signing_key(home: Path) -> Ed25519PrivateKey:
    path = Path(home) / FOLDER / SIGNING_KEY
    if not path.exists():
        raise KeyringError(
            "this Jigsaw has no signing key yet: run `jigsaw share keys init`, then send the public key "
            "(`jigsaw share keys show --out FILE`) to the receiving borough"
        )
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyringError(f"{path} is not an Ed25519 key")
    return key


def own_public_key(home: Path) -> bytes:
    return _raw(signing_key(home).public_key())


def public_pem(raw: bytes) -> bytes:
    return Ed25519PublicKey.from_public_bytes(raw).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def read_public_key_file(path: Path) -> bytes:
    """A sender's public key file (PEM, as `keys show --out` writes it): its raw 32 bytes."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_KEY_FILE + 1)
    if len(data) > MAX_KEY_FILE:
        raise KeyringError(f"{path} is too large to be a public key")
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise KeyringError(f"{path} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyringError(f"{path} is not an Ed25519 public key")
    return _raw(key)


def verify(raw: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- the senders we trust -----------------------------------------------------------------


def clean_name(name: str) -> str:
    """The receiver's own name for a sender: shown on every record it shares, so plain text only."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(ch).startswith("C") for ch in name):
        raise KeyringError(f"a sender's name is 1 to {MAX_NAME} printable characters")
    return name


def trusted(home: Path) -> list[TrustedKey]:
    path = Path(home) / FOLDER / TRUSTED
    if not path.exists():
        return []
    return [TrustedKey(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))["keys"]]


def _save(home: Path, keys: list[TrustedKey]) -> None:
    """Owner-only and atomic: a crash mid-write never leaves a half keyring."""
    folder = _folder(home)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".trusted-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"keys": [asdict(k) for k in keys]}, handle, indent=2, ensure_ascii=False)
    os.replace(tmp, folder / TRUSTED)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _same(a: str, b: str) -> bool:
    return a.replace(" ", "").upper() == b.replace(" ", "").upper()


def trust(home: Path, raw: bytes, name: str, user: str) -> TrustedKey:
    name = clean_name(name)
    keys = trusted(home)
    fp = fingerprint(raw)
    if any(_same(k.fingerprint, fp) and k.active for k in keys):
        raise KeyringError(f"key {fp} is already trusted")
    if any(k.name == name and k.active for k in keys):
        raise KeyringError(f"another trusted key is already called {name!r}; revoke it first or choose another name")
    entry = TrustedKey(
        fingerprint=fp, name=name, public_key=base64.b64encode(raw).decode(), trusted_at=_now(), trusted_by=user
    )
    _save(home, [k for k in keys if not _same(k.fingerprint, fp)] + [entry])
    return entry


def revoke(home: Path, fp: str, user: str) -> TrustedKey:
    keys = trusted(home)
    entry = next((k for k in keys if _same(k.fingerprint, fp) and k.active), None)
    if entry is None:
        raise KeyringError(f"no trusted key has the fingerprint {fp!r} (`jigsaw share keys list`)")
    entry.revoked_at, entry.revoked_by = _now(), user
    _save(home, keys)
    return entry


def signer(home: Path, raw: bytes) -> TrustedKey:
    """The trusted sender holding this key; KeyringError (saying why) when there is none."""
    fp = fingerprint(raw)
    entry = next((k for k in trusted(home) if _same(k.fingerprint, fp)), None)
    if entry is None:
        raise KeyringError(
            f"signed by key {fp}, which this Jigsaw does not trust. If you expect packages from this "
            "sender, ask them to read out their fingerprint and run `jigsaw share keys trust`"
        )
    if not entry.active:
        raise KeyringError(f"signed by key {fp} ({entry.name}), which was revoked on {entry.revoked_at}")
    return entry
