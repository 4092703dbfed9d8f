"""The audit trail: who did what, when, for which purpose, in a hash-chained append-only file.

Each line is a JSON event carrying the SHA-256 of the line before it and its own hash, so
`jigsaw audit verify` detects any line edited, removed or inserted. Events record query
names, parameters, ids touched and row counts, never the rows themselves.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

GENESIS = "0" * 64
KINDS = ("collection", "consultation", "alteration", "disclosure", "combination", "erasure", "access")


def audit_path(home: Path) -> Path:
    return home / "audit" / "audit.jsonl"


def _canonical(event: dict) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False).encode()


def _hash(previous: str, event: dict) -> str:
    return hashlib.sha256(previous.encode() + _canonical(event)).hexdigest()


def _last_hash(handle) -> str:
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    if size == 0:
        return GENESIS
    handle.seek(max(0, size - 65536))
    last = handle.read().splitlines()[-1]
    return json.loads(last)["hash"]


def record(home: Path, kind: str, *, user: str, purpose: str | None, action: str, **details: Any) -> dict:
    """Append one event; safe against concurrent writers on this machine (file lock)."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    path = audit_path(home)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        previous = _last_hash(handle)
        event = {
            "at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "kind": kind, "user": user,
            "purpose": purpose, "action": action, "details": details, "previous": previous,
        }  # fmt: skip
        event["hash"] = _hash(previous, {k: v for k, v in event.items() if k != "hash"})
        handle.write(json.dumps(event, default=str, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return event


def events(home: Path) -> Iterator[dict]:
    path = audit_path(home)
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass
class Verification:
    ok: bool
    events: int
    problem: str | None = None
    line: int | None = None
    head: str = GENESIS  # hash of the last good event: keep it elsewhere to detect a truncated tail


def verify(home: Path) -> Verification:
    """Walk the chain; the first line whose hash or link does not hold is reported."""
    path = audit_path(home)
    if not path.exists():
        return Verification(True, 0)
    previous = GENESIS
    count = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                return Verification(False, count, "a blank line was inserted", number, previous)
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                return Verification(False, count, "the line is not valid JSON", number, previous)
            if event.get("previous") != previous:
                return Verification(False, count, "the chain is broken here: a line before it was removed or changed", number, previous)
            body = {k: v for k, v in event.items() if k != "hash"}
            if _hash(previous, json.loads(json.dumps(body))) != event.get("hash"):
                return Verification(False, count, "the line was edited after it was written", number, previous)
            previous = event["hash"]
            count += 1
    return Verification(True, count, head=previous)
