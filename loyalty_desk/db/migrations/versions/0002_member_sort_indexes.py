"""member list sort indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from loyalty_desk.db.migrations.schema_ops import add_indexes, drop_indexes

revision = "0002"
down_revision = "0001"

COLUMNS = ("current_points", "lifetime_points", "total_spent", "last_activity_date", "enrollment_date")
INDEXES = {f"ix_loyalty_members_by_{column}": ["user_id", column, "id"] for column in COLUMNS}


def upgrade() -> None:
    add_indexes("loyalty_members", INDEXES)


def downgrade() -> None:
    drop_indexes("loyalty_members", INDEXES)
