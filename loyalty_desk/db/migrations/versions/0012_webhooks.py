"""Web shops' webhooks: their signing secrets, the shop's choices, and the orders no member matched

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

`loyalty_webhook_secrets` holds each shop's Shopify and WooCommerce signing secret, one row per
provider. A webhook's HMAC can only be checked with the secret itself, so it is kept as given
(not hashed), in its own table so that no shop row, and no DTO read from one, ever carries it.
Shops get `webhook_auto_enroll` (false: an unknown customer's order waits in the list below)
and `webhook_program_id` (NULL: the shop's only active program). `loyalty_unmatched_orders`
keeps a paid web order whose customer is no member, or that could not be recorded, until the
owner resolves it (a purchase of a member) or dismisses it; one row per order reference.
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import BOOL, INT, JSON, MONEY, OWNER, STAMP, TEXT, col, create_table, one_of

revision = "0012"
down_revision = "0011"

PROVIDERS = ("shopify", "woocommerce")


def upgrade() -> None:
    create_table("loyalty_webhook_secrets", [
        col("user_id", OWNER), col("provider", 16), col("secret", 200), col("set_at", STAMP),
    ], key=("user_id", "provider"), checks={"provider": one_of("provider", PROVIDERS)})
    create_table("loyalty_unmatched_orders", [
        col("id", INT), col("user_id", OWNER), col("provider", 16), col("order_ref", 128),
        col("webhook_id", 100, null=True), col("customer_name", 200, null=True), col("email", 320, null=True),
        col("phone", 32, null=True), col("subtotal", MONEY), col("refunded", MONEY), col("currency", 3),
        col("refund_refs", JSON), col("received_at", STAMP), col("status", 12), col("reason", TEXT),
        col("member_id", INT, null=True), col("transaction_id", INT, null=True), col("closed_at", STAMP, null=True),
    ], checks={"provider": one_of("provider", PROVIDERS),
               "status": one_of("status", ("open", "resolved", "dismissed"))},
        uniques=[("user_id", "order_ref")],
        indexes={"ix_loyalty_unmatched_orders_status": ["user_id", "status", "received_at"]})
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(sa.Column("webhook_auto_enroll", BOOL, nullable=False, server_default=sa.false()))
        batch.add_column(col("webhook_program_id", INT, null=True))
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.alter_column("webhook_auto_enroll", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.drop_column("webhook_program_id")
        batch.drop_column("webhook_auto_enroll")
    op.drop_table("loyalty_unmatched_orders")
    op.drop_table("loyalty_webhook_secrets")
