"""Registers on one SQLite file take turns for its write lock.

SQLite has no queue for its write lock: whoever asks first after a commit gets it. A process
that writes again at once therefore keeps winning, and a register polling for the lock can
wait until its time limit. So a register that is waiting says so, by touching a small file
beside the database (`loyalty.db-waiting`, empty, owner-only); a process about to write again
right after its own commit looks at that file's time and, when someone is waiting, leaves the
lock free for a few milliseconds first. Without waiters nobody pauses.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from .. import paths

FRESH_S = 0.1         # a touch this recent means a register is still waiting
TOUCH_EVERY_S = 0.005  # a waiter refreshes the file no more often than this


class Turns:
    def __init__(self, database_path: Path | None) -> None:
        self.marker = None if database_path is None else database_path.with_name(database_path.name + "-waiting")
        self._touched = 0.0

    def waiting(self) -> None:
        """This process could not get the write lock and will try again."""
        now = time.monotonic()
        if self.marker is None or now - self._touched < TOUCH_EVERY_S:
            return
        self._touched = now
        try:
            fd = paths.open_private(self.marker, os.O_WRONLY | os.O_CREAT)
            try:
                os.utime(fd)
            finally:
                os.close(fd)
        except OSError:
            self.marker = None  # a read-only folder: fall back to polling alone

    def someone_waiting(self) -> bool:
        if self.marker is None:
            return False
        try:
            return time.time() - self.marker.stat().st_mtime < FRESH_S
        except OSError:
            return False
