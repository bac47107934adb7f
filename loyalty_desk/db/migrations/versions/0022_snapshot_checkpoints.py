"""snapshot checkpoints: the analytics replay resumes from the day before

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04

`loyalty_snapshot_checkpoints` keeps, per program, the snapshot replay's state at the end of the
last day written (README, "Analytics"), so that the daily job writes a new day's figures from it
instead of reading the whole ledger again. A new table: an older database starts without one,
and its first run replays the whole history, as before.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import DATE, INT, OWNER, col, create_table

revision = "0022"
down_revision = "0021"


def upgrade() -> None:
    create_table("loyalty_snapshot_checkpoints", [
        col("program_id", INT), col("user_id", OWNER), col("snapshot_day", DATE),
        col("last_transaction_id", INT), col("last_member_id", INT), col("last_move_id", INT),
        col("state", sa.LargeBinary()),
    ], key=("program_id",), refs={"program_id": "loyalty_programs.id"})


def downgrade() -> None:
    op.drop_table("loyalty_snapshot_checkpoints")
