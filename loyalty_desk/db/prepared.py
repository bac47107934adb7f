"""Hot statements compiled once and run on the driver's own cursor.

SQLAlchemy's `Connection.execute` spends about 80 µs of Python per call (events, the compiled
cache, result metadata), three to five times what SQLite needs for an indexed lookup. The counter's
hottest statements are therefore compiled once per dialect by SQLAlchemy itself, and bound and
typed by SQLAlchemy's own type processors: the SQL sent and the values returned are exactly those
of a normal execute, without the machinery around it.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import ClauseElement

# Callbacks told of every statement run here (db/statements.recorded), like SQLAlchemy's
# before_cursor_execute event is for the others.
listeners: list[Callable[[str, Any], None]] = []


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: bool
    names: tuple[str, ...]                       # parameter names, in the order the SQL takes them
    # Per parameter: its name, the statement's own value (a literal's), SQLAlchemy's bind processor.
    slots: tuple[tuple[str, Any, Callable[[Any], Any] | None], ...]
    result_types: tuple[Any, ...]                # the dialect's type of each result column
    make_row: Callable[[Iterable[Any]], Any]


class Prepared:
    """A SELECT, INSERT or UPDATE compiled once per dialect; `rows()` runs it in the connection's
    transaction (beginning one as SQLAlchemy would) and returns named tuples."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}
        # Result processors depend on the driver's column types (PostgreSQL), known after a first run.
        # Per dialect: (column index, processor) of the columns that have one; the others pass as read.
        self._processors: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}

    def rows(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Any]:
        cursor = self.cursor(conn, params)
        if cursor.description is None:
            return []
        compiled = self._compiled[conn.dialect.name]
        processors = self._processors.get(conn.dialect.name)
        if processors is None:
            found = [kind.result_processor(conn.dialect, column[1])
                     for kind, column in zip(compiled.result_types, cursor.description, strict=True)]
            processors = self._processors[conn.dialect.name] = [(i, fix) for i, fix in enumerate(found) if fix]
        make = compiled.make_row
        if not processors:
            return [make(raw) for raw in cursor.fetchall()]
        rows = []
        for raw in cursor.fetchall():
            values = list(raw)
            for i, fix in processors:
                if values[i] is not None:
                    values[i] = fix(values[i])
            rows.append(make(values))
        return rows

    def cursor(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        """The driver's cursor after running the statement (for an INSERT or UPDATE: its rowcount)."""
        return self.many(conn, [params or {}], single=True)

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]], *, single: bool = False) -> Any:
        """Run an INSERT or UPDATE once for each of `rows`: one executemany, one statement."""
        compiled = self._compiled.get(conn.dialect.name) or self._compile(conn.dialect)
        values = [tuple([(given[name] if name in given else default) if bind is None
                         else _bound(bind, given[name] if name in given else default)
                         for name, default, bind in compiled.slots]) for given in rows]
        raw: Any = conn.connection.driver_connection
        if not conn.in_transaction():
            if conn.get_execution_options().get("loyalty_write"):
                conn.begin()  # in turn for the write lock (engine.py)
            elif conn.dialect.name == "sqlite" and not raw.in_transaction:  # PostgreSQL's driver begins by itself
                # A read's snapshot, so that its statements agree; SQLAlchemy's begin event would
                # cost 40 µs more, and the pool's rollback ends it all the same.
                for listen in listeners:
                    listen("BEGIN", ())
                raw.execute("BEGIN")
        bound = values if compiled.positional else [dict(zip(compiled.names, v, strict=True)) for v in values]
        for listen in listeners:
            listen(compiled.sql, bound[0] if single else bound)
        cursor = raw.cursor()
        error = conn.dialect.loaded_dbapi.Error
        try:
            if single:
                cursor.execute(compiled.sql, bound[0])
            else:
                cursor.executemany(compiled.sql, bound)
        except error as exc:
            # As SQLAlchemy's own execute raises it (IntegrityError, OperationalError…), so the unit
            # of work tells a lost race or a lock timeout alike, and without the row's values.
            raise DBAPIError.instance(compiled.sql, bound[0] if single else bound, exc, error, hide_parameters=True,
                                      dialect=conn.dialect) from exc
        return cursor

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled: Any = self.statement.compile(dialect=dialect)  # a SQLCompiler: positional, binds
        sql = str(compiled)
        if "POSTCOMPILE" in sql:
            raise ValueError("a statement with expanding parameters cannot be prepared once")
        names = tuple(compiled.positiontup or ()) if compiled.positional else tuple(compiled.binds)
        slots = tuple((name, compiled.binds[name].value,
                       compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names)
        columns = list(getattr(self.statement, "exported_columns", ()))   # a SELECT's, or a RETURNING's
        keys = _keys(self.statement)
        result = _Compiled(
            sql=sql, positional=compiled.positional, names=names, slots=slots,
            result_types=tuple(column.type.dialect_impl(dialect) for column in columns),
            make_row=_row_maker(keys))
        self._compiled[dialect.name] = result
        return result


def insert_into(model: Any, *, skip: Iterable[str] = (), returning: Any = None) -> Prepared:
    """An INSERT of a row of a mapped class's table (every column but those skipped, such as a
    generated id), each value bound by the column's own type; `returning`: a column to read back
    (the generated id: RETURNING, which SQLite has since 3.35 and PostgreSQL always)."""
    left_out = set(skip)
    statement = insert(model).values({
        column.name: bindparam(column.name, type_=column.type)
        for column in model.__table__.columns if column.name not in left_out})
    return Prepared(statement.inline() if returning is None else statement.returning(returning))


def _bound(bind: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else bind(value)


def _keys(statement: ClauseElement) -> Sequence[str]:
    """The names of the result columns, as SQLAlchemy gives them (a repeated name made unique)."""
    columns = getattr(statement, "exported_columns", None)
    return () if columns is None else list(columns.keys())


def _row_maker(keys: Sequence[str]) -> Callable[[Iterable[Any]], Any]:
    """Rows that read like SQLAlchemy's (`row.name`, `row[0]`), as cheap as a tuple."""
    if not keys:
        return tuple
    # rename: an unlabelled column (SQLAlchemy calls it "_no_label") is read by position.
    row_type: Any = namedtuple("PreparedRow", list(keys), rename=True)  # type: ignore[misc]  # names known at run time
    make: Callable[[Iterable[Any]], Any] = row_type._make
    return make
