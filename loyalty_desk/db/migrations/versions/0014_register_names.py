"""The register that wrote each row

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04

The ledger, activity, tier-change and settings-change rows get `register_name`: the name of
the register (the computer running the app, Settings ▸ Shop…, "This register") that wrote
them, beside the staff member who did (README, "Who did what"). NULL on rows written before,
and on rows of the HTTP API, the command line and the daily jobs. Added by ALTER TABLE ADD
COLUMN, which leaves SQLite's ledger where it is.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import col

revision = "0014"
down_revision = "0013"

ACTED = ("loyalty_points_transactions", "loyalty_member_activity", "loyalty_tier_progression",
         "loyalty_settings_changes")


def upgrade() -> None:
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(col("register_name", 40, null=True))


def downgrade() -> None:
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("register_name")
