"""Which SQL statements a block of code runs: for the statement budgets in the tests and the
statements-per-call column of the benchmarks (statements, not milliseconds, are what a test can
pin down without timing anything)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from . import prepared


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement the block runs, through SQLAlchemy or prepared.py, with its parameters, in
    order (an `executemany` counts once: it is one round trip). Only this thread's: not those of
    the database's own threads meanwhile (the checkpoint thread's, db/checkpoints.py)."""
    seen: list[tuple[str, Any]] = []
    mine = threading.get_ident()

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if threading.get_ident() == mine:
            seen.append((statement, parameters))

    def record_prepared(statement: str, parameters: Any) -> None:
        if threading.get_ident() == mine:
            seen.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", record)
    prepared.listeners.append(record_prepared)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
        prepared.listeners.remove(record_prepared)


@contextmanager
def recorded(engine: Engine) -> Iterator[list[str]]:
    """The SQL text of every statement the engine runs inside the block, in order."""
    texts: list[str] = []
    with captured(engine) as seen:
        try:
            yield texts
        finally:
            texts.extend(statement for statement, _ in seen)
