"""members: shop-scoped email and phone lookup indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

Without statistics SQLite answered `user_id = ? AND phone = ?` from an index on
user_id alone, which reads the whole shop; these indexes make the plan certain.
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.create_index("ix_loyalty_members_user_email", ["user_id", "email"])
        batch.create_index("ix_loyalty_members_user_phone", ["user_id", "phone"])


def downgrade() -> None:
    with op.batch_alter_table("loyalty_members") as batch:
        batch.drop_index("ix_loyalty_members_user_phone")
        batch.drop_index("ix_loyalty_members_user_email")
