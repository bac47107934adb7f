"""ledger: index on related_transaction_id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

Returns, pending releases and refunds look up the rows they correct by this
column; without an index each lookup scanned the ledger.
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("loyalty_points_transactions") as batch:
        batch.create_index("ix_loyalty_points_transactions_related", ["related_transaction_id"])


def downgrade() -> None:
    with op.batch_alter_table("loyalty_points_transactions") as batch:
        batch.drop_index("ix_loyalty_points_transactions_related")
