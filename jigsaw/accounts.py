"""Local accounts for the explorer: Argon2id password hashes, roles, scopes and lockout.

Kept in one JSON file under JIGSAW_HOME, readable only by its owner, updated under a file
lock. Passwords are never stored or logged; a new or reset account gets a random one-time
password that must be changed at first sign-in.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, Field

from . import private_file
from .access import DEFAULT_SOURCES, Scope, UserRole

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 12
_HASHER = PasswordHasher()
# Verifying against this when the user does not exist keeps the timing the same either way.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class Account(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{1,63}$")
    role: UserRole
    sources: list[str]
    boroughs: list[str] | None = None  # None: every borough
    password_hash: str | None = None
    email: str | None = None  # for sign-in through the organisation's identity provider
    disabled: bool = False
    must_change_password: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @property
    def scope(self) -> Scope:
        return Scope(tuple(self.sources), None if self.boroughs is None else tuple(self.boroughs))


class SignInError(Exception):
    """Why a sign-in failed, in words safe to show (never whether the user exists)."""


def store_path(home: Path) -> Path:
    return home / "accounts.json"


@contextmanager
def _locked(home: Path, write: bool) -> Iterator[dict[str, Account]]:
    with private_file.locked(store_path(home), write=write) as file:
        accounts = {
            name: Account.model_validate(a) for name, a in (json.loads(file.text) if file.text.strip() else {}).items()
        }
        try:
            yield accounts
        finally:  # saved even when the caller refuses a sign-in: the failure count must stick
            if write:
                file.replace(json.dumps({n: a.model_dump(mode="json") for n, a in sorted(accounts.items())}, indent=1))


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def add(
    home: Path,
    username: str,
    role: UserRole,
    *,
    sources: list[str] | None = None,
    boroughs: list[str] | None = None,
    email: str | None = None,
) -> str:
    """Create an account; returns its one-time password (shown once, never stored)."""
    password = one_time_password()
    with _locked(home, write=True) as accounts:
        if username in accounts:
            raise ValueError(f"an account called {username!r} already exists")
        accounts[username] = Account(
            username=username,
            role=role,
            sources=list(sources if sources is not None else DEFAULT_SOURCES[role]),
            boroughs=boroughs,
            email=email,
            password_hash=_HASHER.hash(password),
        )
    return password


def set_disabled(home: Path, username: str, disabled: bool = True) -> None:
    with _locked(home, write=True) as accounts:
        _existing(accounts, username).disabled = disabled


def reset(home: Path, username: str) -> str:
    """A new one-time password; clears any lockout."""
    password = one_time_password()
    with _locked(home, write=True) as accounts:
        account = _existing(accounts, username)
        account.password_hash, account.must_change_password = _HASHER.hash(password), True
        account.failed_attempts, account.locked_until = 0, None
    return password


def change_password(home: Path, username: str, old: str, new: str) -> None:
    if len(new) < MIN_PASSWORD:
        raise SignInError(f"choose a password of at least {MIN_PASSWORD} characters")
    if new == old:
        raise SignInError("choose a password different from the one-time password")
    sign_in(home, username, old)
    with _locked(home, write=True) as accounts:
        account = _existing(accounts, username)
        account.password_hash, account.must_change_password = _HASHER.hash(new), False


# One answer for every refusal a stranger could provoke, so it never confirms that an
# account exists: unknown, wrong password, locked (whatever the password: a lockout that
# said "right password" would let guessing go on through it).
REFUSED = (
    "wrong username or password, or too many failed attempts: "
    f"wait {LOCKOUT.seconds // 60} minutes or ask an administrator"
)


def sign_in(home: Path, username: str, password: str, *, now: datetime | None = None) -> Account:
    """The account if the password is right; counts failures and locks after MAX_FAILURES.

    Only someone who gives the right password learns that the account is disabled.
    """
    now = now or datetime.now(UTC)
    with _locked(home, write=True) as accounts:
        account = accounts.get(username.strip().lower())
        if account is None or (account.locked_until and account.locked_until > now):
            _verify(_DUMMY_HASH, password)  # the same work either way: timing tells nothing
            raise SignInError(REFUSED)
        if not account.password_hash or not _verify(account.password_hash, password):
            account.failed_attempts += 1
            if account.failed_attempts >= MAX_FAILURES:
                account.locked_until, account.failed_attempts = now + LOCKOUT, 0
            raise SignInError(REFUSED)
        if account.disabled:
            raise SignInError("this account is disabled; ask an administrator")
        account.failed_attempts, account.locked_until = 0, None
        return account.model_copy()


def current(home: Path, username: str) -> Account | None:
    """The account as the store holds it now (no password check), or None if it is gone."""
    with _locked(home, write=False) as accounts:
        account = accounts.get(username)
        return account.model_copy() if account else None


def set_scope(
    home: Path,
    username: str,
    *,
    role: UserRole | None = None,
    sources: list[str] | None = None,
    boroughs: list[str] | None = None,
    every_borough: bool = False,
) -> Account:
    """Change what an account may read; an open session takes it on at its next interaction."""
    with _locked(home, write=True) as accounts:
        account = _existing(accounts, username)
        if role is not None:
            account.role = role
        if sources is not None:
            account.sources = list(sources)
        if boroughs is not None or every_borough:
            account.boroughs = None if every_borough else list(boroughs)
        return account.model_copy()


def by_email(home: Path, email: str) -> Account | None:
    """The enabled account an identity provider's verified email maps to, if any."""
    with _locked(home, write=False) as accounts:
        for account in accounts.values():
            if account.email and account.email.lower() == email.strip().lower() and not account.disabled:
                return account.model_copy()
    return None


def listing(home: Path) -> list[Account]:
    with _locked(home, write=False) as accounts:
        return [a.model_copy() for a in accounts.values()]


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _existing(accounts: dict[str, Account], username: str) -> Account:
    if username not in accounts:
        raise KeyError(f"no account called {username!r}")
    return accounts[username]
