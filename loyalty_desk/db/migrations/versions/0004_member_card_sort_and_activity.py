"""members: card number sort index; last activity never empty

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.execute("UPDATE loyalty_members SET last_activity_date = enrollment_date WHERE last_activity_date IS NULL")
    with op.batch_alter_table("loyalty_members") as batch:
        batch.alter_column("last_activity_date", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.create_index("ix_loyalty_members_by_card_number", ["user_id", "card_number", "id"])


def downgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.drop_index("ix_loyalty_members_by_card_number")
        batch.alter_column("last_activity_date", existing_type=sa.DateTime(timezone=True), nullable=True)
