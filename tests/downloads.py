"""Clicking a download button in AppTest as the browser does: Streamlit 1.67 makes a deferred
download's file only when the browser asks for it (a websocket request naming the button's
placeholder id). AppTest's click does not send that request, so `click` sends it itself."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """Placeholder ids of the deferred downloads rendered so far, each with its media manager."""
    made: dict[str, MediaFileManager] = {}
    original = MediaFileManager.add_deferred

    def spy(self, *args, **kwargs):
        file_id = original(self, *args, **kwargs)
        made[file_id] = self
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def click(made: dict, button) -> bytes:
    """What the browser receives for a click on `button` (an AppTest download button)."""
    file_id = button.proto.deferred_file_id
    assert file_id and not button.proto.url, "the file exists before the click"
    manager = made[file_id]
    url = manager.execute_deferred(file_id)
    return manager.read_file(url.rsplit("/", 1)[-1]).content
