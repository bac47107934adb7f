"""the ledger's type index also orders by date

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04

`ix_loyalty_points_transactions_type` becomes (transaction_type, created_at): the dashboard's and
the liability report's refunds of a period are then one range of it, instead of every refund
the shop ever made filtered by date (75,000 rows at a million members). Every query that used the
type alone uses the new index's first column.
"""
from alembic import op

revision = "0023"
down_revision = "0022"

TABLE = "loyalty_points_transactions"
INDEX = "ix_loyalty_points_transactions_type"


def upgrade() -> None:
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, ["transaction_type", "created_at"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, ["transaction_type"])
