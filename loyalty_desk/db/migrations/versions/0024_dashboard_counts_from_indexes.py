"""the dashboard's period refunds and open redemptions are read from their indexes alone

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05

At a million members the dashboard spent most of its time fetching table rows for two counts:
the refunds of cancelled redemptions in its 30 days (16,000 rows, 72 ms) and the redemptions
still to fulfil (59,000 rows, 60 ms), each found by an index that did not hold what it then read.
`ix_loyalty_points_transactions_type` now also holds the program, the status and the points of a
row, and `ix_loyalty_redemptions_status` the program of a redemption: both counts are read from
the index alone. Every query that used the two indexes uses their first columns as before.
"""
from alembic import op

revision = "0024"
down_revision = "0023"

LEDGER, TYPE_INDEX = "loyalty_points_transactions", "ix_loyalty_points_transactions_type"
REDEMPTIONS, STATUS_INDEX = "loyalty_redemptions", "ix_loyalty_redemptions_status"


def upgrade() -> None:
    op.drop_index(TYPE_INDEX, table_name=LEDGER)
    op.create_index(TYPE_INDEX, LEDGER, ["transaction_type", "created_at", "program_id", "status", "points_amount"])
    op.drop_index(STATUS_INDEX, table_name=REDEMPTIONS)
    op.create_index(STATUS_INDEX, REDEMPTIONS, ["fulfillment_status", "program_id"])


def downgrade() -> None:
    op.drop_index(STATUS_INDEX, table_name=REDEMPTIONS)
    op.create_index(STATUS_INDEX, REDEMPTIONS, ["fulfillment_status"])
    op.drop_index(TYPE_INDEX, table_name=LEDGER)
    op.create_index(TYPE_INDEX, LEDGER, ["transaction_type", "created_at"])
