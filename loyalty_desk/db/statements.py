"""Which SQL statements a block of code runs: for the statement budgets in the tests and the
statements-per-call column of the benchmarks (statements, not milliseconds, are what a test can
pin down without timing anything)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def recorded(engine: Engine) -> Iterator[list[str]]:
    """The SQL text of every statement the engine runs inside the block, in order (an
    `executemany` counts once: it is one round trip)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
