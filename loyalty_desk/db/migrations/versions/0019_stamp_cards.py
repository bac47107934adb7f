"""stamp card programs

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04

Programs gain a fifth type, `stamps` (README, "Earning"): one stamp, held as one point, per
qualifying purchase. Only the CHECK on `program_type` widens; no row changes. It is made in place
(schema_ops.replace_check): PostgreSQL replaces the constraint, SQLite edits the table's stored
definition (every row already meets the wider CHECK).
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import one_of, replace_check

revision = "0019"
down_revision = "0018"

PROGRAMS = "loyalty_programs"
OLD_TYPES = ("points", "tiered", "hybrid", "cash_back")
NEW_TYPES = (*OLD_TYPES, "stamps")


def upgrade() -> None:
    replace_check(PROGRAMS, "program_type", one_of("program_type", OLD_TYPES), one_of("program_type", NEW_TYPES))


def downgrade() -> None:
    stamps = op.get_bind().execute(sa.text(f"SELECT count(*) FROM {PROGRAMS} WHERE program_type = 'stamps'"))
    if stamps.scalar_one():
        raise RuntimeError("The shop runs stamp card programs, which the older schema cannot hold")
    replace_check(PROGRAMS, "program_type", one_of("program_type", NEW_TYPES), one_of("program_type", OLD_TYPES))
