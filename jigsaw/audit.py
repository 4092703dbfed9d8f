"""The audit trail: who did what, when, for which purpose, in a hash-chained append-only file.

Each line is a JSON event carrying the SHA-256 of the line before it and its own hash, so
`jigsaw audit verify` detects any line edited, removed or inserted. Events record query
names, parameters, ids touched and row counts, never the rows themselves.

Any text of any length may be recorded (usernames and queries come from strangers). Lines
are written as ASCII JSON, so a line can only end at "\\n", and are read as bytes split on
"\\n" alone: no Unicode line separator, control character or lone surrogate can split one.
The hash is taken over the same canonical form as before (UTF-8, lone surrogates kept as
they are), so trails written by earlier versions still verify. A line that cannot be read
(torn write, hand edit) is chained to by the SHA-256 of its bytes: later events still
record, and `verify` reports that line and every other fault after it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
KINDS = ("collection", "consultation", "alteration", "disclosure", "combination", "erasure", "access")
_CHUNK = 65536
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def audit_path(home: Path) -> Path:
    return home / "audit" / "audit.jsonl"


def _canonical(event: dict) -> bytes:
    # surrogatepass: a lone surrogate in a hostile username is hashed, not refused.
    return json.dumps(event, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False).encode(
        "utf-8", "surrogatepass"
    )


def _hash(previous: str, event: dict) -> str:
    return hashlib.sha256(previous.encode() + _canonical(event)).hexdigest()


def _link(raw: bytes) -> tuple[str, dict | None]:
    """What the next event chains to after this line, and the event if the line can be read."""
    try:
        event = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        event = None
    if isinstance(event, dict) and isinstance(event.get("hash"), str) and _HEX64.match(event["hash"]):
        return event["hash"], event
    return hashlib.sha256(raw).hexdigest(), None


def _last_line(fd: int, size: int) -> bytes:
    """The bytes of the file's last line (without its "\\n"), however long it is."""
    end = size - 1 if os.pread(fd, 1, size - 1) == b"\n" else size
    start = end
    while start > 0:
        chunk = os.pread(fd, min(_CHUNK, start), max(0, start - _CHUNK))
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            start = start - len(chunk) + newline + 1
            break
        start -= len(chunk)
    return os.pread(fd, end - start, start) if end > start else b""


def record(home: Path, kind: str, *, user: str, purpose: str | None, action: str, **details: Any) -> dict:
    """Append one event; safe against concurrent writers on this machine (file lock)."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    path = audit_path(home)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        previous, lead = GENESIS, b""
        if size:
            previous = _link(_last_line(fd, size))[0]
            if os.pread(fd, 1, size - 1) != b"\n":
                lead = b"\n"  # a torn last line stays a line of its own, for verify to report
        event = {
            "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "kind": kind,
            "user": user,
            "purpose": purpose,
            "action": action,
            "details": details,
            "previous": previous,
        }
        event["hash"] = _hash(previous, {k: v for k, v in event.items() if k != "hash"})
        os.write(fd, lead + json.dumps(event, default=str, ensure_ascii=True).encode("ascii") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    return event


def _lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes without "\\n", whether it ended with "\\n"), split on "\\n" only."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            ended = raw.endswith(b"\n")
            yield number, raw[:-1] if ended else raw, ended


def events(home: Path) -> Iterator[dict]:
    """Every event in order; a line that cannot be read comes as an "unreadable" event, never skipped."""
    path = audit_path(home)
    if not path.exists():
        return
    for number, raw, _ in _lines(path):
        if not raw.strip():
            continue
        event = _link(raw)[1]
        yield (
            event
            if event is not None
            else {
                "at": None,
                "kind": "unreadable",
                "user": None,
                "purpose": None,
                "action": f"line {number} cannot be read",
                "details": {"line": number, "text": raw.decode("utf-8", "replace")[:1000]},
                "previous": None,
                "hash": None,
            }
        )


@dataclass
class Verification:
    ok: bool
    events: int
    problem: str | None = None  # the first problem found
    line: int | None = None  # and its line
    head: str = GENESIS  # hash of the last event: keep it elsewhere to detect a truncated tail
    problems: list[tuple[int, str]] = field(default_factory=list)  # every line that does not hold


def _check(raw: bytes, ended: bool, previous: str, also: str | None) -> str | None:
    """What is wrong with this line, if anything; `also` is a second acceptable link (see verify)."""
    if not raw.strip():
        return "a blank line was inserted"
    try:
        event = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "the line is not valid UTF-8"
    except ValueError:
        return "the line is not valid JSON (cut short, split or edited)"
    if not isinstance(event, dict):
        return "the line is not an audit event"
    if event.get("previous") not in (previous, also):
        if also is not None:
            return "its link cannot be checked: the line before it cannot be read"
        return "the chain is broken here: a line before it was removed or changed"
    body = {k: v for k, v in event.items() if k != "hash"}
    if _hash(event["previous"], json.loads(json.dumps(body))) != event.get("hash"):
        return "the line was edited after it was written"
    if not ended:
        return "the last line has no end: it was cut short or appended by hand"
    return None


def verify(home: Path) -> Verification:
    """Walk the chain and report every line whose content, hash or link does not hold.

    After a bad line the walk goes on from that line's own link (its stated hash, or the
    SHA-256 of bytes that cannot be read, which is what `record` chains to), so a fault
    hides nothing after it. After an unreadable line the hash of the last readable one is
    accepted too: a line inserted by hand is reported, the real line after it is not.
    """
    path = audit_path(home)
    if not path.exists():
        return Verification(True, 0)
    previous, last_readable, count, problems = GENESIS, GENESIS, 0, []
    for number, raw, ended in _lines(path):
        link, event = _link(raw)
        problem = _check(raw, ended, previous, None if previous == last_readable else last_readable)
        if problem:
            problems.append((number, problem))
        else:
            count += 1
        previous = link
        if event is not None:
            last_readable = link
    first = problems[0] if problems else (None, None)
    return Verification(not problems, count, first[1], first[0], previous, problems)
