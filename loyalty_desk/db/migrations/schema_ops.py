"""Building blocks the migration scripts share.

Migrations are history: once released, what a helper here emits must never
change, or an old migration would build a different schema. Add a new helper
rather than change one. Names follow the naming convention of models/base.py,
wrapped in `op.f()` so Alembic takes them as final.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

INT = sa.Integer()
TEXT = sa.Text()
DATE = sa.Date()
BOOL = sa.Boolean()
STAMP = sa.DateTime(timezone=True)
MONEY = sa.Numeric(precision=14, scale=2)
RATE = sa.Numeric(precision=10, scale=4)
PERCENT = sa.Numeric(precision=7, scale=2)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
OWNER = sa.String(length=64)


def text_key(length: int) -> sa.types.TypeEngine[Any]:
    """A sort key compared byte by byte on PostgreSQL, as SQLite does."""
    return sa.String(length=length).with_variant(sa.String(length=length, collation="C"), "postgresql")


def col(name: str, type_: sa.types.TypeEngine[Any] | int, *, null: bool = False) -> sa.Column[Any]:
    """A column; a bare number is a VARCHAR of that length."""
    return sa.Column(name, sa.String(length=type_) if isinstance(type_, int) else type_, nullable=null)


def one_of(column: str, values: Iterable[str]) -> str:
    """The CHECK body that keeps a column to its enum's values."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def create_table(name: str, columns: Sequence[sa.Column[Any]], *, key: Sequence[str] = ("id",),
                 checks: Mapping[str, str] | None = None, refs: Mapping[str, str] | None = None,
                 uniques: Sequence[Sequence[str]] = (), extra: Sequence[sa.Constraint] = (),
                 indexes: Mapping[str, Sequence[str]] | None = None,
                 partial: Mapping[str, tuple[str, str]] | None = None) -> None:
    """One table with its named constraints, then its indexes.

    `checks` maps a constraint's short name to its SQL; `refs` maps a column to
    the "table.column" it refers to; `partial` maps an index name to its column
    and the WHERE clause of the rows it covers.
    """
    constraints: list[sa.Constraint] = [
        sa.CheckConstraint(sql, name=op.f(f"ck_{name}_{short}")) for short, sql in (checks or {}).items()]
    for column, target in (refs or {}).items():
        table = target.split(".")[0]
        constraints.append(sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{name}_{column}_{table}")))
    constraints.append(sa.PrimaryKeyConstraint(*key, name=op.f(f"pk_{name}")))
    constraints += [sa.UniqueConstraint(*cols, name=op.f(f"uq_{name}_{'_'.join(cols)}")) for cols in uniques]
    op.create_table(name, *columns, *constraints, *extra)
    if indexes or partial:
        with op.batch_alter_table(name) as batch:
            for index, cols in (indexes or {}).items():
                batch.create_index(index, list(cols), unique=False)
            for index, (column, where) in (partial or {}).items():
                batch.create_index(index, [column], unique=False,
                                   sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def add_indexes(table: str, indexes: Mapping[str, Sequence[str]]) -> None:
    with op.batch_alter_table(table) as batch:
        for index, cols in indexes.items():
            batch.create_index(index, list(cols))


def drop_indexes(table: str, names: Iterable[str]) -> None:
    with op.batch_alter_table(table) as batch:
        for index in names:
            batch.drop_index(index)


def replace_check(table: str, short: str, before: str, after: str) -> None:
    """Replace the CHECK `ck_<table>_<short>` whose body is `before` by one whose body is `after`,
    without copying the table: on PostgreSQL by dropping and adding the constraint; on SQLite by
    editing the table's stored definition, SQLite's documented procedure for a constraint change
    every row already meets (a wider list of values). Refuses a table whose CHECK is not `before`."""
    name = f"ck_{table}_{short}"
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f(name), table, type_="check")
        op.create_check_constraint(op.f(name), table, after)
        return
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar_one()
    old, new = f"CHECK ({before})", f"CHECK ({after})"
    if table_sql.count(old) != 1:
        raise RuntimeError(f"{table}: its {short} CHECK is not the one this migration expects")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                         (table_sql.replace(old, new), table))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")
