"""member list sort indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("current_points", "lifetime_points", "total_spent", "last_activity_date", "enrollment_date")


def upgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        for column in COLUMNS:
            batch.create_index(f"ix_loyalty_members_by_{column}", ["user_id", column, "id"])


def downgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        for column in COLUMNS:
            batch.drop_index(f"ix_loyalty_members_by_{column}")
