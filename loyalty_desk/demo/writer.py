"""Where the replayed rows are written: in this process, or in a writer process of their own.

A big build spends about as long simulating members in Python as SQLite spends inserting
their rows. With a writer process the two overlap on two cores: while the writer inserts one
chunk of members, this process simulates the next and makes its rows ready for the driver
(`BulkRows`: tuples of plain values, also the cheapest to send; binding them here rather than
there balances the two processes, and still does with the indexes made after the rows: binding
the activity log there made the writer the slower again). The writer opens the same database as
the builder does (`open_database`) and inserts as `write_rows` does in process, a few chunks per
transaction. At most one chunk waits in the pipe, so memory stays bounded. When the rows are in,
the writer makes the indexes deferred in a new file (bulk.defer_indexes) while this process
computes the snapshots.

The writer is a fresh interpreter (not a fork of a process that may run Qt's threads), started
only for a SQLite file and outside a frozen bundle (a bundle's executable is the desktop app,
not a Python that can run the writer).
"""
from __future__ import annotations

import gc
import json
import pickle
import subprocess
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection

from ..db import Database
from ..db.engine import open_database, sqlite_file_of
from ..services.bulk import BulkRows, keep_roomy_page_cache
from .bulk import INSERT_BATCH, create_indexes, make_indexes, write_rows
from .world import Rows

# Rows the writer process inserts per transaction: a few chunks (a commit checkpoints the WAL;
# the raw twin of benchmarks/bench_build.py commits as often). Nobody else writes to a demo being
# built, and a build stopped half way is thrown away whatever was committed.
COMMIT_ROWS = 500_000

# Below this many members the writer's start (a fresh interpreter importing the app, about a
# second) costs more than the overlap saves.
PROCESS_MEMBERS = 20_000

Chunk = list[tuple[str, list[Any]]]   # (an INSERT's SQL, its rows' parameters for the driver), parents first
COMMIT, ACK = ("commit", None), b"\x06"   # commit what was written; done
# The writer's program: the folder holding this package goes first on its path if it is not there.
SERVE = ("import sys; sys.path[:0] = [p for p in sys.argv[1:] if p not in sys.path]; "
         f"from {__name__} import serve; serve(sys.stdin.buffer, sys.stdout.buffer)")


def wants_process(database_url: str, members: int) -> bool:
    """Whether a build of `members` members into `database_url` should write in a process of its own."""
    return (members >= PROCESS_MEMBERS and not getattr(sys, "frozen", False)
            and sqlite_file_of(database_url) is not None)


class InlineWriter:
    """Each chunk written in this process before the next is simulated."""

    timings: dict[str, float] = {}

    def __init__(self, db: Database) -> None:
        self.db = db

    def write(self, rows: Rows, counts: Counter[str]) -> None:
        write_rows(self.db, rows, counts)

    def commit(self) -> None:
        pass

    def make_indexes(self, statements: list[str]) -> None:
        make_indexes(self.db, statements)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


class ProcessWriter:
    """Each chunk made ready here and written by a writer process, while the next is simulated.

    The writer is a Python running `serve`, fed pickled messages on its standard input: the
    database's address first (so it never shows in the process list), then chunks, COMMIT (it
    answers ACK once every row is committed), the statements of the indexes to make, and None.
    It answers on its standard output with the seconds it spent (JSON), or what went wrong.
    """

    timings: dict[str, float]   # the writer's seconds receiving (waiting, unpickling) and writing

    def __init__(self, db: Database) -> None:
        self.dialect = db.engine.dialect
        self.timings = {}
        root = str(Path(__file__).resolve().parents[2])   # this package, not another installed copy
        self.process = subprocess.Popen([sys.executable, "-c", SERVE, root], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self._send(db.url)

    def write(self, rows: Rows, counts: Counter[str]) -> None:
        ready = BulkRows(self.dialect)   # one per chunk: its cache of bound moments stays small
        chunk: Chunk = []
        for name, table, batch in rows.tables():
            for start in range(0, len(batch), INSERT_BATCH):
                chunk.append(ready(table, batch[start:start + INSERT_BATCH]))
            counts[name] += len(batch)
        self._send(("rows", chunk))

    def commit(self) -> None:
        """Wait until every chunk sent is written and committed; raise what went wrong, if anything."""
        self._send(COMMIT)
        assert self.process.stdout is not None
        answer = self.process.stdout.read(len(ACK))
        if answer != ACK:
            self._finish(before=answer)

    def make_indexes(self, statements: list[str]) -> None:
        """Have the writer make these indexes (bulk.make_indexes) while this process goes on."""
        self._send(("indexes", statements))

    def close(self) -> None:
        """Wait until the writer has done everything sent; raise what went wrong in it, if anything."""
        self._send(None)
        self._finish()

    def abort(self) -> None:
        """The build failed here: the writer stops after the chunk it is writing."""
        self._finish(raising=False)

    def _send(self, message: object) -> None:
        assert self.process.stdin is not None
        try:
            pickle.dump(message, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
        except (BrokenPipeError, ConnectionResetError):
            self._finish()

    def _finish(self, raising: bool = True, before: bytes = b"") -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        if self.process.stdout.closed:   # finished already (a failed send, then the build's abort)
            return
        try:
            self.process.stdin.close()
        except (BrokenPipeError, ConnectionResetError):
            pass
        outcome = (before + self.process.stdout.read()).decode(errors="replace")
        self.process.stdout.close()
        code = self.process.wait()
        if code == 0 and outcome:
            self.timings = json.loads(outcome)
        elif raising:
            raise RuntimeError(f"the demo's writer process failed (exit code {code}):\n{outcome}")


def serve(messages: BinaryIO, answer: BinaryIO) -> None:
    """The writer process: the database's address, then messages until None: ("rows", a chunk), committed
    every COMMIT_ROWS rows; COMMIT, answered by ACK once every row is committed; ("indexes", their
    statements), made in one transaction. Answers the seconds it spent receiving, writing and
    indexing when all went well, else the error.

    One connection writes everything, its page cache roomy throughout (`keep_roomy_page_cache`):
    it is closed with the database."""
    # What it receives is freed once written and holds no cycles: the cyclic collector would only
    # walk millions of young tuples again and again.
    gc.disable()
    try:
        db = open_database(pickle.load(messages))
        try:
            with db.engine.connect() as conn:
                conn.execution_options(loyalty_write=True)   # as db.write_sessions: BEGIN IMMEDIATE, in turn
                seconds = {"receiving": 0.0, "writing": 0.0, "indexing": 0.0}
                pending, transaction, roomy = 0, None, False
                while True:
                    mark = time.perf_counter()
                    message: tuple[str, Any] | None = pickle.load(messages)
                    seconds["receiving"] += time.perf_counter() - mark
                    mark = time.perf_counter()
                    payload: Any
                    kind, payload = message or ("end", None)
                    if kind in ("rows", "indexes") and transaction is None:
                        transaction = conn.begin()
                        if not roomy:   # once: it stays with the connection
                            keep_roomy_page_cache(conn)
                            roomy = True
                    if kind == "rows":
                        write_chunk(conn, payload)
                        pending += sum(len(params) for _, params in payload)
                    if kind == "indexes":   # a transaction of their own: COMMIT came before
                        create_indexes(conn, payload)
                    if transaction is not None and (kind != "rows" or pending >= COMMIT_ROWS):
                        transaction.commit()
                        transaction, pending = None, 0
                    if message == COMMIT:
                        answer.write(ACK)
                        answer.flush()
                    seconds["indexing" if kind == "indexes" else "writing"] += time.perf_counter() - mark
                    if message is None:
                        break
        finally:
            db.dispose()
    except BaseException:   # noqa: BLE001 - everything goes back to the builder, which raises it
        answer.write(traceback.format_exc().encode())
        answer.flush()
        raise SystemExit(1) from None
    answer.write(json.dumps({name: round(value, 2) for name, value in seconds.items()}).encode())
    answer.flush()


def write_chunk(conn: Connection, chunk: Chunk) -> None:
    """One chunk's rows inserted, parents first, as `write_rows` does in process."""
    for sql, params in chunk:
        conn.exec_driver_sql(sql, params)
