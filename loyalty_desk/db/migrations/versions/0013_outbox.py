"""the email outbox, message templates, members' consent and the shop's mail server

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04

`loyalty_outbox` holds the emails to members, each queued in the transaction of the event
that causes it (README, "Messages"); `loyalty_message_templates` a shop's own templates.
Members get `marketing_consent` (with when and how it was given) and `email_opt_out`; shops
the SMTP settings (never the password: it is in the OS keyring).

The member columns are added by ALTER TABLE ADD COLUMN, the two flags NOT NULL with a server
default of false that stays (written '0', a plain value: an expression default would make Alembic
rebuild the table on SQLite) (dropping it would rebuild the members table on SQLite, and
there may be a million rows): every existing member has no consent and has not opted out.
Shop columns are added the same way; `smtp_security` is kept to its three values by `save_shop`
(a CHECK would need the shops table rebuilt on SQLite).
"""
import sqlalchemy as sa
from alembic import op

from loyalty_desk.db.migrations.schema_ops import BOOL, INT, JSON, OWNER, STAMP, TEXT, col, create_table, one_of

revision = "0013"
down_revision = "0012"

KINDS = ("welcome", "tier_changed", "points_expiring", "birthday", "redemption_update", "reactivation")
STATUSES = ("pending", "sent", "failed")
SHOP_COLUMNS = ("smtp_host", "smtp_port", "smtp_security", "smtp_username", "smtp_from", "smtp_reply_to",
                "smtp_allow_self_signed")


def upgrade() -> None:
    create_table("loyalty_outbox", [
        col("id", INT), col("user_id", OWNER), col("program_id", INT), col("member_id", INT), col("kind", 24),
        col("status", 8), col("dedupe_key", 80, null=True), col("facts", JSON), col("created_at", STAMP),
        col("next_attempt_at", STAMP), col("attempts", INT), col("last_error", TEXT, null=True),
        col("claimed_by", 80, null=True), col("claimed_until", STAMP, null=True), col("sent_at", STAMP, null=True),
        col("recipient", 254, null=True), col("subject", 300, null=True),
    ], checks={"kind": one_of("kind", KINDS), "status": one_of("status", STATUSES), "attempts": "attempts >= 0"},
        refs={"program_id": "loyalty_programs.id", "member_id": "loyalty_members.id"},
        uniques=[("member_id", "dedupe_key")],
        indexes={"ix_loyalty_outbox_due": ["user_id", "status", "next_attempt_at"],
                 "ix_loyalty_outbox_member": ["member_id", "kind", "created_at"],
                 "ix_loyalty_outbox_user_id": ["user_id", "id"]})
    create_table("loyalty_message_templates", [
        col("id", INT), col("user_id", OWNER), col("kind", 24), col("subject", 300), col("body_text", TEXT),
        col("body_html", TEXT, null=True), col("updated_at", STAMP),
    ], checks={"kind": one_of("kind", KINDS)}, uniques=[("user_id", "kind")])
    with op.batch_alter_table("loyalty_members") as batch:
        batch.add_column(sa.Column("marketing_consent", BOOL, nullable=False, server_default="0"))
        batch.add_column(col("marketing_consent_at", STAMP, null=True))
        batch.add_column(col("marketing_consent_source", 40, null=True))
        batch.add_column(sa.Column("email_opt_out", BOOL, nullable=False, server_default="0"))
    with op.batch_alter_table("loyalty_shops") as batch:
        batch.add_column(col("smtp_host", 253, null=True))
        batch.add_column(col("smtp_port", INT, null=True))
        batch.add_column(sa.Column("smtp_security", sa.String(length=8), nullable=False, server_default="starttls"))
        batch.add_column(col("smtp_username", 254, null=True))
        batch.add_column(col("smtp_from", 254, null=True))
        batch.add_column(col("smtp_reply_to", 254, null=True))
        batch.add_column(sa.Column("smtp_allow_self_signed", BOOL, nullable=False, server_default="0"))


def downgrade() -> None:
    # The outbox first: its rows refer to members, whose table is rebuilt below.
    op.drop_table("loyalty_message_templates")
    op.drop_table("loyalty_outbox")
    with op.batch_alter_table("loyalty_shops") as batch:
        for name in reversed(SHOP_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table("loyalty_members") as batch:
        for name in ("email_opt_out", "marketing_consent_source", "marketing_consent_at", "marketing_consent"):
            batch.drop_column(name)
