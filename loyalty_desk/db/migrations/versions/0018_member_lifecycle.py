"""member lifecycle, milestones

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04

Members get `visit_count` (sales recorded), `lifetime_milestone` (the highest lifetime-points
milestone reached) and `lapsed_at` (when a lifecycle rule made them inactive). All are added
by ALTER TABLE ADD COLUMN, NULL for existing members: a visit count is counted at the member's
next sale, and no milestone is celebrated for points earned before this version.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import INT, STAMP, col

revision = "0018"
down_revision = "0017"


def upgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.add_column(col("visit_count", INT, null=True))
        batch.add_column(col("lifetime_milestone", INT, null=True))
        batch.add_column(col("lapsed_at", STAMP, null=True))


def downgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.drop_column("lapsed_at")
        batch.drop_column("lifetime_milestone")
        batch.drop_column("visit_count")
