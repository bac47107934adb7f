"""ledger: index on related_transaction_id

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

Returns, pending releases and refunds look up the rows they correct by this
column; without an index each lookup scanned the ledger.
"""
from loyalty_desk.db.migrations.schema_ops import add_indexes, drop_indexes

revision = "0005"
down_revision = "0004"


LEDGER = "loyalty_points_transactions"
INDEX = "ix_loyalty_points_transactions_related"


def upgrade() -> None:
    add_indexes(LEDGER, {INDEX: ["related_transaction_id"]})


def downgrade() -> None:
    drop_indexes(LEDGER, [INDEX])
