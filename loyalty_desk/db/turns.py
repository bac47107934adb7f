"""Registers on one SQLite file take turns for its write lock, first come, first served.

SQLite has no queue for its write lock: whoever asks first after a commit gets it, so a process
that writes again at once keeps winning and a polling register can wait until its time limit.
So writers that find the lock taken queue up as tickets: empty, owner-only files in a private
folder beside the database (`loyalty.db-turns/`), named by the time they started waiting. Only
the oldest ticket tries for the lock; a writer that finds any ticket queued joins the end of the
queue instead of trying, so the one that just committed goes behind those already waiting.
Alone, nobody queues: a writer tries at once, and only a lock held by someone else makes a ticket.

A waiter refreshes its ticket while it waits; one not refreshed for FRESH_S belongs to a
process that died or gave up, and is ignored and removed. A folder that cannot be written
(a read-only place) leaves writers polling as before, without a queue.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .. import paths

FRESH_S = 1.0        # a ticket older than this without a refresh is a dead waiter's
REFRESH_S = 0.1      # a waiter refreshes its ticket no more often than this


@dataclass
class Ticket:
    name: str
    refreshed: float


class Turns:
    def __init__(self, database_path: Path | None) -> None:
        self.folder = None if database_path is None else database_path.with_name(database_path.name + "-turns")

    def queue(self) -> list[str]:
        """The live tickets, oldest first (stale ones are removed on the way)."""
        if self.folder is None:
            return []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        now = time.time()
        live = []
        for entry in entries:
            try:
                if now - entry.stat().st_mtime <= FRESH_S:
                    live.append(entry.name)
                    continue
                os.unlink(entry.path)
            except OSError:
                continue   # gone meanwhile (its writer got the lock), or removed by another
        return sorted(live)

    def my_turn(self, ticket: Ticket | None) -> bool:
        """Whether to try for the lock now: without a ticket, when nobody is queued; with one,
        when it is the oldest (or the queue cannot be kept)."""
        queue = self.queue()
        if ticket is None:
            return not queue
        return self.folder is None or not queue or queue[0] == ticket.name

    def join(self) -> Ticket:
        """Queue up behind the writers already waiting."""
        ticket = Ticket(f"{time.time_ns():020d}-{os.getpid()}-{threading.get_ident()}", 0.0)
        self.keep(ticket)
        return ticket

    def keep(self, ticket: Ticket) -> None:
        """Still waiting: refresh the ticket (or write it again if it was taken for a dead one's)."""
        now = time.monotonic()
        if self.folder is None or now - ticket.refreshed < REFRESH_S:
            return
        ticket.refreshed = now
        try:
            if not self.folder.is_dir():
                paths.make_dirs(self.folder)
            fd = paths.open_private(self.folder / ticket.name, os.O_WRONLY | os.O_CREAT)
            try:
                os.utime(fd)
            finally:
                os.close(fd)
        except OSError:
            self.folder = None   # a read-only place: poll without a queue

    def leave(self, ticket: Ticket) -> None:
        if self.folder is None:
            return
        try:
            os.unlink(self.folder / ticket.name)
        except OSError:
            pass
