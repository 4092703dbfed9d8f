"""Server-side explorer sessions, so a reload or a second tab stays signed in.

The browser holds only a random 256-bit token in an HttpOnly cookie; this store holds its
SHA-256, never the token, in one owner-only JSON file under JIGSAW_HOME, updated under a
file lock (as accounts.json is). A session is made at sign-in, before the browser has any
token: the page that signed in trades a one-time claim code for the cookie
(explorer/session_cookie.py), so the token is made fresh at every sign-in and a token
planted beforehand is worth nothing (no fixation). Sign-out deletes the record: every tab
and every copy of the cookie is refused from the next click.

No Streamlit here: the cookie route and the app both use it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pydantic import BaseModel

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
CLAIM_WINDOW = timedelta(minutes=2)  # the signing-in page trades its code at once; a stale code is refused
MAX_PER_ACCOUNT = 5  # a sixth sign-in ends the least recently used session of that account
TOKEN_BYTES = 32  # 256 bits


class Session(BaseModel):
    sid: str  # the record's own id, held by the Streamlit session; never sent to the browser
    username: str
    account_stamp: str  # a fingerprint of the password hash and email at sign-in: a reset or change ends it
    signed_in_at: datetime
    last_seen: datetime
    purpose: str | None = None
    token_hash: str | None = None
    claim_hash: str | None = None
    claim_expires: datetime | None = None

    def expired(self, now: datetime) -> bool:
        return now - self.last_seen > IDLE_TIMEOUT or now - self.signed_in_at > ABSOLUTE_TIMEOUT


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def account_stamp(password_hash: str | None, email: str | None) -> str:
    return digest(f"{password_hash or ''}\x00{email or ''}")


def store_path(home: Path) -> Path:
    return home / "explorer-sessions.json"


@contextmanager
def _locked(home: Path, write: bool, now: datetime | None = None) -> Iterator[dict[str, Session]]:
    path = store_path(home)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        text = handle.read()
        try:
            sessions = {sid: Session.model_validate(s) for sid, s in (json.loads(text) if text.strip() else {}).items()}
        except ValueError:  # a damaged store signs everyone out; it never opens a session it cannot read
            sessions = {}
        yield sessions
        if write:  # ended sessions are dropped at every write: the file never grows past the live ones
            now = now or datetime.now(timezone.utc)
            kept = {sid: s for sid, s in sessions.items() if not s.expired(now)}
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({sid: s.model_dump(mode="json") for sid, s in kept.items()}))
            handle.flush()
            os.fsync(handle.fileno())


def open_session(home: Path, username: str, stamp: str, purpose: str | None = None, *,
                 now: datetime | None = None) -> tuple[Session, str]:  # fmt: skip
    """A new session for a sign-in; returns it and the one-time code that claims its cookie."""
    now = now or datetime.now(timezone.utc)
    code = secrets.token_urlsafe(TOKEN_BYTES)
    session = Session(sid=secrets.token_urlsafe(16), username=username, account_stamp=stamp, signed_in_at=now,
                      last_seen=now, purpose=purpose, claim_hash=digest(code), claim_expires=now + CLAIM_WINDOW)  # fmt: skip
    with _locked(home, write=True, now=now) as sessions:
        sessions[session.sid] = session
        own = sorted((s for s in sessions.values() if s.username == username), key=lambda s: s.last_seen, reverse=True)
        for older in own[MAX_PER_ACCOUNT:]:
            del sessions[older.sid]
    return session, code


def claim(home: Path, code: str, *, now: datetime | None = None) -> str | None:
    """The new cookie token for a claim code, once; None for an unknown, used or stale code."""
    now = now or datetime.now(timezone.utc)
    wanted = digest(code)
    with _locked(home, write=True, now=now) as sessions:
        for session in sessions.values():
            if session.claim_hash and secrets.compare_digest(session.claim_hash, wanted):
                fresh = session.claim_expires is not None and now <= session.claim_expires and not session.expired(now)
                session.claim_hash = session.claim_expires = None  # used up either way
                if not fresh:
                    return None
                token = secrets.token_urlsafe(TOKEN_BYTES)
                session.token_hash = digest(token)
                return token
    return None


def by_token(home: Path, token: str, *, now: datetime | None = None) -> Session | None:
    """The live session a cookie's token belongs to, if any."""
    now = now or datetime.now(timezone.utc)
    wanted = digest(token)
    with _locked(home, write=False) as sessions:
        for session in sessions.values():
            if session.token_hash and secrets.compare_digest(session.token_hash, wanted):
                return None if session.expired(now) else session.model_copy()
    return None


def current(home: Path, sid: str) -> Session | None:
    with _locked(home, write=False) as sessions:
        session = sessions.get(sid)
        return session.model_copy() if session else None


def touch(home: Path, sid: str, *, purpose: str | None = None, now: datetime | None = None) -> Session | None:
    """Record activity (and the case reference, when given); None if the session has ended."""
    now = now or datetime.now(timezone.utc)
    with _locked(home, write=True, now=now) as sessions:
        session = sessions.get(sid)
        if session is None or session.expired(now):
            sessions.pop(sid, None)
            return None
        session.last_seen = max(session.last_seen, now)
        if purpose:
            session.purpose = purpose
        return session.model_copy()


def revoke(home: Path, sid: str) -> None:
    with _locked(home, write=True) as sessions:
        sessions.pop(sid, None)


def revoke_token(home: Path, token: str) -> None:
    wanted = digest(token)
    with _locked(home, write=True) as sessions:
        for sid in [s.sid for s in sessions.values() if s.token_hash and secrets.compare_digest(s.token_hash, wanted)]:
            del sessions[sid]


def of_account(home: Path, username: str) -> list[Session]:
    with _locked(home, write=False) as sessions:
        return [s.model_copy() for s in sessions.values() if s.username == username]
