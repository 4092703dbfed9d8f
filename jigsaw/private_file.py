"""One owner-only state file under JIGSAW_HOME, read and rewritten under a file lock.

Accounts (jigsaw/accounts.py) and explorer sessions (explorer/session_store.py) each keep one
JSON file that several processes (the explorer's sessions, the CLI) change at once: the file
is made readable by its owner only, in a folder only the owner may enter, and every change
happens under an exclusive lock, every read under a shared one.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class LockedFile:
    """The text the file held when the lock was taken, and a way to replace it whole."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self.text = handle.read()

    def replace(self, text: str, *, durable: bool = True) -> None:
        """Write `text` in place of the file's content; `durable` waits until it is on disk."""
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(text)
        self._handle.flush()
        if durable:
            os.fsync(self._handle.fileno())


@contextmanager
def locked(path: Path, *, write: bool) -> Iterator[LockedFile]:
    """`path`, created 0600 in a 0700 folder if missing, locked to write (exclusive) or to read (shared)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        yield LockedFile(handle)
