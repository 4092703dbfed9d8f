"""Prepared downloads are short-lived: a file Streamlit made for a click is deleted within
2 x SWEEP_SECONDS, even when nobody's page reruns.

A file made on click (a deferred download) belongs to no session, so Streamlit's own
orphan collection marks it on one pass and deletes it on the next; on its own that only
runs at the end of someone's script run. The sweeper runs the same public collection on a
clock. Files a live page still shows (images, charts) are never orphans and stay.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from streamlit.runtime import Runtime

SWEEP_SECONDS = 15.0
_LOG = logging.getLogger(__name__)


def sweep_once() -> None:
    if Runtime.exists():
        Runtime.instance().media_file_mgr.remove_orphaned_files()


async def _sweep_forever(every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(sweep_once)
        except Exception:  # noqa: BLE001 - a failed pass must not end the sweeping; the next one retries
            _LOG.exception("download sweep failed")


@asynccontextmanager
async def sweeping(every: float = SWEEP_SECONDS):
    task = asyncio.create_task(_sweep_forever(every))
    try:
        yield
    finally:
        task.cancel()
