"""The explorer's web server: Streamlit's own ASGI app around explorer/app.py, with the frame
guard on every response and the sweeper that keeps prepared downloads short-lived.

`jigsaw explore` runs this file with `streamlit run`, which finds `app` and serves it.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from explorer.download_sweeper import sweeping
from explorer.frame_guard import FrameGuard


@asynccontextmanager
async def _lifespan(_app):
    async with sweeping():
        yield None


app = st.App("app.py", middleware=[Middleware(FrameGuard)], lifespan=_lifespan)
