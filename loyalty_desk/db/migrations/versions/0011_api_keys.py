"""API keys, which key wrote each row, and the API's enrollment rate limit

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

`loyalty_api_keys` holds the keys of the local HTTP API (README, "HTTP API"): a SHA-256 of
each key, never the key. The ledger, activity, tier-change and settings-change rows get
`actor_api_key_id`, the key that wrote them when `actor_kind` is "api" (NULL on every other
row, existing ones included: added by ALTER TABLE ADD COLUMN, without a foreign key, which
on SQLite would rebuild the ledger). Shops get `api_enrollments_per_minute` (default 30).
Activity rows get an index on (key, time), the API's enrollment rate limit counts through it.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import (
    INT,
    OWNER,
    STAMP,
    add_indexes,
    col,
    create_table,
    drop_indexes,
    one_of,
)

revision = "0011"
down_revision = "0010"

ACTED = ("loyalty_points_transactions", "loyalty_member_activity", "loyalty_tier_progression",
         "loyalty_settings_changes")
RATE_INDEX = "ix_loyalty_member_activity_api_key"


def upgrade() -> None:
    create_table("loyalty_api_keys", [
        col("id", INT), col("user_id", OWNER), col("name", 60), col("scope", 8), col("key_hash", 64),
        col("key_prefix", 12), col("created_at", STAMP), col("revoked_at", STAMP, null=True),
        col("last_used_at", STAMP, null=True),
    ], checks={"scope": one_of("scope", ("read", "write"))}, uniques=[("key_hash",)],
        indexes={"ix_loyalty_api_keys_user": ["user_id", "created_at"]})
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(col("actor_api_key_id", INT, null=True))
    add_indexes("loyalty_member_activity", {RATE_INDEX: ["actor_api_key_id", "activity_date"]})
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(sa.Column("api_enrollments_per_minute", INT, nullable=False, server_default="30"))
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.alter_column("api_enrollments_per_minute", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.drop_column("api_enrollments_per_minute")
    drop_indexes("loyalty_member_activity", [RATE_INDEX])
    for table in ACTED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("actor_api_key_id")
    op.drop_table("loyalty_api_keys")
