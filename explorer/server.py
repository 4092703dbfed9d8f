"""The explorer's web server: Streamlit's own ASGI app around explorer/app.py, with the frame
guard on every response, the session cookie's routes and the sweeper that keeps prepared downloads short-lived.

`jigsaw explore` runs this file with `streamlit run`, which finds `app` and serves it.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from explorer.download_sweeper import sweeping
from explorer.frame_guard import FrameGuard
from explorer.session_cookie import ROUTES as SESSION_ROUTES


@asynccontextmanager
async def _lifespan(_app):
    async with sweeping():
        yield None


# The session routes set and clear the sign-in cookie (a websocket cannot): explorer/session_cookie.py.
app = st.App("app.py", routes=SESSION_ROUTES, middleware=[Middleware(FrameGuard)], lifespan=_lifespan)
