"""The session cookie: set and cleared only by the explorer's own HTTP routes (explorer/server.py).

Streamlit talks to the page over a websocket, which cannot set a cookie. So the page that
has just signed in posts its one-time claim code to `CLAIM_PATH`; the answer sets a fresh
token as an HttpOnly, SameSite=Strict cookie (Secure when the page is served over https),
host-only, for at most the absolute session length. `END_PATH` revokes the cookie's session
and clears it, if the page names that cookie. Both refuse a request from another origin and
read at most `MAX_BODY` bytes.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jigsaw.config import get_settings

from . import session_store

COOKIE = "jigsaw_session"
CLAIM_PATH = "/api/session/claim"
END_PATH = "/api/session/end"
MAX_BODY = 256


def _https(request: Request) -> bool:
    # Behind a TLS-terminating proxy the scheme arrives in X-Forwarded-Proto; a forged header only
    # makes the cookie Secure, which a plain-http browser then never sends back: it cannot weaken it.
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def _same_origin(request: Request) -> bool:
    """Only the explorer's own pages may call these routes (a fetch always sends Origin on POST)."""
    origin, host = request.headers.get("origin"), request.headers.get("host")
    if not origin or not host:
        return False
    return origin.split("://", 1)[-1] == host and request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


async def _body(request: Request) -> str | None:
    received = b""
    async for chunk in request.stream():
        received += chunk
        if len(received) > MAX_BODY:
            return None
    try:
        return received.decode("ascii").strip()
    except UnicodeDecodeError:
        return None


def set_cookie(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(session_store.ABSOLUTE_TIMEOUT.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure,
    )


async def claim(request: Request) -> Response:
    code = await _body(request) if _same_origin(request) else None
    token = session_store.claim(get_settings().jigsaw_home, code) if code else None
    if token is None:
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    set_cookie(response, token, _https(request))
    return response


async def end(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    # The page names the cookie it means by its digest: a newer cookie (a later sign-in) is left alone.
    meant, token = await _body(request), request.cookies.get(COOKIE)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if token and meant and len(token) <= MAX_BODY and secrets.compare_digest(session_store.digest(token), meant):
        session_store.revoke_token(get_settings().jigsaw_home, token)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_https(request))
    return response


ROUTES = [Route(CLAIM_PATH, claim, methods=["POST"]), Route(END_PATH, end, methods=["POST"])]
