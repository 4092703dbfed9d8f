"""Stable pseudonyms and ages for the MASE screen: the same person keeps the same pseudonym
for the whole meeting, and a different meeting gives different pseudonyms.

A pseudonym must not lead back to a person without a secret the deployment holds: person
ids can be recomputed from record ids, and meeting names are guessable, so every key that
makes a pseudonym or an opaque id is derived from `deployment_secret(home)`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import date
from pathlib import Path

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0 on a projector
SECRET_FILE = Path("keys") / "pseudonym-secret"


def deployment_secret(home: Path) -> bytes:
    """The deployment's pseudonymisation secret (32 random bytes), made owner-only on first use."""
    path = Path(home) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        text = path.read_text(encoding="ascii").strip()
        if len(text) != 64:
            raise ValueError(
                f"{path} is not a 64-character hex secret; restore it from backup or remove it "
                "(pseudonyms already handed out will then change)"
            ) from None
        return bytes.fromhex(text)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return deployment_secret(home)


def meeting_key(secret: bytes, meeting: str) -> str:
    """The key for one meeting's pseudonyms: without the secret, a meeting name gives nothing."""
    return hmac.new(secret, b"meeting\x00" + meeting.encode(), hashlib.sha256).hexdigest()


def opaque(secret: bytes, context: str, value: str, *, prefix: str = "X-", length: int = 16) -> str:
    """A stable id for `value` that cannot be reversed or recomputed without the secret."""
    digest = hmac.new(secret, context.encode() + b"\x00" + value.encode(), hashlib.sha256).hexdigest()
    return prefix + digest[:length]


def pseudonym(person_id: str, meeting: str) -> str:
    digest = hmac.new(meeting.encode(), person_id.encode(), hashlib.sha256).digest()
    letters = "".join(_LETTERS[b % len(_LETTERS)] for b in digest[:2])
    return f"YP-{letters}{digest[2] % 10}{digest[3] % 10}"


def age_on(dob: date | None, when: date) -> int | None:
    if dob is None:
        return None
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def mase_label(card: dict, meeting: str, when: date) -> str:
    """Pseudonym and age: never a name or a date of birth."""
    age = age_on(_as_date(card.get("dob")), when)
    return pseudonym(card["person_id"], meeting) + (f", {age}" if age is not None else "")


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else date.fromisoformat(str(value))
