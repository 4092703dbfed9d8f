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

import hashlib
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel

from jigsaw import private_file

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


TOUCH_EVERY = timedelta(seconds=30)  # activity is written at most this often: idle time is counted in minutes


class _Records:
    """The store's records as read, each made a Session only when looked at (a click reads one, not all)."""

    def __init__(self, raw: dict) -> None:
        self.raw, self.parsed, self.changed = raw, {}, False

    def get(self, sid: str) -> Session | None:
        if sid not in self.parsed and sid in self.raw:
            try:
                self.parsed[sid] = Session.model_validate(self.raw[sid])
            except ValueError:  # a damaged record opens nothing
                self.pop(sid)
        return self.parsed.get(sid)

    def find(self, field: str, wanted: str) -> Session | None:
        for sid, record in list(self.raw.items()):
            value = record.get(field) if isinstance(record, dict) else None
            if isinstance(value, str) and secrets.compare_digest(value.encode(), wanted.encode()):
                return self.get(sid)
        return None

    def of(self, username: str) -> list[Session]:
        return [
            s
            for sid, r in list(self.raw.items())
            if isinstance(r, dict) and r.get("username") == username and (s := self.get(sid))
        ]

    def put(self, session: Session) -> None:
        self.raw[session.sid], self.parsed[session.sid], self.changed = {"username": session.username}, session, True

    def pop(self, sid: str) -> None:
        if self.raw.pop(sid, None) is not None or self.parsed.pop(sid, None) is not None:
            self.changed = True

    def live(self, now: datetime) -> dict:
        kept = {}
        for sid, record in self.raw.items():
            session = self.parsed.get(sid)
            if session is None:
                try:
                    session = Session.model_validate(record)
                except ValueError:
                    continue
            if not session.expired(now):
                kept[sid] = session.model_dump(mode="json")
        return kept


@contextmanager
def _locked(home: Path, write: bool, now: datetime | None = None, durable: bool = True) -> Iterator[_Records]:
    with private_file.locked(store_path(home), write=write) as file:
        try:
            raw = json.loads(file.text) if file.text.strip() else {}
        except ValueError:  # a damaged store signs everyone out; it never opens a session it cannot read
            raw = None
        records = _Records(raw if isinstance(raw, dict) else {})
        records.changed = raw is None or not isinstance(raw, dict)
        yield records
        if write and records.changed:  # ended sessions are dropped at every write: the file holds live ones only
            # a sign-in, a claim or a sign-out must survive a crash (durable); a click's time need not
            file.replace(json.dumps(records.live(now or datetime.now(UTC))), durable=durable)


def open_session(
    home: Path, username: str, stamp: str, purpose: str | None = None, *, now: datetime | None = None
) -> tuple[Session, str]:
    """A new session for a sign-in; returns it and the one-time code that claims its cookie."""
    now = now or datetime.now(UTC)
    code = secrets.token_urlsafe(TOKEN_BYTES)
    session = Session(
        sid=secrets.token_urlsafe(16),
        username=username,
        account_stamp=stamp,
        signed_in_at=now,
        last_seen=now,
        purpose=purpose,
        claim_hash=digest(code),
        claim_expires=now + CLAIM_WINDOW,
    )
    with _locked(home, write=True, now=now) as sessions:
        sessions.put(session)
        own = sorted(sessions.of(username), key=lambda s: s.last_seen, reverse=True)
        for older in own[MAX_PER_ACCOUNT:]:
            sessions.pop(older.sid)
    return session, code


def claim(home: Path, code: str, *, now: datetime | None = None) -> str | None:
    """The new cookie token for a claim code, once; None for an unknown, used or stale code."""
    now = now or datetime.now(UTC)
    with _locked(home, write=True, now=now) as sessions:
        session = sessions.find("claim_hash", digest(code))
        if session is None:
            return None
        fresh = session.claim_expires is not None and now <= session.claim_expires and not session.expired(now)
        session.claim_hash = session.claim_expires = None  # used up either way
        token = secrets.token_urlsafe(TOKEN_BYTES) if fresh else None
        session.token_hash = digest(token) if token else session.token_hash
        sessions.put(session)
        return token


def by_token(home: Path, token: str, *, now: datetime | None = None) -> Session | None:
    """The live session a cookie's token belongs to, if any."""
    now = now or datetime.now(UTC)
    with _locked(home, write=False) as sessions:
        session = sessions.find("token_hash", digest(token))
        return None if session is None or session.expired(now) else session


def current(home: Path, sid: str) -> Session | None:
    with _locked(home, write=False) as sessions:
        return sessions.get(sid)


def touch(home: Path, sid: str, *, purpose: str | None = None, now: datetime | None = None) -> Session | None:
    """Record activity (and the case reference, when given); None if the session has ended."""
    now = now or datetime.now(UTC)
    with _locked(home, write=True, now=now, durable=False) as sessions:
        session = sessions.get(sid)
        if session is None or session.expired(now):
            sessions.pop(sid)
            return None
        if now - session.last_seen >= TOUCH_EVERY or (purpose and purpose != session.purpose):
            session.last_seen = max(session.last_seen, now)
            session.purpose = purpose or session.purpose
            sessions.put(session)
        return session


def revoke(home: Path, sid: str) -> None:
    with _locked(home, write=True) as sessions:
        sessions.pop(sid)


def revoke_token(home: Path, token: str) -> None:
    with _locked(home, write=True) as sessions:
        if session := sessions.find("token_hash", digest(token)):
            sessions.pop(session.sid)


def of_account(home: Path, username: str) -> list[Session]:
    with _locked(home, write=False) as sessions:
        return sessions.of(username)
