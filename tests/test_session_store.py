"""Server-side explorer sessions (issue 19, item 3): the store and the cookie's routes, attacked.

The store keeps only SHA-256 digests of tokens and claim codes, in an owner-only file; a claim
code works once and briefly; a forged, stale or revoked token is refused; an account holds at
most MAX_PER_ACCOUNT sessions. The routes set the cookie HttpOnly, SameSite=Strict, host-only,
Secure over https, and refuse another origin and an oversized body.
"""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from explorer import session_store as store
from explorer.session_cookie import CLAIM_PATH, COOKIE, END_PATH, MAX_BODY, ROUTES

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _open(home, username="amira.k", now=NOW):
    return store.open_session(home, username, "stamp", "CASE-1", now=now)


def test_only_digests_are_stored_in_an_owner_only_file(tmp_path):
    session, code = _open(tmp_path)
    token = store.claim(tmp_path, code, now=NOW)
    text = store.store_path(tmp_path).read_text()
    assert token and code not in text and token not in text
    assert store.digest(token) in text and len(token) >= 43  # 32 random bytes, URL-safe base64
    assert stat.S_IMODE(store.store_path(tmp_path).stat().st_mode) == 0o600
    assert store.by_token(tmp_path, token, now=NOW).sid == session.sid


def test_a_claim_code_works_once_and_only_briefly(tmp_path):
    _, code = _open(tmp_path)
    assert store.claim(tmp_path, code, now=NOW) and store.claim(tmp_path, code, now=NOW) is None
    _, late = _open(tmp_path)
    assert store.claim(tmp_path, late, now=NOW + store.CLAIM_WINDOW + timedelta(seconds=1)) is None
    assert store.claim(tmp_path, "forged-" + "A" * 40, now=NOW) is None


@pytest.mark.parametrize("forged", ["", "x", "A" * 43, "' OR 1=1 --", "\udcff" * 10, "%00" * 20])
def test_a_forged_token_is_refused(tmp_path, forged):
    _, code = _open(tmp_path)
    store.claim(tmp_path, code, now=NOW)
    assert store.by_token(tmp_path, forged, now=NOW) is None


def test_idle_and_absolute_timeouts_end_a_stored_session(tmp_path):
    session, code = _open(tmp_path)
    token = store.claim(tmp_path, code, now=NOW)
    assert store.by_token(tmp_path, token, now=NOW + store.IDLE_TIMEOUT + timedelta(seconds=1)) is None
    for minutes in range(25, 12 * 60, 25):  # used all day, never idle: the absolute limit still ends it
        assert store.touch(tmp_path, session.sid, now=NOW + timedelta(minutes=minutes))
    assert store.by_token(tmp_path, token, now=NOW + timedelta(minutes=12 * 60 - 5)) is not None
    assert store.by_token(tmp_path, token, now=NOW + store.ABSOLUTE_TIMEOUT + timedelta(seconds=1)) is None
    assert store.touch(tmp_path, session.sid, now=NOW + store.ABSOLUTE_TIMEOUT + timedelta(seconds=1)) is None


def test_revoked_sessions_are_refused_everywhere(tmp_path):
    session, code = _open(tmp_path)
    token = store.claim(tmp_path, code, now=NOW)
    store.revoke(tmp_path, session.sid)
    assert store.by_token(tmp_path, token, now=NOW) is None and store.current(tmp_path, session.sid) is None


def test_an_account_holds_a_bounded_number_of_sessions(tmp_path):
    made = [_open(tmp_path, now=NOW + timedelta(seconds=i))[0] for i in range(store.MAX_PER_ACCOUNT + 3)]
    _open(tmp_path, username="someone.else")
    kept = {s.sid for s in store.of_account(tmp_path, "amira.k")}
    assert kept == {s.sid for s in made[-store.MAX_PER_ACCOUNT :]}  # the least recently used went first
    assert len(store.of_account(tmp_path, "someone.else")) == 1


def test_a_damaged_store_opens_no_session(tmp_path):
    store.store_path(tmp_path).write_text('{"x": {"sid": "x", "username": "a"')
    assert store.by_token(tmp_path, "anything", now=NOW) is None
    session, _ = _open(tmp_path)
    assert json.loads(store.store_path(tmp_path).read_text()).keys() == {session.sid}


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path))
    return TestClient(Starlette(routes=ROUTES), base_url="http://127.0.0.1:8501")


SAME_ORIGIN = {"Origin": "http://127.0.0.1:8501", "Sec-Fetch-Site": "same-origin"}


def _cookie_header(response) -> str:
    [header] = [v for k, v in response.headers.multi_items() if k.lower() == "set-cookie"]
    return header


def test_the_claim_sets_a_strict_http_only_host_only_cookie(client, tmp_path):
    _, code = store.open_session(tmp_path, "amira.k", "stamp")
    answer = client.post(CLAIM_PATH, content=code, headers=SAME_ORIGIN)
    assert answer.status_code == 204 and answer.headers["cache-control"] == "no-store"
    header = _cookie_header(answer)
    flags = [part.strip().lower() for part in header.split(";")]
    token = header.split(";")[0].split("=", 1)[1]
    assert flags[0].startswith(f"{COOKIE}=") and store.by_token(tmp_path, token) is not None
    assert {"httponly", "samesite=strict", "path=/", f"max-age={12 * 3600}"} <= set(flags)
    assert "secure" not in flags and not any(f.startswith("domain") for f in flags)
    assert client.post(CLAIM_PATH, content=code, headers=SAME_ORIGIN).status_code == 403  # once only


def test_over_https_the_cookie_is_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path))
    secure = TestClient(Starlette(routes=ROUTES), base_url="https://jigsaw.example")
    _, code = store.open_session(tmp_path, "amira.k", "stamp")
    answer = secure.post(CLAIM_PATH, content=code, headers={"Origin": "https://jigsaw.example"})
    assert "secure" in [p.strip().lower() for p in _cookie_header(answer).split(";")]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:8501", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ],
)
def test_another_origin_cannot_claim_or_end_a_session(client, tmp_path, headers):
    _, code = store.open_session(tmp_path, "amira.k", "stamp")
    answer = client.post(CLAIM_PATH, content=code, headers=headers)
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
    assert client.post(CLAIM_PATH, content=code, headers=SAME_ORIGIN).status_code == 204  # the code was not spent
    assert client.post(END_PATH, content="x", headers=headers).status_code == 403


def test_an_oversized_or_binary_claim_is_refused(client):
    assert client.post(CLAIM_PATH, content="A" * (MAX_BODY + 1), headers=SAME_ORIGIN).status_code == 403
    assert client.post(CLAIM_PATH, content=b"\xff\xfe" * 10, headers=SAME_ORIGIN).status_code == 403
    assert client.get(CLAIM_PATH).status_code == 405


def test_end_revokes_and_clears_only_the_cookie_the_page_names(client, tmp_path):
    _, code = store.open_session(tmp_path, "amira.k", "stamp")
    token = store.claim(tmp_path, code)
    client.cookies.set(COOKIE, token)
    kept = client.post(END_PATH, content=store.digest("another token"), headers=SAME_ORIGIN)
    assert kept.status_code == 204 and "set-cookie" not in kept.headers and store.by_token(tmp_path, token)
    ended = client.post(END_PATH, content=store.digest(token), headers=SAME_ORIGIN)
    assert store.by_token(tmp_path, token) is None and "max-age=0" in _cookie_header(ended).lower()
