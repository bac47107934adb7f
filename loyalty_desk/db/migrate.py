"""Alembic, run from code: the migrations ship inside the package.

Opening an up-to-date database needs only the list of revisions below, not Alembic: importing
it and reading the migration scripts cost a fifth of the start-up, so Alembic is loaded when a
database actually needs migrating (tests/test_engine.py checks the list against the scripts).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# Every revision in migrations/versions, oldest first: a new migration adds its id here.
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0012", "0013",
             "0014", "0015", "0016", "0017", "0018", "0019", "0020", "0021", "0022", "0023", "0024")
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database (None: a database without the version table)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade_to_head(connection: Connection) -> None:
    """Create or migrate the schema; Alembic stamps the version table as it goes."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the app knows: any other was made by a newer one."""
    return frozenset(REVISIONS)


def script_revisions() -> tuple[str, ...]:
    """The revisions as Alembic reads them from the scripts, oldest first (for the test of REVISIONS)."""
    from alembic.script import ScriptDirectory

    return tuple(reversed([rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()]))
