"""members: shop-scoped email and phone lookup indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

Without statistics SQLite answered `user_id = ? AND phone = ?` from an index on
user_id alone, which reads the whole shop; these indexes make the plan certain.
"""
from loyalty_desk.db.migrations.schema_ops import add_indexes, drop_indexes

revision = "0006"
down_revision = "0005"


INDEXES = {"ix_loyalty_members_user_email": ["user_id", "email"], "ix_loyalty_members_user_phone": ["user_id", "phone"]}


def upgrade() -> None:
    add_indexes("loyalty_members", INDEXES)


def downgrade() -> None:
    drop_indexes("loyalty_members", reversed(INDEXES))
