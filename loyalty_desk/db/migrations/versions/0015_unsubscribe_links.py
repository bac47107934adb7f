"""one-click unsubscribe links

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04

Shops get `unsubscribe_base_url`, the address members reach the HTTP API at (README,
"Messages"): when set, every email carries a one-click link `<base>/unsubscribe/<token>`.
`loyalty_unsubscribe_tokens` keeps the SHA-256 of each link's token with the member it opts
out, never the token itself. The shop column is added by ALTER TABLE ADD COLUMN.
"""
from alembic import op

from loyalty_desk.db.migrations.schema_ops import INT, OWNER, STAMP, col, create_table

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    create_table("loyalty_unsubscribe_tokens", [
        col("token_hash", 64), col("user_id", OWNER), col("member_id", INT), col("created_at", STAMP),
    ], key=("token_hash",), refs={"member_id": "loyalty_members.id"},
        indexes={"ix_loyalty_unsubscribe_tokens_member": ["member_id"]})
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(col("unsubscribe_base_url", 300, null=True))


def downgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.drop_column("unsubscribe_base_url")
    op.drop_table("loyalty_unsubscribe_tokens")
