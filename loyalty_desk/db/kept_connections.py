"""Read connections kept open by the thread that used them, for the next read of that thread.

Checking a connection out of SQLAlchemy's pool and back in costs about 13 µs, as much as SQLite
needs for the indexed lookup a read then runs. A thread that reads again (the counter's GUI
thread, a worker) takes back its own connection instead, with no transaction open: on SQLite an
idle connection holds no lock and no snapshot, so keeping it changes nothing for other registers
(the pool keeps idle connections open all the same). A few are kept at most; a connection whose
thread has ended is closed, never left for the garbage collector, and closing the database closes
every one kept.
"""
from __future__ import annotations

import threading

from sqlalchemy import Connection, Engine

# Connections kept at most: the pool's other connections stay free for the writes.
KEEP = 4


class KeptConnections:
    def __init__(self, engine: Engine, *, keep: int = KEEP) -> None:
        self.engine = engine
        self.keep = keep
        self._kept: dict[threading.Thread, Connection] = {}
        self._lock = threading.Lock()
        self._closed = False

    def take(self) -> Connection:
        """This thread's kept connection, or a new one from the pool."""
        if self.keep:
            with self._lock:
                conn = self._kept.pop(threading.current_thread(), None)
            if conn is not None and not conn.closed and not conn.invalidated:
                return conn
        return self.engine.connect()

    def give_back(self, conn: Connection, *, reusable: bool) -> None:
        """After a read: kept for this thread's next read (its transaction rolled back), or closed.
        A read that failed is not `reusable`: its connection goes back to the pool, which checks it."""
        if reusable and self.keep and not conn.closed and not conn.invalidated:
            try:
                if conn.in_transaction():
                    conn.rollback()
                raw = conn.connection.driver_connection
                if raw is not None and raw.in_transaction:
                    raw.rollback()           # a read begun on the driver's own cursor (prepared.py)
            except Exception:  # noqa: BLE001 - an unusable connection is closed below, not kept
                pass
            else:
                if self._keep(conn):
                    return
        if self._closed:
            # The database closed while this read ran: its pool is gone, so the connection is
            # closed for good rather than checked into a pool nobody closes (a kept WAL file).
            conn.invalidate()
        conn.close()

    def _keep(self, conn: Connection) -> bool:
        ended: list[Connection] = []
        me = threading.current_thread()
        with self._lock:
            if len(self._kept) >= self.keep:   # full: make room by the threads that have ended
                for thread in [t for t in self._kept if not t.is_alive()]:
                    ended.append(self._kept.pop(thread))
            kept = not self._closed and me not in self._kept and len(self._kept) < self.keep
            if kept:
                self._kept[me] = conn
        for old in ended:
            old.close()
        return kept

    def close(self) -> None:
        """Close every kept connection; later reads close theirs when done."""
        with self._lock:
            self._closed = True
            kept, self._kept = list(self._kept.values()), {}
        for conn in kept:
            conn.close()
