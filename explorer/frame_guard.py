"""Only the explorer itself may frame its pages (clickjacking): two headers on every HTTP response.

`frame-ancestors 'self'` is the modern control; X-Frame-Options covers older browsers. Streamlit's
own iframes (components, the graph's srcdoc) are same-origin, so they still load.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

FRAME_HEADERS = {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN"}


class FrameGuard:
    """Pure ASGI middleware (no buffering: streamed and static responses pass through unchanged)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_guarded(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                # Appended, not set: a stricter policy Streamlit sends still applies alongside ours.
                headers.append("Content-Security-Policy", FRAME_HEADERS["Content-Security-Policy"])
                headers["X-Frame-Options"] = FRAME_HEADERS["X-Frame-Options"]
            await send(message)

        await self.app(scope, receive, send_guarded)
