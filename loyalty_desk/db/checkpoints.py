"""Folding SQLite's write-ahead log into the database file, off the registers' path.

SQLite's default: the connection whose commit takes the log past 1,000 pages copies the logged
pages into the file and syncs it, inside that commit. Beside the daily job that connection was
usually a register's (it commits most often), and its sale waited for the job's pages. Here no
connection folds the log as it commits (`wal_autocheckpoint = 0`, engine.py): a thread of the
process does, a moment after writes, with a PASSIVE checkpoint, which never waits for the
registers' reads. Closing the database's last connection folds what is left, as SQLite always does.

The thread folds while holding the write lock, taken in turn like any writer's (turns.py). SQLite
starts its log again from the beginning only when a writer finds every logged page folded; a
fold that others commit beside never gets there, and beside the daily job the log grew to 1 GB
at 100,000 members. Under the lock the fold reaches the log's end, so the next writer starts it
again. A register waits for one fold (a few milliseconds of copying and one sync) instead.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger(__name__)

# Writes of the same moment are folded together: the thread waits this long after the first.
PAUSE_S = 0.2


class Checkpointer:
    def __init__(self, engine: Engine, *, write_options: Callable[[], dict[str, Any]],
                 is_busy: Callable[[BaseException], bool]) -> None:
        """`write_options`: the execution options of a write transaction (the engine takes the
        write lock in turn for them); `is_busy`: whether an error is the lock still taken at their
        deadline (the fold is then tried again after the next pause)."""
        self.engine = engine
        self.write_options = write_options
        self.is_busy = is_busy
        self.folded = 0                 # checkpoints run: how a test knows the thread got there
        self._wrote = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def wrote(self) -> None:
        """A write committed (or is about to): fold the log shortly."""
        if self._thread is None:
            with self._lock:
                if self._thread is None and not self._stopping.is_set():
                    self._thread = threading.Thread(target=self._run, name="loyalty-wal-checkpoints", daemon=True)
                    self._thread.start()
        self._wrote.set()

    def close(self) -> None:
        """Stop the thread (the database is closing: its last connection folds the rest)."""
        with self._lock:
            self._stopping.set()
            thread = self._thread
        self._wrote.set()
        if thread is not None:
            thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            self._wrote.wait()
            if self._stopping.wait(PAUSE_S):
                return
            self._wrote.clear()
            try:
                self._fold()
                self.folded += 1
            except Exception as exc:  # noqa: BLE001 - a checkpoint left undone is done by the next one or the close
                self._wrote.set()
                if not self.is_busy(exc):
                    log.warning("the write-ahead log was not folded into the database", exc_info=True)

    def _fold(self) -> None:
        with self.engine.connect().execution_options(**self.write_options()) as holder:
            lock = holder.begin()
            try:
                # Another connection folds: a checkpoint cannot run inside a transaction. The holder
                # wrote nothing and rolls back, so no commit asks for another fold.
                raw = self.engine.raw_connection()
                try:
                    raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
                finally:
                    raw.close()
            finally:
                lock.rollback()
