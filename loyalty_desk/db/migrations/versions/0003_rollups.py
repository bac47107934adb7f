"""rollups for the dashboard and more snapshot columns

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The new tables start empty; the service fills them from the ledger the first
time it opens the database (services/rollups.py, ensure_rollups).
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SNAPSHOT_COLUMNS = ("eligible_members", "redeeming_members", "redemptions", "points_redeemed_today",
                    "total_points_expired")


def upgrade() -> None:
    op.create_table(
        "loyalty_program_totals",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("points_issued", sa.Integer(), nullable=False),
        sa.Column("points_redeemed", sa.Integer(), nullable=False),
        sa.Column("points_expired", sa.Integer(), nullable=False),
        sa.Column("points_outstanding", sa.Integer(), nullable=False),
        sa.Column("points_pending", sa.Integer(), nullable=False),
        sa.Column("spending", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("tier_counts", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.CheckConstraint("points_outstanding >= 0", name=op.f("ck_loyalty_program_totals_outstanding")),
        sa.CheckConstraint("points_pending >= 0", name=op.f("ck_loyalty_program_totals_pending")),
        sa.ForeignKeyConstraint(["program_id"], ["loyalty_programs.id"],
                                name=op.f("fk_loyalty_program_totals_program_id_loyalty_programs")),
        sa.PrimaryKeyConstraint("program_id", name=op.f("pk_loyalty_program_totals")),
    )
    op.create_table(
        "loyalty_expiry_calendar",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("expiry_day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.CheckConstraint("points >= 0", name=op.f("ck_loyalty_expiry_calendar_points")),
        sa.ForeignKeyConstraint(["program_id"], ["loyalty_programs.id"],
                                name=op.f("fk_loyalty_expiry_calendar_program_id_loyalty_programs")),
        sa.PrimaryKeyConstraint("program_id", "expiry_day", name=op.f("pk_loyalty_expiry_calendar")),
    )
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
