"""rollups for the dashboard and more snapshot columns

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The new tables start empty; the service fills them from the ledger the first
time it opens the database (services/rollups.py, ensure_rollups).
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import DATE, INT, JSON, MONEY, OWNER, col, create_table

revision = "0003"
down_revision = "0002"

SNAPSHOT_COLUMNS = ("eligible_members", "redeeming_members", "redemptions", "points_redeemed_today",
                    "total_points_expired")


def upgrade() -> None:
    create_table("loyalty_program_totals", [
        col("program_id", INT), col("user_id", OWNER),
        *(col(name, INT) for name in ("members", "points_issued", "points_redeemed", "points_expired",
                                      "points_outstanding", "points_pending")),
        col("spending", MONEY), col("tier_counts", JSON),
    ], key=["program_id"], checks={"outstanding": "points_outstanding >= 0", "pending": "points_pending >= 0"},
        refs={"program_id": "loyalty_programs.id"})
    create_table("loyalty_expiry_calendar", [
        col("program_id", INT), col("expiry_day", DATE), col("user_id", OWNER), col("points", INT),
    ], key=["program_id", "expiry_day"], checks={"points": "points >= 0"}, refs={"program_id": "loyalty_programs.id"})
    with op.batch_alter_table("loyalty_program_analytics") as batch:
        for column in SNAPSHOT_COLUMNS:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("loyalty_program_analytics") as batch:
        for column in SNAPSHOT_COLUMNS:
            batch.alter_column(column, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("loyalty_program_analytics") as batch:
        for column in SNAPSHOT_COLUMNS:
            batch.drop_column(column)
    op.drop_table("loyalty_expiry_calendar")
    op.drop_table("loyalty_program_totals")
